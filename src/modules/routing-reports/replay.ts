import { type CompiledRuleSet, evaluateRouting } from "../routing/routing-evaluate.js";
import type { RoutingRuleSet, RoutingSubject } from "../routing/routing-rules.js";
import { estimateHourlyCapacity, HOUR_MS, simulateFirstResponses } from "./first-response-model.js";
import { medianAndP90 } from "./percentiles.js";

/**
 * The routing replay (docs/routing-replay.md): a rule set tried on the cases of the last days as
 * they were when they were opened, and what would have changed: where they would have gone,
 * team loads, first-response times under a queue model, and transfers. Pure: the service loads
 * the history and builds each case's RoutingSubject.
 */

/** One case of the replay window, as routing met it and as it went. */
export interface ReplayCase {
  id: string;
  openedAt: number;
  /** What routing knew when the case was opened. */
  subject: RoutingSubject;
  /** Where routing actually sent it: its first `case.routed` team, else the team it was opened for. */
  actualTeam: string;
  /** The team it ended with (after any handoffs). */
  finalTeam: string;
  handedOff: boolean;
}

/** A first response given in the window, to a case of the window or one opened before it. */
export interface FirstResponseRecord {
  caseId: string;
  openedAt: number;
  at: number;
  /** The team the case was with when it was answered. */
  team: string;
}

/** Distinct agents of a team seen working (a reply, a `case.worked`) in one hour. */
export interface AgentHours {
  team: string;
  /** Hours since the epoch: `Math.floor(at / HOUR_MS)`. */
  hour: number;
  agents: number;
}

export interface ReplayHistory {
  from: number;
  to: number;
  /** The cases opened in [from, to), in opening order. */
  cases: readonly ReplayCase[];
  /** Every first response given in [from, to). */
  firstResponses: readonly FirstResponseRecord[];
  agentHours: readonly AgentHours[];
}

export interface FirstResponseFigures {
  median: number | null;
  p90: number | null;
}

/** Modelled first responses: minutes, and the cases the model could not answer before `to`. */
export interface ModelledFirstResponse extends FirstResponseFigures {
  unanswered: number;
}

export interface TeamFirstResponse {
  firstResponseMedianMinutes: number | null;
  firstResponseP90Minutes: number | null;
}

export interface TeamReplay {
  team: string;
  /** Cases routing actually sent the team. */
  actualCases: number;
  /** Cases the replayed rules send the team. */
  replayCases: number;
  delta: number;
  /** The model over the actual arrivals. */
  actual: TeamFirstResponse & { unanswered: number };
  /** The model over the replayed arrivals. */
  replay: TeamFirstResponse & { unanswered: number };
  /** What really happened, for reference. */
  observed: TeamFirstResponse;
}

export interface ReplayReport {
  from: number;
  to: number;
  /** Cases replayed. */
  cases: number;
  /** Cases whose team the replayed rules decide differently. */
  changed: number;
  teams: TeamReplay[];
  firstResponse: {
    actual: ModelledFirstResponse;
    replay: ModelledFirstResponse;
    observed: FirstResponseFigures;
  };
  transfers: {
    /** Cases handed off in reality. */
    actual: number;
    /** Cases that would need a handoff: their replayed team is not the team they ended with. */
    replay: number;
    /** Handed-off cases the replayed rules send straight to the team they ended with. */
    avoided: number;
    /** Cases not handed off that the replayed rules send away from the team that kept them. */
    added: number;
  };
  rules: { rule: string; name: string; fires: number; decides: number }[];
  samples: { case: string; actualTeam: string; replayTeam: string; rule: string | null }[];
}

export const MAX_SAMPLES = 20;

function roundMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 600) / 100;
}

function figures(waitsMs: readonly number[]): FirstResponseFigures {
  const { median, p90 } = medianAndP90(waitsMs);
  return { median: roundMinutes(median), p90: roundMinutes(p90) };
}

function teamFigures(waitsMs: readonly number[]): TeamFirstResponse {
  const { median, p90 } = figures(waitsMs);
  return { firstResponseMedianMinutes: median, firstResponseP90Minutes: p90 };
}

/** Arrivals at one team's queue: a case of the window (its index) or one carried over (-1). */
interface Arrival {
  at: number;
  caseIndex: number;
}

/** Modelled waits (ms) per case index; a case the model leaves unanswered is absent. */
function simulateTeams(
  arrivalsByTeam: ReadonlyMap<string, Arrival[]>,
  capacityOf: (team: string) => { start: number; perHour: ArrayLike<number> },
): Map<number, number> {
  const waits = new Map<number, number>();
  for (const [team, arrivals] of arrivalsByTeam) {
    arrivals.sort((a, b) => a.at - b.at || a.caseIndex - b.caseIndex);
    const responses = simulateFirstResponses(
      arrivals.map((arrival) => arrival.at),
      capacityOf(team),
    );
    for (const [index, arrival] of arrivals.entries()) {
      const response = responses[index];
      if (arrival.caseIndex >= 0 && response !== null && response !== undefined) {
        waits.set(arrival.caseIndex, response - arrival.at);
      }
    }
  }
  return waits;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function countIn(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Up to `count` items spread evenly over the list (all of them when it is short). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, index) => {
    return items[Math.floor((index * items.length) / count)] as T;
  });
}

interface Decisions {
  /** The replayed team of each case, by index. */
  replayTeams: string[];
  fires: Map<string, number>;
  decides: Map<string, number>;
  actualCases: Map<string, number>;
  replayCases: Map<string, number>;
  changed: ReplayReport["samples"];
  transfers: ReplayReport["transfers"];
}

/** Every case evaluated (as if the set were enabled), and what differs from what happened. */
function decideCases(cases: readonly ReplayCase[], compiled: CompiledRuleSet): Decisions {
  const decisions: Decisions = {
    replayTeams: new Array(cases.length),
    fires: new Map(),
    decides: new Map(),
    actualCases: new Map(),
    replayCases: new Map(),
    changed: [],
    transfers: { actual: 0, replay: 0, avoided: 0, added: 0 },
  };
  const { transfers } = decisions;
  for (const [index, item] of cases.entries()) {
    const decision = evaluateRouting(compiled, item.subject);
    decisions.replayTeams[index] = decision.team;
    for (const rule of decision.fired) countIn(decisions.fires, rule);
    if (decision.rule !== null) countIn(decisions.decides, decision.rule);
    countIn(decisions.actualCases, item.actualTeam);
    countIn(decisions.replayCases, decision.team);
    if (decision.team !== item.actualTeam) {
      decisions.changed.push({
        case: item.id,
        actualTeam: item.actualTeam,
        replayTeam: decision.team,
        rule: decision.rule,
      });
    }
    // A case the draft sends where it really went keeps its real path (its handoff, or an
    // escalation desk taking it over without one); only a changed decision is judged against
    // the team that finally had the case.
    const needsTransfer =
      decision.team === item.actualTeam ? item.handedOff : decision.team !== item.finalTeam;
    if (item.handedOff) transfers.actual += 1;
    if (needsTransfer) transfers.replay += 1;
    if (item.handedOff && !needsTransfer) transfers.avoided += 1;
    if (!item.handedOff && needsTransfer) transfers.added += 1;
  }
  return decisions;
}

/** The waits (ms) of the cases a team answers in each run, and those the model leaves unanswered. */
interface Tally {
  actual: number[];
  replay: number[];
  observed: number[];
  unanswered: { actual: number; replay: number };
}

const newTally = (): Tally => ({
  actual: [],
  replay: [],
  observed: [],
  unanswered: { actual: 0, replay: 0 },
});

/**
 * The first-response model (first-response-model.ts) run twice over the same hourly capacity:
 * with every answered case at the team that answered it, and with the changed cases at their
 * replayed team. Cases opened before the window and answered inside it load both runs alike.
 */
function modelFirstResponses(
  history: ReplayHistory,
  replayTeams: readonly string[],
): { byTeam: Map<string, Tally>; overall: Tally } {
  const { cases } = history;
  // The model's hours: from the hour `from` falls in to the one `to` falls in.
  const firstHour = Math.floor(history.from / HOUR_MS);
  const hours = Math.max(1, Math.ceil(history.to / HOUR_MS) - firstHour);
  const delivered = new Map<string, Float64Array>();
  const active = new Map<string, Float64Array>();
  const hourly = (map: Map<string, Float64Array>, team: string) => {
    let series = map.get(team);
    if (series === undefined) {
      series = new Float64Array(hours);
      map.set(team, series);
    }
    return series;
  };
  const indexOfCase = new Map(cases.map((item, index) => [item.id, index]));
  const actualArrivals = new Map<string, Arrival[]>();
  const replayArrivals = new Map<string, Arrival[]>();
  /** Per answered case of the window: the team that answered it and the real wait. */
  const answered = new Map<number, { team: string; wait: number }>();
  for (const response of history.firstResponses) {
    const hour = Math.floor(response.at / HOUR_MS) - firstHour;
    if (hour < 0 || hour >= hours) continue;
    const series = hourly(delivered, response.team);
    series[hour] = (series[hour] as number) + 1;
    const caseIndex = indexOfCase.get(response.caseId);
    if (caseIndex === undefined) {
      const carried = { at: response.openedAt, caseIndex: -1 };
      pushTo(actualArrivals, response.team, carried);
      pushTo(replayArrivals, response.team, carried);
      continue;
    }
    const item = cases[caseIndex] as ReplayCase;
    answered.set(caseIndex, { team: response.team, wait: response.at - item.openedAt });
    const arrival = { at: item.openedAt, caseIndex };
    pushTo(actualArrivals, response.team, arrival);
    const replayTeam = replayTeams[caseIndex] as string;
    pushTo(replayArrivals, replayTeam === item.actualTeam ? response.team : replayTeam, arrival);
  }
  for (const { team, hour, agents } of history.agentHours) {
    const index = hour - firstHour;
    if (index >= 0 && index < hours) hourly(active, team)[index] = agents;
  }
  const capacities = new Map<string, Float64Array>();
  const capacityOf = (team: string) => {
    let perHour = capacities.get(team);
    if (perHour === undefined) {
      perHour = estimateHourlyCapacity(
        delivered.get(team) ?? new Float64Array(hours),
        active.get(team) ?? new Float64Array(hours),
      );
      capacities.set(team, perHour);
    }
    return { start: firstHour * HOUR_MS, perHour };
  };
  const waits = {
    actual: simulateTeams(actualArrivals, capacityOf),
    replay: simulateTeams(replayArrivals, capacityOf),
  };

  const byTeam = new Map<string, Tally>();
  const tallyOf = (team: string) => {
    let tally = byTeam.get(team);
    if (tally === undefined) {
      tally = newTally();
      byTeam.set(team, tally);
    }
    return tally;
  };
  const overall = newTally();
  for (const [caseIndex, real] of answered) {
    const item = cases[caseIndex] as ReplayCase;
    const replayTeam = replayTeams[caseIndex] as string;
    const teamOf = {
      actual: real.team,
      replay: replayTeam === item.actualTeam ? real.team : replayTeam,
    };
    tallyOf(real.team).observed.push(real.wait);
    overall.observed.push(real.wait);
    for (const run of ["actual", "replay"] as const) {
      const tally = tallyOf(teamOf[run]);
      const wait = waits[run].get(caseIndex);
      if (wait === undefined) {
        tally.unanswered[run] += 1;
        overall.unanswered[run] += 1;
      } else {
        tally[run].push(wait);
        overall[run].push(wait);
      }
    }
  }
  return { byTeam, overall };
}

/**
 * Replays `ruleSet` over the history: every case evaluated as if the set were enabled, the
 * differences tallied, and first responses modelled (first-response-model.ts) per team with
 * each team's hourly capacity, once with the actual arrivals and once with the replayed ones.
 * A case that got no first response is left out of the model (the need for one is the case's,
 * not the team's); a case whose team does not change follows its real path in both runs, so
 * it is answered by the team that really answered it.
 */
export function replayRouting(
  history: ReplayHistory,
  ruleSet: RoutingRuleSet,
  compiled: CompiledRuleSet,
): ReplayReport {
  const decisions = decideCases(history.cases, compiled);
  const { byTeam, overall } = modelFirstResponses(history, decisions.replayTeams);
  const { actualCases, replayCases } = decisions;
  const teamIds = [
    ...new Set([...actualCases.keys(), ...replayCases.keys(), ...byTeam.keys()]),
  ].sort();
  const teams = teamIds.map((team): TeamReplay => {
    const tally = byTeam.get(team) ?? newTally();
    const actual = actualCases.get(team) ?? 0;
    const replay = replayCases.get(team) ?? 0;
    return {
      team,
      actualCases: actual,
      replayCases: replay,
      delta: replay - actual,
      actual: { ...teamFigures(tally.actual), unanswered: tally.unanswered.actual },
      replay: { ...teamFigures(tally.replay), unanswered: tally.unanswered.replay },
      observed: teamFigures(tally.observed),
    };
  });
  return {
    from: history.from,
    to: history.to,
    cases: history.cases.length,
    changed: decisions.changed.length,
    teams,
    firstResponse: {
      actual: { ...figures(overall.actual), unanswered: overall.unanswered.actual },
      replay: { ...figures(overall.replay), unanswered: overall.unanswered.replay },
      observed: figures(overall.observed),
    },
    transfers: decisions.transfers,
    rules: ruleSet.rules.map((rule) => ({
      rule: rule.id,
      name: rule.name,
      fires: decisions.fires.get(rule.id) ?? 0,
      decides: decisions.decides.get(rule.id) ?? 0,
    })),
    samples: spread(decisions.changed, MAX_SAMPLES),
  };
}
