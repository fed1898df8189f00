import type { CursorList } from "../hooks/use-cursor-list.ts";
import { formatCountOf } from "../lib/format-number.ts";
import { ErrorState } from "./state-views.tsx";

/** The footer of a paginated list: how many rows are shown and a "Load more" button. */
export function LoadMore<T>({
  list,
  noun,
  plural,
}: {
  list: CursorList<T>;
  noun: string;
  /** For nouns whose plural is not noun + "s". */
  plural?: string;
}) {
  return (
    <div className="list-footer">
      <span className="muted">
        {formatCountOf(list.items.length, noun, plural)}
        {list.hasMore ? " shown, more available" : ""}
      </span>
      {list.hasMore ? (
        <button
          type="button"
          className="button"
          onClick={list.loadMore}
          disabled={list.loadingMore}
        >
          {list.loadingMore ? "Loading…" : "Load more"}
        </button>
      ) : null}
      {list.error !== null && list.items.length > 0 ? (
        <ErrorState error={list.error} onRetry={list.loadMore} />
      ) : null}
    </div>
  );
}
