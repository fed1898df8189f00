import Type, { type Static } from "typebox";
import { MAX_WINDOW_DAYS } from "./case-rules.js";

const WindowDays = (description: string) =>
  Type.Number({ exclusiveMinimum: 0, maximum: MAX_WINDOW_DAYS, description });

export const CaseRulesDocument = Type.Object(
  {
    reopenWindowDays: WindowDays("How long after its resolution a case may be reopened (days)"),
    recontactWindowDays: WindowDays(
      "A new case of the same customer and top-level category opened within this many days of a resolution is linked as its recontact",
    ),
  },
  { additionalProperties: false },
);
export type CaseRulesDocument = Static<typeof CaseRulesDocument>;
