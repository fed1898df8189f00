import { useCallback, useEffect } from "react";
import { getHealth } from "../api/client.ts";
import { useAsync } from "../hooks/use-async.ts";
import { formatCount } from "../lib/format-number.ts";

const REFRESH_MS = 30_000;

const DIALECT_LABELS = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

/** The store's state from GET /api/health, refreshed every 30 seconds. */
export function HealthIndicator() {
  const load = useCallback((signal: AbortSignal) => getHealth(signal), []);
  const health = useAsync(load);
  const { reload } = health;

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  if (health.status === "loading") {
    return (
      <div className="health" data-testid="store-health" data-state="loading">
        <span className="health-dot" aria-hidden="true" />
        Connecting…
      </div>
    );
  }
  if (health.status === "error" || !health.data.store.ok) {
    const detail =
      health.status === "error"
        ? health.error.message
        : (health.data.store.error ?? "The store is not ready.");
    return (
      <div className="health is-down" data-testid="store-health" data-state="down" title={detail}>
        <span className="health-dot" aria-hidden="true" />
        Store unavailable
      </div>
    );
  }
  const { store } = health.data;
  return (
    <div className="health is-ok" data-testid="store-health" data-state="ok">
      <span className="health-dot" aria-hidden="true" />
      <span>{DIALECT_LABELS[store.dialect] ?? store.dialect}</span>
      <span className="health-sep" aria-hidden="true">
        ·
      </span>
      <span>{store.cases === null ? "—" : formatCount(store.cases)} cases</span>
      <span className="health-sep" aria-hidden="true">
        ·
      </span>
      <span>{store.events === null ? "—" : formatCount(store.events)} events</span>
    </div>
  );
}
