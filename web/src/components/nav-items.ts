/**
 * The product's areas (PRODUCT.md, capability map) in the order the left navigation shows them.
 * Areas without a `path` are planned and shown greyed out.
 */
export interface NavItem {
  label: string;
  capability: string;
  path?: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: "Cases", capability: "C2", path: "/cases" },
  { label: "Customers", capability: "C2", path: "/customers" },
  { label: "Teams & agents", capability: "C1", path: "/teams" },
  { label: "Event log", capability: "C1", path: "/events" },
  { label: "SLAs & escalation", capability: "C3" },
  { label: "Routing", capability: "C4" },
  { label: "Metrics", capability: "C5" },
  { label: "Voice of customer", capability: "C6" },
  { label: "Incidents", capability: "C7" },
  { label: "Changes", capability: "C8" },
  { label: "Capacity", capability: "C9" },
  { label: "Governance", capability: "C10" },
  { label: "Integrations", capability: "C11" },
  { label: "Improvement", capability: "C12" },
  { label: "Knowledge", capability: "C13" },
];
