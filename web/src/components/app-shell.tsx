import { NavLink, Outlet } from "react-router-dom";
import { HealthIndicator } from "./health-indicator.tsx";
import { NAV_ITEMS } from "./nav-items.ts";

const BUILT_AREAS = NAV_ITEMS.filter((item) => item.path !== undefined);
const PLANNED_AREAS = NAV_ITEMS.filter((item) => item.path === undefined);

export function AppShell() {
  return (
    <div className="app">
      <header className="app-header">
        <NavLink to="/cases" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Throughline
        </NavLink>
        <HealthIndicator />
      </header>
      <nav className="app-nav" aria-label="Areas">
        <div className="app-nav-inner">
          <ul>
            {BUILT_AREAS.map((item) => (
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
  );
}
