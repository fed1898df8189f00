import { formatDateTime } from "../lib/format-date-time.ts";

/** A local, compact timestamp; the exact ISO instant is in the tooltip and the markup. */
export function DateTime({ iso }: { iso: string | null }) {
  if (iso === null) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatDateTime(iso)}
    </time>
  );
}
