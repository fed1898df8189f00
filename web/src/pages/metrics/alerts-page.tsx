import { useState } from "react";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { AlertsPanel } from "./alerts-panel.tsx";
import { LiveIndicator } from "./live-indicator.tsx";
import { useMetricsLive } from "./metrics-live.ts";

const PAGE = 100;
const MOST = 500;

/** Open and resolved alerts, updating live. */
export function AlertsPage() {
  usePageTitle("Alerts");
  const live = useMetricsLive();
  const [openLimit, setOpenLimit] = useState(PAGE);
  const [resolvedLimit, setResolvedLimit] = useState(PAGE);
  return (
    <RequirePermission anyOf={["metrics:read"]} title="Alerts">
      <PageHeader
        title="Alerts"
        subtitle="Raised when a metric of a slice leaves its seasonal baseline or crosses a static threshold for the rule's number of buckets; resolved when it is back in range."
        actions={<LiveIndicator status={live.status} />}
      />
      <AlertsPanel
        title="Open alerts"
        state="open"
        limit={openLimit}
        live={live}
        testId="open-alerts"
        {...(openLimit < MOST ? { onMore: () => setOpenLimit(openLimit + PAGE) } : {})}
      />
      <AlertsPanel
        title="Resolved alerts"
        state="resolved"
        limit={resolvedLimit}
        live={live}
        testId="resolved-alerts"
        {...(resolvedLimit < MOST ? { onMore: () => setResolvedLimit(resolvedLimit + PAGE) } : {})}
      />
    </RequirePermission>
  );
}
