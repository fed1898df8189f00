import { useCallback, useState } from "react";
import { listUsers, updateUser } from "../../api/governance.ts";
import type { User } from "../../api/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { useSessionUser } from "../../components/session-provider.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { hasPermission } from "../../lib/access.ts";
import { toError } from "../../lib/to-error.ts";
import { UserForm } from "./user-form.tsx";
import { UserTable } from "./user-table.tsx";

type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; userId: string };

function UserAdministration() {
  const me = useSessionUser();
  const canWrite = hasPermission(me.permissions, "user:write");
  const load = useCallback((signal: AbortSignal) => listUsers(signal), []);
  const users = useAsync(load);
  const { reload } = users;
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [notice, setNotice] = useState<string | null>(null);
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const [actionFailure, setActionFailure] = useState<Error | null>(null);

  const onSaved = (saved: User, verb: string) => {
    setEditing({ kind: "none" });
    setNotice(`${verb} ${saved.name} (${saved.email}).`);
    reload();
  };

  const setDisabled = (user: User, disabled: boolean) => {
    setPendingUserId(user.id);
    setActionFailure(null);
    setNotice(null);
    updateUser(user.id, { disabled }).then(
      (saved) => {
        setPendingUserId(null);
        setNotice(`${disabled ? "Disabled" : "Enabled"} ${saved.name} (${saved.email}).`);
        reload();
      },
      (error: unknown) => {
        setPendingUserId(null);
        setActionFailure(toError(error));
      },
    );
  };

  const rowActions = (user: User) => {
    const busy = pendingUserId === user.id;
    return (
      <span className="row-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setNotice(null);
            setEditing({ kind: "edit", userId: user.id });
          }}
          aria-label={`Edit ${user.email}`}
        >
          Edit
        </button>
        {user.id === me.id ? null : (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => setDisabled(user, !user.disabled)}
            aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
          >
            {busy ? "Saving…" : user.disabled ? "Enable" : "Disable"}
          </button>
        )}
      </span>
    );
  };

  const editRow = (user: User) =>
    editing.kind === "edit" && editing.userId === user.id ? (
      <UserForm
        user={user}
        onSaved={(saved) => onSaved(saved, "Saved")}
        onCancel={() => setEditing({ kind: "none" })}
      />
    ) : null;

  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Accounts, their roles, and the teams and regions each role applies to."
        actions={
          canWrite && editing.kind !== "new" ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setNotice(null);
                setEditing({ kind: "new" });
              }}
            >
              New user
            </button>
          ) : undefined
        }
      />
      {notice === null ? null : (
        <p className="notice notice-success" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      {actionFailure === null ? null : <ErrorState error={actionFailure} />}
      {editing.kind === "new" ? (
        <section className="panel">
          <h2 className="panel-title">New user</h2>
          <UserForm
            onSaved={(saved) => onSaved(saved, "Created")}
            onCancel={() => setEditing({ kind: "none" })}
          />
        </section>
      ) : null}
      {users.status === "loading" ? <LoadingState label="Loading users…" /> : null}
      {users.status === "error" ? <ErrorState error={users.error} onRetry={reload} /> : null}
      {users.status === "ready" && users.data.items.length === 0 ? (
        <EmptyState>No users yet.</EmptyState>
      ) : null}
      {users.status === "ready" && users.data.items.length > 0 ? (
        <UserTable
          users={users.data.items}
          currentUserId={me.id}
          {...(canWrite ? { actions: rowActions, expanded: editRow } : {})}
        />
      ) : null}
    </>
  );
}

export function UsersPage() {
  usePageTitle("Users");
  return (
    <RequirePermission anyOf={["user:read"]} title="Users">
      <UserAdministration />
    </RequirePermission>
  );
}
