import type { CaseStatus, Channel, Priority } from "../events/event.types.js";

/** The current state of a case: a projection of its events (see `foldCaseEvent`). */
export interface Case {
  id: string;
  customerId: string;
  subject: string | null;
  channel: Channel;
  category: string;
  priority: Priority;
  teamId: string;
  agentId: string | null;
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
