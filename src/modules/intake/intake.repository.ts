import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { IntakeRuleSetVersion } from "./intake.js";
import { type IntakeRuleSetRow, withIntakeTables } from "./intake.table.js";
import type { IntakeRule } from "./intake-rules.js";

function toVersion(row: IntakeRuleSetRow): IntakeRuleSetVersion {
  return {
    version: row.version,
    rules: JSON.parse(row.rules) as IntakeRule[],
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

export async function findLatestRuleSet(db: Kysely<DB>): Promise<IntakeRuleSetVersion | undefined> {
  const row = await withIntakeTables(db)
    .selectFrom("intake_rule_sets")
    .selectAll()
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** Every saved version, newest first. */
export async function listRuleSets(db: Kysely<DB>): Promise<IntakeRuleSetVersion[]> {
  const rows = await withIntakeTables(db)
    .selectFrom("intake_rule_sets")
    .selectAll()
    .orderBy("version", "desc")
    .execute();
  return rows.map(toVersion);
}

/** Inserts a version; the primary key makes two concurrent saves of one version fail. */
export async function insertRuleSet(db: Kysely<DB>, ruleSet: IntakeRuleSetVersion): Promise<void> {
  await withIntakeTables(db)
    .insertInto("intake_rule_sets")
    .values({
      version: ruleSet.version,
      rules: JSON.stringify(ruleSet.rules),
      created_at: ruleSet.createdAt,
      created_by: ruleSet.createdBy,
    })
    .execute();
}
