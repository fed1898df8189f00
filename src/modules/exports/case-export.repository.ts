import type { Kysely } from "kysely";
import type { Scope } from "../../access/access.js";
import type { DB } from "../../db/schema.js";
import { caseInScope } from "../cases/case.repository.js";
import type { CaseFacts } from "../metrics/case-facts.js";
import { toCaseFacts } from "../metrics/metric-facts.repository.js";

const DEFAULT_PAGE_SIZE = 1_000;

export interface FactsExportQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Only cases inside the caller's scope (their current team, their customer's region). */
  scope: Scope;
  pageSize?: number;
}

/**
 * The facts of every case opened in [from, to) or first resolved in it, in (openedAt, caseId)
 * order, read a page at a time by keyset so a year of cases streams in constant memory. Cases
 * resolved in the period but opened before it come first (they were opened earlier), then the
 * cases opened in it; each part walks its own index (first_resolved_at, opened_at).
 */
export async function* streamFactsForExport(
  db: Kysely<DB>,
  query: FactsExportQuery,
): AsyncGenerator<CaseFacts> {
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  for (const part of ["resolvedOnly", "opened"] as const) {
    let after: { openedAt: number; caseId: string } | undefined;
    for (;;) {
      let select = db.selectFrom("metric_case_facts").selectAll();
      if (part === "resolvedOnly") {
        select = select
          .where("first_resolved_at", ">=", query.from)
          .where("first_resolved_at", "<", query.to)
          .where("opened_at", "<", query.from);
      } else {
        select = select.where("opened_at", ">=", query.from).where("opened_at", "<", query.to);
      }
      const scope = query.scope;
      if (!scope.all) {
        select = select.where((eb) =>
          eb("case_id", "in", eb.selectFrom("cases").select("cases.id").where(caseInScope(scope))),
        );
      }
      const last = after;
      if (last !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb("opened_at", ">", last.openedAt),
            eb.and([eb("opened_at", "=", last.openedAt), eb("case_id", ">", last.caseId)]),
          ]),
        );
      }
      const rows = await select.orderBy("opened_at").orderBy("case_id").limit(pageSize).execute();
      for (const row of rows) yield toCaseFacts(row);
      const tail = rows[rows.length - 1];
      if (rows.length < pageSize || tail === undefined) break;
      after = { openedAt: Number(tail.opened_at), caseId: tail.case_id };
    }
  }
}
