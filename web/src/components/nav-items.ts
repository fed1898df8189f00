/**
 * The product's areas (PRODUCT.md, capability map) in the order the left navigation shows them.
 * Areas without a `path` are planned and shown greyed out; built areas are shown to users holding
 * any of their `requires` permissions.
 */
import type { Permission } from "../api/types.ts";

export interface NavItem {
  label: string;
  capability: string;
  path?: string;
  requires?: readonly Permission[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: "Cases", capability: "C2", path: "/cases", requires: ["case:read"] },
  { label: "Queue", capability: "C3", path: "/queue", requires: ["case:read"] },
  { label: "Customers", capability: "C2", path: "/customers", requires: ["customer:read"] },
  { label: "Teams & agents", capability: "C1", path: "/teams", requires: ["team:read"] },
  { label: "Event log", capability: "C1", path: "/events", requires: ["event:read"] },
  {
    label: "Governance",
    capability: "C10",
    path: "/admin",
    requires: ["user:read", "audit:read"],
  },
  {
    label: "Settings",
    capability: "C2–C3",
    path: "/settings",
    requires: ["settings:read", "token:own"],
  },
  {
    label: "Routing",
    capability: "C4",
    path: "/routing",
    requires: ["settings:read", "metrics:read"],
  },
  { label: "Metrics", capability: "C5", path: "/metrics", requires: ["metrics:read"] },
  { label: "Voice of customer", capability: "C6" },
  { label: "Incidents", capability: "C7" },
  { label: "Changes", capability: "C8" },
  { label: "Capacity", capability: "C9" },
  { label: "Integrations", capability: "C11" },
  { label: "Improvement", capability: "C12" },
  { label: "Knowledge", capability: "C13" },
];

/** The tabs of the Governance area; /settings/tokens is every user's own page. */
export const GOVERNANCE_TABS: readonly NavItem[] = [
  { label: "Users", capability: "C10", path: "/admin/users", requires: ["user:read"] },
  { label: "Roles", capability: "C10", path: "/admin/roles", requires: ["user:read"] },
  { label: "Audit log", capability: "C10", path: "/admin/audit", requires: ["audit:read"] },
];

/**
 * The tabs of the Settings area: the workspace's versioned settings (everyone with settings:read
 * sees them, settings:write changes them) and each user's own API tokens.
 */
export const SETTINGS_TABS: readonly NavItem[] = [
  {
    label: "Calendars",
    capability: "C3",
    path: "/settings/calendars",
    requires: ["settings:read"],
  },
  {
    label: "SLA policies",
    capability: "C3",
    path: "/settings/sla-policies",
    requires: ["settings:read"],
  },
  {
    label: "Escalation",
    capability: "C3",
    path: "/settings/escalation-policies",
    requires: ["settings:read"],
  },
  {
    label: "Intake rules",
    capability: "C2",
    path: "/settings/intake-rules",
    requires: ["settings:read"],
  },
  { label: "Taxonomy", capability: "C2", path: "/settings/taxonomy", requires: ["settings:read"] },
  {
    label: "Handoff types",
    capability: "C2",
    path: "/settings/handoff-types",
    requires: ["settings:read"],
  },
  {
    label: "Case rules",
    capability: "C2",
    path: "/settings/case-rules",
    requires: ["settings:read"],
  },
  { label: "Queues", capability: "C4", path: "/settings/queues", requires: ["settings:read"] },
  { label: "Webhooks", capability: "C3", path: "/settings/webhooks", requires: ["settings:read"] },
  { label: "API tokens", capability: "C10", path: "/settings/tokens", requires: ["token:own"] },
];

/**
 * The tabs of the Routing area: the rule editor with its test panel (settings:read; saving needs
 * settings:write), and the reports on how routing does and would do (metrics:read).
 */
export const ROUTING_TABS: readonly NavItem[] = [
  { label: "Rules", capability: "C4", path: "/routing/rules", requires: ["settings:read"] },
  {
    label: "Misclassification",
    capability: "C4",
    path: "/routing/misclassification",
    requires: ["metrics:read"],
  },
  { label: "Replay", capability: "C4", path: "/routing/replay", requires: ["metrics:read"] },
];

/**
 * The tabs of the Metrics area (C5): the live dashboard, the saved scorecards with their targets,
 * and the alerts raised when a metric leaves its baseline.
 */
export const METRICS_TABS: readonly NavItem[] = [
  { label: "Dashboard", capability: "C5", path: "/metrics/dashboard", requires: ["metrics:read"] },
  {
    label: "Scorecards",
    capability: "C5",
    path: "/metrics/scorecards",
    requires: ["metrics:read"],
  },
  { label: "Alerts", capability: "C5", path: "/metrics/alerts", requires: ["metrics:read"] },
];
