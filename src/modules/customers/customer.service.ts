import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requirePermission, type Scope, scopeOf } from "../../access/access.js";
import type { Actor } from "../../access/actor.js";
import { decodeCursor, encodeCursor } from "../../db/pagination.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { listEventsOfCustomer, type StoredEvent } from "../events/event.repository.js";
import { writeEvent } from "../events/event-writer.js";
import type { Customer } from "./customer.js";
import { getCustomer, listCustomers } from "./customer.repository.js";

/** The customer, if it exists inside `scope`; one outside answers exactly like a missing one. */
export async function requireCustomer(
  db: Kysely<DB>,
  id: string,
  scope: Scope = { all: true },
): Promise<Customer> {
  const customer = await getCustomer(db, id, scope);
  if (!customer) {
    throw new AppError("customer.not_found", { message: `customer "${id}" does not exist` });
  }
  return customer;
}

export interface CustomerPageQuery {
  tier?: string;
  segment?: string;
  region?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export async function findCustomers(
  db: Kysely<DB>,
  actor: Actor,
  query: CustomerPageQuery,
): Promise<{ items: Customer[]; nextCursor: string | null }> {
  const scope = requirePermission(actor, "customer:read");
  const afterId =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ["string"])[0];
  const items = await listCustomers(db, {
    ...(query.tier === undefined ? {} : { tier: query.tier }),
    ...(query.segment === undefined ? {} : { segment: query.segment }),
    ...(query.region === undefined ? {} : { region: query.region }),
    ...(query.q === undefined ? {} : { search: query.q }),
    ...(afterId === undefined ? {} : { afterId }),
    scope,
    limit: query.limit + 1,
  });
  const page = items.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: items.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

export interface CreateCustomerInput {
  id?: string;
  tier: string;
  segment: string;
  region: string;
  name?: string;
  email?: string;
  phone?: string;
  language?: string;
}

export async function getVisibleCustomer(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<Customer> {
  return requireCustomer(db, id, requirePermission(actor, "customer:read"));
}

export async function createCustomer(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateCustomerInput,
  now: Date,
): Promise<Customer> {
  const id = input.id ?? `cus_${randomUUID()}`;
  return db.transaction().execute(async (trx) => {
    if (await getCustomer(trx, id)) {
      throw new AppError("customer.already_exists", {
        message: `customer "${id}" already exists`,
        field: "body.id",
      });
    }
    const { id: _ignored, ...attributes } = input;
    await writeEvent(trx, actor, {
      type: "customer.upserted",
      at: now.toISOString(),
      customer: id,
      ...attributes,
    });
    return requireCustomer(trx, id);
  });
}

/**
 * The customer's events in business-time order: every touchpoint across cases and channels that
 * the caller may see (the customer's own events, and the events of cases in their scope).
 */
export async function getJourney(
  db: Kysely<DB>,
  actor: Actor,
  customerId: string,
  page: { limit: number; cursor?: string },
): Promise<{ customer: Customer; items: StoredEvent[]; nextCursor: string | null }> {
  const customer = await getVisibleCustomer(db, actor, customerId);
  const caseScope = scopeOf(actor, "case:read") ?? { all: false, within: [] };
  const after =
    page.cursor === undefined ? undefined : decodeCursor(page.cursor, ["number", "number"]);
  const items = await listEventsOfCustomer(db, customerId, {
    caseScope,
    limit: page.limit + 1,
    ...(after === undefined ? {} : { after: { at: after[0], seq: after[1] } }),
  });
  const pageItems = items.slice(0, page.limit);
  const last = pageItems.at(-1);
  return {
    customer,
    items: pageItems,
    nextCursor: items.length > page.limit && last ? encodeCursor([last.at, last.seq]) : null,
  };
}
