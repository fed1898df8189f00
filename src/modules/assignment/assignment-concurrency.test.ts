/**
 * One case, one agent; no agent over capacity, with real concurrency. On PostgreSQL two
 * connection pools on one store, as two servers would have, race for the same cases. On SQLite
 * the embedded server has one connection that lets one writer in at a time, so the same races run
 * through it: the requests interleave between their statements and the claims still hold.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { SYSTEM_ACTORS } from "../../access/actor.js";
import { openStore, type Store } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import { defaultQueueSettings } from "../queues/queue-settings.js";
import { QUEUE_SETTINGS_KIND } from "../queues/queue-settings.service.js";
import { saveSettings } from "../settings/settings.service.js";
import { assignCase, pullNextCase, pushWaitingCases } from "./assignment.service.js";

const actor = SYSTEM_ACTORS.cli;

async function record(db: Kysely<DB>, events: ThroughlineEvent[]): Promise<void> {
  await recordEvents(
    db,
    events.map((event) => ({ event, atMs: Date.parse(event.at) })),
    { createMissing: true },
  );
}

function opening(caseId: string, team: string, at: string): ThroughlineEvent {
  return {
    type: "case.opened",
    at,
    case: caseId,
    customer: "cus-1",
    channel: "email",
    category: "billing/refund",
    priority: "normal",
    team,
  };
}

function agents(team: string, count: number, capacity: number): ThroughlineEvent[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, index) => ({
    type: "agent.upserted" as const,
    at,
    agent: `${team}-agent-${index + 1}`,
    team,
    capacity: { email: capacity },
  }));
}

/** The `case.assigned` events per case, and the open cases per agent, as the store has them. */
async function outcome(db: Kysely<DB>, team: string) {
  const events = await db
    .selectFrom("events")
    .select(["case_id", "agent_id"])
    .where("type", "=", "case.assigned")
    .where("team_id", "=", team)
    .execute();
  const perCase = new Map<string, number>();
  for (const event of events)
    perCase.set(event.case_id ?? "", (perCase.get(event.case_id ?? "") ?? 0) + 1);
  const cases = await db
    .selectFrom("cases")
    .select(["id", "agent_id"])
    .where("team_id", "=", team)
    .execute();
  const perAgent = new Map<string, number>();
  for (const row of cases) {
    if (row.agent_id !== null) perAgent.set(row.agent_id, (perAgent.get(row.agent_id) ?? 0) + 1);
  }
  return {
    events: events.length,
    perCase,
    perAgent,
    assignedCases: cases.filter((row) => row.agent_id !== null),
  };
}

/** Every failure must be one the API answers as a 409, never a deadlock or a 500. */
function expectOnlyRefusals(results: PromiseSettledResult<unknown>[], codes: string[]): number {
  const failures = results.filter((result) => result.status === "rejected");
  for (const failure of failures) {
    const reason = (failure as PromiseRejectedResult).reason;
    expect(reason, String(reason)).toBeInstanceOf(AppError);
    expect(codes).toContain((reason as AppError).code);
  }
  return failures.length;
}

describe.each(STORE_KINDS)("assignment under concurrency on %s", (kind) => {
  let store: TestStore;
  /** On PostgreSQL a second pool on the same store, as another server process has. */
  let other: Pick<Store, "db" | "close">;

  beforeAll(async () => {
    store = await createTestStore(kind);
    other = kind === "postgres" ? openStore(store.config) : { db: store.db, close: async () => {} };
    const at = new Date(Date.now() - 60_000).toISOString();
    await record(store.db, [
      { type: "team.upserted", at, team: "race" },
      { type: "team.upserted", at, team: "pull" },
      { type: "team.upserted", at, team: "push" },
      {
        type: "customer.upserted",
        at,
        customer: "cus-1",
        tier: "gold",
        segment: "smb",
        region: "emea",
      },
      ...agents("race", 2, 20),
      ...agents("pull", 5, 2),
      ...agents("push", 4, 3),
    ]);
  });
  afterAll(async () => {
    await other.close();
    await store.dispose();
  });

  it("gives a case raced for by two servers to exactly one agent, 20 times out of 20", async () => {
    for (let round = 1; round <= 20; round++) {
      const caseId = `race-${round}`;
      await record(store.db, [opening(caseId, "race", new Date().toISOString())]);
      const now = new Date();
      const results = await Promise.allSettled([
        assignCase(store.db, actor, caseId, now, { mode: "push" }),
        assignCase(other.db, actor, caseId, now, { mode: "push" }),
        // A person assigning by hand at the same moment, through the first server.
        assignCase(store.db, actor, caseId, now, { mode: "manual", agentId: "race-agent-2" }),
      ]);
      const won = results.filter((result) => result.status === "fulfilled");
      expect(won, `round ${round}`).toHaveLength(1);
      expect(expectOnlyRefusals(results, ["assignment.conflict"])).toBe(2);
    }
    const { events, perCase } = await outcome(store.db, "race");
    expect(events).toBe(20);
    expect([...perCase.values()].every((count) => count === 1)).toBe(true);
  });

  it("lets parallel pulls take each case once and no agent past capacity", async () => {
    const at = new Date(Date.now() - 30_000).toISOString();
    await record(
      store.db,
      Array.from({ length: 16 }, (_, index) => opening(`pull-${index + 1}`, "pull", at)),
    );
    // Five agents with room for two email cases each pull four times at once, on two servers.
    const now = new Date();
    const pulls = Array.from({ length: 20 }, (_, index) =>
      pullNextCase(
        index % 2 === 0 ? store.db : other.db,
        actor,
        `pull-agent-${(index % 5) + 1}`,
        now,
      ),
    );
    const results = await Promise.allSettled(pulls);
    const taken = results.flatMap((result) =>
      result.status === "fulfilled" && result.value.case ? [result.value.case.id] : [],
    );
    expect(taken).toHaveLength(10);
    expect(new Set(taken).size).toBe(10);
    expect(expectOnlyRefusals(results, ["assignment.unavailable"])).toBe(10);

    const { events, perCase, perAgent } = await outcome(store.db, "pull");
    expect(events).toBe(10);
    expect([...perCase.values()].every((count) => count === 1)).toBe(true);
    expect([...perAgent.values()]).toEqual([2, 2, 2, 2, 2]);
  });

  it("keeps two push jobs and agents pulling at once within capacity, each case once", async () => {
    await saveSettings(
      store.db,
      actor,
      QUEUE_SETTINGS_KIND,
      { ...defaultQueueSettings(), assignment: { mode: "pull", perTeam: { push: "push" } } },
      { now: new Date() },
    );
    const at = new Date(Date.now() - 30_000).toISOString();
    await record(
      store.db,
      Array.from({ length: 20 }, (_, index) => opening(`push-${index + 1}`, "push", at)),
    );
    const now = Date.now();
    const results = await Promise.allSettled([
      pushWaitingCases(store.db, now),
      pushWaitingCases(other.db, now),
      ...Array.from({ length: 8 }, (_, index) =>
        pullNextCase(
          index % 2 === 0 ? other.db : store.db,
          actor,
          `push-agent-${(index % 4) + 1}`,
          new Date(now),
        ),
      ),
    ]);
    expect(results.slice(0, 2).map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    expectOnlyRefusals(results.slice(2), ["assignment.unavailable"]);

    // Four agents with room for three cases each: twelve of the twenty cases, each once.
    const { events, perCase, perAgent } = await outcome(store.db, "push");
    expect(events).toBe(12);
    expect([...perCase.values()].every((count) => count === 1)).toBe(true);
    expect([...perAgent.values()]).toEqual([3, 3, 3, 3]);
  });
});
