import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import Type from "typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { openCaseExport } from "./case-export.service.js";
import { CaseExportQuery } from "./export.schemas.js";

/** The one-row-per-case export of the KPI inputs (docs/exports.md), streamed. */
export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/metrics/export",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: ["metrics"],
        summary:
          "One row per case opened or first resolved in the period, with every KPI input (CSV or NDJSON, streamed)",
        description:
          "Columns are defined in docs/exports.md. Rows are ordered by openedAt, then caseId; only cases in the caller's scope are listed.",
        querystring: CaseExportQuery,
        response: {
          200: {
            description: "The export, streamed",
            content: {
              "text/csv": { schema: Type.String() },
              "application/x-ndjson": { schema: Type.String() },
            },
          },
          ...CLIENT_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const opened = openCaseExport(app.store.db, request.actor, request.query, {
        maxPeriodDays: app.config.metricsMaxPeriodDays,
        now: Date.now(),
      });
      // The stream is the body; the typed reply only knows the JSON answers of the schema.
      const answer = (reply as FastifyReply)
        .type(opened.contentType)
        .header("content-disposition", `attachment; filename="${opened.fileName}"`);
      if (request.method === "HEAD") {
        // Checked and described, but not worth reading the store for a body nobody receives.
        opened.stream.destroy();
        return answer.send();
      }
      return answer.send(opened.stream);
    },
  );
};
