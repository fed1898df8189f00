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
  { label: "Customers", capability: "C2", path: "/customers", requires: ["customer:read"] },
  { label: "Teams & agents", capability: "C1", path: "/teams", requires: ["team:read"] },
  { label: "Event log", capability: "C1", path: "/events", requires: ["event:read"] },
  {
    label: "Governance",
    capability: "C10",
    path: "/admin",
    requires: ["user:read", "audit:read"],
  },
  { label: "SLAs & escalation", capability: "C3" },
  { label: "Routing", capability: "C4" },
  { label: "Metrics", capability: "C5" },
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
