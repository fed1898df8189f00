import { settingsRoutes } from "../settings/settings.routes.js";
import { EscalationPoliciesSchema } from "./escalation.schemas.js";
import { ESCALATION_POLICIES_KIND } from "./escalation.service.js";

/** GET/PUT /escalation-policies (+ /versions): who is told, or escalated to, when SLAs slip. */
export const escalationPolicyRoutes = settingsRoutes({
  path: "/escalation-policies",
  tag: "escalations",
  title: "escalation policies",
  definition: ESCALATION_POLICIES_KIND,
  schema: EscalationPoliciesSchema,
});
