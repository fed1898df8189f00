import { quantile } from "./percentiles.js";

/**
 * The first-response model of the routing replay (docs/routing-replay.md). Pure.
 *
 * A team is one FIFO server whose speed changes by the hour: in hour h it can give `c(h)` first
 * responses, spread evenly over the hour (a fluid: 6 per hour is one every 10 minutes). Cases
 * wait in the order they arrived; a case's first response is the instant its unit of work is
 * done. Hours without capacity (nights, weekends) stop the clock of service, not of waiting.
 */

export const HOUR_MS = 3_600_000;

/** A team's capacity to give first responses, hour by hour. */
export interface HourlyCapacity {
  /** Epoch ms of the start of hour 0. */
  start: number;
  /** First responses the team can give in each hour; there is none after the last hour. */
  perHour: ArrayLike<number>;
}

/** Work below this is rounding noise: 1e-9 of a response. */
const EPSILON = 1e-9;

/**
 * When each case gets its first response under the model: arrivals (epoch ms) in ascending
 * order, answered in that order; null for a case the capacity does not reach before the last
 * hour ends. An arrival before `start` waits from `start`.
 *
 * @example
 * // capacity 2, 0 and 1 responses in hours 0, 1 and 2; cases at 0:00, 0:00 and 0:30:
 * simulateFirstResponses([0, 0, 30 * MINUTE], { start: 0, perHour: [2, 0, 1] })
 * // [0:30 (half an hour of hour 0), 1:00 (the rest of it), 3:00 (hour 1 gives nothing, hour 2 one)]
 */
export function simulateFirstResponses(
  arrivals: readonly number[],
  capacity: HourlyCapacity,
): (number | null)[] {
  const { start, perHour } = capacity;
  const hours = perHour.length;
  const responses: (number | null)[] = new Array(arrivals.length).fill(null);
  /** When the server is done with the case before. */
  let free = start;
  for (let index = 0; index < arrivals.length; index++) {
    let at = Math.max(arrivals[index] as number, free);
    let hour = Math.floor((at - start) / HOUR_MS);
    let need = 1;
    let done: number | null = null;
    while (hour < hours) {
      const rate = perHour[hour] as number;
      const hourEnd = start + (hour + 1) * HOUR_MS;
      const available = (rate * (hourEnd - at)) / HOUR_MS;
      if (rate > 0 && available >= need - EPSILON) {
        done = Math.min(hourEnd, at + (need / rate) * HOUR_MS);
        break;
      }
      need -= available;
      at = hourEnd;
      hour += 1;
    }
    // Once the capacity runs out, it has run out for every later case too.
    if (done === null) break;
    responses[index] = done;
    free = done;
  }
  return responses;
}

/** Which of a team's hourly paces stands for what its agents can do: the 90th percentile. */
export const PACE_PERCENTILE = 0.9;

/**
 * A team's capacity per hour from what it was seen doing: the first responses it gave in the
 * hour, or more when agents were seen working but the work did not come: each active agent then
 * counts at the pace the team's agents reached in their busier hours, the 90th percentile over
 * the hours with an active agent of first responses per active agent.
 *
 * @example
 * // paces 3/1, 0/2 and 1/1 first responses per active agent: the 90th percentile of [0, 1, 3]
 * // is 2.6 (linear between closest ranks)
 * estimateHourlyCapacity([3, 0, 1, 0], [1, 2, 1, 0]) // [3, 5.2, 2.6, 0]
 */
export function estimateHourlyCapacity(
  delivered: ArrayLike<number>,
  activeAgents: ArrayLike<number>,
): Float64Array {
  const paces: number[] = [];
  for (let hour = 0; hour < delivered.length; hour++) {
    const agents = activeAgents[hour] ?? 0;
    if (agents > 0) paces.push((delivered[hour] as number) / agents);
  }
  const pace = quantile(paces, PACE_PERCENTILE) ?? 0;
  const capacity = new Float64Array(delivered.length);
  for (let hour = 0; hour < delivered.length; hour++) {
    capacity[hour] = Math.max(delivered[hour] as number, (activeAgents[hour] ?? 0) * pace);
  }
  return capacity;
}
