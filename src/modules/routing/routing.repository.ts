import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { FINISHED_CASE_STATUSES } from "../cases/case-lifecycle.js";
import { withCaseLinkTables } from "../cases/case-link.table.js";
import { withSettingsTables } from "../settings/settings.table.js";

/**
 * The latest `routing-rules` version as stored (the document's JSON text unparsed, so a caller
 * that has it compiled already need not parse it again); undefined when it was never saved.
 */
export async function findRoutingRulesText(
  db: Kysely<DB>,
): Promise<{ version: number; body: string } | undefined> {
  const row = await withSettingsTables(db)
    .selectFrom("settings_versions")
    .select(["version", "body"])
    .where("kind", "=", "routing-rules")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && { version: Number(row.version), body: row.body };
}

export interface CustomerHistoryCounts {
  /** Cases not resolved or closed. */
  openCases: number;
  /** Cases opened at or after `since`. */
  casesSince: number;
  /** Of those, the ones linked as a recontact of an earlier case. */
  recontactsSince: number;
}

/**
 * Counts over a customer's cases, `excludeCaseId` left out, in one query on the
 * (customer_id, opened_at) index; the recontact link of each recent case is looked up by the
 * links' primary key.
 */
export async function countCustomerHistory(
  db: Kysely<DB>,
  query: { customerId: string; excludeCaseId?: string; since: number },
): Promise<CustomerHistoryCounts> {
  const row = await withCaseLinkTables(db)
    .selectFrom("cases")
    .select((eb) => [
      eb.fn
        .count<number | string>(
          eb
            .case()
            .when("cases.status", "not in", [...FINISHED_CASE_STATUSES])
            .then(1)
            .end(),
        )
        .as("open_cases"),
      eb.fn
        .count<number | string>(eb.case().when("cases.opened_at", ">=", query.since).then(1).end())
        .as("cases_since"),
      eb.fn
        .count<number | string>(
          eb
            .case()
            .when(
              eb.and([
                eb("cases.opened_at", ">=", query.since),
                eb.exists(
                  eb
                    .selectFrom("case_links")
                    .select("case_links.case_id")
                    .whereRef("case_links.case_id", "=", "cases.id")
                    .where("case_links.kind", "=", "recontact_of"),
                ),
              ]),
            )
            .then(1)
            .end(),
        )
        .as("recontacts_since"),
    ])
    .where("cases.customer_id", "=", query.customerId)
    .$if(query.excludeCaseId !== undefined, (select) =>
      select.where("cases.id", "!=", query.excludeCaseId as string),
    )
    .executeTakeFirst();
  return {
    openCases: Number(row?.open_cases ?? 0),
    casesSince: Number(row?.cases_since ?? 0),
    recontactsSince: Number(row?.recontacts_since ?? 0),
  };
}
