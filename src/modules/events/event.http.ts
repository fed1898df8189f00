import Type, { type Static } from "typebox";
import { Instant, NullableString, toIso } from "../../http/common.schemas.js";
import type { StoredEvent } from "./event.repository.js";

/** An event as the API shows it: the links it is indexed by plus the event exactly as recorded. */
export const EventResponse = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  type: Type.String(),
  at: Instant,
  caseId: NullableString,
  customerId: NullableString,
  teamId: NullableString,
  agentId: NullableString,
  /** Masked for callers without `pii:read`: the PERSONAL_EVENT_FIELDS of the event's type. */
  data: Type.Record(Type.String(), Type.Unknown(), { "x-pii-event-data": true }),
});
export type EventResponse = Static<typeof EventResponse>;

export function toEventResponse(event: StoredEvent): EventResponse {
  return {
    id: event.id,
    seq: event.seq,
    type: event.type,
    at: toIso(event.at),
    caseId: event.caseId,
    customerId: event.customerId,
    teamId: event.teamId,
    agentId: event.agentId,
    data: event.data as Record<string, unknown>,
  };
}
