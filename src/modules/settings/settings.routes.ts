import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Kysely } from "kysely";
import Type, { type TSchema } from "typebox";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { CLIENT_ERRORS, toIso } from "../../http/common.schemas.js";
import type { SettingsVersion, StoredSettingsKind } from "./settings.js";
import { readSettings, readSettingsVersions, saveSettings } from "./settings.service.js";

export interface SettingsRouteOptions<T> {
  /** Path under /api/v1, e.g. `/calendars`. */
  path: string;
  /** OpenAPI tag. */
  tag: string;
  /** What the document is, for the route summaries ("business calendars"). */
  title: string;
  /** The kind with its effects (checks and consequences run in the save's transaction). */
  definition: StoredSettingsKind<T>;
  /** The document's TypeBox schema. */
  schema: TSchema;
  /**
   * For a document holding write-only secrets (webhook signing secrets): how it is read, with the
   * secrets masked, and saved, keeping a stored secret the edit left masked. The summaries say so.
   */
  secrets?: SecretSettingsAccess<T>;
}

export interface SecretSettingsAccess<T> {
  read(db: Kysely<DB>, actor: Actor): Promise<SettingsVersion<T>>;
  readVersions(db: Kysely<DB>, actor: Actor): Promise<SettingsVersion<T>[]>;
  save(
    db: Kysely<DB>,
    actor: Actor,
    body: { baseVersion?: number; document: T },
    now: Date,
  ): Promise<SettingsVersion<T>>;
}

/** The response of every settings route: the document and which version it is. */
export function settingsResponseSchema(schema: TSchema) {
  return Type.Object({
    version: Type.Integer({ minimum: 0, description: "0 when it was never saved (the defaults)" }),
    createdAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    document: schema,
  });
}

export function toSettingsResponse<T>(saved: SettingsVersion<T>) {
  const stored = saved.version > 0;
  return {
    version: saved.version,
    createdAt: stored ? toIso(saved.createdAt) : null,
    createdBy: stored ? saved.createdBy : null,
    document: saved.body,
  };
}

/**
 * GET `path` (the document in force), GET `path/versions` (every version, newest first) and
 * PUT `path` (save a new version; `baseVersion` guards against overwriting someone's edit).
 */
export function settingsRoutes<T>(options: SettingsRouteOptions<T>): FastifyPluginAsyncTypebox {
  const { path, tag, title, definition, schema } = options;
  const access: SecretSettingsAccess<T> = options.secrets ?? {
    read: (db, actor) => readSettings(db, actor, definition),
    readVersions: (db, actor) => readSettingsVersions(db, actor, definition),
    save: (db, actor, body, now) =>
      saveSettings(db, actor, definition, body.document, {
        now,
        ...(body.baseVersion === undefined ? {} : { baseVersion: body.baseVersion }),
      }),
  };
  const masked = options.secrets === undefined ? "" : " (secrets masked)";
  const Response = settingsResponseSchema(schema);
  const Body = Type.Object(
    {
      baseVersion: Type.Optional(
        Type.Integer({
          minimum: 0,
          description: "The version the edit started from; 409 when the document has moved on",
        }),
      ),
      document: schema,
    },
    { additionalProperties: false },
  );
  return async (app) => {
    app.get(
      path,
      {
        config: { access: "settings:read" },
        schema: {
          tags: [tag],
          summary: `The ${title} in force${masked}`,
          response: { 200: Response, ...CLIENT_ERRORS },
        },
      },
      async (request) => toSettingsResponse(await access.read(app.store.db, request.actor)),
    );

    app.get(
      `${path}/versions`,
      {
        config: { access: "settings:read" },
        schema: {
          tags: [tag],
          summary: `Every saved version of the ${title}, newest first${masked}`,
          response: { 200: Type.Object({ items: Type.Array(Response) }), ...CLIENT_ERRORS },
        },
      },
      async (request) => ({
        items: (await access.readVersions(app.store.db, request.actor)).map((saved) =>
          toSettingsResponse(saved),
        ),
      }),
    );

    app.put(
      path,
      {
        config: { access: "settings:write" },
        schema: {
          tags: [tag],
          summary: `Save the ${title} as a new version`,
          body: Body,
          response: { 200: Response, ...CLIENT_ERRORS },
        },
      },
      async (request) => {
        const body = request.body as { baseVersion?: number; document: T };
        return toSettingsResponse(await access.save(app.store.db, request.actor, body, new Date()));
      },
    );
  };
}
