import { parse } from "csv-parse/sync";
import type { SurveyKind } from "../events/event.types.js";
import { checkSurveyScore } from "./survey-scores.js";

/** A CSV that does not hold survey scores: the message names the line and the column. */
export class SurveyCsvError extends Error {}

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

/**
 * The scores in a survey CSV: the column named `score` (any case), or the only column. A
 * one-column file whose first cell is already a score has no header. Blank lines are skipped;
 * every other cell of the score column must be a whole number in the kind's range.
 *
 * @example
 * readSurveyScores("id,score\na,9\nb,3\n", "nps") // [9, 3]
 * readSurveyScores("5\n4\n", "csat") // [5, 4]
 */
export function readSurveyScores(text: string, kind: SurveyKind): number[] {
  let rows: ParsedRow[];
  try {
    rows = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as ParsedRow[];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    const reason = (error as Error).message.replace(/^Invalid [^:]*: /, "");
    throw new SurveyCsvError(
      lines === undefined ? `not a CSV file: ${reason}` : `line ${lines}: ${reason}`,
    );
  }
  const [first, ...rest] = rows;
  if (first === undefined) return [];
  const header = first.record;
  let column = header.findIndex((name) => name.trim().toLowerCase() === "score");
  let body = rest;
  let columnName = "score";
  if (column === -1) {
    if (header.length !== 1) {
      throw new SurveyCsvError(
        `line ${first.info.lines}: no "score" column (columns: ${header.join(", ")})`,
      );
    }
    column = 0;
    columnName = header[0] ?? "";
    if (checkSurveyScore(kind, columnName) === null) {
      // No header: the first line is already an answer.
      body = rows;
      columnName = "1";
    }
  }
  return body.map(({ record, info }) => {
    const cell = record[column] ?? "";
    const problem = checkSurveyScore(kind, cell);
    if (problem !== null) {
      throw new SurveyCsvError(`line ${info.lines}, column ${quoteColumn(columnName)}: ${problem}`);
    }
    return Number(cell);
  });
}

function quoteColumn(name: string): string {
  return /^\d+$/.test(name) ? name : `"${name}"`;
}
