/**
 * How an SLA clock looks to an agent: its badge (on track, at risk, breached, paused, met) and the
 * countdown to its due time. Pure: `now` is an argument, so a page can tick once a second without
 * asking the server again.
 */

import type { CaseStatus } from "../../../src/modules/events/event.types.ts";
import type { SlaClockState } from "../api/types.ts";

export const SLA_BADGE_STATES = ["on_track", "at_risk", "breached", "paused", "met"] as const;
export type SlaBadgeState = (typeof SLA_BADGE_STATES)[number];

/** The statuses of a case someone still has to work on: the queue shows these. */
export const OPEN_CASE_STATUSES = [
  "new",
  "open",
  "pending_customer",
  "pending_internal",
] as const satisfies readonly CaseStatus[];

/** What a badge needs to know about a clock. */
export interface ClockTimes {
  state: SlaClockState;
  dueAt: string;
  atRiskAt: string;
}

/**
 * The badge of a clock at `nowMs`. The server's state is as of its last computation; a running
 * clock turns at risk and then breached on the client as its instants pass, so a queue left open
 * stays right between refreshes. A paused clock (the case waits on the customer) stays paused.
 */
export function slaBadgeState(clock: ClockTimes, nowMs: number): SlaBadgeState {
  switch (clock.state) {
    case "met":
      return "met";
    case "breached":
      return "breached";
    case "paused":
      return "paused";
    case "running": {
      const due = Date.parse(clock.dueAt);
      const atRisk = Date.parse(clock.atRiskAt);
      if (!Number.isNaN(due) && nowMs >= due) return "breached";
      if (!Number.isNaN(atRisk) && nowMs >= atRisk) return "at_risk";
      return "on_track";
    }
  }
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * A span as a countdown shows it, coarser the further away it is and with a fixed-width lower
 * unit so the text does not jitter while it ticks: 93_784_000 → "1d 02h", 7_530_000 → "2h 05m",
 * 845_000 → "14m 05s", 9_000 → "9s". Truncated, never rounded up; the sign is ignored.
 */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1_000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

export interface Countdown {
  /** "2h 05m left", "14m 05s overdue". */
  text: string;
  overdue: boolean;
}

/** The countdown to `dueAt` at `nowMs`; null when `dueAt` does not parse. */
export function describeCountdown(dueAt: string, nowMs: number): Countdown | null {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const remaining = due - nowMs;
  if (remaining > 0) return { text: `${formatCountdown(remaining)} left`, overdue: false };
  return { text: `${formatCountdown(remaining)} overdue`, overdue: true };
}
