import { describe, expect, it } from "vitest";
import {
  type ChainEntry,
  canonicalJson,
  createChainVerifier,
  GENESIS_HASH,
  hashEntry,
  hashPayload,
  hashStoredPayload,
  serializePayload,
  sha256Hex,
  verifyChain,
} from "./audit-chain.js";

/** A chain built the way appendAuditBatch builds one. */
function buildChain(
  inputs: { action: string; before?: unknown; after?: unknown; targetId?: string | null }[],
): ChainEntry[] {
  let prevHash = GENESIS_HASH;
  return inputs.map((input, index) => {
    const beforeData = serializePayload(input.before);
    const afterData = serializePayload(input.after);
    const fields = {
      seq: index + 1,
      at: 1_767_000_000_000 + index * 1_000,
      actor: "user:u1",
      action: input.action,
      targetKind: "case",
      targetId: input.targetId === undefined ? `case-${index + 1}` : input.targetId,
      payloadHash: hashStoredPayload(beforeData, afterData),
    };
    const hash = hashEntry(prevHash, fields);
    const entry = { ...fields, beforeData, afterData, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

const chain = buildChain([
  { action: "case.create", after: { id: "case-1", status: "open" } },
  { action: "case.update", before: { status: "open" }, after: { status: "pending" } },
  { action: "case.update", before: { status: "pending" }, after: { status: "solved" } },
  { action: "user.create", after: { email: "ada@example.com", roles: ["agent"] }, targetId: null },
  { action: "token.revoke", before: { id: "t1" } },
]);

describe("canonicalJson", () => {
  it("sorts keys recursively and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: "x" }] })).toBe(
      '{"a":[true,{"c":"x","d":null}],"b":1}',
    );
  });

  it("gives the same text whatever the key order", () => {
    expect(canonicalJson({ z: { y: 1, x: 2 }, a: 0 })).toBe(
      canonicalJson({ a: 0, z: { x: 2, y: 1 } }),
    );
  });

  it("sorts by UTF-16 code units, integer-like keys included", () => {
    expect(canonicalJson({ 10: "a", 9: "b", B: 1, a: 2 })).toBe('{"10":"a","9":"b","B":1,"a":2}');
  });

  it("treats undefined, dates and non-finite numbers as JSON.stringify does", () => {
    expect(canonicalJson({ a: undefined, b: [undefined, Number.NaN] })).toBe('{"b":[null,null]}');
    expect(canonicalJson(new Date(Date.UTC(2026, 0, 5)))).toBe('"2026-01-05T00:00:00.000Z"');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson('quote " and \n')).toBe('"quote \\" and \\n"');
  });

  it("refuses cycles and bigints", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it("allows the same object twice when it is not its own ancestor", () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});

describe("payload hashing", () => {
  it("is sha256 of the canonical JSON of {before, after}, undefined counted as null", () => {
    const before = { status: "open", id: "c1" };
    expect(hashPayload(before, undefined)).toBe(sha256Hex(canonicalJson({ before, after: null })));
    expect(hashPayload(undefined, undefined)).toBe(sha256Hex('{"after":null,"before":null}'));
  });

  it("hashes stored payload text to the same digest as the values", () => {
    const before = { b: 2, a: [1, { d: 4, c: 3 }] };
    const after = { a: "x" };
    expect(hashStoredPayload(serializePayload(before), serializePayload(after))).toBe(
      sha256Hex(canonicalJson({ before, after })),
    );
  });

  it("stores nothing for absent payloads", () => {
    expect(serializePayload(undefined)).toBeNull();
    expect(serializePayload(null)).toBeNull();
    expect(serializePayload({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe("hashEntry", () => {
  it("is sha256 of the previous hash and the canonical JSON of the chained fields", () => {
    const fields = {
      seq: 1,
      at: 1000,
      actor: "system:cli",
      action: "events.import",
      targetKind: "events",
      targetId: null,
      payloadHash: "a".repeat(64),
    };
    expect(hashEntry(GENESIS_HASH, fields)).toBe(
      sha256Hex(
        `${GENESIS_HASH}{"action":"events.import","actor":"system:cli","at":1000,"payloadHash":"${"a".repeat(64)}","seq":1,"targetId":null,"targetKind":"events"}`,
      ),
    );
  });

  it("agrees with canonicalJson of the fields, whatever their text", () => {
    const fields = {
      seq: 1_234_567,
      at: 1_767_000_000_123,
      actor: 'user:"quoted" \\ é 😀',
      action: "case.update\n",
      targetKind: "case",
      targetId: "id with \u0000 control",
      payloadHash: "f".repeat(64),
    };
    expect(hashEntry("e".repeat(64), fields)).toBe(
      sha256Hex("e".repeat(64) + canonicalJson(fields)),
    );
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain and counts its entries", () => {
    expect(verifyChain(chain)).toEqual({ ok: true, entries: 5 });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0 });
  });

  const tampering: {
    field: keyof ChainEntry;
    value: string | number | null;
    reason: string;
  }[] = [
    { field: "seq", value: 33, reason: "hash mismatch" },
    { field: "at", value: 1, reason: "hash mismatch" },
    { field: "actor", value: "user:mallory", reason: "hash mismatch" },
    { field: "action", value: "case.delete", reason: "hash mismatch" },
    { field: "targetKind", value: "customer", reason: "hash mismatch" },
    { field: "targetId", value: "case-99", reason: "hash mismatch" },
    { field: "targetId", value: null, reason: "hash mismatch" },
    { field: "payloadHash", value: "b".repeat(64), reason: "hash mismatch" },
    { field: "hash", value: "c".repeat(64), reason: "hash mismatch" },
    { field: "prevHash", value: "d".repeat(64), reason: "prev_hash does not link" },
    {
      field: "afterData",
      value: '{"status":"closed"}',
      reason: "payload does not match payload_hash",
    },
    {
      field: "beforeData",
      value: '{"status":"new"}',
      reason: "payload does not match payload_hash",
    },
    // Same value, other formatting: the stored text itself is what the hash covers.
    {
      field: "afterData",
      value: '{ "status": "solved" }',
      reason: "payload does not match payload_hash",
    },
  ];

  it.each(tampering)(
    "detects $field changed to $value at that entry",
    ({ field, value, reason }) => {
      const tampered = chain.map((entry) => ({ ...entry }));
      const third = tampered[2];
      if (!third) throw new Error("the chain has five entries");
      Object.assign(third, { [field]: value });
      // The break is reported at the entry's seq as stored, which is the tampered one for `seq`.
      const seq = field === "seq" ? value : 3;
      expect(verifyChain(tampered)).toEqual({ ok: false, entries: 2, seq, reason });
    },
  );

  it("detects an entry rewritten with a recomputed hash at the next entry", () => {
    const tampered = chain.map((entry) => ({ ...entry }));
    const third = tampered[2];
    if (!third) throw new Error("the chain has five entries");
    third.action = "case.delete";
    third.hash = hashEntry(third.prevHash, third);
    expect(verifyChain(tampered)).toEqual({
      ok: false,
      entries: 3,
      seq: 4,
      reason: "prev_hash does not link",
    });
  });

  it("detects a removed or reordered entry", () => {
    expect(verifyChain([...chain.slice(0, 2), ...chain.slice(3)])).toMatchObject({
      ok: false,
      seq: 4,
      reason: "prev_hash does not link",
    });
    const [first, second, ...rest] = chain;
    if (!first || !second) throw new Error("the chain has five entries");
    expect(verifyChain([second, first, ...rest])).toMatchObject({
      ok: false,
      entries: 0,
      seq: 2,
    });
  });

  it("still verifies an entry whose payload was purged, and checks payloads only when present", () => {
    const purged = chain.map((entry) =>
      entry.seq === 2 ? { ...entry, beforeData: null, afterData: null } : entry,
    );
    expect(verifyChain(purged)).toEqual({ ok: true, entries: 5 });
  });

  it("keeps answering the first break once broken", () => {
    const verifier = createChainVerifier();
    const [first, second] = chain;
    if (!first || !second) throw new Error("the chain has five entries");
    expect(verifier.next(first)).toEqual({ ok: true });
    expect(verifier.last).toEqual({ seq: 1, hash: first.hash });
    const broken = verifier.next({ ...second, action: "x" });
    expect(broken).toEqual({ ok: false, seq: 2, reason: "hash mismatch" });
    expect(verifier.next(second)).toEqual(broken);
    expect(verifier.checked).toBe(1);
  });
});
