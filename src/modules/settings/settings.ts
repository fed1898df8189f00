import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/**
 * Settings are whole documents, one per kind, saved as numbered versions: an admin edits the
 * document and saves it whole, the store keeps every version, and the latest is in force.
 * Version 0 stands for "never saved" and carries the kind's default document.
 */

/** Every kind of settings document; extend, never rename (the names appear in audit entries). */
export const SETTINGS_KINDS = [
  "calendars",
  "sla-policies",
  "escalation-policies",
  "taxonomy",
  "handoff-types",
  "case-rules",
  "webhooks",
  "routing-rules",
  "queue-settings",
  "alert-rules",
  "digests",
] as const;
export type SettingsKind = (typeof SETTINGS_KINDS)[number];

export interface SettingsVersion<T> {
  kind: SettingsKind;
  version: number;
  body: T;
  /** Epoch ms; 0 for version 0. */
  createdAt: number;
  createdBy: string;
}

export type SettingsCheck<T> = { ok: true; body: T } | { ok: false; field: string; reason: string };

/** How one kind of document is validated and what its unsaved default is. */
export interface SettingsDefinition<T> {
  kind: SettingsKind;
  /** The document in force before any save. */
  defaults: () => T;
  /**
   * Checks a document (already shaped by the route's schema) for what a schema cannot say:
   * references, overlaps, order. `field` is a dotted path inside the document.
   */
  validate: (body: T) => SettingsCheck<T>;
  /**
   * The document as the audit trail records it, for kinds that hold secrets (webhook secrets
   * are masked): the audit trail is readable by auditors and must not leak what the API hides.
   */
  auditView?: (body: T) => unknown;
}

/**
 * A kind together with what saving it must also do in the store, in the save's transaction:
 * checks against other records (teams, calendars in use) and consequences (recomputing SLA due
 * times). Built by the kind's module service from its pure definition, and used by every saver
 * (the API, the demo), so no path can save a document without its effects.
 */
export interface StoredSettingsKind<T> extends SettingsDefinition<T> {
  afterSave?: (
    trx: Kysely<DB>,
    saved: SettingsVersion<T>,
    before: SettingsVersion<T>,
  ) => Promise<void>;
}
