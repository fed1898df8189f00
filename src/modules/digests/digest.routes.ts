import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { settingsResponseSchema, toSettingsResponse } from "../settings/settings.routes.js";
import {
  DigestNameParams,
  DigestRunListResponse,
  DigestsSchema,
  ListDigestRunsQuery,
  SendDigestBody,
  SendDigestResponse,
  toDigestRunResponse,
  toSendDigestResponse,
} from "./digest.schemas.js";
import {
  findDigestRuns,
  readDigestSettings,
  readDigestSettingsVersions,
  saveDigestSettings,
  sendDigestNow,
} from "./digest.service.js";
import { smtpSettingsOf } from "./digest-delivery.js";
import type { DigestsDocument } from "./digest-settings.js";

/**
 * The digests settings document (GET, GET /versions, PUT, webhook secrets write-only), the
 * scheduled runs and how their delivery went, and sending one digest now.
 */
export const digestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const Response = settingsResponseSchema(DigestsSchema);
  const tags = ["digests"];

  app.get(
    "/digests",
    {
      config: { access: "settings:read" },
      schema: {
        tags,
        summary: "The scheduled digests in force (webhook secrets masked)",
        response: { 200: Response, ...CLIENT_ERRORS },
      },
    },
    async (request) => toSettingsResponse(await readDigestSettings(app.store.db, request.actor)),
  );

  app.get(
    "/digests/versions",
    {
      config: { access: "settings:read" },
      schema: {
        tags,
        summary: "Every saved version of the scheduled digests, newest first (secrets masked)",
        response: { 200: Type.Object({ items: Type.Array(Response) }), ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await readDigestSettingsVersions(app.store.db, request.actor)).map((saved) =>
        toSettingsResponse(saved),
      ),
    }),
  );

  app.put(
    "/digests",
    {
      config: { access: "settings:write" },
      schema: {
        tags,
        summary: "Save the scheduled digests as a new version",
        body: Type.Object(
          {
            baseVersion: Type.Optional(
              Type.Integer({
                minimum: 0,
                description:
                  "The version the edit started from; 409 when the document has moved on",
              }),
            ),
            document: DigestsSchema,
          },
          { additionalProperties: false },
        ),
        response: { 200: Response, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const body = request.body as { baseVersion?: number; document: DigestsDocument };
      return toSettingsResponse(
        await saveDigestSettings(app.store.db, request.actor, body, new Date()),
      );
    },
  );

  app.get(
    "/digests/runs",
    {
      config: { access: "settings:write" },
      schema: {
        tags,
        summary: "Scheduled digest runs and their delivery, newest first",
        querystring: ListDigestRunsQuery,
        response: { 200: DigestRunListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await findDigestRuns(app.store.db, request.actor, request.query);
      return { items: page.items.map(toDigestRunResponse), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/digests/:name/send",
    {
      config: { access: "settings:write" },
      schema: {
        tags,
        summary:
          "Send a digest now, for the latest complete period of its schedule (does not count as the scheduled run)",
        params: DigestNameParams,
        // The body may be left out altogether (Fastify validates an absent body as null).
        body: Type.Union([SendDigestBody, Type.Null()]),
        response: { 200: SendDigestResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toSendDigestResponse(
        await sendDigestNow(app.store.db, request.actor, request.params.name, {
          smtp: smtpSettingsOf(app.config),
          now: Date.now(),
          ...(request.body?.at === undefined ? {} : { at: request.body.at }),
        }),
      ),
  );
};
