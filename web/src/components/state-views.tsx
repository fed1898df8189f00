import type { ReactNode } from "react";
import { ApiError } from "../api/client.ts";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

function headlineOf(error: Error): string {
  if (!(error instanceof ApiError)) return "Something went wrong.";
  if (error.status === 0) return "Server unreachable.";
  if (error.status === 404) return "Not found.";
  if (error.status >= 400 && error.status < 500) return "Request rejected.";
  return "The server failed.";
}

/** An error as the server explained it, with its machine-readable code for bug reports. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const canRetry = onRetry !== undefined && !(error instanceof ApiError && error.status === 404);
  return (
    <div
      className="state state-error"
      role="alert"
      data-testid="error-state"
      data-status={error instanceof ApiError ? error.status : undefined}
    >
      <div>
        <strong>{headlineOf(error)}</strong> {error.message}
        {error instanceof ApiError && error.status !== 0 ? (
          <span className="error-code">
            {error.code}
            {error.field === undefined ? "" : ` · ${error.field}`}
          </span>
        ) : null}
      </div>
      {canRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}
