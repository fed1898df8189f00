/**
 * How busy each team is, hour by hour, compared with what it was staffed for. Teams are staffed
 * for the ordinary curve with a 15 % cushion, never for surges, so a promotion or an incident
 * overloads the teams it hits and their queues grow: the waits that surveys then react to.
 */
import { HOUR_MS, ordinaryHourlyDemand, WEEKDAY_CASES_AT_SCALE_1 } from "./arrival-curve.js";
import type { CaseArrival } from "./case-arrivals.js";
import { DEMO_CATEGORIES } from "./demo-categories.js";
import { DEMO_TEAM_IDS, type DemoTeamId } from "./demo-teams.js";

export interface TeamWorkload {
  /** Arrivals ÷ staffed capacity around `atMs`; about 0.85 on an ordinary day. */
  loadAt(team: DemoTeamId, atMs: number): number;
}

const STAFFING_CUSHION = 1.15;
/** Night shifts keep a skeleton crew even when the curve says almost nobody calls. */
const MINIMUM_HOURLY_SHARE_STAFFED = 0.015;
/**
 * Imaginary cases added to both sides of the ratio, so a single case in a small team's quiet hour
 * does not read as a tenfold overload.
 */
const SMOOTHING_CASES = 2;

const ORDINARY_TEAM_SHARE: ReadonlyMap<DemoTeamId, number> = (() => {
  const total = DEMO_CATEGORIES.reduce((sum, category) => sum + category.weight, 0);
  const shares = new Map<DemoTeamId, number>();
  for (const category of DEMO_CATEGORIES) {
    shares.set(category.team, (shares.get(category.team) ?? 0) + category.weight / total);
  }
  return shares;
})();

export function measureTeamWorkload(
  arrivals: readonly CaseArrival[],
  startMs: number,
  endMs: number,
  scale: number,
): TeamWorkload {
  const hours = Math.ceil((endMs - startMs) / HOUR_MS);
  const arrivalsByTeam = new Map<DemoTeamId, Float64Array>();
  for (const team of DEMO_TEAM_IDS) arrivalsByTeam.set(team, new Float64Array(hours));
  for (const arrival of arrivals) {
    const counts = arrivalsByTeam.get(arrival.category.team);
    const hour = Math.floor((arrival.atMs - startMs) / HOUR_MS);
    if (counts !== undefined && hour >= 0 && hour < hours) counts[hour] = (counts[hour] ?? 0) + 1;
  }

  const staffedCapacity = (team: DemoTeamId, hour: number): number => {
    const hourStart = startMs + hour * HOUR_MS;
    const share = ORDINARY_TEAM_SHARE.get(team) ?? 0;
    const planned = ordinaryHourlyDemand(hourStart, scale) * share;
    const skeletonCrew = WEEKDAY_CASES_AT_SCALE_1 * scale * share * MINIMUM_HOURLY_SHARE_STAFFED;
    return Math.max(planned, skeletonCrew) * STAFFING_CUSHION;
  };

  return {
    loadAt(team, atMs) {
      const counts = arrivalsByTeam.get(team);
      const hour = Math.floor((atMs - startMs) / HOUR_MS);
      if (counts === undefined) return 1;
      // A three-hour window: queues carry over from the hour before and drain into the next.
      let arrived = SMOOTHING_CASES;
      let capacity = SMOOTHING_CASES;
      for (let offset = -1; offset <= 1; offset++) {
        const neighbour = hour + offset;
        if (neighbour < 0 || neighbour >= hours) continue;
        arrived += counts[neighbour] ?? 0;
        capacity += staffedCapacity(team, neighbour);
      }
      return arrived / capacity;
    },
  };
}

/**
 * How many times longer than usual a case waits at a given load. Flat while the team keeps up,
 * then growing fast, capped because supervisors pull in overtime when queues explode.
 */
export function congestionFactor(load: number): number {
  return Math.min(10, 1 + 2.5 * Math.max(0, load - 0.75) ** 1.3);
}
