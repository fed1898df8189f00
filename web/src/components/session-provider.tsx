import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { ApiError, onSessionEnded } from "../api/client.ts";
import { getSessionUser, login, logout } from "../api/governance.ts";
import type { SessionUser } from "../api/types.ts";
import { toError } from "../lib/to-error.ts";

/**
 * Why there is no session: none was found at start, it ended under the user (a 401 on a later
 * request: expired, revoked, signed out elsewhere), or the user signed out here.
 */
export type SignedOutReason = "none" | "expired" | "signed-out";

export type SessionState =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "signed-out"; reason: SignedOutReason }
  | { status: "signed-in"; user: SessionUser };

export interface Session {
  state: SessionState;
  /** Rejects with the server's ApiError (e.g. 401 `auth.invalid_credentials`). */
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Asks the server again who is signed in, after a failed start. */
  reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Knows who is signed in: asks GET /auth/me once at start, and drops the session when any later
 * request answers 401. The session itself is the server's HTTP-only cookie.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `generation` (reload()) asks again.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    getSessionUser(controller.signal).then(
      (user) => {
        if (!controller.signal.aborted) setState({ status: "signed-in", user });
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        if (reason instanceof ApiError && reason.status === 401) {
          setState({ status: "signed-out", reason: "none" });
        } else {
          setState({ status: "error", error: toError(reason) });
        }
      },
    );
    return () => controller.abort();
  }, [generation]);

  useEffect(
    () =>
      onSessionEnded(() =>
        setState((current) =>
          current.status === "signed-in" ? { status: "signed-out", reason: "expired" } : current,
        ),
      ),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const { user } = await login(email, password);
    setState({ status: "signed-in", user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (error) {
      // A session that already ended is as signed out as it gets.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setState({ status: "signed-out", reason: "signed-out" });
  }, []);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const session = useMemo<Session>(
    () => ({ state, signIn, signOut, reload }),
    [state, signIn, signOut, reload],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

/** The signed-in user; only for components rendered inside <RequireSession>. */
export function useSessionUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== "signed-in") {
    throw new Error("useSessionUser must be used inside <RequireSession>");
  }
  return state.user;
}
