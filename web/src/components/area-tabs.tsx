import { Navigate, NavLink, Outlet } from "react-router-dom";
import type { Permission } from "../api/types.ts";
import { allowedItems, homePathFor } from "../lib/access.ts";
import type { NavItem } from "./nav-items.ts";
import { RequirePermission } from "./require-permission.tsx";
import { useSessionUser } from "./session-provider.tsx";

/** An area with tabs (Governance, Settings): the tabs the user's permissions open, then the page. */
export function AreaTabsLayout({
  label,
  tabs,
  basePath,
  context,
}: {
  /** The area's name, for the tab bar's accessible name. */
  label: string;
  tabs: readonly NavItem[];
  /** Where a tab without a path of its own leads. */
  basePath: string;
  /** What the area's tabs share (useOutletContext), such as a draft edited in one and used in another. */
  context?: unknown;
}) {
  const user = useSessionUser();
  const allowed = allowedItems(tabs, user.permissions);
  return (
    <>
      {allowed.length === 0 ? null : (
        <nav className="tabs" aria-label={label}>
          {allowed.map((tab) => (
            <NavLink
              key={tab.label}
              to={tab.path ?? basePath}
              className={({ isActive }) => `tab${isActive ? " is-active" : ""}`}
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
      )}
      <Outlet context={context} />
    </>
  );
}

/** An area's own path opens its first tab the user may see, or explains what it needs. */
export function AreaHome({
  title,
  tabs,
  anyOf,
}: {
  title: string;
  tabs: readonly NavItem[];
  /** The permissions any of which opens the area. */
  anyOf: readonly Permission[];
}) {
  const user = useSessionUser();
  const first = homePathFor(tabs, user.permissions);
  if (first !== null) return <Navigate to={first} replace />;
  return (
    <RequirePermission anyOf={anyOf} title={title}>
      {null}
    </RequirePermission>
  );
}
