import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { FORWARDED_EVENT_TYPES, type LiveBatch, summariseEvents } from "./live.js";
import {
  type LoggedEvent,
  listEventsAfterSeq,
  listEventsInGaps,
  readLastEventSeq,
} from "./live.repository.js";
import { expireGaps, type LogPosition, notePositions, startPosition } from "./log-position.js";

export interface LiveFeedOptions {
  /** Pause between two reads of the log. */
  pollIntervalMs: number;
  /**
   * How long a hole in the seq values is waited for (an uncommitted PostgreSQL transaction; a
   * bulk import in another process can hold one for a while, so well above a request's commit).
   */
  gapWaitMs: number;
  maxGaps: number;
  /** Events read per query, and queries per poll: a big import is summarised over several polls. */
  pageSize: number;
  pagesPerPoll: number;
  logger?: { error(details: object, message: string): void };
  /** The clock (epoch ms); tests pass their own. */
  now?: () => number;
}

export const DEFAULT_LIVE_FEED_OPTIONS: LiveFeedOptions = {
  pollIntervalMs: 1_000,
  gapWaitMs: 60_000,
  maxGaps: 200,
  pageSize: 5_000,
  pagesPerPoll: 20,
};

export type LiveListener = (batch: LiveBatch) => void;

export interface LiveSubscription {
  /** The seq the subscriber's view starts after: every later event reaches it. */
  lastSeq: number;
  unsubscribe(): void;
}

/**
 * Follows the event log by `seq` for every open live stream of this process: one poller, however
 * many subscribers, reading the store (so events written by another process, a CLI import say,
 * arrive like those written here). It polls only while someone listens; a subscriber that
 * arrives after a quiet spell starts from the end of the log.
 */
export class LiveFeed {
  private readonly db: Kysely<DB>;
  private readonly options: LiveFeedOptions;
  private readonly listeners = new Set<LiveListener>();
  private position: LogPosition | undefined;
  private starting: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** Bumped when the feed goes quiet, so a poll of the previous run leaves the position alone. */
  private run = 0;
  private stopped = false;

  constructor(db: Kysely<DB>, options: Partial<LiveFeedOptions> = {}) {
    this.db = db;
    this.options = { ...DEFAULT_LIVE_FEED_OPTIONS, ...options };
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Adds a listener; the poller starts with the first one. */
  async subscribe(listener: LiveListener): Promise<LiveSubscription> {
    if (this.stopped) throw new Error("the live feed is stopped");
    this.listeners.add(listener);
    const unsubscribe = () => this.unsubscribe(listener);
    try {
      if (this.starting === undefined) {
        const run = this.run;
        const starting = readLastEventSeq(this.db).then(
          (seq) => {
            // Everyone may have left (and the feed stopped) while the store answered.
            if (run === this.run) {
              this.position = startPosition(seq);
              this.schedule();
            }
            return seq;
          },
          (error: unknown) => {
            if (this.starting === starting) this.starting = undefined;
            throw error;
          },
        );
        this.starting = starting;
      }
      const lastSeq = this.position?.cursor ?? (await this.starting);
      return { lastSeq, unsubscribe };
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private unsubscribe(listener: LiveListener): void {
    if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
    // Nobody listens: stop reading; the next subscriber starts from the end of the log.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.position = undefined;
    this.starting = undefined;
    this.run += 1;
  }

  private schedule(): void {
    if (this.stopped || this.listeners.size === 0) return;
    const run = this.run;
    this.timer = setTimeout(() => {
      this.polling = this.pollOnce(run).finally(() => {
        this.polling = undefined;
        if (run === this.run) this.schedule();
      });
    }, this.options.pollIntervalMs);
  }

  /** One read of the log: the gaps first, then what follows the cursor. */
  private async pollOnce(run: number): Promise<void> {
    const start = this.position;
    if (start === undefined) return;
    const now = this.now();
    const { pageSize, pagesPerPoll } = this.options;
    const forwardedTypes = FORWARDED_EVENT_TYPES;
    try {
      let position = expireGaps(start, now, this.options);
      const found: LoggedEvent[] = await listEventsInGaps(this.db, {
        gaps: position.gaps,
        limit: pageSize,
        forwardedTypes,
      });
      position = notePositions(
        position,
        found.map((event) => event.seq),
        now,
      );
      for (let page = 0; page < pagesPerPoll; page += 1) {
        const events = await listEventsAfterSeq(this.db, {
          after: position.cursor,
          limit: pageSize,
          forwardedTypes,
        });
        found.push(...events);
        position = notePositions(
          position,
          events.map((event) => event.seq),
          now,
        );
        if (events.length < pageSize) break;
      }
      if (run !== this.run) return;
      this.position = position;
      if (found.length > 0) this.publish(summariseEvents(found, position.cursor));
    } catch (error) {
      // The store may be briefly unavailable (a PostgreSQL failover); the next poll retries.
      this.options.logger?.error({ err: error }, "live feed: reading the event log failed");
    }
  }

  private publish(batch: LiveBatch): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch (error) {
        this.options.logger?.error({ err: error }, "live feed: a listener failed");
      }
    }
  }

  /** Stops polling (waiting for a read in progress) and refuses new subscribers. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    this.run += 1;
    await this.polling;
  }
}
