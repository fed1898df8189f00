import { hash } from "node:crypto";

/**
 * The audit trail's hash chain, as pure functions over plain data.
 *
 * Each entry carries `payloadHash = sha256(canonicalJson({after, before}))` and
 * `hash = sha256(prevHash + canonicalJson({action, actor, at, payloadHash, seq, targetId,
 * targetKind}))`, where `prevHash` is the previous entry's `hash` (64 zeros for the first).
 * Changing any of those fields, or removing or reordering an entry, breaks the chain from that
 * entry on.
 *
 * The chain covers the payload only through `payloadHash`. Retention may therefore purge an
 * entry's payload (both `before` and `after` set to NULL) and the chain still verifies; while a
 * payload is present it is checked against `payloadHash`. A purged payload cannot be told apart
 * from one an attacker removed, which is the price of being able to forget personal data.
 *
 * All hashes are lowercase SHA-256 hex. Everything here can be reproduced outside Throughline:
 * canonical JSON follows RFC 8785's rules for the values we store (object keys sorted by UTF-16
 * code units, recursively; no whitespace; strings and numbers as `JSON.stringify` writes them).
 */

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * JSON with object keys sorted, recursively, and no whitespace, so equal values always give the
 * same text: `canonicalJson({b: 1, a: [true, {d: null, c: "x"}]})` →
 * `{"a":[true,{"c":"x","d":null}],"b":1}`. Like `JSON.stringify`, it calls `toJSON` (so dates
 * become ISO strings), drops object properties whose value is undefined, a function or a symbol,
 * writes those as `null` in arrays (and at the top level), writes non-finite numbers as `null`,
 * and throws on bigints and cycles.
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value, new Set()) ?? "null";
}

function writeCanonical(input: unknown, ancestors: Set<object>): string | undefined {
  let value = input;
  if (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    value = (value as { toJSON: (key: string) => unknown }).toJSON("");
  }
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
      // JSON.stringify writes non-finite numbers as null and throws on bigints, as we want.
      return JSON.stringify(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "object":
      break;
  }
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError("canonicalJson: value contains a cycle");
  ancestors.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = `[${object.map((item: unknown) => writeCanonical(item, ancestors) ?? "null").join(",")}]`;
  } else {
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = writeCanonical(record[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(",")}}`;
  }
  ancestors.delete(object);
  return text;
}

export function sha256Hex(text: string): string {
  // The one-shot `hash` is over twice as fast as createHash for inputs this small.
  return hash("sha256", text, "hex");
}

/**
 * A payload as the audit log stores it: canonical JSON text, or null when there is nothing
 * (undefined and null alike). Storing canonical text lets verification hash the text as stored.
 */
export function serializePayload(value: unknown): string | null {
  const text = canonicalJson(value);
  return text === "null" ? null : text;
}

/** `hashPayload` over payloads as stored; a NULL column counts as JSON `null`. */
export function hashStoredPayload(beforeData: string | null, afterData: string | null): string {
  // This is canonicalJson({after, before}) for canonical payload text; any other text (an edit,
  // even of whitespace) gives a different hash, which is what verification wants.
  return sha256Hex(`{"after":${afterData ?? "null"},"before":${beforeData ?? "null"}}`);
}

/** sha256 hex of `canonicalJson({before, after})`, with undefined counted as null. */
export function hashPayload(before: unknown, after: unknown): string {
  return hashStoredPayload(serializePayload(before), serializePayload(after));
}

/** The fields of an entry that its hash covers, besides the previous hash. */
export interface ChainedFields {
  seq: number;
  at: number;
  actor: string;
  action: string;
  targetKind: string;
  targetId: string | null;
  payloadHash: string;
}

/** sha256 hex of `prevHash` followed by the canonical JSON of the entry's chained fields. */
export function hashEntry(prevHash: string, fields: ChainedFields): string {
  // canonicalJson of these seven fields, written out in sorted key order: verification runs this
  // for every entry, and the general serializer's sorting and cycle checks would double its cost.
  return sha256Hex(
    `${prevHash}{"action":${JSON.stringify(fields.action)},"actor":${JSON.stringify(fields.actor)},` +
      `"at":${JSON.stringify(fields.at)},"payloadHash":${JSON.stringify(fields.payloadHash)},` +
      `"seq":${JSON.stringify(fields.seq)},"targetId":${JSON.stringify(fields.targetId)},` +
      `"targetKind":${JSON.stringify(fields.targetKind)}}`,
  );
}

/** An entry as stored: the chained fields, the payload text (null when absent or purged), hashes. */
export interface ChainEntry extends ChainedFields {
  beforeData: string | null;
  afterData: string | null;
  prevHash: string;
  hash: string;
}

export type ChainBreak =
  | "hash mismatch"
  | "prev_hash does not link"
  | "payload does not match payload_hash";

export type ChainStep = { ok: true } | { ok: false; seq: number; reason: ChainBreak };

export interface ChainVerifier {
  /** Checks the next entry, in `seq` order; after the first break, keep the first answer. */
  next(entry: ChainEntry): ChainStep;
  /** Entries that passed so far. */
  readonly checked: number;
  /** The last entry that passed, or null before the first. */
  readonly last: { seq: number; hash: string } | null;
}

/**
 * A fold over the chain, one entry at a time, so a caller can stream millions of entries
 * through it page by page: feed entries in `seq` order and stop at the first `ok: false`.
 */
export function createChainVerifier(): ChainVerifier {
  let expectedPrevHash = GENESIS_HASH;
  let checked = 0;
  let last: { seq: number; hash: string } | null = null;
  let broken: ChainStep | undefined;
  return {
    next(entry) {
      if (broken) return broken;
      let reason: ChainBreak | undefined;
      if (entry.prevHash !== expectedPrevHash) {
        reason = "prev_hash does not link";
      } else if (hashEntry(entry.prevHash, entry) !== entry.hash) {
        reason = "hash mismatch";
      } else if (
        (entry.beforeData !== null || entry.afterData !== null) &&
        hashStoredPayload(entry.beforeData, entry.afterData) !== entry.payloadHash
      ) {
        reason = "payload does not match payload_hash";
      }
      if (reason !== undefined) {
        broken = { ok: false, seq: entry.seq, reason };
        return broken;
      }
      expectedPrevHash = entry.hash;
      checked += 1;
      last = { seq: entry.seq, hash: entry.hash };
      return { ok: true };
    },
    get checked() {
      return checked;
    },
    get last() {
      return last;
    },
  };
}

/** Verifies a whole chain held in memory: the first break, or ok with the count. */
export function verifyChain(
  entries: Iterable<ChainEntry>,
): { ok: true; entries: number } | { ok: false; entries: number; seq: number; reason: ChainBreak } {
  const verifier = createChainVerifier();
  for (const entry of entries) {
    const step = verifier.next(entry);
    if (!step.ok)
      return { ok: false, entries: verifier.checked, seq: step.seq, reason: step.reason };
  }
  return { ok: true, entries: verifier.checked };
}
