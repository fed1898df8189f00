/**
 * The demo contact centre: a pure, deterministic simulation that produces Throughline's event log
 * (PRODUCT.md, "The event log") for `days` days before `end`. The same options always give the
 * same events, byte for byte.
 *
 * Producers, in order:
 * 1. the roster (roster.ts): teams, agents and customers, at the start of the run;
 * 2. demand (arrival-curve.ts, case-arrivals.ts): when cases arrive, with daily and weekly
 *    seasonality and surges such as the promotion and the faulty release (faulty-release.ts);
 * 3. each case's routing (case-routing.ts) over the demo's routing rules and what the customer's
 *    history holds at that moment (customer-history.ts);
 * 4. each case's life (case-lifecycle.ts), which may add recontacts back to the arrivals, and
 *    which the faulty release makes harder for the cases it causes;
 * 5. the agents' presence at the end of the run (agent-shifts.ts).
 * A new capability adds its producer here (an incident adds a surge and its own events; an SLA
 * policy reads the case events), drawing from its own random stream so existing output stays put.
 *
 * The summary lists the run's episodes (the promotion, the faulty release) with their instants, so
 * what the dashboards and alerts show can be checked against what was simulated.
 */
import type { ThroughlineEvent } from "../events/event.types.js";
import { compileRuleSet } from "../routing/routing-evaluate.js";
import { draftPresenceAtEnd } from "./agent-shifts.js";
import { DAY_MS, type DemandSurge, planPromotion } from "./arrival-curve.js";
import { createArrivalQueue } from "./arrival-queue.js";
import { type ArrivalWindow, generateArrivals, generateSurgeArrivals } from "./case-arrivals.js";
import { describeNewCase } from "./case-intake.js";
import { simulateCaseLife } from "./case-lifecycle.js";
import { type CaseOutline, linkOutageReports, outlineCase } from "./case-links.js";
import { routeCase, routeNewCase, routeOtherOpenings } from "./case-routing.js";
import { createCustomerHistory } from "./customer-history.js";
import { DEMO_CATEGORIES } from "./demo-categories.js";
import { demoRoutingRules } from "./demo-settings.js";
import { type EventDraft, stampEvents } from "./event-draft.js";
import { type FaultyRelease, planFaultyRelease } from "./faulty-release.js";
import { createRandom } from "./random.js";
import { buildRoster, rosterEvents } from "./roster.js";
import { measureTeamWorkload } from "./team-workload.js";

export interface SimulationOptions {
  days: number;
  seed: number;
  /** Multiplies customers, agents and case arrivals; 1 is a 60-agent, 20,000-customer centre. */
  scale: number;
  /** Exclusive end instant, usually a UTC midnight; the run covers [end − days, end). */
  end: Date;
}

/** Something that happened to the simulated centre over a span of the run. */
export interface DemoEpisode {
  kind: "promotion" | "regression";
  description: string;
  /** ISO instants; the episode lasts [from, to). */
  from: string;
  to: string;
  /** The categories it brings extra cases in (and, for the regression, makes harder). */
  categories: string[];
  /** Extra arrivals while it lasts, as a multiple of the whole centre's ordinary demand. */
  extraVolume: number;
}

export interface SimulationSummary {
  customers: number;
  teams: number;
  agents: number;
  cases: number;
  events: number;
  /** In time order; a run too short for an episode has none of it. */
  episodes: DemoEpisode[];
}

export interface Simulation {
  events: ThroughlineEvent[];
  summary: SimulationSummary;
}

/** The roster exists a minute before the first case, so every case names known people. */
const ROSTER_LEAD_MS = 60_000;

export function simulateContactCentre(options: SimulationOptions): Simulation {
  validateOptions(options);
  const { seed, scale } = options;
  const endMs = options.end.getTime();
  const startMs = endMs - options.days * DAY_MS;

  const roster = buildRoster(seed, scale);
  const drafts: EventDraft[] = rosterEvents(roster, startMs);

  const promotion = planPromotion(startMs, options.days);
  const release = planFaultyRelease(startMs, options.days);
  const window: ArrivalWindow = {
    startMs,
    firstArrivalMs: startMs + ROSTER_LEAD_MS,
    endMs,
    scale,
    surges: promotion,
  };
  const arrivals = generateArrivals(window, roster, createRandom(seed, "arrivals"));
  if (release !== undefined) {
    arrivals.push(
      ...generateSurgeArrivals(window, release.surge, roster, createRandom(seed, "regression")),
    );
    // Stable: at the same instant, ordinary arrivals keep coming first.
    arrivals.sort((left, right) => left.atMs - right.atMs);
  }
  const context = {
    roster,
    workload: measureTeamWorkload(arrivals, startMs, endMs, scale),
    endMs,
    release,
  };

  const routingRules = compileRuleSet(demoRoutingRules());
  const history = createCustomerHistory();
  const queue = createArrivalQueue(arrivals);
  // Recontacts add well under one case per arrival, so twice the arrivals bounds the count.
  const caseIdDigits = Math.max(6, String(arrivals.length * 2).length);
  let cases = 0;
  let extraCases = 0;
  const outlines: CaseOutline[] = [];
  for (let arrival = queue.takeNext(); arrival !== undefined; arrival = queue.takeNext()) {
    if (arrival.atMs >= endMs) continue;
    cases++;
    // Each case draws from its own stream, so changing one case's story leaves the others alone.
    const random = createRandom(seed, "case", cases);
    const caseId = `cas-${String(cases).padStart(caseIdDigits, "0")}`;
    const intake = describeNewCase(
      caseId,
      arrival.customer,
      arrival.category,
      arrival.atMs,
      random,
      createRandom(seed, "texts", cases),
    );
    const routing = routeNewCase(
      routingRules,
      intake,
      history.countsAt(arrival.customer.id, arrival.atMs),
    );
    const life = simulateCaseLife(intake, routing, context, {
      story: random,
      extras: createRandom(seed, "extras", cases),
      assignments: createRandom(seed, "assignments", cases),
    });
    history.recordCaseLife(arrival.customer.id, life.drafts);
    // A duplicate is routed as it opens, with the case it duplicates in its customer's history.
    const caseDrafts = routeOtherOpenings(life.drafts, caseId, (opened, atMs) =>
      routeCase(
        routingRules,
        opened,
        arrival.customer,
        history.countsAt(arrival.customer.id, atMs, opened.case),
      ),
    );
    drafts.push(...caseDrafts);
    extraCases += life.extraCases;
    const outline = outlineCase(caseDrafts);
    if (outline !== undefined) outlines.push(outline);
    if (life.recontact !== undefined) queue.add(life.recontact);
  }

  drafts.push(...linkOutageReports(outlines));
  drafts.push(...draftPresenceAtEnd(roster.agents, endMs, createRandom(seed, "presence")));
  const events = stampEvents(drafts, seed);
  return {
    events,
    summary: {
      customers: roster.customers.length,
      teams: roster.teams.length,
      agents: roster.agents.length,
      cases: cases + extraCases,
      events: events.length,
      episodes: describeEpisodes(promotion, release),
    },
  };
}

function describeEpisodes(
  promotion: readonly DemandSurge[],
  release: FaultyRelease | undefined,
): DemoEpisode[] {
  const episodes: DemoEpisode[] = promotion.map((surge) => ({
    kind: "promotion",
    description: "sales promotion: orders, billing and plan changes surge",
    from: new Date(surge.startMs).toISOString(),
    to: new Date(surge.endMs).toISOString(),
    categories: DEMO_CATEGORIES.filter((category) => category.promotionWeight > 0).map(
      (category) => category.id,
    ),
    extraVolume: surge.extraVolume,
  }));
  if (release !== undefined) {
    episodes.push({
      kind: "regression",
      description:
        `release ${release.version} breaks sign-in sessions and the checkout until hotfix ` +
        `${release.hotfixVersion}: more cases in the affected categories, slower to answer and ` +
        "resolve, reopened and recontacted more, lower CSAT",
      from: new Date(release.releasedAtMs).toISOString(),
      to: new Date(release.fixedAtMs).toISOString(),
      categories: [...release.affectedCategories],
      extraVolume: release.surge.extraVolume,
    });
  }
  return episodes.sort((left, right) => left.from.localeCompare(right.from));
}

function validateOptions(options: SimulationOptions): void {
  if (!Number.isInteger(options.days) || options.days < 1) {
    throw new RangeError(`days must be a positive whole number, got ${options.days}`);
  }
  if (!Number.isInteger(options.seed)) {
    throw new RangeError(`seed must be a whole number, got ${options.seed}`);
  }
  if (!Number.isFinite(options.scale) || options.scale <= 0) {
    throw new RangeError(`scale must be a positive number, got ${options.scale}`);
  }
  if (Number.isNaN(options.end.getTime())) throw new RangeError("end must be a valid date");
}
