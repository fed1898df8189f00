import { Fragment, type ReactNode } from "react";
import type { User } from "../../api/types.ts";
import { DateTime } from "../../components/date-time.tsx";
import { useDirectory } from "../../components/directory-provider.tsx";
import { describeGrantScope } from "../../lib/grants.ts";
import { ROLE_LABELS } from "../../lib/labels.ts";

const COLUMN_COUNT = 6;

function GrantList({ user }: { user: User }) {
  const directory = useDirectory();
  if (user.grants.length === 0) return <span className="muted">No grants</span>;
  return (
    <ul className="grant-list">
      {user.grants.map((grant, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: grants have no ids; the list is read-only.
        <li key={index}>
          <span className="role-tag">{ROLE_LABELS[grant.role]}</span>{" "}
          <span className="muted">{describeGrantScope(grant, directory.teamName)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The workspace's users with their grants and state. `actions` renders a row's buttons (absent
 * for read-only viewers); `expanded` renders a full-width row below one user (the edit form).
 */
export function UserTable({
  users,
  currentUserId,
  actions,
  expanded,
}: {
  users: readonly User[];
  currentUserId: string;
  actions?: (user: User) => ReactNode;
  expanded?: (user: User) => ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Grants</th>
            <th>State</th>
            <th>Created</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const detail = expanded?.(user) ?? null;
            return (
              <Fragment key={user.id}>
                <tr
                  data-testid="user-row"
                  data-user-email={user.email}
                  className={user.disabled ? "is-disabled" : undefined}
                >
                  <td>
                    {user.name}
                    {user.id === currentUserId ? <span className="you-tag">you</span> : null}
                  </td>
                  <td className="mono">{user.email}</td>
                  <td>
                    <GrantList user={user} />
                  </td>
                  <td>
                    {user.disabled ? (
                      <span className="badge state-disabled">Disabled</span>
                    ) : (
                      <span className="badge state-active">Active</span>
                    )}
                  </td>
                  <td className="nowrap">
                    <DateTime iso={user.createdAt} />
                  </td>
                  <td className="cell-action nowrap">{actions?.(user) ?? null}</td>
                </tr>
                {detail === null ? null : (
                  <tr className="detail-row">
                    <td colSpan={COLUMN_COUNT}>{detail}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
