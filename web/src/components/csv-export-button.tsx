import { type CsvColumn, csvFileName, downloadCsv, toCsv } from "../lib/csv-export.ts";

/**
 * "Export CSV" for a table: the rows as shown (the same columns, values as the API gave them, not
 * rounded for display), saved as `<title>-<date>-<time>.csv`.
 */
export function CsvExportButton<Row>({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: readonly CsvColumn<Row>[];
  rows: readonly Row[];
}) {
  return (
    <button
      type="button"
      className="button button-small"
      data-testid="csv-export"
      disabled={rows.length === 0}
      title={`Download “${title}” as a CSV file`}
      onClick={() => downloadCsv(csvFileName(title, new Date()), toCsv(columns, rows))}
    >
      Export CSV
    </button>
  );
}
