import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { ThroughlineEvent } from "../events/event.types.js";
import { loadSettings } from "../settings/settings.service.js";
import { checkCategory, checkRootCause, TAXONOMY_SETTINGS } from "./taxonomy.js";

/**
 * Holds cases opened, re-categorised and resolved through the API to the taxonomy in force: a
 * category from its categories, a root cause from its current codes (400 naming `body.category`
 * or `body.rootCause`). Imports do not come here: they are history, kept as it was recorded.
 */
export async function enforceTaxonomy(db: Kysely<DB>, event: ThroughlineEvent): Promise<void> {
  if (
    event.type !== "case.opened" &&
    event.type !== "case.recategorised" &&
    event.type !== "case.resolved"
  ) {
    return;
  }
  const taxonomy = (await loadSettings(db, TAXONOMY_SETTINGS)).body;
  if (event.type === "case.opened" || event.type === "case.recategorised") {
    const reason = checkCategory(taxonomy, event.category);
    if (reason !== undefined) {
      throw new AppError("request.invalid", { message: reason, field: "body.category" });
    }
    return;
  }
  const reason = checkRootCause(taxonomy, event.rootCause);
  if (reason !== undefined) {
    throw new AppError("request.invalid", {
      message: `rootCause ${reason}`,
      field: "body.rootCause",
    });
  }
}
