/**
 * How long a case waits before an agent picks it up: the channel's usual pace, shortened for high
 * priorities, stretched when the team is overloaded, and, for written contacts, held over night
 * until the morning shift (only urgent ones reach the night crew).
 */
import type { Channel, Priority } from "../events/event.types.js";
import { CHANNEL_PACE, PRIORITY_WAIT_FACTOR } from "./channel-pace.js";
import type { DemoTeamId } from "./demo-teams.js";
import type { Random } from "./random.js";
import { congestionFactor, type TeamWorkload } from "./team-workload.js";

const MINUTE_MS = 60_000;
/** Written queues are not worked between these UTC hours. */
const NIGHT_STARTS_AT_HOUR = 22;
const MORNING_SHIFT_AT_HOUR = 7;

export interface PickupRequest {
  /** A new or handed-over case waits in the queue; a customer's reply waits for the owner. */
  kind: "queue" | "follow-up";
  team: DemoTeamId;
  channel: Channel;
  priority: Priority;
  atMs: number;
}

export function drawPickupDelayMs(
  request: PickupRequest,
  workload: TeamWorkload,
  random: Random,
): number {
  const pace = CHANNEL_PACE[request.channel];
  const usualMinutes = request.kind === "queue" ? pace.queueMinutes : pace.followUpMinutes;
  const congestion = congestionFactor(workload.loadAt(request.team, request.atMs));
  const delayMs =
    random.logNormal(usualMinutes * PRIORITY_WAIT_FACTOR[request.priority] * congestion, 0.7) *
    MINUTE_MS;
  if (pace.synchronous || request.priority === "urgent") return delayMs;
  return delayMs + msUntilMorningShift(request.atMs);
}

/** Zero during the day; at night, the time left until the morning shift starts. */
export function msUntilMorningShift(atMs: number): number {
  const instant = new Date(atMs);
  const hour = instant.getUTCHours();
  if (hour >= MORNING_SHIFT_AT_HOUR && hour < NIGHT_STARTS_AT_HOUR) return 0;
  const morning = new Date(atMs);
  morning.setUTCHours(MORNING_SHIFT_AT_HOUR, 0, 0, 0);
  if (hour >= NIGHT_STARTS_AT_HOUR) morning.setUTCDate(morning.getUTCDate() + 1);
  return morning.getTime() - atMs;
}
