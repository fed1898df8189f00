import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";

/** What a CSV cell can hold; null is an empty cell. */
export type CsvValue = string | number | boolean | null;

/**
 * Streams records as CSV (RFC 4180 quoting, `\n` line ends): a header line with `columns`, then
 * one line per record in that column order. Numbers are written in full precision, booleans as
 * `true`/`false`, null as an empty cell; fields with a comma, quote or line break are quoted.
 * Text is written as it is (no spreadsheet-formula escaping): the file is data for programs.
 *
 * Built on csv-stringify; the returned stream ends when `records` does and fails with its error.
 *
 * @example
 * toCsvStream([{id: "a", n: 1.5, ok: true, note: null}], ["id", "n", "ok", "note"])
 * // id,n,ok,note
 * // a,1.5,true,
 */
export function toCsvStream<T extends { [K in Column]: CsvValue }, Column extends string>(
  records: AsyncIterable<T> | Iterable<T>,
  columns: readonly Column[],
): Readable {
  const csv = stringify({
    header: true,
    columns: columns.map((key) => ({ key, header: key })),
    cast: { boolean: (value) => (value ? "true" : "false") },
  });
  // The promise settles through the stream itself: an error destroys `csv`, which its reader sees.
  pipeline(Readable.from(records, { objectMode: true }), csv).catch(() => undefined);
  return csv;
}
