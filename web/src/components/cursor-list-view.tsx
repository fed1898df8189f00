import type { ReactNode } from "react";
import type { CursorList } from "../hooks/use-cursor-list.ts";
import { LoadMore } from "./load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "./state-views.tsx";

/**
 * The states every paginated list page shows — loading, error with retry, empty, and the rows
 * with their "Load more" footer — so each page only says how to draw its rows.
 */
export function CursorListView<T>({
  list,
  noun,
  plural,
  loadingLabel,
  empty,
  children,
}: {
  list: CursorList<T>;
  noun: string;
  plural?: string;
  loadingLabel: string;
  /** What to say when there are no rows (often depends on whether filters are active). */
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {list.status === "loading" ? <LoadingState label={loadingLabel} /> : null}
      {list.status === "error" && list.error !== null ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : null}
      {list.status === "ready" && list.items.length === 0 ? <EmptyState>{empty}</EmptyState> : null}
      {list.status === "ready" && list.items.length > 0 ? (
        <>
          {children(list.items)}
          <LoadMore list={list} noun={noun} {...(plural === undefined ? {} : { plural })} />
        </>
      ) : null}
    </>
  );
}
