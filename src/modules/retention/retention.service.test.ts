import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { AppError } from "../../errors.js";
import { appendAudit, listAudit, verifyAudit } from "../audit/audit.service.js";
import { type PendingEvent, recordEvents } from "../events/event-recorder.js";
import { checkEvent } from "../events/event-validation.js";
import { DAY_MS, REDACTED } from "./retention.js";
import { placeHold, releaseHold, runRetention, setPolicy } from "./retention.service.js";
import { withRetentionTables } from "./retention.table.js";

const NOW = new Date("2026-11-25T12:00:00Z");
const actor = SYSTEM_ACTORS.cli;

function pending(...candidates: Record<string, unknown>[]): PendingEvent[] {
  return candidates.map((candidate) => {
    const result = checkEvent(candidate);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return { event: result.event, atMs: result.atMs };
  });
}

const customer = (id: string, at: string, name: string) => ({
  id: `upsert-${id}`,
  type: "customer.upserted",
  at,
  customer: id,
  tier: "gold",
  segment: "smb",
  region: "emea",
  name,
  email: `${id}@example.com`,
});

const opened = (caseId: string, customerId: string, at: string, subject?: string) => ({
  id: `open-${caseId}`,
  type: "case.opened",
  at,
  case: caseId,
  customer: customerId,
  channel: "email",
  category: "billing/refund",
  priority: "high",
  team: "billing",
  ...(subject === undefined ? {} : { subject }),
});

const resolved = (caseId: string, at: string) => ({
  id: `resolve-${caseId}`,
  type: "case.resolved",
  at,
  case: caseId,
});

const survey = (caseId: string, at: string, comment: string) => ({
  id: `survey-${caseId}`,
  type: "survey.answered",
  at,
  case: caseId,
  kind: "csat",
  score: 2,
  comment,
});

/**
 * cus-old: every case long resolved. cus-mixed: one old resolved case, one open since May, one
 * resolved last week. cus-held: an old case, under a legal hold in the tests that place one.
 */
const SEED = [
  {
    id: "team",
    type: "team.upserted",
    at: "2026-05-01T08:00:00Z",
    team: "billing",
    name: "Billing",
  },
  customer("cus-old", "2026-05-01T08:00:00Z", "Olga Old"),
  customer("cus-mixed", "2026-05-01T08:00:00Z", "Max Mixed"),
  customer("cus-held", "2026-05-01T08:00:00Z", "Hal Held"),
  opened("case-old-1", "cus-old", "2026-06-01T09:00:00Z", "Card stolen, call 555-0101"),
  {
    id: "handoff-case-old-1",
    type: "case.handoff",
    at: "2026-06-01T10:00:00Z",
    case: "case-old-1",
    from: "billing",
    to: "billing",
    reason: "customer Olga asked for a supervisor",
  },
  {
    id: "reply-case-old-1",
    type: "case.replied",
    at: "2026-06-01T11:00:00Z",
    case: "case-old-1",
    by: "customer",
    public: true,
  },
  resolved("case-old-1", "2026-06-03T09:00:00Z"),
  survey("case-old-1", "2026-06-04T09:00:00Z", "Olga here: terrible"),
  opened("case-old-2", "cus-mixed", "2026-07-01T09:00:00Z", "Refund for order 42"),
  resolved("case-old-2", "2026-07-02T09:00:00Z"),
  opened("case-open", "cus-mixed", "2026-05-02T09:00:00Z", "Still waiting"),
  survey("case-open", "2026-09-01T09:00:00Z", "Max says: slow"),
  opened("case-recent", "cus-mixed", "2026-11-20T09:00:00Z", "New card"),
  resolved("case-recent", "2026-11-21T09:00:00Z"),
  survey("case-recent", "2026-11-22T09:00:00Z", "fine now"),
  opened("case-held", "cus-held", "2026-06-10T09:00:00Z", "Dispute"),
  resolved("case-held", "2026-06-11T09:00:00Z"),
  survey("case-held", "2026-06-12T09:00:00Z", "Hal: see you in court"),
];

interface Snapshot {
  events: { id: string; caseId: string | null; data: Record<string, unknown>; redacted: boolean }[];
  cases: { id: string; customerId: string; subject: string | null }[];
  customers: { id: string; name: string | null; email: string | null }[];
}

async function snapshot(store: TestStore): Promise<Snapshot> {
  const db = withRetentionTables(store.db);
  const events = await db
    .selectFrom("events")
    .select(["id", "case_id", "data", "redacted_at"])
    .orderBy("seq")
    .execute();
  const cases = await db
    .selectFrom("cases")
    .select(["id", "customer_id", "subject"])
    .orderBy("id")
    .execute();
  const customers = await db
    .selectFrom("customers")
    .select(["id", "name", "email"])
    .orderBy("id")
    .execute();
  return {
    events: events.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
      redacted: row.redacted_at !== null,
    })),
    cases: cases.map((row) => ({ id: row.id, customerId: row.customer_id, subject: row.subject })),
    customers: customers.map((row) => ({ id: row.id, name: row.name, email: row.email })),
  };
}

const eventOf = (state: Snapshot, id: string) => state.events.find((event) => event.id === id);
const caseOf = (state: Snapshot, id: string) => state.cases.find((item) => item.id === id);
const customerOf = (state: Snapshot, id: string) => state.customers.find((item) => item.id === id);

describe.each(STORE_KINDS)("retention runs on %s", (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(kind);
    await recordEvents(store.db, pending(...SEED), { createMissing: false });
  });
  afterEach(() => store.dispose());

  it("anonymises: a dry run changes nothing, the real run changes exactly that, twice is once", async () => {
    await setPolicy(store.db, actor, { kind: "cases", action: "anonymise", days: 90 }, NOW);
    await setPolicy(
      store.db,
      actor,
      { kind: "survey_comments", action: "anonymise", days: 30 },
      NOW,
    );
    await placeHold(
      store.db,
      actor,
      { targetKind: "customer", targetId: "cus-held", reason: "litigation" },
      NOW,
    );
    const before = await snapshot(store);

    const dry = await runRetention(store.db, { now: NOW, dryRun: true, actor, batchSize: 2 });
    expect(await snapshot(store)).toEqual(before);
    const expected = {
      casesAnonymised: 2,
      casesPurged: 0,
      // case-old-1: opening, handoff, survey; case-old-2: opening; cus-old's customer.upserted.
      eventsRedacted: 5,
      eventsPurged: 0,
      // case-open's survey: its case is not resolved, so only this policy reaches it.
      surveyCommentsRemoved: 1,
      auditPayloadsPurged: 0,
      customersAnonymised: 1,
    };
    expect(dry).toMatchObject({
      dryRun: true,
      changes: expected,
      held: { customers: 1, cases: 1 },
    });
    expect(dry.policies.map((policy) => policy.kind)).toEqual(["cases", "survey_comments"]);
    expect(dry.policies[0]?.cutoff).toBe(NOW.getTime() - 90 * DAY_MS);

    const real = await runRetention(store.db, { now: NOW, dryRun: false, actor });
    expect(real.changes).toEqual(expected);
    expect(real.held).toEqual(dry.held);
    const after = await snapshot(store);

    expect(caseOf(after, "case-old-1")?.subject).toBe(REDACTED);
    expect(caseOf(after, "case-old-2")?.subject).toBe(REDACTED);
    expect(eventOf(after, "open-case-old-1")?.data.subject).toBe(REDACTED);
    expect(eventOf(after, "handoff-case-old-1")?.data.reason).toBe(REDACTED);
    expect(eventOf(after, "survey-case-old-1")?.data.comment).toBe(REDACTED);
    expect(eventOf(after, "survey-case-open")?.data.comment).toBe(REDACTED);
    expect(customerOf(after, "cus-old")).toEqual({
      id: "cus-old",
      name: REDACTED,
      email: REDACTED,
    });
    expect(eventOf(after, "upsert-cus-old")?.data).toMatchObject({
      name: REDACTED,
      email: REDACTED,
      tier: "gold",
    });

    // Everything else is exactly as before.
    const changedEvents = new Set([
      "open-case-old-1",
      "handoff-case-old-1",
      "survey-case-old-1",
      "open-case-old-2",
      "survey-case-open",
      "upsert-cus-old",
    ]);
    for (const event of before.events) {
      const now = eventOf(after, event.id);
      if (changedEvents.has(event.id)) expect(now?.redacted, event.id).toBe(true);
      else expect(now, event.id).toEqual(event);
    }
    expect(after.events).toHaveLength(before.events.length);
    expect(customerOf(after, "cus-mixed")).toEqual(customerOf(before, "cus-mixed"));
    expect(customerOf(after, "cus-held")).toEqual(customerOf(before, "cus-held"));
    for (const id of ["case-open", "case-recent", "case-held"]) {
      expect(caseOf(after, id)).toEqual(caseOf(before, id));
    }

    const again = await runRetention(store.db, { now: NOW, dryRun: false, actor });
    expect(Object.values(again.changes).every((count) => count === 0)).toBe(true);
    expect(await snapshot(store)).toEqual(after);

    // One audit entry per policy per real run, with the counts.
    const applied = await listAudit(store.db, { action: "retention.apply", limit: 10 });
    expect(applied.items).toHaveLength(4);
    expect(applied.items.at(-1)).toMatchObject({
      actor: "system:cli",
      targetKind: "retention_policy",
      targetId: "cases",
      after: { kind: "cases", action: "anonymise", days: 90, changes: { casesAnonymised: 2 } },
    });
  });

  it("purges cases with their events and old events, leaving nothing dangling", async () => {
    await setPolicy(store.db, actor, { kind: "cases", action: "purge", days: 90 }, NOW);
    await setPolicy(store.db, actor, { kind: "events", action: "purge", days: 150 }, NOW);
    await placeHold(
      store.db,
      actor,
      { targetKind: "case", targetId: "case-held", reason: "regulator" },
      NOW,
    );
    const before = await snapshot(store);

    const dry = await runRetention(store.db, { now: NOW, dryRun: true, actor });
    expect(await snapshot(store)).toEqual(before);
    const expected = {
      casesAnonymised: 0,
      casesPurged: 2,
      // case-old-1 (5 events) and case-old-2 (2).
      eventsPurged: 7 + 4,
      eventsRedacted: 1,
      surveyCommentsRemoved: 0,
      auditPayloadsPurged: 0,
      customersAnonymised: 1,
    };
    // The events policy (older than 150 days) purges the team and the three customer upserts
    // (one of them redacted by the cases policy first); case-open's opening is older too, but its
    // case is still open, and case-held's events are held.
    expect(dry.changes).toEqual(expected);
    expect(dry.policies.map((policy) => [policy.kind, policy.changes.eventsPurged])).toEqual([
      ["cases", 7],
      ["events", 4],
    ]);

    // Batches of one record: pages continue past purged rows and add up to the same.
    const real = await runRetention(store.db, { now: NOW, dryRun: false, actor, batchSize: 1 });
    expect(real.changes).toEqual(expected);
    expect(real.held).toEqual({ customers: 0, cases: 1 });
    const after = await snapshot(store);
    expect(after.cases.map((item) => item.id)).toEqual(["case-held", "case-open", "case-recent"]);
    // Purged cases leave the metrics too: their facts go and nothing of theirs stays rolled up.
    const facts = await store.db
      .selectFrom("metric_case_facts")
      .select("case_id")
      .orderBy("case_id")
      .execute();
    expect(facts.map((row) => row.case_id)).toEqual(["case-held", "case-open", "case-recent"]);
    const opened = await store.db
      .selectFrom("metric_rollups")
      .select((eb) => eb.fn.sum<number>("opened").as("opened"))
      .where("grain", "=", "m")
      .where("dim", "=", "all")
      .executeTakeFirstOrThrow();
    expect(Number(opened.opened)).toBe(3);
    expect(after.events.map((event) => event.id).sort()).toEqual(
      [
        "open-case-open",
        "survey-case-open",
        "open-case-recent",
        "resolve-case-recent",
        "survey-case-recent",
        "open-case-held",
        "resolve-case-held",
        "survey-case-held",
      ].sort(),
    );
    // No event names a case that is gone; every case's customer and team exist.
    const caseIds = new Set(after.cases.map((item) => item.id));
    for (const event of after.events) {
      if (event.caseId !== null) expect(caseIds.has(event.caseId), event.id).toBe(true);
    }
    const customerIds = new Set(after.customers.map((item) => item.id));
    for (const item of after.cases) expect(customerIds.has(item.customerId)).toBe(true);
    expect(customerOf(after, "cus-old")).toEqual({
      id: "cus-old",
      name: REDACTED,
      email: REDACTED,
    });
    expect(caseOf(after, "case-held")).toEqual(caseOf(before, "case-held"));

    const again = await runRetention(store.db, { now: NOW, dryRun: false, actor });
    expect(Object.values(again.changes).every((count) => count === 0)).toBe(true);
    expect(await snapshot(store)).toEqual(after);

    // The remaining cases still take events, including a late one that forces a rebuild.
    await recordEvents(
      store.db,
      pending({
        type: "case.escalated",
        at: "2026-11-21T10:00:00Z",
        case: "case-recent",
        level: 1,
      }),
      { createMissing: false },
    );
    const rebuilt = await store.db
      .selectFrom("cases")
      .select(["status", "escalation_level"])
      .where("id", "=", "case-recent")
      .executeTakeFirstOrThrow();
    expect(rebuilt).toEqual({ status: "resolved", escalation_level: 1 });
  });

  it("applies what a hold kept back once the hold is released", async () => {
    await setPolicy(store.db, actor, { kind: "survey_comments", action: "purge", days: 30 }, NOW);
    const hold = await placeHold(
      store.db,
      actor,
      { targetKind: "case", targetId: "case-held", reason: "regulator" },
      NOW,
    );
    const held = await runRetention(store.db, { now: NOW, dryRun: false, actor });
    expect(held.changes.surveyCommentsRemoved).toBe(2);
    expect(held.held).toEqual({ customers: 0, cases: 1 });
    expect(eventOf(await snapshot(store), "survey-case-held")?.redacted).toBe(false);

    const released = await releaseHold(store.db, actor, hold.id, NOW);
    expect(released.releasedAt).toBe(NOW.getTime());
    expect(await releaseHold(store.db, actor, hold.id, NOW)).toEqual(released);
    const after = await runRetention(store.db, { now: NOW, dryRun: false, actor });
    expect(after.changes.surveyCommentsRemoved).toBe(1);
    expect(after.held).toEqual({ customers: 0, cases: 0 });
    expect(eventOf(await snapshot(store), "survey-case-held")?.data.comment).toBe(REDACTED);
  });

  it("refuses holds on records that do not exist, naming the field", async () => {
    const attempt = placeHold(
      store.db,
      actor,
      { targetKind: "case", targetId: "nope", reason: "x" },
      NOW,
    );
    await expect(attempt).rejects.toMatchObject({ code: "case.not_found", field: "body.targetId" });
    await expect(
      setPolicy(store.db, actor, { kind: "audit", action: "anonymise", days: 10 }, NOW),
    ).rejects.toMatchObject({ code: "request.invalid", field: "body.action" });
    await expect(
      setPolicy(store.db, actor, { kind: "cases", action: "purge", days: 1.5 }, NOW),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("purges old audit payloads, keeps those about held records, and the chain still verifies", async () => {
    const old = NOW.getTime() - 400 * DAY_MS;
    for (const [targetKind, targetId] of [
      ["customer", "cus-old"],
      ["customer", "cus-held"],
      ["case", "case-held"],
      ["team", "billing"],
    ] as const) {
      await appendAudit(store.db, {
        actor,
        action: `${targetKind}.update`,
        targetKind,
        targetId,
        before: { name: "before" },
        after: { name: "after" },
        at: old,
      });
    }
    await setPolicy(store.db, actor, { kind: "audit", action: "purge", days: 365 }, NOW);
    await placeHold(
      store.db,
      actor,
      { targetKind: "customer", targetId: "cus-held", reason: "litigation" },
      NOW,
    );
    const dry = await runRetention(store.db, { now: NOW, dryRun: true, actor });
    expect(dry.changes.auditPayloadsPurged).toBe(2);
    const real = await runRetention(store.db, { now: NOW, dryRun: false, actor });
    expect(real.changes.auditPayloadsPurged).toBe(2);

    const entries = (await listAudit(store.db, { limit: 100 })).items;
    const payloadOf = (targetId: string) =>
      entries.find((entry) => entry.targetId === targetId && entry.at === old);
    expect(payloadOf("cus-old")).toMatchObject({ before: null, after: null });
    expect(payloadOf("billing")).toMatchObject({ before: null, after: null });
    expect(payloadOf("cus-held")?.after).toEqual({ name: "after" });
    expect(payloadOf("case-held")?.after).toEqual({ name: "after" });
    expect(await verifyAudit(store.db)).toMatchObject({ valid: true });
    expect(
      (await runRetention(store.db, { now: NOW, dryRun: false, actor })).changes,
    ).toMatchObject({ auditPayloadsPurged: 0 });
  });

  it("keeps the event log append-only for everything but one redaction and its purge", async () => {
    const db = withRetentionTables(store.db);
    const target = await db
      .selectFrom("events")
      .select(["seq", "data"])
      .where("id", "=", "survey-case-recent")
      .executeTakeFirstOrThrow();
    const refused = /append-only/;
    const bySeq = (query: string) => sql.raw(`${query} WHERE seq = ${target.seq}`).execute(db);

    await expect(bySeq("UPDATE events SET type = 'case.replied'")).rejects.toThrow(refused);
    await expect(bySeq("UPDATE events SET data = '{}'")).rejects.toThrow(refused);
    await expect(bySeq("UPDATE events SET redacted_at = 1, at = 0")).rejects.toThrow(refused);
    await expect(bySeq("DELETE FROM events")).rejects.toThrow(refused);

    await bySeq('UPDATE events SET redacted_at = 1, data = \'{"comment":"[redacted]"}\'');
    await expect(bySeq("UPDATE events SET redacted_at = 2, data = '{}'")).rejects.toThrow(refused);
    await expect(bySeq("UPDATE events SET redacted_at = NULL")).rejects.toThrow(refused);
    await bySeq("DELETE FROM events");
    const left = await db
      .selectFrom("events")
      .select("seq")
      .where("seq", "=", target.seq)
      .execute();
    expect(left).toEqual([]);
  });
});
