import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { requirePermission } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { parseKpiQuery } from "../metrics/metrics.service.js";
import {
  CASE_EXPORT_COLUMNS,
  type CaseExportRow,
  type ExportFormat,
  type ExportPeriod,
  toCaseExportRow,
} from "./case-export.js";
import { streamFactsForExport } from "./case-export.repository.js";
import { toCsvStream } from "./csv-writer.js";

/** The export's parameters as the API and the CLI receive them (ISO-8601 text). */
export interface CaseExportParameters {
  from: string;
  to: string;
  asOf?: string;
  format: ExportFormat;
}

export interface CaseExportLimits {
  /** The config's `metricsMaxPeriodDays`. */
  maxPeriodDays: number;
  now: number;
  /** How parameters are named in errors: `querystring.` (the API's default) or `--` (the CLI). */
  fieldPrefix?: string;
}

/**
 * The period of an export, checked as every metrics query is (metrics.service.ts): ISO-8601
 * instants with an offset, `from` not after `to`, at most `maxPeriodDays` long; errors name the
 * parameter. `asOf` defaults to now.
 */
export function parseExportPeriod(
  parameters: Omit<CaseExportParameters, "format">,
  limits: CaseExportLimits,
): ExportPeriod {
  const query = parseKpiQuery(
    { from: parameters.from, to: parameters.to, asOf: parameters.asOf },
    {
      maxPeriodDays: limits.maxPeriodDays,
      now: limits.now,
      ...(limits.fieldPrefix === undefined ? {} : { fieldPrefix: limits.fieldPrefix }),
    },
  );
  return { from: query.from, to: query.to, asOf: query.asOf ?? limits.now };
}

/** The rows of the export, in (openedAt, caseId) order, for the cases the actor may see. */
export async function* exportCaseRows(
  db: Kysely<DB>,
  actor: Actor,
  period: ExportPeriod,
): AsyncGenerator<CaseExportRow> {
  const scope = requirePermission(actor, "metrics:read");
  for await (const facts of streamFactsForExport(db, { from: period.from, to: period.to, scope })) {
    yield toCaseExportRow(facts, period);
  }
}

/** Content types of the formats. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export interface OpenedExport {
  period: ExportPeriod;
  contentType: string;
  /** `cases-<from>-<to>.<format>`, compact UTC instants. */
  fileName: string;
  stream: Readable;
}

/**
 * The export as a byte stream in the format: CSV with a header line (csv-writer.ts), or NDJSON
 * with one JSON object a line, keys in column order. Permission and parameters are checked before
 * the stream is returned, so a refusal is an error answer rather than a cut-off file.
 */
export function openCaseExport(
  db: Kysely<DB>,
  actor: Actor,
  parameters: CaseExportParameters,
  limits: CaseExportLimits,
): OpenedExport {
  requirePermission(actor, "metrics:read");
  const period = parseExportPeriod(parameters, limits);
  const rows = exportCaseRows(db, actor, period);
  const stream =
    parameters.format === "csv"
      ? toCsvStream(rows, CASE_EXPORT_COLUMNS)
      : Readable.from(toNdjsonLines(rows));
  const compact = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
  return {
    period,
    contentType: EXPORT_CONTENT_TYPES[parameters.format],
    fileName: `cases-${compact(period.from)}-${compact(period.to)}.${parameters.format}`,
    stream,
  };
}

async function* toNdjsonLines(rows: AsyncIterable<CaseExportRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}
