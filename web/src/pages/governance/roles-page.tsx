import { useCallback, useMemo } from "react";
import { listRoles } from "../../api/governance.ts";
import type { RoleInfo } from "../../api/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { labelOf, ROLE_LABELS } from "../../lib/labels.ts";
import { permissionRows } from "../../lib/role-matrix.ts";

function RoleMatrix({ roles }: { roles: readonly RoleInfo[] }) {
  const rows = useMemo(() => permissionRows(roles), [roles]);
  return (
    <div className="table-wrap">
      <table className="data-table role-matrix" data-testid="role-matrix">
        <thead>
          <tr>
            <th>Permission</th>
            {roles.map((role) => (
              <th key={role.role} className="cell-centre">
                {labelOf(ROLE_LABELS, role.role)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.permission}>
              <td className="mono">{row.permission}</td>
              {row.held.map((held, index) => (
                <td
                  key={roles[index]?.role ?? index}
                  className={`cell-centre ${held ? "is-held" : "muted"}`}
                >
                  {held ? "✓" : "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoleOverview() {
  const load = useCallback((signal: AbortSignal) => listRoles(signal), []);
  const roles = useAsync(load);
  return (
    <>
      <PageHeader
        title="Roles"
        subtitle="Each role is a fixed set of permissions; a grant limits a role to teams and regions."
      />
      {roles.status === "loading" ? <LoadingState label="Loading roles…" /> : null}
      {roles.status === "error" ? <ErrorState error={roles.error} onRetry={roles.reload} /> : null}
      {roles.status === "ready" && roles.data.items.length === 0 ? (
        <EmptyState>The server lists no roles.</EmptyState>
      ) : null}
      {roles.status === "ready" && roles.data.items.length > 0 ? (
        <>
          <section className="panel">
            <dl className="role-descriptions">
              {roles.data.items.map((role) => (
                <div key={role.role}>
                  <dt>{labelOf(ROLE_LABELS, role.role)}</dt>
                  <dd>{role.description}</dd>
                </div>
              ))}
            </dl>
          </section>
          <RoleMatrix roles={roles.data.items} />
        </>
      ) : null}
    </>
  );
}

export function RolesPage() {
  usePageTitle("Roles");
  return (
    <RequirePermission anyOf={["user:read"]} title="Roles">
      <RoleOverview />
    </RequirePermission>
  );
}
