/**
 * Random case histories for the metrics' property tests: valid lifecycles with replies, work,
 * handoffs, pauses, reopens, recategorisations and surveys, over 40 days from an instant aligned
 * to no hour, with teams, agents and customers described first.
 */
import type { Random } from "../../src/modules/demo/random.js";
import type { ThroughlineEvent } from "../../src/modules/events/event.types.js";
import type { PendingEvent } from "../../src/modules/events/event-recorder.js";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Not aligned to any hour: edges of periods fall inside hours. */
export const BASE = Date.parse("2026-01-28T07:13:27.431Z");
export const SPAN_DAYS = 40;

export const TEAMS = ["billing", "orders", "tech", "vip"];
export const AGENTS = Array.from({ length: 9 }, (_, index) => `agent-${index}`);
export const CATEGORIES = [
  "billing/refund",
  "billing/invoice",
  "orders/late",
  "tech/login",
  "tech/app",
];
export const CHANNELS = ["email", "chat", "phone", "web"] as const;
export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const CUSTOMERS = 40;

/** One random case: a valid lifecycle with replies, work, handoffs, pauses, reopens, surveys. */
function caseHistory(random: Random, index: number): PendingEvent[] {
  const caseId = `case-${String(index).padStart(4, "0")}`;
  let at = BASE + Math.floor(random.float() * SPAN_DAYS * DAY_MS);
  let team = random.pick(TEAMS);
  let status: "new" | "open" | "pending_customer" | "resolved" | "closed" = "new";
  let resolvedAt = 0;
  const events: PendingEvent[] = [];
  const emit = (event: Record<string, unknown>) =>
    events.push({
      event: { ...event, case: caseId, at: new Date(at).toISOString() } as ThroughlineEvent,
      atMs: at,
    });
  emit({
    type: "case.opened",
    customer: `cus-${random.int(0, CUSTOMERS - 1)}`,
    channel: random.pick(CHANNELS),
    category: random.pick(CATEGORIES),
    priority: random.pick(PRIORITIES),
    team,
  });
  const steps = random.int(0, 14);
  for (let step = 0; step < steps && status !== "closed"; step++) {
    // Gaps from milliseconds to days, so several events share an hour and others straddle days.
    at += Math.floor(
      random.chance(0.2) ? random.float() * 90_000 : random.exponential(5 * HOUR_MS),
    );
    const roll = random.float();
    const agent = random.pick(AGENTS);
    if (status === "resolved") {
      if (roll < 0.25 && at - resolvedAt < 14 * DAY_MS) {
        emit({ type: "case.reopened" });
        status = "open";
      } else if (roll < 0.45) {
        emit({ type: "case.closed" });
        status = "closed";
      } else if (roll < 0.75) {
        emit({ type: "survey.answered", ...scoreOf(random) });
      } else {
        emit({ type: "case.worked", agent, seconds: random.int(0, 900) });
      }
      continue;
    }
    if (roll < 0.14) {
      emit({
        type: "case.assigned",
        agent,
        ...(random.chance(0.3) ? { team: random.pick(TEAMS) } : {}),
      });
      if (status === "new") status = "open";
    } else if (roll < 0.32) {
      const by = random.chance(0.75) ? `agent:${agent}` : "customer";
      const isPublic = random.chance(0.8);
      emit({ type: "case.replied", by, public: isPublic });
      if (status === "new" && isPublic && by !== "customer") status = "open";
    } else if (roll < 0.5) {
      emit({ type: "case.worked", agent, seconds: random.chance(0.05) ? 0 : random.int(30, 3600) });
    } else if (roll < 0.58) {
      const to = random.pick(TEAMS.filter((candidate) => candidate !== team));
      emit({ type: "case.handoff", from: team, to });
      team = to;
    } else if (roll < 0.63) {
      emit({ type: "case.escalated", level: 1 });
    } else if (roll < 0.7) {
      const next: "open" | "pending_customer" =
        status === "pending_customer" ? "open" : "pending_customer";
      emit({ type: "case.status", status: next });
      status = next;
    } else if (roll < 0.74) {
      emit({ type: "case.recategorised", category: random.pick(CATEGORIES) });
    } else if (roll < 0.8) {
      emit({ type: "survey.answered", ...scoreOf(random) });
    } else {
      emit({ type: "case.resolved" });
      status = "resolved";
      resolvedAt = at;
    }
  }
  return events;
}

function scoreOf(random: Random): { kind: string; score: number } {
  const kind = random.pick(["csat", "nps", "ces"] as const);
  const [low, high] = kind === "csat" ? [1, 5] : kind === "nps" ? [0, 10] : [1, 7];
  return { kind, score: random.int(low, high) };
}

export function describeEvents(random: Random, cases: number): PendingEvent[] {
  const at = BASE - DAY_MS;
  const iso = new Date(at).toISOString();
  const setup: ThroughlineEvent[] = [
    ...TEAMS.map(
      (team, index): ThroughlineEvent => ({
        type: "team.upserted",
        at: iso,
        team,
        // One team without an hourly cost: cost per case is null wherever it worked.
        ...(index === 3 ? {} : { hourlyCost: 20 + index * 7.5 }),
      }),
    ),
    ...AGENTS.map(
      (agent, index): ThroughlineEvent => ({
        type: "agent.upserted",
        at: iso,
        agent,
        team: TEAMS[index % 3] as string,
      }),
    ),
    ...Array.from(
      { length: CUSTOMERS },
      (_, index): ThroughlineEvent => ({
        type: "customer.upserted",
        at: iso,
        customer: `cus-${index}`,
        tier: random.pick(["gold", "silver", "bronze"]),
        segment: random.pick(["smb", "enterprise"]),
        region: random.pick(["emea", "amer"]),
      }),
    ),
  ];
  const events = setup.map((event) => ({ event, atMs: at }));
  for (let index = 0; index < cases; index++) events.push(...caseHistory(random, index));
  return events;
}
