import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpRollups, staleFacts } from "../../../test/support/metrics-facts.js";
import { recordChecked } from "../../../test/support/record.js";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { importEvents } from "../events/event-import.js";
import { rebuildRollups } from "./rollup.service.js";

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 4, 4, 8);
const CUSTOMERS = 10;
/** Cases per customer per import: 3 events each, so an import spans two write batches. */
const CASES_PER_CUSTOMER = 180;
const IMPORTS = 3;

const iso = (ms: number) => new Date(ms).toISOString();

/** Import `index`: its cases interleave in time with the other imports' for every customer. */
function importLines(index: number): string[] {
  const events: Record<string, unknown>[] = [];
  for (let customer = 0; customer < CUSTOMERS; customer++) {
    events.push({
      type: "customer.upserted",
      id: `imp${index}-cus${customer}`,
      at: iso(T0 + index * 1000),
      customer: `cus-${customer}`,
      tier: `tier-${index}`,
      segment: "smb",
      region: "emea",
    });
    for (let k = 0; k < CASES_PER_CUSTOMER; k++) {
      const id = `imp${index}-c${customer}-${k}`;
      const opened = T0 + (k * IMPORTS + index) * 2 * HOUR_MS + customer * 60_000;
      events.push(
        {
          type: "case.opened",
          id: `${id}-o`,
          at: iso(opened),
          case: id,
          customer: `cus-${customer}`,
          channel: "email",
          category: "billing/refund",
          priority: "normal",
          team: "billing",
        },
        {
          type: "case.replied",
          id: `${id}-r`,
          at: iso(opened + 600_000),
          case: id,
          by: "agent:a1",
          public: true,
        },
        { type: "case.resolved", id: `${id}-x`, at: iso(opened + HOUR_MS), case: id },
      );
    }
  }
  return events.map((event) => JSON.stringify(event));
}

describe.runIf(STORE_KINDS.includes("postgres"))("concurrent imports on postgres", () => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore("postgres");
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("commits every import and leaves current facts and roll-ups", async () => {
    const db = store.db;
    const options = { skipInvalid: false, strict: false, actor: SYSTEM_ACTORS.cli };
    // The first import alone, so the others change facts rows that already exist.
    const first = await importEvents(db, importLines(0), options);
    expect(first.imported).toBe(CUSTOMERS * (1 + 3 * CASES_PER_CUSTOMER));
    const results = await Promise.allSettled(
      Array.from({ length: IMPORTS - 1 }, (_, index) =>
        importEvents(db, importLines(index + 1), options),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(
      Array.from({ length: IMPORTS - 1 }, () => "fulfilled"),
    );
    const facts = await db
      .selectFrom("metric_case_facts")
      .select((eb) => [
        eb.fn.countAll<number>().as("cases"),
        eb.fn.count<number>("recontacted_by").as("recontacts"),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(facts.cases)).toBe(IMPORTS * CUSTOMERS * CASES_PER_CUSTOMER);
    expect(Number(facts.recontacts)).toBeGreaterThan(CUSTOMERS * CASES_PER_CUSTOMER);
    expect(await staleFacts(db)).toEqual([]);
    const maintained = await dumpRollups(db);
    await db.transaction().execute((trx) => rebuildRollups(trx));
    expect(await dumpRollups(db)).toEqual(maintained);
  }, 300_000);

  it("lets a writer holding the roll-up lock change facts another writer's recontact moved", async () => {
    const db = store.db;
    const opened = (id: string, customer: string, at: number) => ({
      type: "case.opened",
      id: `${id}-o`,
      at: iso(at),
      case: id,
      customer,
      channel: "chat",
      category: "orders/late",
      priority: "high",
      team: "orders",
    });
    const t = T0 + 400 * 24 * HOUR_MS;
    await recordChecked(db, [
      opened("x", "cus-x", t),
      { type: "case.resolved", id: "x-r", at: iso(t + HOUR_MS), case: "x" },
      opened("z", "cus-z", t),
    ]);
    // The holder: a write that changed facts, so it holds the roll-up lock until it commits.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let other: Promise<unknown> = Promise.resolve();
    const holder = db.transaction().execute(async (trx) => {
      await recordChecked(trx, [
        { type: "case.escalated", id: "z-e", at: iso(t + HOUR_MS), case: "z", level: 1 },
      ]);
      // Meanwhile a case of x's customer opens: x becomes its recontact's case.
      other = recordChecked(db, [opened("y", "cus-x", t + 2 * HOUR_MS)]);
      await released;
      // The holder now changes x's facts, which that write's recontact also changes.
      await recordChecked(trx, [
        {
          type: "survey.answered",
          id: "x-s",
          at: iso(t + 3 * HOUR_MS),
          case: "x",
          kind: "csat",
          score: 4,
        },
      ]);
    });
    setTimeout(release, 500);
    const results = await Promise.allSettled([
      holder,
      (async () => {
        await released;
        return other;
      })(),
    ]);
    expect(
      results.map((result) => (result.status === "rejected" ? String(result.reason) : "ok")),
    ).toEqual(["ok", "ok"]);
    const x = await db
      .selectFrom("metric_case_facts")
      .select("recontacted_by")
      .where("case_id", "=", "x")
      .executeTakeFirstOrThrow();
    expect(x.recontacted_by).toBe("y");
    expect(await staleFacts(db)).toEqual([]);
  }, 60_000);
});
