import { useCallback } from "react";
import { getCaseSla } from "../../api/cases.ts";
import type { SlaClock } from "../../api/types.ts";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { Countdown, SlaBadge } from "../../components/sla-badge.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { labelOf, SLA_CLOCK_LABELS } from "../../lib/labels.ts";

function ClockRow({ clock }: { clock: SlaClock }) {
  const directory = useDirectory();
  const stopped = clock.stoppedAt !== null;
  return (
    <tr data-testid="sla-clock" data-clock={clock.clock} data-state={clock.state}>
      <td>
        {labelOf(SLA_CLOCK_LABELS, clock.clock)}
        {clock.team === null ? null : (
          <span className="lag-below">for {directory.teamName(clock.team)}</span>
        )}
      </td>
      <td>
        <SlaBadge clock={clock} kind={clock.clock} />
      </td>
      <td className="nowrap">
        <DateTime iso={clock.dueAt} />
      </td>
      <td className="nowrap">
        {stopped || clock.state === "met" ? (
          <span className="muted">stopped</span>
        ) : (
          <Countdown clock={clock} />
        )}
      </td>
      <td className="nowrap">
        <DateTime iso={clock.atRiskAt} />
        {clock.atRiskFiredAt === null ? null : (
          <span className="lag-below" title="When the at-risk event was recorded">
            fired <DateTime iso={clock.atRiskFiredAt} />
          </span>
        )}
      </td>
      <td className="nowrap">
        {clock.breachedFiredAt === null ? (
          <span className="muted">—</span>
        ) : (
          <span className="breach-time" title="When the breach event was recorded">
            <DateTime iso={clock.breachedFiredAt} />
          </span>
        )}
      </td>
      <td className="nowrap">
        <DateTime iso={clock.startedAt} />
      </td>
      <td className="nowrap">
        <DateTime iso={clock.stoppedAt} />
      </td>
    </tr>
  );
}

/** The case's SLA policy and each of its clocks, with live countdowns. */
export function CaseSlaPanel({ caseId, revision }: { caseId: string; revision: number }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (the case changed) loads the clocks again.
  const load = useCallback((signal: AbortSignal) => getCaseSla(caseId, signal), [caseId, revision]);
  const sla = useAsync(load);
  return (
    <section className="panel" data-testid="sla-panel">
      <div className="panel-heading">
        <h2 className="panel-title">SLA</h2>
        {sla.status === "ready" ? (
          <span className="muted" data-testid="sla-policy">
            {sla.data.policy === null
              ? "No SLA policy applies to this case."
              : `Policy: ${sla.data.policy.name}`}
          </span>
        ) : null}
      </div>
      {sla.status === "loading" ? <LoadingState label="Loading SLA clocks…" /> : null}
      {sla.status === "error" ? <ErrorState error={sla.error} onRetry={sla.reload} /> : null}
      {sla.status === "ready" && sla.data.clocks.length === 0 ? (
        <EmptyState>No SLA clocks run for this case.</EmptyState>
      ) : null}
      {sla.status === "ready" && sla.data.clocks.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th>Clock</th>
                <th>State</th>
                <th>Due</th>
                <th>Countdown</th>
                <th>At risk from</th>
                <th>Breach recorded</th>
                <th>Started</th>
                <th>Stopped</th>
              </tr>
            </thead>
            <tbody>
              {sla.data.clocks.map((clock) => (
                <ClockRow key={`${clock.clock}-${clock.team ?? ""}`} clock={clock} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
