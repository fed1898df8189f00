import type { CaseStatus, Priority } from "../../../src/modules/events/event.types.ts";
import { labelOf, PRIORITY_LABELS, STATUS_LABELS } from "../lib/labels.ts";

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge status-${status}`}>{labelOf(STATUS_LABELS, status)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`priority priority-${priority}`}>
      <span className="priority-dot" aria-hidden="true" />
      {labelOf(PRIORITY_LABELS, priority)}
    </span>
  );
}
