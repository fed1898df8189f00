import { Navigate, NavLink, Outlet } from "react-router-dom";
import { GOVERNANCE_TABS } from "../../components/nav-items.ts";
import { RequirePermission } from "../../components/require-permission.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { allowedItems, homePathFor } from "../../lib/access.ts";

/** The Governance area: tabs for the pages the user's permissions open. */
export function GovernanceLayout() {
  const user = useSessionUser();
  const tabs = allowedItems(GOVERNANCE_TABS, user.permissions);
  return (
    <>
      {tabs.length === 0 ? null : (
        <nav className="tabs" aria-label="Governance">
          {tabs.map((tab) => (
            <NavLink
              key={tab.label}
              to={tab.path ?? "/admin"}
              className={({ isActive }) => `tab${isActive ? " is-active" : ""}`}
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
      )}
      <Outlet />
    </>
  );
}

/** /admin opens the first Governance page the user may see. */
export function GovernanceHome() {
  const user = useSessionUser();
  const first = homePathFor(GOVERNANCE_TABS, user.permissions);
  if (first !== null) return <Navigate to={first} replace />;
  return (
    <RequirePermission anyOf={["user:read", "audit:read"]} title="Governance">
      {null}
    </RequirePermission>
  );
}
