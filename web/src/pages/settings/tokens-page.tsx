import { useCallback, useState } from "react";
import { listTokens, revokeToken } from "../../api/governance.ts";
import type { ApiToken, CreatedApiToken } from "../../api/types.ts";
import { CopyButton } from "../../components/copy-button.tsx";
import { DateTime } from "../../components/date-time.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RequirePermission } from "../../components/require-permission.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { toError } from "../../lib/to-error.ts";
import { type TokenState, tokenState } from "../../lib/tokens.ts";
import { TokenCreateForm } from "./token-create-form.tsx";

const STATE_LABELS: Record<TokenState, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

/** The secret of a token just created: shown this once, never again. */
function NewTokenPanel({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <section className="panel panel-warning" data-testid="new-token">
      <h2 className="panel-title">Token “{token.name}” created</h2>
      <p className="warning-text" role="alert">
        This is the only time the token is shown. Copy it now and keep it somewhere safe; if it is
        lost, revoke it and create a new one.
      </p>
      <div className="secret-row">
        <code className="secret" data-testid="new-token-value">
          {token.token}
        </code>
        <CopyButton text={token.token} />
      </div>
      <p className="muted panel-note">
        Send it as <code>Authorization: Bearer …</code>.
      </p>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}

function RevokeAction({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);

  const revoke = () => {
    setRevoking(true);
    setFailure(null);
    revokeToken(token.id).then(
      () => {
        setRevoking(false);
        setConfirming(false);
        onRevoked();
      },
      (error: unknown) => {
        setRevoking(false);
        setFailure(toError(error));
      },
    );
  };

  if (!confirming) {
    return (
      <button
        type="button"
        className="button button-small"
        onClick={() => setConfirming(true)}
        aria-label={`Revoke ${token.name}`}
      >
        Revoke
      </button>
    );
  }
  return (
    <fieldset className="confirm" aria-label={`Confirm revoking ${token.name}`}>
      <span>Requests with this token will fail from now on.</span>
      <button
        type="button"
        className="button button-small button-danger"
        onClick={revoke}
        disabled={revoking}
      >
        {revoking ? "Revoking…" : "Revoke token"}
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => setConfirming(false)}
        disabled={revoking}
      >
        Keep
      </button>
      {failure === null ? null : (
        <span className="field-error" role="alert">
          {failure.message}
        </span>
      )}
    </fieldset>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: readonly ApiToken[]; onRevoked: () => void }) {
  const now = new Date();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>State</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Last used</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const state = tokenState(token, now);
            return (
              <tr key={token.id} data-testid="token-row" data-state={state}>
                <td>{token.name}</td>
                <td className="mono">{token.prefix}…</td>
                <td>
                  <span className={`badge state-${state}`}>{STATE_LABELS[state]}</span>
                </td>
                <td className="nowrap">
                  <DateTime iso={token.createdAt} />
                </td>
                <td className="nowrap">
                  {token.expiresAt === null ? (
                    <span className="muted">Never</span>
                  ) : (
                    <DateTime iso={token.expiresAt} />
                  )}
                </td>
                <td className="nowrap">
                  {token.lastUsedAt === null ? (
                    <span className="muted">Never used</span>
                  ) : (
                    <DateTime iso={token.lastUsedAt} />
                  )}
                </td>
                <td className="cell-action">
                  {state === "revoked" ? (
                    <span className="muted">
                      Revoked <DateTime iso={token.revokedAt} />
                    </span>
                  ) : (
                    <RevokeAction token={token} onRevoked={onRevoked} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TokenSettings() {
  const load = useCallback((signal: AbortSignal) => listTokens(signal), []);
  const tokens = useAsync(load);
  const { reload } = tokens;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="Your personal tokens for scripts and integrations. They act with your roles."
        actions={
          creating ? undefined : (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              New token
            </button>
          )
        }
      />
      {created === null ? null : <NewTokenPanel token={created} onDone={() => setCreated(null)} />}
      {creating ? (
        <section className="panel">
          <h2 className="panel-title">New token</h2>
          <TokenCreateForm
            onCreated={(token) => {
              setCreating(false);
              setCreated(token);
              reload();
            }}
            onCancel={() => setCreating(false)}
          />
        </section>
      ) : null}
      {tokens.status === "loading" ? <LoadingState label="Loading tokens…" /> : null}
      {tokens.status === "error" ? <ErrorState error={tokens.error} onRetry={reload} /> : null}
      {tokens.status === "ready" && tokens.data.items.length === 0 ? (
        <EmptyState>You have no API tokens.</EmptyState>
      ) : null}
      {tokens.status === "ready" && tokens.data.items.length > 0 ? (
        <TokenTable tokens={tokens.data.items} onRevoked={reload} />
      ) : null}
    </>
  );
}

export function TokensPage() {
  usePageTitle("API tokens");
  return (
    <RequirePermission anyOf={["token:own"]} title="API tokens">
      <TokenSettings />
    </RequirePermission>
  );
}
