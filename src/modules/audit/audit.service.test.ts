import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { type Actor, SYSTEM_ACTORS } from "../../access/actor.js";
import { AppError } from "../../errors.js";
import { readAuditHead } from "./audit.repository.js";
import {
  type AuditInput,
  appendAudit,
  appendAuditBatch,
  listAudit,
  purgeAuditPayloads,
  verifyAudit,
} from "./audit.service.js";
import { GENESIS_HASH, hashPayload } from "./audit-chain.js";

const ada: Actor = {
  kind: "user",
  userId: "u-ada",
  email: "ada@example.com",
  name: "Ada",
  grants: [{ role: "admin", teams: [], regions: [] }],
  via: "session",
};

const T0 = Date.UTC(2026, 0, 5, 9);

function caseWrite(index: number, overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    actor: ada,
    action: "case.update",
    targetKind: "case",
    targetId: `case-${index}`,
    before: { status: "open", priority: "high" },
    after: { status: "pending", priority: "high", note: `write ${index}` },
    at: T0 + index * 60_000,
    ...overrides,
  };
}

describe.each(STORE_KINDS)("audit trail on %s", (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(kind);
  });
  afterEach(() => store.dispose());

  /** What an attacker with database access does first: drop the trigger in the way. */
  async function dropTrigger(name: "audit_log_no_update" | "audit_log_no_delete") {
    if (kind === "postgres")
      await sql`DROP TRIGGER ${sql.raw(name)} ON audit_log`.execute(store.db);
    else await sql`DROP TRIGGER ${sql.raw(name)}`.execute(store.db);
  }

  async function appendFive() {
    const entries = [];
    entries.push(
      await appendAudit(store.db, {
        actor: SYSTEM_ACTORS.cli,
        action: "events.import",
        targetKind: "events",
        targetId: null,
        after: { imported: 120, file: "events.ndjson" },
        at: T0,
      }),
    );
    for (let index = 1; index <= 3; index += 1) {
      entries.push(await appendAudit(store.db, caseWrite(index)));
    }
    entries.push(
      await appendAudit(store.db, {
        actor: ada,
        action: "token.revoke",
        targetKind: "token",
        targetId: "tok-1",
        before: { id: "tok-1", name: "ci" },
        at: T0 + 10 * 60_000,
      }),
    );
    return entries;
  }

  it("chains appended entries and verifies them", async () => {
    const entries = await appendFive();
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    for (let index = 1; index < entries.length; index += 1) {
      expect(entries[index]?.prevHash).toBe(entries[index - 1]?.hash);
    }
    expect(entries[0]).toMatchObject({
      actor: "system:cli",
      action: "events.import",
      targetKind: "events",
      targetId: null,
      before: null,
      after: { file: "events.ndjson", imported: 120 },
      at: T0,
      payloadHash: hashPayload(undefined, { imported: 120, file: "events.ndjson" }),
    });
    expect(entries[1]?.actor).toBe("user:u-ada");

    const result = await verifyAudit(store.db);
    expect(result).toEqual({ valid: true, entries: 5, lastHash: entries[4]?.hash });
    expect(await readAuditHead(store.db)).toEqual({ seq: 5, hash: entries[4]?.hash });
  });

  it("verifies an empty trail", async () => {
    expect(await verifyAudit(store.db)).toEqual({
      valid: true,
      entries: 0,
      lastHash: GENESIS_HASH,
    });
  });

  it("walks the chain page by page and reports progress", async () => {
    await appendAuditBatch(
      store.db,
      Array.from({ length: 25 }, (_, index) => caseWrite(index)),
    );
    const progress: [number, number][] = [];
    const result = await verifyAudit(store.db, (done, total) => progress.push([done, total]), 10);
    expect(result).toMatchObject({ valid: true, entries: 25 });
    expect(progress).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
  });

  it("finds an action edited in the database, at that entry", async () => {
    await appendFive();
    await dropTrigger("audit_log_no_update");
    await sql`UPDATE audit_log SET action = 'case.delete' WHERE seq = 3`.execute(store.db);
    expect(await verifyAudit(store.db)).toEqual({
      valid: false,
      entries: 2,
      brokenAt: { seq: 3, reason: "hash mismatch" },
    });
  });

  it("finds an after image edited in the database, at that entry", async () => {
    await appendFive();
    await dropTrigger("audit_log_no_update");
    await sql`UPDATE audit_log SET after_data = ${'{"note":"write 2","priority":"low","status":"pending"}'} WHERE seq = 3`.execute(
      store.db,
    );
    expect(await verifyAudit(store.db)).toEqual({
      valid: false,
      entries: 2,
      brokenAt: { seq: 3, reason: "payload does not match payload_hash" },
    });
  });

  it("finds entries removed from the middle or the end", async () => {
    await appendFive();
    await dropTrigger("audit_log_no_delete");
    await sql`DELETE FROM audit_log WHERE seq = 5`.execute(store.db);
    expect(await verifyAudit(store.db)).toEqual({
      valid: false,
      entries: 4,
      brokenAt: { seq: 5, reason: "chain ends before audit_head" },
    });
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(store.db);
    expect(await verifyAudit(store.db)).toEqual({
      valid: false,
      entries: 1,
      brokenAt: { seq: 3, reason: "prev_hash does not link" },
    });
  });

  it("refuses UPDATE and DELETE at the database, except clearing a payload", async () => {
    await appendFive();
    await expect(
      sql`UPDATE audit_log SET action = 'case.delete' WHERE seq = 3`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`UPDATE audit_log SET after_data = '{}' WHERE seq = 3`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    // Clearing the payload while changing anything else is refused too.
    await expect(
      sql`UPDATE audit_log SET before_data = NULL, after_data = NULL, actor = 'user:x' WHERE seq = 3`.execute(
        store.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 5`.execute(store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_head`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, ${GENESIS_HASH})`.execute(store.db),
    ).rejects.toThrow();
    if (kind === "postgres") {
      await expect(sql`TRUNCATE audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    }

    await sql`UPDATE audit_log SET before_data = NULL, after_data = NULL WHERE seq = 3`.execute(
      store.db,
    );
    expect(await verifyAudit(store.db)).toMatchObject({ valid: true, entries: 5 });
    const { items } = await listAudit(store.db, { targetId: "case-2", limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ seq: 3, before: null, after: null });
  });

  it("purges old payloads for retention, keeping held targets, and still verifies", async () => {
    await appendFive();
    const selection = {
      before: T0 + 5 * 60_000,
      exceptTargets: new Map([["case", ["case-2"]]]),
    };
    // Entries 1, 2 and 4 (seq) are older than the cutoff; case-2 (seq 3) is held.
    expect(await purgeAuditPayloads(store.db, { ...selection, dryRun: true })).toBe(3);
    expect(await purgeAuditPayloads(store.db, selection)).toBe(3);
    expect(await purgeAuditPayloads(store.db, selection)).toBe(0);
    const { items } = await listAudit(store.db, { limit: 10 });
    expect(items.map((entry) => [entry.seq, entry.after === null])).toEqual([
      [5, true],
      [4, true],
      [3, false],
      [2, true],
      [1, true],
    ]);
    // seq 5 never had an after image; its before image is younger than the cutoff.
    expect(items[0]?.before).toEqual({ id: "tok-1", name: "ci" });
    expect(await verifyAudit(store.db)).toMatchObject({ valid: true, entries: 5 });
  });

  it("keeps a linear chain under concurrent appends", async () => {
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, index) => appendAudit(store.db, caseWrite(index))),
    );
    expect(entries.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
    for (let seq = 2; seq <= 20; seq += 1) {
      expect(bySeq.get(seq)?.prevHash).toBe(bySeq.get(seq - 1)?.hash);
    }
    expect(await verifyAudit(store.db)).toEqual({
      valid: true,
      entries: 20,
      lastHash: bySeq.get(20)?.hash,
    });
  });

  it("appends inside the caller's transaction and rolls back with it", async () => {
    await appendFive();
    const head = await readAuditHead(store.db);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await appendAudit(trx, caseWrite(9));
        throw new Error("the write failed after its audit entry");
      }),
    ).rejects.toThrow(/write failed/);
    expect(await readAuditHead(store.db)).toEqual(head);
    expect(await verifyAudit(store.db)).toMatchObject({ valid: true, entries: 5 });

    await store.db.transaction().execute(async (trx) => {
      await appendAudit(trx, caseWrite(10));
      await appendAudit(trx, caseWrite(11));
    });
    expect(await verifyAudit(store.db)).toMatchObject({ valid: true, entries: 7 });
  });

  it("refuses entries it could not verify later, appending nothing", async () => {
    await appendFive();
    await expect(appendAudit(store.db, caseWrite(6, { at: T0 + 0.5 }))).rejects.toThrow(TypeError);
    await expect(appendAudit(store.db, caseWrite(7, { after: { big: 1n } }))).rejects.toThrow(
      TypeError,
    );
    expect(await readAuditHead(store.db)).toMatchObject({ seq: 5 });
    expect(await verifyAudit(store.db)).toMatchObject({ valid: true, entries: 5 });
  });

  it("lists newest first with filters and a keyset cursor", async () => {
    await appendFive();
    const first = await listAudit(store.db, { limit: 2 });
    expect(first.items.map((entry) => entry.seq)).toEqual([5, 4]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAudit(store.db, { limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.items.map((entry) => entry.seq)).toEqual([3, 2]);
    const third = await listAudit(store.db, { limit: 2, cursor: second.nextCursor ?? "" });
    expect(third.items.map((entry) => entry.seq)).toEqual([1]);
    expect(third.nextCursor).toBeNull();

    const filtered = async (query: Parameters<typeof listAudit>[1]) =>
      (await listAudit(store.db, query)).items.map((entry) => entry.seq);
    expect(await filtered({ actor: "system:cli", limit: 10 })).toEqual([1]);
    expect(await filtered({ action: "case.update", limit: 10 })).toEqual([4, 3, 2]);
    expect(await filtered({ targetKind: "token", targetId: "tok-1", limit: 10 })).toEqual([5]);
    expect(await filtered({ actor: "user:u-ada", action: "case.update", limit: 1 })).toEqual([4]);
    expect(await filtered({ actor: "' OR 1=1 --", limit: 10 })).toEqual([]);

    await expect(listAudit(store.db, { limit: 2, cursor: "not-a-cursor" })).rejects.toThrow(
      AppError,
    );
  });
});
