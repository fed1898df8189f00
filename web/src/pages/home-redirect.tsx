import { Navigate } from "react-router-dom";
import { NAV_ITEMS } from "../components/nav-items.ts";
import { PageHeader } from "../components/page-header.tsx";
import { useSessionUser } from "../components/session-provider.tsx";
import { EmptyState } from "../components/state-views.tsx";
import { usePageTitle } from "../hooks/use-page-title.ts";
import { homePathFor } from "../lib/access.ts";

/** "/" leads to the first area the user may open. */
export function HomeRedirect() {
  usePageTitle("Home");
  const user = useSessionUser();
  const home = homePathFor(NAV_ITEMS, user.permissions);
  if (home !== null) return <Navigate to={home} replace />;
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} />
      <EmptyState>
        Your account has no role that opens an area yet. Ask an admin for one.
      </EmptyState>
    </>
  );
}
