import { settingsRoutes } from "../settings/settings.routes.js";
import { CaseRulesDocument } from "./case-rules.schemas.js";
import { CASE_RULES_KIND } from "./case-rules.service.js";

/** GET/PUT /case-rules (+ /versions): the reopen and recontact windows (a new recontact window relinks). */
export const caseRuleRoutes = settingsRoutes({
  path: "/case-rules",
  tag: "cases",
  title: "case rules (reopen and recontact windows)",
  definition: CASE_RULES_KIND,
  schema: CaseRulesDocument,
});
