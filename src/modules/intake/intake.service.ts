import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import { type Actor, describeActor } from "../../access/actor.js";
import { isUniqueViolation } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { appendAudit } from "../audit/audit.service.js";
import type { IntakeRuleSetVersion } from "./intake.js";
import { findLatestRuleSet, insertRuleSet, listRuleSets } from "./intake.repository.js";
import { checkIntake, type IntakeRule, validateRuleSet } from "./intake-rules.js";

const NO_RULES: IntakeRuleSetVersion = { version: 0, rules: [], createdAt: 0, createdBy: "" };

async function loadCurrent(db: Kysely<DB>): Promise<IntakeRuleSetVersion> {
  return (await findLatestRuleSet(db)) ?? NO_RULES;
}

export async function getIntakeRules(db: Kysely<DB>, actor: Actor): Promise<IntakeRuleSetVersion> {
  requirePermission(actor, "settings:read");
  return loadCurrent(db);
}

export async function listIntakeRuleVersions(
  db: Kysely<DB>,
  actor: Actor,
): Promise<IntakeRuleSetVersion[]> {
  requirePermission(actor, "settings:read");
  return listRuleSets(db);
}

/** Saves the rules as a new version (never overwriting an old one), audited before and after. */
export async function saveIntakeRules(
  db: Kysely<DB>,
  actor: Actor,
  rules: IntakeRule[],
  now: Date,
): Promise<IntakeRuleSetVersion> {
  requirePermission(actor, "settings:write");
  const valid = validateRuleSet(rules);
  if (!("ok" in valid)) {
    throw new AppError("request.invalid", {
      message: valid.reason,
      field: `body.rules.${valid.field}`,
    });
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await loadCurrent(trx);
      const saved: IntakeRuleSetVersion = {
        version: before.version + 1,
        rules,
        createdAt: now.getTime(),
        createdBy: describeActor(actor),
      };
      await insertRuleSet(trx, saved);
      await appendAudit(trx, {
        actor,
        action: "intake.rules_update",
        targetKind: "intake_rules",
        targetId: null,
        ...(before.version === 0 ? {} : { before }),
        after: saved,
        at: saved.createdAt,
      });
      return saved;
    });
  } catch (error) {
    // Two saves built on the same version: the second loses the race for the next number.
    if (isUniqueViolation(error)) {
      throw new AppError("intake.version_conflict", {
        message: "the rules were changed at the same time; load them again and save",
        field: "body.rules",
      });
    }
    throw error;
  }
}

/**
 * Rejects a new case that breaks the current rules: 422 `case.intake_invalid`, the first failing
 * field in `field` and every failure in `errors`. Fields are named as in the request body.
 */
export async function enforceIntake(db: Kysely<DB>, input: Record<string, unknown>): Promise<void> {
  const { rules } = await loadCurrent(db);
  if (rules.length === 0) return;
  const failures = checkIntake(rules, input);
  const first = failures[0];
  if (first === undefined) return;
  throw new AppError("case.intake_invalid", {
    message: `the case fails intake validation: ${failures
      .map((failure) => `${failure.field} ${failure.reason}`)
      .join("; ")}`,
    field: `body.${first.field}`,
    errors: failures.map((failure) => ({ field: `body.${failure.field}`, reason: failure.reason })),
  });
}
