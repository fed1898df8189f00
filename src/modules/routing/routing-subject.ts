import type { Channel, Priority } from "../events/event.types.js";
import type { RoutingSubject } from "./routing-rules.js";

/** The fields of a case that rules look at. */
export interface RoutingCaseFields {
  channel: Channel;
  category: string;
  priority: Priority;
  /** The team the case is opened for or is with; null only when routing is sure to set one. */
  team: string | null;
  subject?: string | null;
  body?: string | null;
  tags?: readonly string[];
}

/** A case as routing sees it: being opened, or already open and re-routed. */
export interface RoutingCaseInput extends RoutingCaseFields {
  /** The case when it exists already (re-routing): left out of its customer's history counts. */
  caseId?: string;
  customerId: string;
}

/** What routing knows of the customer: attributes and the history counts. */
export type RoutingCustomerFacts = RoutingSubject["customer"];

/** The history window of `customer.casesLast30Days` and `customer.recentRecontacts`. */
export const RECENT_HISTORY_DAYS = 30;
export const RECENT_HISTORY_MS = RECENT_HISTORY_DAYS * 86_400_000;

export function buildRoutingSubject(
  input: RoutingCaseFields,
  customer: RoutingCustomerFacts,
): RoutingSubject {
  return {
    case: {
      channel: input.channel,
      category: input.category,
      priority: input.priority,
      team: input.team,
      subject: input.subject ?? null,
      body: input.body ?? null,
      tags: [...(input.tags ?? [])],
    },
    customer,
  };
}
