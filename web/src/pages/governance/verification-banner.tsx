import { useCallback } from "react";
import { verifyAudit } from "../../api/governance.ts";
import { ErrorState } from "../../components/state-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { describeVerification } from "../../lib/audit.ts";

/** Walks the audit chain on the server (GET /audit/verify) and says whether it is intact. */
export function VerificationBanner() {
  const load = useCallback((signal: AbortSignal) => verifyAudit(signal), []);
  const verification = useAsync(load);

  if (verification.status === "loading") {
    return (
      <div className="banner" data-testid="audit-verification" data-state="loading" role="status">
        <span className="spinner" aria-hidden="true" />
        Verifying the audit chain…
      </div>
    );
  }
  if (verification.status === "error") {
    return <ErrorState error={verification.error} onRetry={verification.reload} />;
  }
  const summary = describeVerification(verification.data);
  return (
    <div
      className={`banner banner-${summary.tone}`}
      data-testid="audit-verification"
      data-state={summary.tone}
      role={summary.tone === "ok" ? "status" : "alert"}
    >
      <span className="banner-icon" aria-hidden="true">
        {summary.tone === "ok" ? "✓" : "✗"}
      </span>
      <span className="banner-text">{summary.text}</span>
      <button type="button" className="button button-small" onClick={verification.reload}>
        Verify again
      </button>
    </div>
  );
}
