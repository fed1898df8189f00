import type { SlaClockKind } from "../api/types.ts";
import { useNow } from "../hooks/use-now.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { labelOf, SLA_BADGE_LABELS, SLA_CLOCK_LABELS } from "../lib/labels.ts";
import { type ClockTimes, describeCountdown, slaBadgeState } from "../lib/sla.ts";

/** On track / at risk / breached / paused / met, turning as the clock's instants pass. */
export function SlaBadge({ clock, kind }: { clock: ClockTimes; kind?: SlaClockKind }) {
  const now = useNow();
  const state = slaBadgeState(clock, now);
  const title = `${kind === undefined ? "SLA" : labelOf(SLA_CLOCK_LABELS, kind)} due ${formatDateTime(clock.dueAt)}`;
  return (
    <span
      className={`badge sla-${state}`}
      data-testid="sla-badge"
      data-sla-state={state}
      title={title}
    >
      {SLA_BADGE_LABELS[state]}
    </span>
  );
}

/**
 * The time left to `dueAt` (or past it), ticking every second. A paused clock shows no
 * countdown: its due time moves when the case is worked again.
 */
export function Countdown({ clock }: { clock: ClockTimes }) {
  const now = useNow();
  if (clock.state === "paused") return <span className="countdown muted">paused</span>;
  const countdown = describeCountdown(clock.dueAt, now);
  if (countdown === null) return <span className="muted">—</span>;
  return (
    <time
      className={`countdown${countdown.overdue ? " is-overdue" : ""}`}
      dateTime={clock.dueAt}
      title={`Due ${formatDateTime(clock.dueAt)}`}
      data-testid="sla-countdown"
    >
      {countdown.text}
    </time>
  );
}
