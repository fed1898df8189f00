import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { loadConfig } from "../src/config.js";
import { openStore } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createRandom, type Random } from "../src/modules/demo/random.js";
import type { ThroughlineEvent } from "../src/modules/events/event.types.js";
import type { CaseFacts } from "../src/modules/metrics/case-facts.js";
import {
  deriveCaseFacts,
  type FactsHistoryEvent,
  findRecontacts,
  type RecontactInput,
} from "../src/modules/metrics/case-facts-history.js";
import { toFactsColumns } from "../src/modules/metrics/metric-facts.repository.js";
import { rebuildRollups } from "../src/modules/metrics/rollup.service.js";

/**
 * The metrics benchmark's store: a year and a month of a contact centre — cases with
 * assignments, replies, pauses on the customer, handling time, handoffs, escalations,
 * resolutions, reopens, closures, surveys and re-categorisations — written in bulk straight into
 * SQLite (events, cases, customers, teams, agents), then the metric facts derived from each case's
 * history by the production `deriveCaseFacts` and the roll-ups built by the production
 * `rebuildRollups`. Generating through the recorder would take hours at this size; what the
 * benchmark measures is reading, and the rows are those the recorder would have written.
 *
 * Deterministic: every case draws from its own seeded stream, so a case is the same whether it
 * is generated once or twice (a first pass orders the cases by opening and finds recontacts).
 */

/** Bumped whenever the generated data changes, so a cached store from before is not reused. */
export const DATASET_VERSION = 9;
/** The end of the generated history (UTC); benchmark periods end in its last month. */
export const DATASET_END = Date.parse("2026-11-30T00:00:00Z");
export const DATASET_DAYS = 400;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SEED = 20_261_206;
const CHUNK_CASES = 5_000;

export const TEAMS = [
  { id: "billing", hourlyCost: 38 },
  { id: "orders", hourlyCost: 32 },
  { id: "technical", hourlyCost: 52 },
  { id: "accounts", hourlyCost: 41 },
  { id: "returns", hourlyCost: 30 },
  { id: "shipping", hourlyCost: 29 },
  { id: "premium", hourlyCost: 65 },
  { id: "general", hourlyCost: 27 },
] as const;
const AGENTS_PER_TEAM = 30;
const CATEGORY_TOPS = ["billing", "orders", "technical", "account", "returns", "shipping"];
const CATEGORY_SUBS = ["general", "refund", "status", "problem"];
const CHANNELS = ["email", "chat", "phone", "web", "social"] as const;
/** Median minutes to the first public reply by channel. */
const FIRST_REPLY_MINUTES: Record<(typeof CHANNELS)[number], number> = {
  email: 95,
  chat: 2,
  phone: 1,
  web: 35,
  social: 45,
};
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
/** First-response target minutes by priority (low has none). */
const FIRST_RESPONSE_TARGET: Record<(typeof PRIORITIES)[number], number | null> = {
  urgent: 60,
  high: 240,
  normal: 480,
  low: null,
};
const SEGMENTS = ["consumer", "smb", "enterprise"];
const REGIONS = ["emea", "amer", "apac", "latam"];
/** Relative arrivals by UTC hour of day. */
const HOURLY_WEIGHT = [2, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 10, 9, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2];

export interface DatasetSize {
  cases: number;
  customers: number;
}

export interface DatasetReport {
  cases: number;
  events: number;
  rollupRows: number;
  generateSeconds: number;
  factsSeconds: number;
  rebuildSeconds: number;
}

interface GeneratedCase {
  id: string;
  customer: string;
  channel: string;
  category: string;
  priority: (typeof PRIORITIES)[number];
  openedAt: number;
  events: ThroughlineEvent[];
  /** Business time of each event (same order). */
  times: number[];
  projection: {
    status: string;
    team: string;
    agent: string | null;
    firstResponseAt: number | null;
    firstResolvedAt: number | null;
    resolvedAt: number | null;
    reopens: number;
    handoffs: number;
    escalation: number;
    workedSeconds: number;
    lastEventAt: number;
    recategorised: number;
  };
}

function agentOf(team: string, random: Random): string {
  return `${team}-agent-${String(random.int(1, AGENTS_PER_TEAM)).padStart(2, "0")}`;
}

/** An arrival instant: days with a weekly rhythm and slow growth, hours by HOURLY_WEIGHT. */
function arrival(random: Random): number {
  const start = DATASET_END - DATASET_DAYS * DAY_MS;
  const hourTotal = HOURLY_WEIGHT.reduce((sum, weight) => sum + weight, 0);
  for (;;) {
    const day = random.int(0, DATASET_DAYS - 1);
    const weekday = new Date(start + day * DAY_MS).getUTCDay();
    const weight = (weekday === 0 || weekday === 6 ? 0.55 : 1) * (0.8 + (0.4 * day) / DATASET_DAYS);
    if (random.float() * 1.2 > weight) continue;
    let pick = random.float() * hourTotal;
    let hour = 0;
    while (hour < 23 && pick >= (HOURLY_WEIGHT[hour] ?? 0)) {
      pick -= HOURLY_WEIGHT[hour] ?? 0;
      hour++;
    }
    return start + day * DAY_MS + hour * HOUR_MS + Math.floor(random.float() * HOUR_MS);
  }
}

/** One case's history, valid for the case lifecycle, ending before DATASET_END. */
export function generateCase(index: number, size: DatasetSize, id: string): GeneratedCase {
  const random = createRandom(SEED, "metrics-bench-case", index);
  const customer = `cus-${String(random.int(0, size.customers - 1)).padStart(7, "0")}`;
  const channel = random.pick(CHANNELS);
  const top = random.pick(CATEGORY_TOPS);
  let category = `${top}/${random.pick(CATEGORY_SUBS)}`;
  const priority = random.pick(PRIORITIES);
  const openedAt = arrival(random);
  // Mostly the team of the category, some to the general or premium teams.
  let team: string =
    random.float() < 0.8
      ? (TEAMS[CATEGORY_TOPS.indexOf(top)]?.id ?? "general")
      : random.pick(["general", "premium"]);
  const planned: { at: number; event: Record<string, unknown> }[] = [];
  const add = (at: number, event: Record<string, unknown>) => {
    if (at < DATASET_END) planned.push({ at, event });
  };
  add(openedAt, { type: "case.opened", customer, channel, category, priority, team });

  const assignedAt = openedAt + Math.floor(random.exponential(15 * MINUTE_MS));
  let agent: string | null = null;
  if (random.chance(0.95)) {
    agent = agentOf(team, random);
    add(assignedAt, { type: "case.assigned", agent });
  }
  const replyAt =
    assignedAt + Math.floor(random.logNormal(FIRST_REPLY_MINUTES[channel] * MINUTE_MS, 1));
  const answered = random.chance(0.97);
  if (answered) {
    add(replyAt, {
      type: "case.replied",
      by: `agent:${agent ?? agentOf(team, random)}`,
      public: true,
    });
  }
  const resolveAfter = Math.floor(random.logNormal(18 * HOUR_MS, 1.2));
  const resolvedAt = Math.max(replyAt, openedAt) + resolveAfter;
  const lifeEnd = Math.min(resolvedAt, DATASET_END - 1);
  const within = (share: number) => openedAt + Math.floor((lifeEnd - openedAt) * share);

  if (random.chance(0.35)) {
    const pauseAt = Math.max(replyAt + 1, within(0.3 + 0.2 * random.float()));
    add(pauseAt, { type: "case.status", status: "pending_customer" });
    add(pauseAt + Math.floor(random.exponential(3 * HOUR_MS)), {
      type: "case.replied",
      by: "customer",
      public: true,
    });
    add(pauseAt + Math.floor(random.exponential(3 * HOUR_MS)) + 1, {
      type: "case.status",
      status: "open",
    });
  }
  let handoffAt: number | null = null;
  let secondTeam: string | null = null;
  if (random.chance(0.12)) {
    handoffAt = within(0.4 + 0.2 * random.float());
    secondTeam = random.pick(TEAMS.map((item) => item.id).filter((item) => item !== team));
    add(handoffAt, { type: "case.handoff", from: team, to: secondTeam });
    add(handoffAt + Math.floor(random.exponential(20 * MINUTE_MS)), {
      type: "case.assigned",
      agent: agentOf(secondTeam, random),
    });
  }
  if (random.chance(0.04)) add(within(0.5), { type: "case.escalated", level: 1 });
  if (random.chance(0.05)) {
    category = `${random.pick(CATEGORY_TOPS)}/${random.pick(CATEGORY_SUBS)}`;
    add(within(0.2), { type: "case.recategorised", category });
  }
  const workCount = random.int(1, 6);
  for (let work = 0; work < workCount; work++) {
    const at = within(0.1 + 0.85 * random.float());
    const workTeam = handoffAt !== null && at >= handoffAt ? (secondTeam ?? team) : team;
    add(at, {
      type: "case.worked",
      agent: agentOf(workTeam, random),
      seconds: Math.min(86_400, Math.round(random.logNormal(420, 0.8))),
    });
  }
  if (resolvedAt < DATASET_END) {
    add(resolvedAt, { type: "case.resolved" });
    let lastResolution = resolvedAt;
    if (random.chance(0.07)) {
      const reopenAt = resolvedAt + Math.floor(random.exponential(2 * DAY_MS));
      add(reopenAt, { type: "case.reopened" });
      lastResolution = reopenAt + Math.floor(random.logNormal(10 * HOUR_MS, 1));
      add(lastResolution, { type: "case.resolved" });
    }
    if (random.chance(0.4)) {
      const kind = random.pick(["csat", "csat", "nps", "ces"] as const);
      const score =
        kind === "csat"
          ? random.pick([1, 2, 3, 4, 4, 5, 5, 5])
          : kind === "nps"
            ? random.pick([0, 3, 5, 6, 7, 8, 8, 9, 9, 10, 10])
            : random.int(1, 7);
      add(lastResolution + Math.floor(random.logNormal(DAY_MS, 0.7)), {
        type: "survey.answered",
        kind,
        score,
      });
    }
    if (random.chance(0.75)) {
      add(lastResolution + 3 * DAY_MS + Math.floor(random.float() * DAY_MS), {
        type: "case.closed",
      });
    }
  }

  // Business-time order, the opening first; then the projection the recorder would keep.
  planned.sort((a, b) => a.at - b.at);
  const events: ThroughlineEvent[] = [];
  const times: number[] = [];
  let status = "new";
  let firstResponseAt: number | null = null;
  let firstResolvedAt: number | null = null;
  let latestResolution: number | null = null;
  let reopens = 0;
  let handoffs = 0;
  let workedSeconds = 0;
  let recategorised = 0;
  agent = null;
  team = planned[0]?.event.team as string;
  for (const [position, { at, event }] of planned.entries()) {
    // Closed cases take no more work: anything planned after the closing is dropped.
    if (status === "closed" && event.type !== "survey.answered") continue;
    // A pause planned past the resolution would be refused by the lifecycle: not recorded.
    if (event.type === "case.status" && status === "resolved") continue;
    const full = {
      ...event,
      id: `${id}-${position}`,
      at: new Date(at).toISOString(),
      case: id,
    } as ThroughlineEvent;
    events.push(full);
    times.push(at);
    switch (event.type) {
      case "case.assigned":
        agent = event.agent as string;
        if (status === "new") status = "open";
        break;
      case "case.replied":
        if (event.by !== "customer" && firstResponseAt === null) {
          firstResponseAt = at;
          if (status === "new") status = "open";
        }
        break;
      case "case.status":
        status = event.status as string;
        break;
      case "case.handoff":
        handoffs++;
        team = event.to as string;
        agent = null;
        break;
      case "case.worked":
        workedSeconds += event.seconds as number;
        break;
      case "case.resolved":
        status = "resolved";
        firstResolvedAt ??= at;
        latestResolution = at;
        break;
      case "case.reopened":
        status = "open";
        reopens++;
        latestResolution = null;
        break;
      case "case.closed":
        status = "closed";
        break;
      case "case.recategorised":
        recategorised++;
        break;
      default:
        break;
    }
  }
  return {
    id,
    customer,
    channel,
    category,
    priority,
    openedAt,
    events,
    times,
    projection: {
      status,
      team,
      agent,
      firstResponseAt,
      firstResolvedAt,
      resolvedAt: latestResolution,
      reopens,
      handoffs,
      escalation: events.some((event) => event.type === "case.escalated") ? 1 : 0,
      workedSeconds,
      lastEventAt: times[times.length - 1] ?? openedAt,
      recategorised,
    },
  };
}

function topOf(category: string): string {
  return category.split("/")[0] ?? category;
}

function customerOf(index: number) {
  const random = createRandom(SEED, "metrics-bench-customer", index);
  const tierRoll = random.float();
  return {
    id: `cus-${String(index).padStart(7, "0")}`,
    tier:
      tierRoll < 0.02
        ? "platinum"
        : tierRoll < 0.12
          ? "gold"
          : tierRoll < 0.42
            ? "silver"
            : "bronze",
    segment: random.pick(SEGMENTS),
    region: random.pick(REGIONS),
  };
}

/** Creates the store file at `file` with the generated dataset; returns what it holds. */
export async function generateDataset(
  file: string,
  size: DatasetSize,
  log: (line: string) => void,
): Promise<DatasetReport> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  const started = performance.now();
  const config = loadConfig({ dataDir: path.dirname(file) }, {});
  {
    const store = openStore({ ...config, store: { dialect: "sqlite", file } });
    await migrateToLatest(store.db);
    await store.close();
  }

  // Pass 1: when each case opens (cases are then written in order of opening, as a live store
  // or a time-sorted import writes them, and numbered in that order) and what recontact
  // detection needs of it.
  const openedAt = new Float64Array(size.cases);
  const resolvedAt = new Float64Array(size.cases);
  const customers: string[] = new Array(size.cases);
  const tops: string[] = new Array(size.cases);
  for (let index = 0; index < size.cases; index++) {
    const generated = generateCase(index, size, "");
    openedAt[index] = generated.openedAt;
    resolvedAt[index] = generated.projection.firstResolvedAt ?? Number.NaN;
    customers[index] = generated.customer;
    tops[index] = topOf(generated.category);
  }
  const order = Uint32Array.from({ length: size.cases }, (_, index) => index).sort(
    (a, b) => (openedAt[a] as number) - (openedAt[b] as number) || a - b,
  );
  const idOf = (rank: number) => `case-${String(rank).padStart(7, "0")}`;
  const inputs: RecontactInput[] = Array.from(order, (index, rank) => {
    const resolved = resolvedAt[index] as number;
    return {
      id: idOf(rank),
      customerId: customers[index] as string,
      categoryTop: tops[index] as string,
      openedAt: openedAt[index] as number,
      firstResolvedAt: Number.isNaN(resolved) ? null : resolved,
    };
  });
  const recontacts = findRecontacts(inputs, 7 * DAY_MS);
  inputs.length = 0;
  customers.length = 0;
  tops.length = 0;
  log(`pass 1 (recontacts) done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("foreign_keys = OFF");
  // The event indexes are dropped during the load and made again after it, as the migrations
  // defined them: one sorted build instead of ten million random index inserts.
  const eventIndexes = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = 'events' and sql is not null",
    )
    .all() as { name: string; sql: string }[];
  for (const index of eventIndexes) sqlite.exec(`drop index ${index.name}`);

  const now = DATASET_END;
  const insertTeam = sqlite.prepare(
    "insert into teams (id, name, hourly_cost, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const insertAgent = sqlite.prepare(
    "insert into agents (id, team_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const insertCustomer = sqlite.prepare(
    "insert into customers (id, tier, segment, region, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
  );
  const insertEvent = sqlite.prepare(
    "insert into events (id, type, at, case_id, customer_id, team_id, agent_id, data, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertCase = sqlite.prepare(`insert into cases (id, customer_id, channel, category,
    category_top, priority, team_id, agent_id, status, opened_at, first_response_at,
    first_resolved_at, resolved_at, reopen_count, handoff_count, escalation_level, worked_seconds,
    recategorised_count, last_event_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const factColumns = Object.keys(
    toFactsColumns(factsOf(generateCase(0, size, idOf(0)), recontacts, size)),
  );
  const insertFacts = sqlite.prepare(
    `insert into metric_case_facts (${factColumns.join(", ")}, updated_at)
     values (${factColumns.map((column) => `@${column}`).join(", ")}, @updated_at)`,
  );

  const start = DATASET_END - (DATASET_DAYS + 1) * DAY_MS;
  sqlite.transaction(() => {
    for (const team of TEAMS) insertTeam.run(team.id, team.id, team.hourlyCost, start, start);
    for (const team of TEAMS) {
      for (let number = 1; number <= AGENTS_PER_TEAM; number++) {
        const agent = `${team.id}-agent-${String(number).padStart(2, "0")}`;
        insertAgent.run(agent, team.id, agent, start, start);
        insertEvent.run(
          `agent-${agent}`,
          "agent.upserted",
          start,
          null,
          null,
          team.id,
          agent,
          JSON.stringify({
            type: "agent.upserted",
            at: new Date(start).toISOString(),
            agent,
            team: team.id,
          }),
          now,
        );
      }
    }
    for (let index = 0; index < size.customers; index++) {
      const customer = customerOf(index);
      insertCustomer.run(
        customer.id,
        customer.tier,
        customer.segment,
        customer.region,
        start,
        start,
      );
      insertEvent.run(
        `customer-${customer.id}`,
        "customer.upserted",
        start,
        null,
        customer.id,
        null,
        null,
        JSON.stringify({
          type: "customer.upserted",
          at: new Date(start).toISOString(),
          customer: customer.id,
          tier: customer.tier,
          segment: customer.segment,
          region: customer.region,
        }),
        now,
      );
    }
  })();

  // Pass 2: events, cases and facts, a chunk of cases per transaction.
  let events = TEAMS.length * AGENTS_PER_TEAM + size.customers;
  let factsMs = 0;
  for (let first = 0; first < size.cases; first += CHUNK_CASES) {
    const last = Math.min(size.cases, first + CHUNK_CASES);
    sqlite.transaction(() => {
      // A chunk's events are appended in order of time, as the recorder appends a sorted batch.
      const chunkEvents: unknown[][] = [];
      for (let rank = first; rank < last; rank++) {
        const generated = generateCase(order[rank] as number, size, idOf(rank));
        let team = "";
        for (const [position, event] of generated.events.entries()) {
          if (event.type === "case.opened") team = event.team;
          if (event.type === "case.handoff") team = event.to;
          const agent =
            event.type === "case.assigned" || event.type === "case.worked" ? event.agent : null;
          chunkEvents.push([
            event.id,
            event.type,
            generated.times[position],
            generated.id,
            generated.customer,
            team,
            agent,
            JSON.stringify(event),
            now,
          ]);
        }
        events += generated.events.length;
        const projection = generated.projection;
        insertCase.run(
          generated.id,
          generated.customer,
          generated.channel,
          generated.category,
          topOf(generated.category),
          generated.priority,
          projection.team,
          projection.agent,
          projection.status,
          generated.openedAt,
          projection.firstResponseAt,
          projection.firstResolvedAt,
          projection.resolvedAt,
          projection.reopens,
          projection.handoffs,
          projection.escalation,
          projection.workedSeconds,
          projection.recategorised,
          projection.lastEventAt,
          now,
        );
        const factsStarted = performance.now();
        insertFacts.run({
          ...toFactsColumns(factsOf(generated, recontacts, size)),
          updated_at: now,
        });
        factsMs += performance.now() - factsStarted;
      }
      chunkEvents.sort((a, b) => (a[2] as number) - (b[2] as number));
      for (const row of chunkEvents) insertEvent.run(row);
    })();
    if ((last / CHUNK_CASES) % 20 === 0) {
      log(
        `${last} cases, ${events} events, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  }
  log("building the event indexes");
  for (const index of eventIndexes) sqlite.exec(index.sql);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  const generateSeconds = (performance.now() - started) / 1000;

  log("building the roll-ups (rebuildRollups)");
  const store = openStore({ ...config, store: { dialect: "sqlite", file } });
  const rebuildStarted = performance.now();
  const rebuilt = await store.db.transaction().execute((trx) =>
    rebuildRollups(trx, {
      onProgress: (cases) => {
        if (cases % 100_000 === 0) {
          log(
            `roll-ups: ${cases} cases, ${((performance.now() - rebuildStarted) / 1000).toFixed(0)} s`,
          );
        }
      },
    }),
  );
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  await store.close();
  return {
    cases: size.cases,
    events,
    rollupRows: rebuilt.rows,
    generateSeconds,
    factsSeconds: factsMs / 1000,
    rebuildSeconds,
  };
}

/** The facts of a generated case by the production derivation. */
function factsOf(
  generated: GeneratedCase,
  recontacts: ReadonlyMap<string, string | null>,
  size: DatasetSize,
): CaseFacts {
  const history: FactsHistoryEvent[] = generated.events.map((event, position) => ({
    type: event.type,
    at: generated.times[position] as number,
    data: event,
  }));
  const customerIndex = Number(generated.customer.slice(4));
  const customer = customerOf(customerIndex < size.customers ? customerIndex : 0);
  const target = FIRST_RESPONSE_TARGET[generated.priority];
  return deriveCaseFacts(history, {
    customer,
    firstResponseDueAt: target === null ? null : generated.openedAt + target * MINUTE_MS,
    recontactedBy: recontacts.get(generated.id) ?? null,
  });
}
