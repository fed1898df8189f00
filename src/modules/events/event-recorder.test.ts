import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { AppError } from "../../errors.js";
import { getCase } from "../cases/case.repository.js";
import { getCustomer } from "../customers/customer.repository.js";
import { countEvents, listEventsOfCustomer } from "./event.repository.js";
import { type PendingEvent, recordEvents } from "./event-recorder.js";
import { checkEvent } from "./event-validation.js";

function pending(...candidates: Record<string, unknown>[]): PendingEvent[] {
  return candidates.map((candidate) => {
    const result = checkEvent(candidate);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return { event: result.event, atMs: result.atMs };
  });
}

const base = [
  { id: "t1", type: "team.upserted", at: "2026-01-05T08:00:00Z", team: "billing", name: "Billing" },
  {
    id: "c1",
    type: "customer.upserted",
    at: "2026-01-05T08:00:00Z",
    customer: "cus-1",
    tier: "gold",
    segment: "smb",
    region: "emea",
  },
  {
    id: "o1",
    type: "case.opened",
    at: "2026-01-05T09:00:00Z",
    case: "case-1",
    customer: "cus-1",
    channel: "email",
    category: "billing/refund",
    priority: "high",
    team: "billing",
  },
];

describe.each(STORE_KINDS)("recordEvents on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
    await recordEvents(store.db, pending(...base), { createMissing: false });
  });
  afterAll(() => store.dispose());

  it("projects case events onto the case and indexes them by customer", async () => {
    await recordEvents(
      store.db,
      pending(
        {
          id: "e2",
          type: "case.replied",
          at: "2026-01-05T09:30:00Z",
          case: "case-1",
          by: "agent:a1",
          public: true,
        },
        {
          id: "e1",
          type: "case.assigned",
          at: "2026-01-05T09:10:00Z",
          case: "case-1",
          agent: "a1",
        },
        {
          id: "e3",
          type: "case.worked",
          at: "2026-01-05T09:40:00Z",
          case: "case-1",
          agent: "a1",
          seconds: 600,
        },
        {
          id: "e4",
          type: "case.resolved",
          at: "2026-01-05T10:00:00Z",
          case: "case-1",
          rootCause: "duplicate-charge",
        },
      ),
      { createMissing: true },
    );
    const state = await getCase(store.db, "case-1");
    expect(state).toMatchObject({
      agentId: "a1",
      status: "resolved",
      firstResponseAt: Date.parse("2026-01-05T09:30:00Z"),
      firstResolvedAt: Date.parse("2026-01-05T10:00:00Z"),
      workedSeconds: 600,
      rootCause: "duplicate-charge",
    });
    const journey = await listEventsOfCustomer(store.db, "cus-1", {
      caseScope: { all: true },
      limit: 100,
    });
    expect(journey.map((e) => e.id)).toEqual(["c1", "o1", "e1", "e2", "e3", "e4"]);
    expect(journey[2]).toMatchObject({ caseId: "case-1", agentId: "a1", teamId: "billing" });
  });

  it("is idempotent for events with an id", async () => {
    const before = await countEvents(store.db);
    const report = await recordEvents(store.db, pending(...base), { createMissing: false });
    expect(report).toMatchObject({ recordedIds: [], duplicates: 3 });
    expect(await countEvents(store.db)).toBe(before);
  });

  it("rebuilds a case when an older event arrives late", async () => {
    await recordEvents(
      store.db,
      pending({
        id: "late",
        type: "case.handoff",
        at: "2026-01-05T09:20:00Z",
        case: "case-1",
        from: "billing",
        to: "tech",
      }),
      { createMissing: true },
    );
    const state = await getCase(store.db, "case-1");
    // The handoff happened before the resolution, so the case stays resolved, now in team tech.
    expect(state).toMatchObject({ status: "resolved", teamId: "tech", handoffCount: 1 });
  });

  it("creates unknown references only when allowed, and writes nothing otherwise", async () => {
    const opening = {
      id: "o2",
      type: "case.opened",
      at: "2026-01-06T09:00:00Z",
      case: "case-2",
      customer: "cus-new",
      channel: "chat",
      category: "orders/late",
      priority: "normal",
      team: "logistics",
    };
    const before = await countEvents(store.db);
    await expect(
      recordEvents(store.db, pending(opening), { createMissing: false }),
    ).rejects.toMatchObject({ code: "customer.not_found", field: "customer" });
    expect(await countEvents(store.db)).toBe(before);
    expect(await getCustomer(store.db, "cus-new")).toBeUndefined();

    const report = await recordEvents(store.db, pending(opening), { createMissing: true });
    expect(report.created).toEqual({ teams: ["logistics"], agents: [], customers: ["cus-new"] });
    expect(await getCustomer(store.db, "cus-new")).toMatchObject({
      name: "cus-new",
      tier: "unknown",
    });
  });

  it("rejects a second opening and events on unknown cases", async () => {
    await expect(
      recordEvents(store.db, pending({ ...base[2], id: "o1-again" }), { createMissing: true }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      recordEvents(
        store.db,
        pending({ type: "case.reopened", at: "2026-01-07T00:00:00Z", case: "nope" }),
        {
          createMissing: true,
        },
      ),
    ).rejects.toMatchObject({ code: "case.not_found" });
  });
});
