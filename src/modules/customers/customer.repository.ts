import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import type { Scope } from "../../access/access.js";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import type { Customer } from "./customer.js";
import type { CustomerRow } from "./customer.table.js";

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    tier: row.tier,
    segment: row.segment,
    region: row.region,
    language: row.language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findCustomersByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Customer[]> {
  const customers: Customer[] = [];
  for (const chunk of inChunks(ids, IDS_PER_LOOKUP)) {
    const rows = await db.selectFrom("customers").selectAll().where("id", "in", chunk).execute();
    customers.push(...rows.map(toCustomer));
  }
  return customers;
}

/**
 * The SQL form of a scope over customers: a region-scoped grant sees the customers of its
 * regions; a team-scoped grant sees the customers who have a case with one of its teams.
 */
export function customerInScope(scope: Exclude<Scope, { all: true }>) {
  return (eb: ExpressionBuilder<DB, "customers">) =>
    eb.or(
      scope.within.map((within) => {
        const conditions: Expression<SqlBool>[] = [];
        if (within.regions.length > 0)
          conditions.push(eb("customers.region", "in", within.regions));
        if (within.teams.length > 0) {
          conditions.push(
            eb.exists(
              eb
                .selectFrom("cases")
                .select("cases.id")
                .whereRef("cases.customer_id", "=", "customers.id")
                .where("cases.team_id", "in", within.teams),
            ),
          );
        }
        return eb.and(conditions);
      }),
    );
}

export async function getCustomer(
  db: Kysely<DB>,
  id: string,
  scope: Scope = { all: true },
): Promise<Customer | undefined> {
  let query = db.selectFrom("customers").selectAll().where("id", "=", id);
  if (!scope.all) query = query.where(customerInScope(scope));
  const row = await query.executeTakeFirst();
  return row && toCustomer(row);
}

export interface CustomerFilter {
  tier?: string;
  segment?: string;
  region?: string;
  /** Case-insensitive substring of id, name or email. */
  search?: string;
  /** Return customers with an id after this one (keyset pagination). */
  afterId?: string;
  scope: Scope;
  limit: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function listCustomers(db: Kysely<DB>, filter: CustomerFilter): Promise<Customer[]> {
  let query = db.selectFrom("customers").selectAll();
  if (!filter.scope.all) query = query.where(customerInScope(filter.scope));
  if (filter.tier !== undefined) query = query.where("tier", "=", filter.tier);
  if (filter.segment !== undefined) query = query.where("segment", "=", filter.segment);
  if (filter.region !== undefined) query = query.where("region", "=", filter.region);
  if (filter.search !== undefined && filter.search !== "") {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(id)`, "like", sql`${pattern} escape '\\'`),
        eb(sql`lower(name)`, "like", sql`${pattern} escape '\\'`),
        eb(sql`lower(email)`, "like", sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (filter.afterId !== undefined) query = query.where("id", ">", filter.afterId);
  const rows = await query.orderBy("id").limit(filter.limit).execute();
  return rows.map(toCustomer);
}

export async function upsertCustomers(
  db: Kysely<DB>,
  customers: readonly Customer[],
): Promise<void> {
  for (const chunk of inChunks(customers, rowsPerInsert(10))) {
    await db
      .insertInto("customers")
      .values(
        chunk.map((customer) => ({
          id: customer.id,
          name: customer.name,
          email: customer.email,
          phone: customer.phone,
          tier: customer.tier,
          segment: customer.segment,
          region: customer.region,
          language: customer.language,
          created_at: customer.createdAt,
          updated_at: customer.updatedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          email: eb.ref("excluded.email"),
          phone: eb.ref("excluded.phone"),
          tier: eb.ref("excluded.tier"),
          segment: eb.ref("excluded.segment"),
          region: eb.ref("excluded.region"),
          language: eb.ref("excluded.language"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}
