import { useCallback, useEffect, useRef, useState } from "react";
import { toError } from "../lib/to-error.ts";

export type AsyncState<T> =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "ready"; data: T };

/**
 * Runs `load` when it changes (memoise it with useCallback) and tracks its result. A newer load
 * aborts the one before, so a slow answer for old parameters never overwrites a newer one.
 * `reload()` runs the same load again and keeps showing the current data until it answers.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  const lastRun = useRef({ load, generation });

  useEffect(() => {
    const controller = new AbortController();
    // A reload of the same load keeps the current data on screen until the answer arrives.
    const isRefresh = lastRun.current.load === load && lastRun.current.generation !== generation;
    lastRun.current = { load, generation };
    setState((current) =>
      isRefresh && current.status === "ready" ? current : { status: "loading" },
    );
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (reason: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error: toError(reason) });
      },
    );
    return () => controller.abort();
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
