import Type, { type Static } from "typebox";
import { EXPORT_FORMATS } from "./case-export.js";

const InstantText = (description: string) =>
  Type.String({ minLength: 1, maxLength: 64, description });

export const CaseExportQuery = Type.Object(
  {
    from: InstantText("Start of the period, ISO-8601 with offset (inclusive)"),
    to: InstantText("End of the period, ISO-8601 with offset (exclusive)"),
    format: Type.Enum([...EXPORT_FORMATS], {
      default: "csv",
      description: "csv (header line, RFC 4180 quoting) or ndjson (one JSON object a line)",
    }),
    asOf: Type.Optional(
      InstantText(
        "When to judge unanswered cases' first-response SLA outcome (missed once due before it); default now",
      ),
    ),
  },
  { additionalProperties: false },
);
export type CaseExportQuery = Static<typeof CaseExportQuery>;
