/**
 * Tables as CSV files, made in the browser from what the table shows (RFC 4180: comma-separated,
 * CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled). A UTF-8 byte
 * order mark lets spreadsheet programs read accents and "−" correctly.
 *
 * Cells that a spreadsheet would run as a formula (text starting with =, +, -, @, a tab or a
 * carriage return) are prefixed with an apostrophe, as OWASP's "CSV injection" advice says: a
 * category or a team name typed by someone else must not become a formula on the reader's
 * machine. Numbers are written as numbers, negative ones included.
 */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field as CSV text. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header line and one line per row, CRLF-separated, ending with a line break. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvField(column.header)).join(",")];
  for (const row of rows)
    lines.push(columns.map((column) => csvField(column.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * A file name from a title and the moment of export: "Scorecard by team" at 2026-03-02 14:05
 * local time → "scorecard-by-team-2026-03-02-1405.csv".
 */
export function csvFileName(title: string, at: Date): string {
  const slug =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "export";
  const pad = (value: number) => String(value).padStart(2, "0");
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `${slug}-${stamp}.csv`;
}

/** The bytes to download: a UTF-8 byte order mark, then the CSV text. */
export function csvBlob(csv: string): Blob {
  return new Blob([`\uFEFF${csv}`], { type: "text/csv;charset=utf-8" });
}

/** Makes the browser save `csv` as `fileName`. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(csvBlob(csv));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has started reading the blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
