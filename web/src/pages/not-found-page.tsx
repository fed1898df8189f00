import { Link, useLocation } from "react-router-dom";
import { PageHeader } from "../components/page-header.tsx";
import { EmptyState } from "../components/state-views.tsx";
import { usePageTitle } from "../hooks/use-page-title.ts";

export function NotFoundPage() {
  usePageTitle("Not found");
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState>
        Nothing lives at <code>{location.pathname}</code>. <Link to="/">Go to the start page</Link>.
      </EmptyState>
    </>
  );
}
