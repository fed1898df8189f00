import { useCallback, useEffect, useRef, useState } from "react";
import type { Page } from "../api/types.ts";
import { toError } from "../lib/to-error.ts";

export type FetchPage<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

export interface CursorList<T> {
  status: "loading" | "error" | "ready";
  items: T[];
  /** The error of the first page, or of the last "load more". */
  error: Error | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface ListState<T> {
  status: "loading" | "error" | "ready";
  items: T[];
  nextCursor: string | null;
  error: Error | null;
  loadingMore: boolean;
}

function initialState<T>(): ListState<T> {
  return { status: "loading", items: [], nextCursor: null, error: null, loadingMore: false };
}

/**
 * A list read page by page through the API's `nextCursor`. When `fetchPage` changes (new filters;
 * memoise it with useCallback) the list starts over and requests still in flight are abandoned.
 */
export function useCursorList<T>(fetchPage: FetchPage<T>): CursorList<T> {
  const [state, setState] = useState<ListState<T>>(initialState);
  const [generation, setGeneration] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `generation` (reload()) must start the list over.
  useEffect(() => {
    const controller = new AbortController();
    controllerRef.current = controller;
    setState(initialState<T>());
    fetchPage(null, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState({
          ...initialState<T>(),
          status: "ready",
          items: page.items,
          nextCursor: page.nextCursor,
        });
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setState({ ...initialState<T>(), status: "error", error: toError(reason) });
      },
    );
    return () => controller.abort();
  }, [fetchPage, generation]);

  const { nextCursor, loadingMore } = state;
  const loadMore = useCallback(() => {
    const controller = controllerRef.current;
    if (controller === null || nextCursor === null || loadingMore) return;
    setState((current) => ({ ...current, loadingMore: true, error: null }));
    fetchPage(nextCursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((current) => ({
          ...current,
          items: [...current.items, ...page.items],
          nextCursor: page.nextCursor,
          loadingMore: false,
        }));
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) => ({ ...current, loadingMore: false, error: toError(reason) }));
      },
    );
  }, [fetchPage, nextCursor, loadingMore]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return {
    status: state.status,
    items: state.items,
    error: state.error,
    hasMore: state.nextCursor !== null,
    loadingMore: state.loadingMore,
    loadMore,
    reload,
  };
}
