import type { ReactNode } from "react";
import type { Permission } from "../api/types.ts";
import { hasAnyPermission } from "../lib/access.ts";
import { PageHeader } from "./page-header.tsx";
import { useSessionUser } from "./session-provider.tsx";
import { EmptyState } from "./state-views.tsx";

/**
 * Shows `children` to holders of any of `anyOf`, and a plain explanation to everyone else (who
 * reached the page by URL, since the navigation does not offer it to them).
 */
export function RequirePermission({
  anyOf,
  title,
  children,
}: {
  anyOf: readonly Permission[];
  title: string;
  children: ReactNode;
}) {
  const user = useSessionUser();
  if (hasAnyPermission(user.permissions, anyOf)) return children;
  return (
    <>
      <PageHeader title={title} />
      <EmptyState>
        <span data-testid="permission-denied">
          Your roles do not include this page (it needs {anyOf.join(" or ")}).
        </span>
      </EmptyState>
    </>
  );
}
