import { describe, expect, it } from "vitest";
import { DAY_MS, type LegalHold, REDACTED } from "./retention.js";
import {
  type ActiveHolds,
  activeHolds,
  type CaseRecord,
  type CustomerCases,
  cutoffOf,
  type EventCandidate,
  type EventRecord,
  planCasesBatch,
  planEventsBatch,
  planSurveyCommentsBatch,
  type RetentionRules,
  redactEventData,
  rulesOf,
} from "./retention-plan.js";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const daysAgo = (days: number) => NOW - days * DAY_MS;
const NO_HOLDS: ActiveHolds = { customers: new Set(), cases: new Set() };

function hold(targetKind: "customer" | "case", targetId: string, released = false): LegalHold {
  return {
    id: `hold-${targetId}`,
    targetKind,
    targetId,
    reason: "litigation",
    createdAt: daysAgo(1),
    createdBy: "user:u1",
    releasedAt: released ? NOW : null,
    releasedBy: released ? "user:u1" : null,
  };
}

function caseRecord(id: string, customerId: string, resolvedDaysAgo: number | null): CaseRecord {
  return {
    id,
    customerId,
    status: resolvedDaysAgo === null ? "open" : "resolved",
    resolvedAt: resolvedDaysAgo === null ? null : daysAgo(resolvedDaysAgo),
    lastEventAt: daysAgo(resolvedDaysAgo ?? 1),
    subject: `Subject of ${id}`,
  };
}

let nextSeq = 1;
function eventRecord(
  type: string,
  fields: Record<string, unknown>,
  at: number,
  links: { caseId?: string; customerId?: string } = {},
): EventRecord {
  return {
    seq: nextSeq++,
    type,
    at,
    caseId: links.caseId ?? null,
    customerId: links.customerId ?? null,
    data: JSON.stringify({ type, at: new Date(at).toISOString(), ...fields }),
    redactedAt: null,
  };
}

function withCase(event: EventRecord, item: CaseRecord | null): EventCandidate {
  return {
    ...event,
    case:
      item === null
        ? null
        : {
            customerId: item.customerId,
            status: item.status,
            resolvedAt: item.resolvedAt,
            lastEventAt: item.lastEventAt,
          },
  };
}

describe("cutoffs and holds", () => {
  it("makes a record due only when it is strictly older than N days", () => {
    const rules = rulesOf(
      [{ kind: "cases", action: "purge", days: 30, updatedAt: 0, updatedBy: "system:cli" }],
      NOW,
    );
    expect(rules.cases).toEqual({ action: "purge", cutoff: cutoffOf(NOW, 30) });
    const exactly = caseRecord("exactly", "cus-1", 30);
    const older = { ...caseRecord("older", "cus-1", 30), resolvedAt: daysAgo(30) - 1 };
    const plan = planCasesBatch({
      rule: { action: "purge", cutoff: cutoffOf(NOW, 30) },
      holds: NO_HOLDS,
      groups: [{ customer: customer("cus-1"), cases: [exactly, older] }],
      caseEvents: [],
      customerEvents: [],
    });
    expect(plan.writes.purgeCases).toEqual(["older"]);
  });

  it("ignores released holds", () => {
    const holds = activeHolds([
      hold("customer", "cus-1"),
      hold("case", "case-1"),
      hold("case", "case-2", true),
    ]);
    expect([...holds.customers]).toEqual(["cus-1"]);
    expect([...holds.cases]).toEqual(["case-1"]);
  });
});

describe("redactEventData", () => {
  it("replaces the personal fields present and keeps everything else", () => {
    const data = JSON.stringify({
      id: "e1",
      type: "customer.upserted",
      customer: "cus-1",
      name: "Ada",
      email: "ada@example.com",
      tier: "gold",
      extra: "kept",
    });
    const result = redactEventData("customer.upserted", data);
    expect(result.removed).toBe(true);
    expect(JSON.parse(result.data)).toEqual({
      id: "e1",
      type: "customer.upserted",
      customer: "cus-1",
      name: REDACTED,
      email: REDACTED,
      tier: "gold",
      extra: "kept",
    });
    expect(redactEventData("customer.upserted", result.data)).toEqual({
      data: result.data,
      removed: false,
    });
  });

  it("leaves events without personal fields as they are", () => {
    const replied = JSON.stringify({ type: "case.replied", by: "customer", public: true });
    expect(redactEventData("case.replied", replied)).toEqual({ data: replied, removed: false });
    const noComment = JSON.stringify({ type: "survey.answered", score: 4 });
    expect(redactEventData("survey.answered", noComment)).toEqual({
      data: noComment,
      removed: false,
    });
  });
});

function customer(id: string) {
  return { id, name: `Name ${id}`, email: `${id}@example.com`, phone: null };
}

/** A customer with one old resolved case, one recent resolved case, and one all-old customer. */
function casesFixture() {
  const partly: CustomerCases = {
    customer: customer("cus-partly"),
    cases: [caseRecord("old-1", "cus-partly", 40), caseRecord("recent-1", "cus-partly", 10)],
  };
  const wholly: CustomerCases = {
    customer: customer("cus-wholly"),
    cases: [caseRecord("old-2", "cus-wholly", 50), caseRecord("old-3", "cus-wholly", 31)],
  };
  const caseEvents = [
    eventRecord("case.opened", { case: "old-1", subject: "My card" }, daysAgo(45), {
      caseId: "old-1",
      customerId: "cus-partly",
    }),
    eventRecord("case.handoff", { case: "old-1", reason: "call me on 555" }, daysAgo(44), {
      caseId: "old-1",
      customerId: "cus-partly",
    }),
    eventRecord("case.opened", { case: "old-2" }, daysAgo(55), {
      caseId: "old-2",
      customerId: "cus-wholly",
    }),
    eventRecord("survey.answered", { case: "old-3", comment: "rude" }, daysAgo(31), {
      caseId: "old-3",
      customerId: "cus-wholly",
    }),
  ];
  const customerEvents = [
    eventRecord("customer.upserted", { customer: "cus-wholly", name: "W" }, daysAgo(60), {
      customerId: "cus-wholly",
    }),
  ];
  return { groups: [partly, wholly], caseEvents, customerEvents };
}

/** Applies a plan's writes to the fixture, as the repository would. */
function applyWrites(
  fixture: ReturnType<typeof casesFixture>,
  plan: ReturnType<typeof planCasesBatch>,
): ReturnType<typeof casesFixture> {
  const redacted = new Map(plan.writes.redactEvents.map((item) => [item.seq, item.data]));
  const update = (event: EventRecord): EventRecord => {
    const data = redacted.get(event.seq);
    return data === undefined ? event : { ...event, data, redactedAt: NOW };
  };
  const anonymised = new Map(plan.writes.anonymiseCustomers.map((c) => [c.id, c]));
  return {
    groups: fixture.groups.map((group) => ({
      customer: anonymised.get(group.customer.id) ?? group.customer,
      cases: group.cases
        .filter((item) => !plan.writes.purgeCases.includes(item.id))
        .map((item) =>
          plan.writes.anonymiseCases.includes(item.id) ? { ...item, subject: REDACTED } : item,
        ),
    })),
    // The service reloads only unredacted events for an anonymisation.
    caseEvents: fixture.caseEvents
      .filter((e) => e.caseId === null || !plan.writes.purgeCases.includes(e.caseId))
      .map(update)
      .filter((e) => e.redactedAt === null),
    customerEvents: fixture.customerEvents.map(update).filter((e) => e.redactedAt === null),
  };
}

describe("planCasesBatch", () => {
  const rule = { action: "anonymise" as const, cutoff: cutoffOf(NOW, 30) };

  it("anonymises due cases and the customers whose cases are all due", () => {
    const fixture = casesFixture();
    const plan = planCasesBatch({ rule, holds: NO_HOLDS, ...fixture });
    expect(plan.writes.anonymiseCases.sort()).toEqual(["old-1", "old-2", "old-3"]);
    expect(plan.writes.purgeCases).toEqual([]);
    expect(plan.writes.anonymiseCustomers).toEqual([
      { id: "cus-wholly", name: REDACTED, email: REDACTED, phone: null },
    ]);
    const redactedSeqs = plan.writes.redactEvents.map((item) => item.seq);
    expect(redactedSeqs).toHaveLength(5);
    const handoff = plan.writes.redactEvents.find((item) => item.data.includes("case.handoff"));
    expect(JSON.parse(handoff?.data ?? "{}")).toMatchObject({ reason: REDACTED });
    expect(plan.changes).toMatchObject({
      casesAnonymised: 3,
      // The opening of old-2 has no subject: marked, but nothing was removed.
      eventsRedacted: 4,
      customersAnonymised: 1,
      casesPurged: 0,
    });
    expect(plan.held).toEqual({ customers: [], cases: [] });
  });

  it("changes nothing the second time", () => {
    const fixture = casesFixture();
    const first = planCasesBatch({ rule, holds: NO_HOLDS, ...fixture });
    const second = planCasesBatch({ rule, holds: NO_HOLDS, ...applyWrites(fixture, first) });
    expect(second.writes).toEqual({
      redactEvents: [],
      purgeEvents: [],
      anonymiseCases: [],
      purgeCases: [],
      anonymiseCustomers: [],
    });
    expect(Object.values(second.changes).every((count) => count === 0)).toBe(true);
  });

  it("purges due cases with their events, and still anonymises the customer", () => {
    const fixture = casesFixture();
    const purge = { action: "purge" as const, cutoff: rule.cutoff };
    const plan = planCasesBatch({ rule: purge, holds: NO_HOLDS, ...fixture });
    expect(plan.writes.purgeCases.sort()).toEqual(["old-1", "old-2", "old-3"]);
    expect(plan.writes.anonymiseCases).toEqual([]);
    expect(plan.changes).toMatchObject({ casesPurged: 3, eventsPurged: 4, customersAnonymised: 1 });
    const second = planCasesBatch({ rule: purge, holds: NO_HOLDS, ...applyWrites(fixture, plan) });
    expect(second.writes.purgeCases).toEqual([]);
    expect(second.changes.customersAnonymised).toBe(0);
  });

  it("keeps what a hold on a case or a customer covers", () => {
    const fixture = casesFixture();
    const holds = activeHolds([hold("case", "old-3"), hold("customer", "cus-partly")]);
    const plan = planCasesBatch({ rule, holds, ...fixture });
    expect(plan.writes.anonymiseCases).toEqual(["old-2"]);
    // cus-wholly has a held case, so the customer stays as it is.
    expect(plan.writes.anonymiseCustomers).toEqual([]);
    expect(plan.writes.redactEvents.map((item) => item.seq)).toEqual([fixture.caseEvents[2]?.seq]);
    expect(plan.held).toEqual({ customers: ["cus-partly"], cases: ["old-1", "old-3"] });
  });
});

describe("planEventsBatch", () => {
  const old = caseRecord("old", "cus-1", 400);
  const open = { ...caseRecord("open", "cus-1", null), lastEventAt: daysAgo(1) };
  const events = () => [
    withCase(
      eventRecord("case.opened", { subject: "Old" }, daysAgo(401), {
        caseId: "old",
        customerId: "cus-1",
      }),
      old,
    ),
    withCase(
      eventRecord("case.replied", { by: "customer" }, daysAgo(400), {
        caseId: "old",
        customerId: "cus-1",
      }),
      old,
    ),
    withCase(
      eventRecord("case.opened", { subject: "Still open" }, daysAgo(500), {
        caseId: "open",
        customerId: "cus-1",
      }),
      open,
    ),
    withCase(
      eventRecord("customer.upserted", { name: "Ada" }, daysAgo(600), { customerId: "cus-1" }),
      null,
    ),
    withCase(eventRecord("team.upserted", { name: "Billing" }, daysAgo(700)), null),
    withCase(eventRecord("team.upserted", { name: "Recent" }, daysAgo(10)), null),
  ];

  it("anonymises the personal fields of old events of any case", () => {
    const rules: RetentionRules = { events: { action: "anonymise", cutoff: cutoffOf(NOW, 365) } };
    const batch = events();
    const plan = planEventsBatch({
      rules,
      holds: NO_HOLDS,
      events: batch,
      dueCustomers: new Set(),
    });
    expect(plan.writes.redactEvents.map((item) => item.seq)).toEqual([
      batch[0]?.seq,
      batch[2]?.seq,
      batch[3]?.seq,
    ]);
    expect(plan.changes.eventsRedacted).toBe(3);
    expect(plan.writes.purgeEvents).toEqual([]);
  });

  it("purges a case's events only once its whole history is old, and never held ones", () => {
    const rules: RetentionRules = { events: { action: "purge", cutoff: cutoffOf(NOW, 365) } };
    const batch = events();
    const plan = planEventsBatch({
      rules,
      holds: NO_HOLDS,
      events: batch,
      dueCustomers: new Set(),
    });
    expect(plan.writes.purgeEvents).toEqual([
      batch[0]?.seq,
      batch[1]?.seq,
      batch[3]?.seq,
      batch[4]?.seq,
    ]);
    expect(plan.changes.eventsPurged).toBe(4);

    const held = planEventsBatch({
      rules,
      holds: activeHolds([hold("customer", "cus-1")]),
      events: batch,
      dueCustomers: new Set(),
    });
    expect(held.writes.purgeEvents).toEqual([batch[4]?.seq]);
    expect(new Set(held.held.customers)).toEqual(new Set(["cus-1"]));
    expect(new Set(held.held.cases)).toEqual(new Set(["old"]));
  });

  it("leaves to the cases policy what it has already changed in the same run", () => {
    const cases = { action: "anonymise" as const, cutoff: cutoffOf(NOW, 30) };
    const anonymise: RetentionRules = {
      cases,
      events: { action: "anonymise", cutoff: cutoffOf(NOW, 365) },
    };
    const batch = events();
    const plan = planEventsBatch({
      rules: anonymise,
      holds: NO_HOLDS,
      events: batch,
      dueCustomers: new Set(["cus-1"]),
    });
    // Only the opening of the still-open case is left for the events policy.
    expect(plan.writes.redactEvents.map((item) => item.seq)).toEqual([batch[2]?.seq]);

    const purgeAfterAnonymise = planEventsBatch({
      rules: { cases, events: { action: "purge", cutoff: cutoffOf(NOW, 365) } },
      holds: NO_HOLDS,
      events: batch,
      dueCustomers: new Set(["cus-1"]),
    });
    expect(purgeAfterAnonymise.changes.eventsPurged).toBe(4);

    const purgedByCases = planEventsBatch({
      rules: {
        cases: { action: "purge", cutoff: cases.cutoff },
        events: { action: "purge", cutoff: cutoffOf(NOW, 365) },
      },
      holds: NO_HOLDS,
      events: batch,
      dueCustomers: new Set(["cus-1"]),
    });
    expect(purgedByCases.writes.purgeEvents).toEqual([batch[3]?.seq, batch[4]?.seq]);
  });
});

describe("planSurveyCommentsBatch", () => {
  const resolved = caseRecord("c1", "cus-1", 20);
  const answer = (daysOld: number, comment?: string) =>
    withCase(
      eventRecord("survey.answered", comment === undefined ? {} : { comment }, daysAgo(daysOld), {
        caseId: "c1",
        customerId: "cus-1",
      }),
      resolved,
    );

  it("removes comments older than N days and nothing else", () => {
    const rules: RetentionRules = {
      survey_comments: { action: "purge", cutoff: cutoffOf(NOW, 90) },
    };
    const batch = [answer(100, "terrible"), answer(89, "recent"), answer(120)];
    const plan = planSurveyCommentsBatch({ rules, holds: NO_HOLDS, events: batch });
    expect(plan.writes.redactEvents.map((item) => item.seq)).toEqual([
      batch[0]?.seq,
      batch[2]?.seq,
    ]);
    expect(JSON.parse(plan.writes.redactEvents[0]?.data ?? "{}").comment).toBe(REDACTED);
    expect(plan.changes.surveyCommentsRemoved).toBe(1);
    expect(plan.writes.purgeEvents).toEqual([]);

    const held = planSurveyCommentsBatch({
      rules,
      holds: activeHolds([hold("case", "c1")]),
      events: batch,
    });
    expect(held.writes.redactEvents).toEqual([]);
    expect(held.held).toEqual({ customers: [], cases: ["c1", "c1"] });
  });

  it("does not count comments the events policy removes in the same run", () => {
    const rules: RetentionRules = {
      events: { action: "anonymise", cutoff: cutoffOf(NOW, 110) },
      survey_comments: { action: "anonymise", cutoff: cutoffOf(NOW, 90) },
    };
    const batch = [answer(100, "kept for this policy"), answer(120, "events policy's")];
    const plan = planSurveyCommentsBatch({ rules, holds: NO_HOLDS, events: batch });
    expect(plan.writes.redactEvents.map((item) => item.seq)).toEqual([batch[0]?.seq]);
  });
});
