import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Scorecard } from "./scorecard.js";
import { type ScorecardRow, withScorecardTables } from "./scorecard.table.js";

type Definition = Pick<Scorecard, "by" | "filter" | "metrics">;

function toScorecard(row: ScorecardRow): Scorecard {
  const definition = JSON.parse(row.definition) as Definition;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    by: definition.by,
    filter: definition.filter,
    metrics: definition.metrics,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function definitionOf(scorecard: Scorecard): string {
  const definition: Definition = {
    by: scorecard.by,
    filter: scorecard.filter,
    metrics: scorecard.metrics,
  };
  return JSON.stringify(definition);
}

export async function insertScorecard(db: Kysely<DB>, scorecard: Scorecard): Promise<void> {
  await withScorecardTables(db)
    .insertInto("scorecards")
    .values({
      id: scorecard.id,
      name: scorecard.name,
      description: scorecard.description,
      definition: definitionOf(scorecard),
      created_by: scorecard.createdBy,
      created_at: scorecard.createdAt,
      updated_at: scorecard.updatedAt,
    })
    .execute();
}

export async function updateScorecard(db: Kysely<DB>, scorecard: Scorecard): Promise<void> {
  await withScorecardTables(db)
    .updateTable("scorecards")
    .set({
      name: scorecard.name,
      description: scorecard.description,
      definition: definitionOf(scorecard),
      updated_at: scorecard.updatedAt,
    })
    .where("id", "=", scorecard.id)
    .execute();
}

export async function deleteScorecard(db: Kysely<DB>, id: string): Promise<void> {
  await withScorecardTables(db).deleteFrom("scorecards").where("id", "=", id).execute();
}

export async function getScorecard(db: Kysely<DB>, id: string): Promise<Scorecard | undefined> {
  const row = await withScorecardTables(db)
    .selectFrom("scorecards")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toScorecard(row);
}

/** Every saved scorecard, by name. */
export async function listScorecards(db: Kysely<DB>): Promise<Scorecard[]> {
  const rows = await withScorecardTables(db)
    .selectFrom("scorecards")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(toScorecard);
}
