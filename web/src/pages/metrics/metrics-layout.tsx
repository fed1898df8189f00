import { AreaHome, AreaTabsLayout } from "../../components/area-tabs.tsx";
import { METRICS_TABS } from "../../components/nav-items.ts";
import "./metrics.css";

/** The Metrics area: the live dashboard, saved scorecards and alerts. */
export function MetricsLayout() {
  return <AreaTabsLayout label="Metrics" tabs={METRICS_TABS} basePath="/metrics" />;
}

/** /metrics opens the dashboard (or explains what the area needs). */
export function MetricsHome() {
  return <AreaHome title="Metrics" tabs={METRICS_TABS} anyOf={["metrics:read"]} />;
}
