import type { Kysely } from "kysely";
import { IDS_PER_LOOKUP, inChunks } from "../../db/batching.js";
import { rowsPerInsert } from "../../db/dialect.js";
import type { DB } from "../../db/schema.js";
import { withTeamSpellTables } from "./team-spell.table.js";
import type { TeamSpell } from "./team-spells.js";

/** Replaces the spells of these cases with the ones given (cases missing from `spells` get none). */
export async function replaceTeamSpells(
  db: Kysely<DB>,
  caseIds: readonly string[],
  spells: ReadonlyMap<string, readonly TeamSpell[]>,
): Promise<void> {
  const store = withTeamSpellTables(db);
  for (const chunk of inChunks(caseIds, IDS_PER_LOOKUP)) {
    await store.deleteFrom("case_team_spells").where("case_id", "in", chunk).execute();
  }
  const rows = [...spells].flatMap(([caseId, caseSpells]) =>
    caseSpells.map((spell, seq) => ({
      case_id: caseId,
      seq,
      team_id: spell.team,
      started_at: spell.startedAt,
      ended_at: spell.endedAt,
    })),
  );
  for (const chunk of inChunks(rows, rowsPerInsert(5))) {
    await store.insertInto("case_team_spells").values(chunk).execute();
  }
}

/** A case's spells in order. */
export async function listTeamSpells(db: Kysely<DB>, caseId: string): Promise<TeamSpell[]> {
  const rows = await withTeamSpellTables(db)
    .selectFrom("case_team_spells")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("seq")
    .execute();
  return rows.map((row) => ({
    team: row.team_id,
    startedAt: Number(row.started_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
  }));
}
