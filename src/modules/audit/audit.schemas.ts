import Type, { type Static } from "typebox";
import {
  Cursor,
  Instant,
  NextCursor,
  NullableString,
  PageLimit,
  toIso,
} from "../../http/common.schemas.js";
import type { AuditEntry } from "./audit.js";
import type { AuditVerification } from "./audit.service.js";

const FilterText = Type.String({ minLength: 1, maxLength: 200 });

export const ListAuditQuery = Type.Object(
  {
    actor: Type.Optional(FilterText),
    action: Type.Optional(FilterText),
    targetKind: Type.Optional(FilterText),
    targetId: Type.Optional(FilterText),
    limit: PageLimit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

const Sha256Hex = Type.String({ pattern: "^[0-9a-f]{64}$" });

export const AuditEntryResponse = Type.Object({
  seq: Type.Integer(),
  at: Instant,
  actor: Type.String({ description: "`user:<id>` or `system:<name>`" }),
  action: Type.String(),
  targetKind: Type.String(),
  targetId: NullableString,
  before: Type.Unknown({ description: "The record before the write; null when absent or purged." }),
  after: Type.Unknown({ description: "The record after the write; null when absent or purged." }),
  payloadHash: Sha256Hex,
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type AuditEntryResponse = Static<typeof AuditEntryResponse>;

export const AuditListResponse = Type.Object({
  items: Type.Array(AuditEntryResponse),
  nextCursor: NextCursor,
});

export const AuditVerifyResponse = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer({ description: "Entries that verified (up to the break, when broken)." }),
  lastHash: Type.Optional(
    Type.String({ description: "When valid: the last entry's hash, worth keeping elsewhere." }),
  ),
  brokenAt: Type.Optional(
    Type.Object({
      seq: Type.Integer(),
      reason: Type.String(),
    }),
  ),
});
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;

export function toAuditEntryResponse(entry: AuditEntry): AuditEntryResponse {
  return {
    seq: entry.seq,
    at: toIso(entry.at),
    actor: entry.actor,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    payloadHash: entry.payloadHash,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export function toAuditVerifyResponse(result: AuditVerification): AuditVerifyResponse {
  return result.valid
    ? { valid: true, entries: result.entries, lastHash: result.lastHash }
    : { valid: false, entries: result.entries, brokenAt: result.brokenAt };
}
