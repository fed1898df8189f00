import { settingsRoutes } from "../settings/settings.routes.js";
import { CASE_RULES_SETTINGS } from "./case-rules.js";
import { CaseRulesDocument } from "./case-rules.schemas.js";

/** GET/PUT /case-rules (+ /versions): the reopen and recontact windows. */
export const caseRuleRoutes = settingsRoutes({
  path: "/case-rules",
  tag: "cases",
  title: "case rules (reopen and recontact windows)",
  definition: CASE_RULES_SETTINGS,
  schema: CaseRulesDocument,
});
