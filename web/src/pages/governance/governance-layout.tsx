import { AreaHome, AreaTabsLayout } from "../../components/area-tabs.tsx";
import { GOVERNANCE_TABS } from "../../components/nav-items.ts";

/** The Governance area: tabs for the pages the user's permissions open. */
export function GovernanceLayout() {
  return <AreaTabsLayout label="Governance" tabs={GOVERNANCE_TABS} basePath="/admin" />;
}

/** /admin opens the first Governance page the user may see. */
export function GovernanceHome() {
  return <AreaHome title="Governance" tabs={GOVERNANCE_TABS} anyOf={["user:read", "audit:read"]} />;
}
