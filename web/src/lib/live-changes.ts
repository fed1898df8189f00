/**
 * What a live `changes` summary (GET /api/v1/live) means for the dashboards: which event types
 * move the KPIs, and which the alerts list.
 */

/** Event types that change a KPI: anything about a case or a survey, and the customers' and teams' attributes (slices, cost). */
export function changesMetrics(types: Readonly<Record<string, number>>): boolean {
  return Object.entries(types).some(
    ([type, count]) =>
      count > 0 &&
      (type.startsWith("case.") ||
        type.startsWith("survey.") ||
        type === "customer.upserted" ||
        type === "team.upserted"),
  );
}

/** Event types that change the alerts list. */
export function changesAlerts(types: Readonly<Record<string, number>>): boolean {
  return (types["alert.raised"] ?? 0) > 0 || (types["alert.resolved"] ?? 0) > 0;
}
