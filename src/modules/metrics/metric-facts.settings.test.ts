/**
 * Settings saves that move what the metric facts hold without an event of the case: an SLA
 * policy save moves the first-response due times of open cases, a new recontact window moves
 * which cases are recontacts. After each save, on both stores, every case's stored facts must be
 * what deriving them from its history gives now, and the roll-ups must be what a rebuild from
 * those facts gives: nothing waits for the case's next write.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpRollups, staleFacts } from "../../../test/support/metrics-facts.js";
import { BASE, DAY_MS, describeEvents, SPAN_DAYS } from "../../../test/support/random-histories.js";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { CASE_RULES_KIND, loadCaseRules } from "../cases/case-rules.service.js";
import { createRandom } from "../demo/random.js";
import { recordEvents } from "../events/event-recorder.js";
import { saveSettings } from "../settings/settings.service.js";
import type { SlaPoliciesDocument } from "../sla/sla-settings.js";
import { SLA_POLICIES_KIND } from "../sla/sla-settings.service.js";
import { rebuildRollups } from "./rollup.service.js";

const CASES = 300;

function policies(
  firstResponseMinutes: number,
  priorities: ("urgent" | "high" | "normal" | "low")[] = ["urgent", "high", "normal"],
): SlaPoliciesDocument {
  return {
    policies: [
      {
        id: "fast",
        name: "Fast",
        position: 1,
        conditions: { priorities },
        targets: { firstResponse: { minutes: firstResponseMinutes, time: "calendar" } },
        atRiskShare: 0.5,
      },
    ],
    internal: [],
  };
}

async function dumpRollupsAndPending(db: Kysely<DB>) {
  const pending = await db
    .selectFrom("metric_sla_pending")
    .selectAll()
    .orderBy("case_id")
    .execute();
  return { rollups: await dumpRollups(db), pending };
}

/** The maintained roll-ups equal a rebuild from the facts (which leaves them rebuilt). */
async function expectRollupsAsRebuilt(db: Kysely<DB>): Promise<void> {
  const maintained = await dumpRollupsAndPending(db);
  await db.transaction().execute((trx) => rebuildRollups(trx));
  expect(await dumpRollupsAndPending(db)).toEqual(maintained);
}

async function column(db: Kysely<DB>, name: "first_response_due_at" | "recontacted_by") {
  const rows = await db
    .selectFrom("metric_case_facts")
    .select(["case_id", name])
    .orderBy("case_id")
    .execute();
  return new Map(rows.map((row) => [row.case_id, row[name as keyof typeof row]]));
}

function differing<T>(before: Map<string, T>, after: Map<string, T>): number {
  return [...after].filter(([id, value]) => before.get(id) !== value).length;
}

describe.each(STORE_KINDS)("metric facts after settings saves (%s)", (kind) => {
  let store: TestStore;
  const now = new Date(BASE + (SPAN_DAYS + 6) * DAY_MS);

  beforeAll(async () => {
    store = await createTestStore(kind);
    const actor = SYSTEM_ACTORS.cli;
    await saveSettings(store.db, actor, SLA_POLICIES_KIND, policies(90), {
      now: new Date(BASE - 2 * DAY_MS),
    });
    const events = describeEvents(createRandom(71, `facts-settings-${kind}`), CASES).sort(
      (a, b) => a.atMs - b.atMs,
    );
    const half = Math.floor(events.length / 2);
    await recordEvents(store.db, events.slice(0, half), { createMissing: false });
    await recordEvents(store.db, events.slice(half), { createMissing: false });
    expect(await staleFacts(store.db)).toEqual([]);
  }, 240_000);

  afterAll(async () => {
    await store?.dispose();
  });

  it("moves the first-response due times of open cases' facts with an SLA policy save", async () => {
    const db = store.db;
    const before = await column(db, "first_response_due_at");
    await saveSettings(db, SYSTEM_ACTORS.cli, SLA_POLICIES_KIND, policies(45), { now });
    // Open cases' clocks moved (resolved ones keep the clocks they stopped with): some answered
    // cases now miss the target they met, unanswered ones are pending to a new due time.
    expect(differing(before, await column(db, "first_response_due_at"))).toBeGreaterThan(10);
    expect(await staleFacts(db)).toEqual([]);
    await expectRollupsAsRebuilt(db);
    // Targets gained and lost: low priority gains one, normal and high lose theirs.
    const middle = await column(db, "first_response_due_at");
    await saveSettings(db, SYSTEM_ACTORS.cli, SLA_POLICIES_KIND, policies(60, ["urgent", "low"]), {
      now,
    });
    const after = await column(db, "first_response_due_at");
    expect(
      [...after].filter(([id, due]) => due === null && middle.get(id) !== null).length,
    ).toBeGreaterThan(5);
    expect(
      [...after].filter(([id, due]) => due !== null && middle.get(id) === null).length,
    ).toBeGreaterThan(5);
    expect(await staleFacts(db)).toEqual([]);
    await expectRollupsAsRebuilt(db);
  }, 120_000);

  it("finds recontacts again with a new recontact window", async () => {
    const db = store.db;
    const rules = await loadCaseRules(db);
    for (const recontactWindowDays of [1, 20]) {
      const before = await column(db, "recontacted_by");
      await saveSettings(
        db,
        SYSTEM_ACTORS.cli,
        CASE_RULES_KIND,
        { reopenWindowDays: rules.reopenWindowDays, recontactWindowDays },
        { now },
      );
      expect(differing(before, await column(db, "recontacted_by"))).toBeGreaterThan(3);
      expect(await staleFacts(db)).toEqual([]);
      await expectRollupsAsRebuilt(db);
    }
  }, 120_000);
});
