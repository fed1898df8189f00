import type { CaseStatus, Channel, Priority, SkillRequirement } from "../events/event.types.js";

/** The current state of a case: a projection of its events (see `foldCaseEvent`). */
export interface Case {
  id: string;
  customerId: string;
  subject: string | null;
  channel: Channel;
  category: string;
  priority: Priority;
  teamId: string;
  /** A named queue inside the team, set by routing; null for the team's main queue. */
  queue: string | null;
  agentId: string | null;
  /** Labels from intake and routing rules. */
  tags: string[];
  /** Skills an agent needs to take the case, set by routing. */
  requiredSkills: SkillRequirement[];
  /** The routing rule that set the team; null when none did (or routing never ran). */
  routedRule: string | null;
  /** How often the category was corrected after opening (a misclassification signal). */
  recategorisedCount: number;
  status: CaseStatus;
  openedAt: number;
  /** The first public agent reply: the first response of PRODUCT.md's KPIs. */
  firstResponseAt: number | null;
  firstResolvedAt: number | null;
  /** The latest resolution; null while the case is open again after a reopen. */
  resolvedAt: number | null;
  reopenCount: number;
  handoffCount: number;
  escalationLevel: number;
  workedSeconds: number;
  rootCause: string | null;
  lastEventAt: number;
  updatedAt: number;
}

export function topLevelCategory(category: string): string {
  const slash = category.indexOf("/");
  return slash === -1 ? category : category.slice(0, slash);
}
