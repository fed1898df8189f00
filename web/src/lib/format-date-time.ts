function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * Formats an ISO-8601 instant in the viewer's local time as `YYYY-MM-DD HH:mm`, compact and
 * sortable for dense tables. Null becomes an em dash; an unparseable value is shown as given.
 */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
