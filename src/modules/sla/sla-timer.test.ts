/**
 * Timers that survive restarts (issue 4, item 9): the due times are in sla_clocks, the scheduler
 * fires each crossed threshold once as an event dated at the instant it was crossed, and a server
 * that was down past a due time catches up when it starts again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { buildTestConfig } from "../../config.js";
import { openStore, type Store } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import { type SchedulerLogger, startScheduler } from "../../jobs/scheduler.js";
import { slaTimerJob } from "../../jobs/sla-timer.job.js";
import { startServer } from "../../server.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import { saveSettings } from "../settings/settings.service.js";
import { withSlaTables } from "./sla.table.js";
import { SLA_POLICIES_SETTINGS } from "./sla-settings.js";
import { fireDueSlaEvents } from "./sla-timer.service.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet: SchedulerLogger = { info: () => {}, error: () => {} };

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

/** A policy whose first response is due `seconds` of wall-clock time after the opening. */
async function savePolicy(db: Kysely<DB>, seconds: number): Promise<void> {
  await saveSettings(
    db,
    SYSTEM_ACTORS.cli,
    SLA_POLICIES_SETTINGS,
    {
      policies: [
        {
          id: "fast",
          name: "Fast",
          position: 1,
          conditions: {},
          targets: { firstResponse: { minutes: seconds / 60, time: "calendar" } },
          atRiskShare: 0.5,
        },
      ],
      internal: [],
    },
    { now: new Date() },
  );
}

async function openCase(db: Kysely<DB>, caseId: string, at: number): Promise<void> {
  const iso = new Date(at).toISOString();
  const events: ThroughlineEvent[] = [
    { type: "team.upserted", at: iso, team: "billing" },
    {
      type: "customer.upserted",
      at: iso,
      customer: "cus-1",
      tier: "gold",
      segment: "smb",
      region: "emea",
    },
    {
      type: "case.opened",
      at: iso,
      case: caseId,
      customer: "cus-1",
      channel: "email",
      category: "billing/refund",
      priority: "high",
      team: "billing",
    },
  ];
  await recordEvents(
    db,
    events.map((event) => ({ event, atMs: at })),
    { createMissing: true },
  );
}

async function slaEvents(db: Kysely<DB>, caseId: string) {
  const rows = await db
    .selectFrom("events")
    .select(["id", "type", "at"])
    .where("case_id", "=", caseId)
    .where("type", "in", ["sla.at_risk", "sla.breached"])
    .orderBy("at")
    .execute();
  return rows.map((row) => ({ id: row.id, type: row.type, at: Number(row.at) }));
}

async function clockOf(db: Kysely<DB>, caseId: string) {
  return withSlaTables(db)
    .selectFrom("sla_clocks")
    .selectAll()
    .where("case_id", "=", caseId)
    .where("clock", "=", "firstResponse")
    .executeTakeFirstOrThrow();
}

describe("SLA timer across a server restart (SQLite file)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-sla-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fires a breach missed while the server was down exactly once after it starts again", async () => {
    const config = buildTestConfig({
      store: { dialect: "sqlite", file: path.join(dir, "throughline.sqlite") },
      dataDir: dir,
      slaTimerIntervalMs: 50,
    });
    const first = await startServer(config, { handleSignals: false });
    await savePolicy(first.store.db, 3);
    // Opened once the server is up, so a slow start on a busy machine cannot eat the margin
    // before the at-risk instant while the server is still running.
    const openedAt = Date.now();
    await openCase(first.store.db, "late", openedAt);
    const { due_at: dueAt, at_risk_at: atRiskAt } = await clockOf(first.store.db, "late");
    expect(Number(dueAt)).toBe(openedAt + 3_000);
    await first.stop();

    // Down past the at-risk instant and the due time.
    await sleep(Math.max(0, Number(dueAt) + 300 - Date.now()));
    const reopened = openStore(config);
    expect(await slaEvents(reopened.db, "late")).toEqual([]);
    await reopened.close();

    const second = await startServer(config, { handleSignals: false });
    try {
      await waitFor(async () => (await slaEvents(second.store.db, "late")).length === 2);
      await sleep(300);
      expect(await slaEvents(second.store.db, "late")).toEqual([
        {
          id: `sla:late:firstResponse:${openedAt}:at_risk`,
          type: "sla.at_risk",
          at: Number(atRiskAt),
        },
        {
          id: `sla:late:firstResponse:${openedAt}:breached`,
          type: "sla.breached",
          at: Number(dueAt),
        },
      ]);
      const clock = await clockOf(second.store.db, "late");
      expect(clock.state).toBe("breached");
      expect(clock.at_risk_fired_at).not.toBeNull();
      expect(clock.breached_fired_at).not.toBeNull();
    } finally {
      await second.stop();
    }
  }, 20_000);
});

describe.each(STORE_KINDS)("SLA timer on %s", (kind) => {
  let store: TestStore;
  /** A second handle on the same store: on PostgreSQL a pool of its own, like another process. */
  let other: Pick<Store, "db">;
  beforeEach(async () => {
    store = await createTestStore(kind);
    other = kind === "postgres" ? openStore(store.config) : store;
  });
  afterEach(async () => {
    if (other !== store) await (other as Store).close();
    await store.dispose();
  });

  it("two schedulers sharing the store record each threshold once", async () => {
    await savePolicy(store.db, 0.6);
    const openedAt = Date.now();
    await openCase(store.db, "shared", openedAt);
    const options = { tickMs: 5, leaseMs: 2_000, logger: quiet };
    const first = startScheduler(store, {
      ...options,
      jobs: [slaTimerJob(store.db, 20)],
      holderId: "a",
    });
    const second = startScheduler(other, {
      ...options,
      jobs: [slaTimerJob(other.db, 20)],
      holderId: "b",
    });
    try {
      await waitFor(async () => (await slaEvents(store.db, "shared")).length === 2);
      await sleep(200);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const events = await slaEvents(store.db, "shared");
    expect(events.map((event) => event.type)).toEqual(["sla.at_risk", "sla.breached"]);
    expect(events[1]?.at).toBe(openedAt + 600);
  });

  it("never records a threshold twice, even when its fired mark is lost", async () => {
    await savePolicy(store.db, 60);
    const openedAt = Date.now() - 120_000;
    await openCase(store.db, "old", openedAt);
    const now = Date.now();
    expect(await fireDueSlaEvents(store.db, now)).toEqual({ fired: 2, alreadyRecorded: 0 });
    expect(await fireDueSlaEvents(other.db, now)).toEqual({ fired: 0, alreadyRecorded: 0 });
    // As if a process died between recording and marking: the event ids still refuse a second.
    await withSlaTables(store.db)
      .updateTable("sla_clocks")
      .set({ at_risk_fired_at: null, breached_fired_at: null })
      .execute();
    expect(await fireDueSlaEvents(other.db, now)).toEqual({ fired: 0, alreadyRecorded: 2 });
    expect((await slaEvents(store.db, "old")).map((event) => event.type)).toEqual([
      "sla.at_risk",
      "sla.breached",
    ]);
    expect((await clockOf(store.db, "old")).breached_fired_at).not.toBeNull();
  });

  it("does not fire a clock stopped before its due time, nor one paused before it", async () => {
    await savePolicy(store.db, 60);
    const openedAt = Date.now() - 120_000;
    await openCase(store.db, "answered", openedAt);
    await recordEvents(
      store.db,
      [
        {
          event: {
            type: "case.replied",
            at: new Date(openedAt + 10_000).toISOString(),
            case: "answered",
            by: "agent:a1",
            public: true,
          },
          atMs: openedAt + 10_000,
        },
      ],
      { createMissing: true },
    );
    await openCase(store.db, "waiting", openedAt);
    await recordEvents(
      store.db,
      [
        {
          event: {
            type: "case.status",
            at: new Date(openedAt + 20_000).toISOString(),
            case: "waiting",
            status: "pending_customer",
          },
          atMs: openedAt + 20_000,
        },
      ],
      { createMissing: true },
    );
    expect((await clockOf(store.db, "waiting")).state).toBe("paused");
    expect(await fireDueSlaEvents(store.db, Date.now() + 5 * 60_000)).toEqual({
      fired: 0,
      alreadyRecorded: 0,
    });
  });
});
