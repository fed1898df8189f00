import { Navigate, NavLink, Outlet } from "react-router-dom";
import { SETTINGS_TABS } from "../../components/nav-items.ts";
import { RequirePermission } from "../../components/require-permission.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { allowedItems, homePathFor } from "../../lib/access.ts";

/** The Settings area: tabs for the settings screens the user's permissions open. */
export function SettingsLayout() {
  const user = useSessionUser();
  const tabs = allowedItems(SETTINGS_TABS, user.permissions);
  return (
    <>
      {tabs.length === 0 ? null : (
        <nav className="tabs" aria-label="Settings">
          {tabs.map((tab) => (
            <NavLink
              key={tab.label}
              to={tab.path ?? "/settings"}
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

/** /settings opens the first settings screen the user may see. */
export function SettingsHome() {
  const user = useSessionUser();
  const first = homePathFor(SETTINGS_TABS, user.permissions);
  if (first !== null) return <Navigate to={first} replace />;
  return (
    <RequirePermission anyOf={["settings:read", "token:own"]} title="Settings">
      {null}
    </RequirePermission>
  );
}
