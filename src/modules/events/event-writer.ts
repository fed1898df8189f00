import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { ThroughlineEvent } from "./event.types.js";
import { recordEvents } from "./event-recorder.js";
import { checkEvent } from "./event-validation.js";

/**
 * Records one event built by a service from an API request: validated against the vocabulary,
 * references required to exist (the API never invents teams or customers), and any problem
 * reported against the request body's field of the same name.
 */
export async function writeEvent(db: Kysely<DB>, event: ThroughlineEvent): Promise<string> {
  const checked = checkEvent(event);
  if (!checked.ok) {
    throw new AppError("request.invalid", {
      message: `${checked.problem.field ?? "body"} ${checked.problem.reason}`,
      field: `body.${checked.problem.field ?? ""}`.replace(/\.$/, ""),
    });
  }
  try {
    const report = await recordEvents(db, [{ event: checked.event, atMs: checked.atMs }], {
      createMissing: false,
    });
    const id = report.recordedIds[0];
    if (id === undefined) {
      throw new AppError("event.duplicate_id", {
        message: `event "${event.id}" is already in the log`,
        field: "body.id",
      });
    }
    return id;
  } catch (error) {
    if (error instanceof AppError && error.field !== undefined && !error.field.startsWith("body")) {
      throw new AppError(error.code, { message: error.message, field: `body.${error.field}` });
    }
    throw error;
  }
}
