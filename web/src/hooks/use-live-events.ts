import { useCallback, useEffect, useRef, useState } from "react";
import type { AlertRaised, AlertResolved } from "../../../src/modules/events/event.types.ts";
import type {
  LiveChangesData,
  LiveClosedData,
  LiveReadyData,
} from "../../../src/modules/live/live.schemas.ts";
import { requestJson } from "../api/client.ts";

export type LiveChanges = LiveChangesData;
export type LiveAlertEvent = AlertRaised | AlertResolved;

/** connecting: first attempt; live: events flow; reconnecting: the browser retries; offline: given up for now. */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

export interface LiveHandlers {
  /** The stream (re)started: what was shown may have missed events, so reload it. */
  onReady?: (ready: LiveReadyData) => void;
  onChanges?: (changes: LiveChanges) => void;
  onAlert?: (alert: LiveAlertEvent) => void;
}

const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000, 60_000];

function parse<T>(event: MessageEvent): T | null {
  try {
    return JSON.parse(String(event.data)) as T;
  } catch {
    return null;
  }
}

/**
 * Listens to GET /api/v1/live (server-sent events) while the component is shown. The browser
 * reconnects by itself after a dropped connection; when the server refuses the stream (signed out,
 * server restarting) the hook tries again after a growing delay, and asks the server who is
 * signed in so that an ended session leads to the sign-in page like any other request.
 * Handlers may change on every render without reconnecting.
 */
export function useLiveEvents(handlers: LiveHandlers, enabled = true): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let failures = 0;
    let stopped = false;

    const checkSession = () => {
      // A 401 here ends the session in the app (client.ts's session-ended listener).
      requestJson("/api/v1/auth/me").catch(() => undefined);
    };

    const connect = () => {
      if (stopped) return;
      const stream = new EventSource("/api/v1/live");
      source = stream;
      stream.addEventListener("ready", (event) => {
        failures = 0;
        setStatus("live");
        const ready = parse<LiveReadyData>(event);
        if (ready !== null) latest.current.onReady?.(ready);
      });
      stream.addEventListener("changes", (event) => {
        const changes = parse<LiveChanges>(event);
        if (changes !== null) latest.current.onChanges?.(changes);
      });
      for (const type of ["alert.raised", "alert.resolved"] as const) {
        stream.addEventListener(type, (event) => {
          const alert = parse<LiveAlertEvent>(event);
          if (alert !== null) latest.current.onAlert?.(alert);
        });
      }
      stream.addEventListener("closed", (event) => {
        const closed = parse<LiveClosedData>(event);
        if (closed?.reason === "session_ended") checkSession();
      });
      stream.onerror = () => {
        if (stream.readyState === EventSource.CONNECTING) {
          setStatus("reconnecting");
          return;
        }
        // Closed for good by the browser (an HTTP error such as 401 or 503): retry ourselves.
        stream.close();
        setStatus("offline");
        checkSession();
        const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)];
        failures += 1;
        retryTimer = window.setTimeout(connect, delay);
      };
    };

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, [enabled]);

  return status;
}

/**
 * A version number that moves when asked, at most once per `minimumGapMs`: a burst of live
 * changes reloads a dashboard once at the start and once after the burst, not on every event.
 */
export function useThrottledVersion(minimumGapMs: number): [number, () => void] {
  const [version, setVersion] = useState(0);
  const lastBump = useRef(0);
  const pending = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(pending.current), []);

  const bump = useCallback(() => {
    if (pending.current !== undefined) return;
    const wait = Math.max(0, lastBump.current + minimumGapMs - Date.now());
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      lastBump.current = Date.now();
      setVersion((value) => value + 1);
    }, wait);
  }, [minimumGapMs]);

  return [version, bump];
}
