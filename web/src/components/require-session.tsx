import { Navigate, Outlet, useLocation } from "react-router-dom";
import { LOGIN_PATH, loginPathFor } from "../lib/login-redirect.ts";
import { DirectoryProvider } from "./directory-provider.tsx";
import { useSession } from "./session-provider.tsx";
import { ErrorState, LoadingState } from "./state-views.tsx";

/**
 * The signed-in part of the app: without a session it sends the user to the login page, which
 * brings them back here afterwards. Everything below is rendered anew for each user, so nothing
 * one user loaded is shown to the next.
 */
export function RequireSession() {
  const { state, reload } = useSession();
  const location = useLocation();

  switch (state.status) {
    case "loading":
      return (
        <div className="page-centre">
          <LoadingState label="Checking your session…" />
        </div>
      );
    case "error":
      return (
        <div className="page-centre">
          <ErrorState error={state.error} onRetry={reload} />
        </div>
      );
    case "signed-out":
      return (
        <Navigate
          to={state.reason === "signed-out" ? LOGIN_PATH : loginPathFor(location)}
          replace
        />
      );
    case "signed-in":
      return (
        <DirectoryProvider key={state.user.id}>
          <Outlet />
        </DirectoryProvider>
      );
  }
}
