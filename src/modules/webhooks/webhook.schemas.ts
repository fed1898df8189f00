import Type, { type Static } from "typebox";
import {
  Cursor,
  Instant,
  NextCursor,
  NullableInstant,
  NullableString,
  PageLimit,
  ResourceId,
  toIso,
  toIsoOrNull,
} from "../../http/common.schemas.js";
import { EVENT_TYPES } from "../events/event.types.js";
import { DELIVERY_STATUSES, type WebhookDelivery } from "./webhook.js";
import { MIN_SECRET_LENGTH, SECRET_MASK } from "./webhook-settings.js";

export const WebhookEndpointSchema = Type.Object(
  {
    id: ResourceId,
    url: Type.String({ minLength: 1, maxLength: 2_000, description: "http:// or https://" }),
    secret: Type.String({
      minLength: 1,
      maxLength: 500,
      description: `Write-only: at least ${MIN_SECRET_LENGTH} characters; reads show "${SECRET_MASK}", and sending "${SECRET_MASK}" back keeps the stored secret`,
    }),
    events: Type.Array(Type.Enum([...EVENT_TYPES]), { minItems: 1, maxItems: EVENT_TYPES.length }),
    active: Type.Optional(Type.Boolean({ description: "Default true" })),
  },
  { additionalProperties: false },
);

export const WebhooksSchema = Type.Object(
  { endpoints: Type.Array(WebhookEndpointSchema, { maxItems: 50 }) },
  { additionalProperties: false },
);

export const ListDeliveriesQuery = Type.Object(
  {
    endpoint: Type.Optional(ResourceId),
    status: Type.Optional(Type.Enum([...DELIVERY_STATUSES])),
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: PageLimit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type ListDeliveriesQuery = Static<typeof ListDeliveriesQuery>;

export const DeliveryResponse = Type.Object({
  id: Type.String({ description: "Sent as X-Throughline-Delivery" }),
  endpointId: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  status: Type.Enum([...DELIVERY_STATUSES]),
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptAt: Instant,
  lastStatus: Type.Union([Type.Integer(), Type.Null()], {
    description: "HTTP status of the last attempt; null when it got no answer",
  }),
  lastError: NullableString,
  createdAt: Instant,
  deliveredAt: NullableInstant,
});
export type DeliveryResponse = Static<typeof DeliveryResponse>;

export const DeliveryListResponse = Type.Object({
  items: Type.Array(DeliveryResponse),
  nextCursor: NextCursor,
});

export function toDeliveryResponse(delivery: WebhookDelivery): DeliveryResponse {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: toIso(delivery.nextAttemptAt),
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: toIso(delivery.createdAt),
    deliveredAt: toIsoOrNull(delivery.deliveredAt),
  };
}
