import type { Kysely } from "kysely";
import type { Scope } from "../../access/access.js";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { caseInScope } from "./case.repository.js";
import { type CaseLinkRow, withCaseLinkTables } from "./case-link.table.js";
import type { CaseLink, LinkSource, RecontactCandidate, StoredLinkKind } from "./case-links.js";

function toLink(row: CaseLinkRow): CaseLink {
  return {
    caseId: row.case_id,
    kind: row.kind as StoredLinkKind,
    targetId: row.target_id,
    source: row.source as LinkSource,
    createdAt: Number(row.created_at),
  };
}

function toRow(link: CaseLink): CaseLinkRow {
  return {
    case_id: link.caseId,
    kind: link.kind,
    target_id: link.targetId,
    source: link.source,
    created_at: link.createdAt,
  };
}

/**
 * Replaces the manual links of these cases. A manual link takes over an automatic one to the
 * same case of the same kind: the person said so.
 */
export async function replaceManualLinks(
  db: Kysely<DB>,
  caseIds: readonly string[],
  links: readonly CaseLink[],
): Promise<void> {
  const store = withCaseLinkTables(db);
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    await store
      .deleteFrom("case_links")
      .where("case_id", "in", chunk)
      .where("source", "=", "manual")
      .execute();
  }
  for (const chunk of inChunks(links.map(toRow), rowsPerInsert(5))) {
    await store
      .insertInto("case_links")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["case_id", "kind", "target_id"]).doUpdateSet((eb) => ({
          source: eb.ref("excluded.source"),
          created_at: eb.ref("excluded.created_at"),
        })),
      )
      .execute();
  }
}

/** Replaces the automatic links of these cases; one a manual link already states is skipped. */
export async function replaceAutoLinks(
  db: Kysely<DB>,
  caseIds: readonly string[],
  links: readonly CaseLink[],
): Promise<void> {
  const store = withCaseLinkTables(db);
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    await store
      .deleteFrom("case_links")
      .where("case_id", "in", chunk)
      .where("source", "=", "auto")
      .execute();
  }
  for (const chunk of inChunks(links.map(toRow), rowsPerInsert(5))) {
    await store
      .insertInto("case_links")
      .values(chunk)
      .onConflict((oc) => oc.columns(["case_id", "kind", "target_id"]).doNothing())
      .execute();
  }
}

/**
 * Every case of these (customer, top-level category) groups with its resolutions: what
 * recontact detection compares. A case's resolutions come from its `case.resolved` events, so a
 * reopened case keeps them all.
 */
export async function findRecontactCandidates(
  db: Kysely<DB>,
  groups: readonly { customerId: string; categoryTop: string }[],
  /** Resolutions already at hand (cases whose history the caller loaded): not read again. */
  knownResolutions: ReadonlyMap<string, readonly number[]> = new Map(),
): Promise<RecontactCandidate[]> {
  const wanted = new Set(groups.map((group) => `${group.customerId}\u0000${group.categoryTop}`));
  const customerIds = [...new Set(groups.map((group) => group.customerId))];
  const categoryTops = [...new Set(groups.map((group) => group.categoryTop))];
  const candidates: RecontactCandidate[] = [];
  for (const chunk of inChunks(customerIds, IDS_PER_LOOKUP)) {
    const rows = (
      await db
        .selectFrom("cases")
        .select(["id", "customer_id", "category_top", "opened_at"])
        .where("customer_id", "in", chunk)
        .where("category_top", "in", categoryTops)
        .execute()
    ).filter((row) => wanted.has(`${row.customer_id}\u0000${row.category_top}`));
    const resolutions = new Map<string, readonly number[]>(knownResolutions);
    for (const ids of inChunks(
      rows.map((row) => row.id).filter((id) => !knownResolutions.has(id)),
      IDS_PER_LOOKUP,
    )) {
      // Filtered by type here, not in SQL: with `type = ?` SQLite picks the (type, seq) index and
      // walks every resolution in the log for each chunk, which made a big import quadratic.
      const resolved = (
        await db
          .selectFrom("events")
          .select(["case_id", "at", "type"])
          .where("case_id", "in", ids)
          .execute()
      ).filter((event) => event.type === "case.resolved");
      for (const event of resolved) {
        const caseId = event.case_id as string;
        resolutions.set(caseId, [...(resolutions.get(caseId) ?? []), Number(event.at)]);
      }
    }
    for (const row of rows) {
      candidates.push({
        id: row.id,
        customerId: row.customer_id,
        categoryTop: row.category_top,
        openedAt: Number(row.opened_at),
        resolutions: resolutions.get(row.id) ?? [],
      });
    }
  }
  return candidates;
}

/** The links from a case (outgoing) and to it (incoming) whose other case lies in `scope`. */
export async function listLinksOfCase(
  db: Kysely<DB>,
  caseId: string,
  scope: Scope,
): Promise<{ outgoing: CaseLink[]; incoming: CaseLink[] }> {
  const store = withCaseLinkTables(db);
  const visible = (column: "case_links.case_id" | "case_links.target_id") =>
    store
      .selectFrom("case_links")
      .selectAll("case_links")
      .innerJoin("cases", "cases.id", column)
      .$if(!scope.all, (query) => query.where(caseInScope(scope as Exclude<Scope, { all: true }>)));
  const [outgoing, incoming] = await Promise.all([
    visible("case_links.target_id")
      .where("case_links.case_id", "=", caseId)
      .orderBy("case_links.created_at")
      .orderBy("case_links.target_id")
      .execute(),
    visible("case_links.case_id")
      .where("case_links.target_id", "=", caseId)
      .orderBy("case_links.created_at")
      .orderBy("case_links.case_id")
      .execute(),
  ]);
  return { outgoing: outgoing.map(toLink), incoming: incoming.map(toLink) };
}

/** The case this one was merged into, if it was. */
export async function findMergedInto(db: Kysely<DB>, caseId: string): Promise<string | null> {
  const row = await withCaseLinkTables(db)
    .selectFrom("case_links")
    .select("target_id")
    .where("case_id", "=", caseId)
    .where("kind", "=", "merged_into")
    .executeTakeFirst();
  return row?.target_id ?? null;
}

/** The cases merged into any of these (one level). */
export async function findCasesMergedInto(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<string[]> {
  const merged: string[] = [];
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    const rows = await withCaseLinkTables(db)
      .selectFrom("case_links")
      .select("case_id")
      .where("target_id", "in", chunk)
      .where("kind", "=", "merged_into")
      .execute();
    merged.push(...rows.map((row) => row.case_id));
  }
  return merged;
}

/**
 * The (customer, top-level category) pairs of the next `limit` customers that have cases, in
 * customer order after `after`: a page of what recontact detection compares.
 */
export async function listCaseGroupsOfCustomers(
  db: Kysely<DB>,
  page: { after: string | null; limit: number },
): Promise<{ customerId: string; categoryTop: string }[]> {
  let customers = db.selectFrom("cases").select("customer_id").distinct();
  if (page.after !== null) customers = customers.where("customer_id", ">", page.after);
  const ids = (await customers.orderBy("customer_id").limit(page.limit).execute()).map(
    (row) => row.customer_id,
  );
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("cases")
    .select(["customer_id", "category_top"])
    .distinct()
    .where("customer_id", "in", ids)
    .orderBy("customer_id")
    .execute();
  return rows.map((row) => ({ customerId: row.customer_id, categoryTop: row.category_top }));
}
