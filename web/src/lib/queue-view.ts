/**
 * The queue page's choices: which team's queue to open when none is asked for, and the score
 * terms worth showing beside a score at a glance.
 */
import type { QueueSummary, ScoreTerm } from "../api/queues.ts";

/**
 * The team whose queue opens by default: the user's own agent's team, else the team with the
 * most cases waiting (the first listed on a tie, or when nothing waits anywhere).
 */
export function defaultQueueTeam(
  summaries: readonly QueueSummary[],
  agentTeam: string | null,
): string | null {
  if (agentTeam !== null && summaries.some((summary) => summary.team === agentTeam)) {
    return agentTeam;
  }
  let best: QueueSummary | undefined;
  for (const summary of summaries) {
    if (best === undefined || summary.waiting > best.waiting) best = summary;
  }
  return best?.team ?? null;
}

/** The terms that gave the most points, most first; terms that gave none are left out. */
export function largestTerms(terms: readonly ScoreTerm[], count: number): ScoreTerm[] {
  return terms
    .filter((term) => term.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, count);
}

/** The named queues among a team's cases, sorted, for the queue filter. */
export function namedQueuesOf(cases: readonly { queue: string | null }[]): string[] {
  const names = new Set<string>();
  for (const item of cases) if (item.queue !== null) names.add(item.queue);
  return [...names].sort();
}
