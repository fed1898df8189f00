import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { settingsRoutes } from "../settings/settings.routes.js";
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
  DIGESTS_KIND,
  findDigestRuns,
  readDigestSettings,
  readDigestSettingsVersions,
  saveDigestSettings,
  sendDigestNow,
} from "./digest.service.js";
import { smtpSettingsOf } from "./digest-delivery.js";

/** GET/PUT /digests and GET /digests/versions: the schedules, their webhook secrets write-only. */
export const digestSettingsRoutes = settingsRoutes({
  path: "/digests",
  tag: "digests",
  title: "scheduled digests",
  definition: DIGESTS_KIND,
  schema: DigestsSchema,
  secrets: {
    read: readDigestSettings,
    readVersions: readDigestSettingsVersions,
    save: saveDigestSettings,
  },
});

/** The scheduled runs and how their delivery went, and sending one digest now. */
export const digestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ["digests"];

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
