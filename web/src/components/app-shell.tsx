import { useState } from "react";
import { Link, NavLink, Outlet } from "react-router-dom";
import { allowedItems, hasPermission } from "../lib/access.ts";
import { formatGrant, roleLabelsOf } from "../lib/grants.ts";
import { toError } from "../lib/to-error.ts";
import { useDirectory } from "./directory-provider.tsx";
import { HealthIndicator } from "./health-indicator.tsx";
import { MyAgentProvider } from "./my-agent-provider.tsx";
import { NAV_ITEMS } from "./nav-items.ts";
import { NotificationBell } from "./notification-bell.tsx";
import { MyPresenceControl } from "./presence-control.tsx";
import { useSession, useSessionUser } from "./session-provider.tsx";

const PLANNED_AREAS = NAV_ITEMS.filter((item) => item.path === undefined);

function SessionMenu() {
  const user = useSessionUser();
  const { signOut } = useSession();
  const directory = useDirectory();
  const [signingOut, setSigningOut] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const roles = roleLabelsOf(user.grants);
  const grantsTitle = user.grants.map((grant) => formatGrant(grant, directory.teamName)).join("\n");

  const onSignOut = () => {
    setSigningOut(true);
    setFailure(null);
    signOut().catch((error: unknown) => {
      setSigningOut(false);
      setFailure(toError(error).message);
    });
  };

  return (
    <div className="session-menu">
      <span className="session-user" data-testid="session-user" title={grantsTitle}>
        <span className="session-name">{user.name}</span>
        <span className="session-roles">{roles.length === 0 ? "No role" : roles.join(", ")}</span>
      </span>
      {hasPermission(user.permissions, "token:own") ? (
        <NavLink
          to="/settings/tokens"
          className={({ isActive }) => `header-link${isActive ? " is-active" : ""}`}
        >
          API tokens
        </NavLink>
      ) : null}
      <button
        type="button"
        className="button button-small"
        onClick={onSignOut}
        disabled={signingOut}
        title={failure === null ? undefined : `Sign-out failed: ${failure}`}
      >
        {signingOut ? "Signing out…" : "Sign out"}
      </button>
      {failure === null ? null : (
        <span className="session-failure" role="alert">
          Sign-out failed
        </span>
      )}
    </div>
  );
}

export function AppShell() {
  const user = useSessionUser();
  const builtAreas = allowedItems(
    NAV_ITEMS.filter((item) => item.path !== undefined),
    user.permissions,
  );
  return (
    <MyAgentProvider>
      <div className="app">
        <header className="app-header">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Throughline
          </Link>
          <div className="header-end">
            <HealthIndicator />
            <MyPresenceControl />
            <NotificationBell />
            <SessionMenu />
          </div>
        </header>
        <nav className="app-nav" aria-label="Areas">
          <div className="app-nav-inner">
            <ul>
              {builtAreas.map((item) => (
                <li key={item.label}>
                  <NavLink
                    to={item.path ?? "/"}
                    className={({ isActive }) => `nav-item${isActive ? " is-active" : ""}`}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            <ul className="nav-planned">
              {PLANNED_AREAS.map((item) => (
                <li key={item.label}>
                  <span
                    className="nav-item is-planned"
                    aria-disabled="true"
                    title={`${item.label} (${item.capability}) is planned`}
                  >
                    <span>{item.label}</span>
                    <span className="planned-tag">planned</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </nav>
        <main className="app-main">
          <Outlet />
        </main>
      </div>
    </MyAgentProvider>
  );
}
