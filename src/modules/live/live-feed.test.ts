import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestStore, STORE_KINDS, type TestStore } from "../../../test/support/stores.js";
import { appendEvents, type NewEventRow } from "../events/event.repository.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { recordEvents } from "../events/event-recorder.js";
import type { LiveBatch } from "./live.js";
import { LiveFeed } from "./live-feed.js";

const iso = (ms: number) => new Date(ms).toISOString();

function teamUpserts(names: string[]): ThroughlineEvent[] {
  return names.map((team, index) => ({ type: "team.upserted", at: iso(1_000 * index), team }));
}

async function record(store: TestStore, events: ThroughlineEvent[]): Promise<void> {
  await recordEvents(
    store.db,
    events.map((event) => ({ event, atMs: Date.parse(event.at) })),
    { createMissing: true },
  );
}

describe.each(STORE_KINDS)("LiveFeed on %s", (kind) => {
  let store: TestStore;
  let feed: LiveFeed;

  beforeEach(async () => {
    store = await createTestStore(kind);
  });
  afterEach(async () => {
    await feed.stop();
    await store.dispose();
  });

  it("reads the log once for all subscribers, from the end of the log when they came", async () => {
    await record(store, teamUpserts(["before-1", "before-2"]));
    feed = new LiveFeed(store.db, { pollIntervalMs: 20, pageSize: 2, pagesPerPoll: 2 });
    const first: LiveBatch[] = [];
    const second: LiveBatch[] = [];
    const one = await feed.subscribe((batch) => first.push(batch));
    const two = await feed.subscribe((batch) => second.push(batch));
    expect(one.lastSeq).toBe(2);
    expect(two.lastSeq).toBe(2);

    // Five events, two a page and two pages a poll: summarised over two polls.
    await record(store, teamUpserts(["a", "b", "c", "d", "e"]));
    await expect
      .poll(() =>
        first.reduce((sum, batch) => sum + (batch.changes.types["team.upserted"] ?? 0), 0),
      )
      .toBe(5);
    expect(first.map((batch) => batch.changes.lastSeq)).toEqual([6, 7]);
    expect(second).toEqual(first);
  });

  it("polls only while someone listens, and starts again from the end of the log", async () => {
    feed = new LiveFeed(store.db, { pollIntervalMs: 20 });
    const batches: LiveBatch[] = [];
    const subscription = await feed.subscribe((batch) => batches.push(batch));
    expect(feed.subscriberCount).toBe(1);
    subscription.unsubscribe();
    expect(feed.subscriberCount).toBe(0);

    await record(store, teamUpserts(["while-nobody-listened"]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches).toEqual([]);
    const again = await feed.subscribe((batch) => batches.push(batch));
    expect(again.lastSeq).toBe(1);
    await record(store, teamUpserts(["heard"]));
    await expect.poll(() => batches.map((batch) => batch.changes.lastSeq)).toEqual([2]);
  });
});

describe.runIf(STORE_KINDS.includes("postgres"))(
  "LiveFeed on postgres, commits out of order",
  () => {
    /** A bare row of the log: what is under test is when its seq becomes visible. */
    const row = (id: string, type: string): NewEventRow => ({
      id,
      type,
      at: 0,
      caseId: null,
      customerId: null,
      teamId: null,
      agentId: null,
      data: JSON.stringify({ id, type, at: iso(0) }),
      recordedAt: Date.now(),
    });

    it("delivers an event whose transaction commits after a later one was read", async () => {
      const store = await createTestStore("postgres");
      const feed = new LiveFeed(store.db, { pollIntervalMs: 20 });
      try {
        const batches: LiveBatch[] = [];
        await feed.subscribe((batch) => batches.push(batch));
        const seen = () => batches.flatMap((batch) => Object.keys(batch.changes.types));

        // A slow transaction takes the first seq and holds it uncommitted…
        let release: () => void = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let inserted: () => void = () => {};
        const slowInserted = new Promise<void>((resolve) => {
          inserted = resolve;
        });
        const slow = store.db.transaction().execute(async (trx) => {
          await appendEvents(trx, [row("slow", "team.upserted")]);
          inserted();
          await held;
        });
        await slowInserted;
        // …while a later write commits and is read past it.
        await appendEvents(store.db, [row("fast", "customer.upserted")]);
        await expect.poll(seen).toEqual(["customer.upserted"]);
        expect(batches.at(-1)?.changes.lastSeq).toBe(2);

        release();
        await slow;
        await expect.poll(seen).toEqual(["customer.upserted", "team.upserted"]);
      } finally {
        await feed.stop();
        await store.dispose();
      }
    });
  },
);
