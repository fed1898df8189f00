import { useEffect, useRef, useState } from "react";
import {
  type LiveStatus,
  useLiveEvents,
  useThrottledVersion,
} from "../../hooks/use-live-events.ts";
import { changesAlerts, changesMetrics } from "../../lib/live-changes.ts";

/** How often at most the KPIs and charts reload while cases move. */
const METRICS_RELOAD_GAP_MS = 15_000;
/** Alerts reload as soon as one arrives (bursts coalesced within a second). */
const ALERTS_RELOAD_GAP_MS = 1_000;

export interface MetricsLive {
  status: LiveStatus;
  /** Moves when the KPIs may have changed. */
  dataVersion: number;
  /** Moves when an alert was raised or resolved. */
  alertsVersion: number;
  /** Alerts raised or resolved over the stream since the page opened. */
  arrived: ReadonlySet<string>;
}

/** The Metrics pages' live updates: what to reload, and when. */
export function useMetricsLive(): MetricsLive {
  const [dataVersion, bumpData] = useThrottledVersion(METRICS_RELOAD_GAP_MS);
  const [alertsVersion, bumpAlerts] = useThrottledVersion(ALERTS_RELOAD_GAP_MS);
  const [arrived, setArrived] = useState<ReadonlySet<string>>(() => new Set());
  const connectedBefore = useRef(false);
  const status = useLiveEvents({
    onReady: () => {
      // A reconnection may have missed events: reload everything once.
      if (connectedBefore.current) {
        bumpData();
        bumpAlerts();
      }
      connectedBefore.current = true;
    },
    onChanges: (changes) => {
      if (changesMetrics(changes.types)) bumpData();
      if (changesAlerts(changes.types)) bumpAlerts();
    },
    onAlert: (alert) => {
      setArrived((current) => new Set([...current, alert.alert]));
      bumpAlerts();
    },
  });
  return { status, dataVersion, alertsVersion, arrived };
}

/** Runs `reload` each time `version` moves (not on the first render). */
export function useReloadOn(version: number, reload: () => void): void {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
}
