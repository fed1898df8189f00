import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import {
  AuditListResponse,
  AuditVerifyResponse,
  ListAuditQuery,
  toAuditEntryResponse,
  toAuditVerifyResponse,
} from "./audit.schemas.js";
import { listAudit, verifyAudit } from "./audit.service.js";

/**
 * The audit trail, read-only: there is deliberately no route that writes, changes or deletes an
 * entry. Entries are appended by the services whose writes they record.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/audit",
    {
      config: { access: "audit:read" },
      schema: {
        tags: ["audit"],
        summary: "The audit trail, newest first",
        querystring: ListAuditQuery,
        response: { 200: AuditListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const page = await listAudit(app.store.db, request.query);
      return { items: page.items.map(toAuditEntryResponse), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/audit/verify",
    {
      config: { access: "audit:read" },
      schema: {
        tags: ["audit"],
        summary: "Walk the hash chain: valid with the entry count, or the first broken entry",
        response: { 200: AuditVerifyResponse, ...CLIENT_ERRORS },
      },
    },
    async () => toAuditVerifyResponse(await verifyAudit(app.store.db)),
  );
};
