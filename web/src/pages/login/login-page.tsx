import { type FormEvent, useId, useState } from "react";
import { Navigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client.ts";
import { useSession } from "../../components/session-provider.tsx";
import { ErrorState, LoadingState } from "../../components/state-views.tsx";
import { usePageTitle } from "../../hooks/use-page-title.ts";
import { safeNextPath } from "../../lib/login-redirect.ts";
import { toError } from "../../lib/to-error.ts";

/**
 * Password sign-in. A wrong email and a wrong password get the same answer from the server
 * ("email or password is wrong"), and the page shows exactly that, so it never tells whether an
 * account exists.
 */
export function LoginPage() {
  usePageTitle("Sign in");
  const { state, signIn } = useSession();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next")) ?? "/";
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);

  if (state.status === "signed-in") return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setFailure(null);
    signIn(email.trim(), password).catch((error: unknown) => {
      setSubmitting(false);
      setPassword("");
      setFailure(toError(error));
    });
  };

  return (
    <div className="login-screen">
      <main className="login-card">
        <div className="brand login-brand">
          <span className="brand-mark" aria-hidden="true" />
          Throughline
        </div>
        <h1>Sign in</h1>
        {state.status === "loading" ? <LoadingState label="Checking your session…" /> : null}
        {state.status === "signed-out" && state.reason === "expired" ? (
          <p className="notice" role="status">
            Your session has ended. Sign in again to continue.
          </p>
        ) : null}
        {state.status === "signed-out" && state.reason === "signed-out" ? (
          <p className="notice" role="status">
            You are signed out.
          </p>
        ) : null}
        {failure instanceof ApiError && failure.status === 401 ? (
          <p className="form-error" role="alert" data-testid="login-error">
            {failure.message}
          </p>
        ) : null}
        {failure !== null && !(failure instanceof ApiError && failure.status === 401) ? (
          <ErrorState error={failure} />
        ) : null}
        <form className="form" onSubmit={onSubmit}>
          <div className="form-field">
            <label htmlFor={emailId}>Email</label>
            <input
              id={emailId}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="form-field">
            <label htmlFor={passwordId}>Password</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button-primary"
            disabled={submitting || state.status === "loading"}
          >
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </main>
    </div>
  );
}
