import Type, { type Static } from "typebox";
import {
  Cursor,
  Instant,
  NextCursor,
  PageLimit,
  ResourceId,
  toIso,
} from "../../http/common.schemas.js";
import { EventResponse } from "../events/event.http.js";
import type { Customer } from "./customer.js";

/** Personal data: masked in answers to callers without `pii:read` (src/access/pii.ts). */
const PersonalString = Type.Union([Type.String(), Type.Null()], { "x-pii": true });

export const CustomerResponse = Type.Object({
  id: Type.String(),
  name: PersonalString,
  email: PersonalString,
  phone: PersonalString,
  tier: Type.String(),
  segment: Type.String(),
  region: Type.String(),
  language: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CustomerResponse = Static<typeof CustomerResponse>;

export const CustomerListResponse = Type.Object({
  items: Type.Array(CustomerResponse),
  nextCursor: NextCursor,
});

const Attribute = Type.String({ minLength: 1, maxLength: 50 });

export const ListCustomersQuery = Type.Object({
  tier: Type.Optional(Attribute),
  segment: Type.Optional(Attribute),
  region: Type.Optional(Attribute),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: PageLimit,
  cursor: Type.Optional(Cursor),
});

export const CreateCustomerBody = Type.Object(
  {
    id: Type.Optional(ResourceId),
    tier: Attribute,
    segment: Attribute,
    region: Attribute,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320, pattern: "^[^@\\s]+@[^@\\s]+$" })),
    phone: Type.Optional(Type.String({ maxLength: 50, pattern: "^[+0-9 ()./-]{3,}$" })),
    language: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        maxLength: 35,
        description: "BCP 47 language tag the customer is served in, e.g. `en`, `de-CH`",
      }),
    ),
  },
  { additionalProperties: false },
);

export const JourneyQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
  cursor: Type.Optional(Cursor),
});

export const JourneyResponse = Type.Object({
  customer: CustomerResponse,
  items: Type.Array(EventResponse),
  nextCursor: NextCursor,
});

export function toCustomerResponse(customer: Customer): CustomerResponse {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    tier: customer.tier,
    segment: customer.segment,
    region: customer.region,
    language: customer.language,
    createdAt: toIso(customer.createdAt),
    updatedAt: toIso(customer.updatedAt),
  };
}
