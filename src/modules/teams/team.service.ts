import type { Kysely } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { writeEvent } from "../events/event-writer.js";
import type { Team } from "./team.js";
import { getTeam, listTeams } from "./team.repository.js";

export interface CreateTeamInput {
  id: string;
  name: string;
  hourlyCost?: number;
}

export async function createTeam(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateTeamInput,
  now: Date,
): Promise<Team> {
  return db.transaction().execute(async (trx) => {
    if (await getTeam(trx, input.id)) {
      throw new AppError("team.already_exists", {
        message: `team "${input.id}" already exists`,
        field: "body.id",
      });
    }
    await writeEvent(trx, actor, {
      type: "team.upserted",
      at: now.toISOString(),
      team: input.id,
      name: input.name,
      ...(input.hourlyCost === undefined ? {} : { hourlyCost: input.hourlyCost }),
    });
    return requireTeam(trx, input.id);
  });
}

export async function requireTeam(db: Kysely<DB>, id: string): Promise<Team> {
  const team = await getTeam(db, id);
  if (!team) throw new AppError("team.not_found", { message: `team "${id}" does not exist` });
  return team;
}

export { listTeams };
