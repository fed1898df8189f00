/** How the audit log viewer words the trail's entries and its verification. */
import type { AuditVerification } from "../api/types.ts";
import { formatCountOf } from "./format-number.ts";

export interface VerificationSummary {
  tone: "ok" | "broken";
  text: string;
}

/**
 * `{valid: true, entries: 1200}` → "Chain verified: 1,200 entries";
 * `{valid: false, brokenAt: {seq: 17, reason: "hash mismatch"}}` → "Broken at entry #17: hash mismatch".
 */
export function describeVerification(result: AuditVerification): VerificationSummary {
  if (result.valid) {
    return {
      tone: "ok",
      text: `Chain verified: ${formatCountOf(result.entries, "entry", "entries")}`,
    };
  }
  if (result.brokenAt === undefined) {
    return {
      tone: "broken",
      text: `Chain broken after checking ${formatCountOf(result.entries, "entry", "entries")}`,
    };
  }
  return {
    tone: "broken",
    text: `Broken at entry #${result.brokenAt.seq}: ${result.brokenAt.reason}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a write did, from the audit entry's before and after images. */
export type ChangeSummary =
  | { kind: "created" }
  | { kind: "removed" }
  | { kind: "updated"; fields: string[] }
  | { kind: "none" };

/**
 * Compares an entry's before and after images: no before is a creation, no after a removal;
 * otherwise the top-level fields whose values differ (values that are not objects compare as one
 * whole, under the field name "value").
 */
export function summarizeChange(before: unknown, after: unknown): ChangeSummary {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return { kind: "none" };
  if (!hasBefore) return { kind: "created" };
  if (!hasAfter) return { kind: "removed" };
  if (!isRecord(before) || !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? { kind: "none" }
      : { kind: "updated", fields: ["value"] };
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const fields = [...keys].filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return fields.length === 0 ? { kind: "none" } : { kind: "updated", fields };
}

/** A before/after image as indented JSON; a missing image reads "null". */
export function formatJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

/** The first characters of a hash, enough to tell entries apart at a glance. */
export function shortHash(hash: string, length = 12): string {
  return hash.length <= length ? hash : `${hash.slice(0, length)}…`;
}

/**
 * An audit actor in words: `user:<id>` becomes the user's name when `userName` knows it,
 * `system:<name>` becomes "System (<name>)"; anything else is shown as recorded.
 */
export function describeAuditActor(
  actor: string,
  userName: (id: string) => string | undefined,
): string {
  const separator = actor.indexOf(":");
  if (separator < 0) return actor;
  const kind = actor.slice(0, separator);
  const id = actor.slice(separator + 1);
  if (kind === "user") return userName(id) ?? actor;
  if (kind === "system") return `System (${id})`;
  return actor;
}
