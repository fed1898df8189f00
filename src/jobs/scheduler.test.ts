import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../access/actor.js";
import { openStore, type Store } from "../db/database.js";
import { listAudit } from "../modules/audit/audit.service.js";
import { setPolicy } from "../modules/retention/retention.service.js";
import { startBackgroundJobs } from "./background-jobs.js";
import { acquireLease, claimSlot, listJobRuns } from "./job.repository.js";
import { RETENTION_JOB } from "./retention.job.js";
import { type SchedulerLogger, slotStart, startScheduler } from "./scheduler.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

const quiet: SchedulerLogger = { info: () => {}, error: () => {} };

describe("slotStart", () => {
  it("cuts time into slots from the epoch", () => {
    const day = 86_400_000;
    expect(slotStart(Date.UTC(2026, 10, 25, 13, 30), day)).toBe(Date.UTC(2026, 10, 25));
    expect(slotStart(Date.UTC(2026, 10, 25), day)).toBe(Date.UTC(2026, 10, 25));
    expect(slotStart(149, 50)).toBe(100);
  });
});

describe.each(STORE_KINDS)("scheduler on %s", (kind) => {
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

  it("runs each due slot exactly once when two schedulers share the store", async () => {
    const intervalMs = 60;
    const runs: { dueAt: number; holder: string }[] = [];
    const job = (holder: string) => ({
      name: "count",
      intervalMs,
      run: async ({ dueAt }: { dueAt: number }) => {
        runs.push({ dueAt, holder });
        await sleep(10);
      },
    });
    const options = { tickMs: 3, leaseMs: 2_000, logger: quiet };
    const first = startScheduler(store, { ...options, jobs: [job("a")], holderId: "a" });
    const second = startScheduler(other, { ...options, jobs: [job("b")], holderId: "b" });
    await sleep(intervalMs * 10);
    await Promise.all([first.stop(), second.stop()]);

    const slots = runs.map((run) => run.dueAt);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.length).toBeGreaterThanOrEqual(5);
    for (const slot of slots) expect(slot % intervalMs).toBe(0);
    const recorded = await listJobRuns(store.db, "count");
    expect(recorded.map((run) => run.dueAt)).toEqual([...slots].sort((x, y) => x - y));
    expect(recorded.every((run) => run.status === "succeeded" && run.attempts === 1)).toBe(true);
    for (const run of recorded) {
      expect(run.holder).toBe(runs.find((r) => r.dueAt === run.dueAt)?.holder);
    }
  });

  it("never runs a job twice at once, even when a run outlasts its slot", async () => {
    let active = 0;
    let mostActive = 0;
    const slots: number[] = [];
    const job = {
      name: "long",
      intervalMs: 20,
      run: async ({ dueAt }: { dueAt: number }) => {
        active += 1;
        mostActive = Math.max(mostActive, active);
        slots.push(dueAt);
        await sleep(50);
        active -= 1;
      },
    };
    const options = { jobs: [job], tickMs: 3, leaseMs: 2_000, logger: quiet };
    const first = startScheduler(store, { ...options, holderId: "a" });
    const second = startScheduler(other, { ...options, holderId: "b" });
    await sleep(400);
    await Promise.all([first.stop(), second.stop()]);
    expect(mostActive).toBe(1);
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it("takes over a slot whose holder's lease ran out mid-run, and runs it once", async () => {
    const intervalMs = 3_600_000;
    let clock = Date.UTC(2026, 10, 25, 10, 0);
    const dueAt = slotStart(clock, intervalMs);
    // A process took the lease for 1 s, claimed the slot, and died.
    expect(
      await acquireLease(store.db, {
        name: "crashy",
        holder: "dead",
        now: clock,
        expiresAt: clock + 1_000,
      }),
    ).toBe(true);
    expect(await claimSlot(store.db, { name: "crashy", holder: "dead", dueAt, now: clock })).toBe(
      "claimed",
    );

    let runs = 0;
    const options = {
      jobs: [
        {
          name: "crashy",
          intervalMs,
          run: async () => {
            runs += 1;
          },
        },
      ],
      tickMs: 3,
      leaseMs: 60_000,
      now: () => clock,
      logger: quiet,
    };
    const alive = startScheduler(store, { ...options, holderId: "alive" });
    await sleep(30);
    expect(runs).toBe(0);
    clock += 2_000;
    await waitFor(() => runs === 1);
    await sleep(30);
    await alive.stop();
    expect(runs).toBe(1);
    expect(await listJobRuns(store.db, "crashy")).toMatchObject([
      { dueAt, holder: "alive", status: "succeeded", attempts: 2 },
    ]);
  });

  it("records a failed slot without retrying it, and runs the next slot", async () => {
    const intervalMs = 1_000;
    let clock = 10_000_500;
    const attempts: number[] = [];
    const errors: string[] = [];
    const scheduler = startScheduler(store, {
      jobs: [
        {
          name: "flaky",
          intervalMs,
          run: async ({ dueAt }) => {
            attempts.push(dueAt);
            if (attempts.length === 1) throw new Error("disk full");
          },
        },
      ],
      holderId: "only",
      tickMs: 3,
      now: () => clock,
      logger: { info: () => {}, error: (_details, message) => errors.push(message) },
    });
    await waitFor(() => attempts.length === 1);
    await sleep(30);
    clock += intervalMs;
    await waitFor(() => attempts.length === 2);
    await sleep(30);
    await scheduler.stop();
    expect(attempts).toEqual([10_000_000, 10_001_000]);
    expect(errors).toEqual(["job failed"]);
    expect(await listJobRuns(store.db, "flaky")).toMatchObject([
      { dueAt: 10_000_000, status: "failed", error: "disk full" },
      { dueAt: 10_001_000, status: "succeeded", error: null },
    ]);
  });

  it("stop() waits for the running job to finish", async () => {
    let finished = false;
    const scheduler = startScheduler(store, {
      jobs: [
        {
          name: "slow",
          intervalMs: 3_600_000,
          run: async () => {
            await sleep(80);
            finished = true;
          },
        },
      ],
      holderId: "only",
      tickMs: 3,
      logger: quiet,
    });
    await waitFor(async () => (await listJobRuns(store.db, "slow")).length === 1);
    expect(finished).toBe(false);
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(await listJobRuns(store.db, "slow")).toMatchObject([{ status: "succeeded" }]);
  });

  it("runs retention as the scheduler, audited", async () => {
    await setPolicy(
      store.db,
      SYSTEM_ACTORS.cli,
      { kind: "events", action: "anonymise", days: 30 },
      new Date(),
    );
    const jobs = startBackgroundJobs(store, {
      retentionIntervalMs: 86_400_000,
      holderId: "server-1",
      logger: quiet,
    });
    await waitFor(async () => (await listJobRuns(store.db, RETENTION_JOB)).length === 1);
    await jobs.stop();
    expect(await listJobRuns(store.db, RETENTION_JOB)).toMatchObject([
      { holder: "server-1", status: "succeeded", dueAt: slotStart(Date.now(), 86_400_000) },
    ]);
    const applied = await listAudit(store.db, { action: "retention.apply", limit: 10 });
    expect(applied.items).toMatchObject([{ actor: "system:scheduler", targetId: "events" }]);
  });
});
