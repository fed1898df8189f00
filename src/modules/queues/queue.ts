import type { CaseStatus } from "../events/event.types.js";

/**
 * Statuses of a case that waits for an agent when nobody has it: new, open, or waiting on
 * another team. A case waiting on the customer is not in the queue.
 */
export const WAITING_CASE_STATUSES = [
  "new",
  "open",
  "pending_internal",
] as const satisfies readonly CaseStatus[];

export function isWaitingStatus(status: CaseStatus): boolean {
  return (WAITING_CASE_STATUSES as readonly CaseStatus[]).includes(status);
}
