import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  CloseCaseBody,
  LinkCaseBody,
  MergeCaseBody,
  ReopenCaseBody,
  ResolveCaseBody,
  SetCaseStatusBody,
} from "./case-actions.schemas.js";
import {
  closeCase,
  linkCase,
  mergeCases,
  reopenCase,
  resolveCase,
  setCaseStatus,
} from "./case-actions.service.js";
import { CaseDetailResponse, toCaseDetailResponse } from "./case-detail.schemas.js";

/** The lifecycle, links and merges of a case: each answers the case as it is afterwards. */
export const caseActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const answer = { 200: CaseDetailResponse, ...CLIENT_ERRORS };

  app.post(
    "/cases/:id/status",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Set the case's working status (open, pending_customer, pending_internal)",
        params: IdParams,
        body: SetCaseStatusBody,
        response: answer,
      },
    },
    async (request) => {
      const now = new Date();
      const detail = await setCaseStatus(
        app.store.db,
        request.actor,
        request.params.id,
        request.body.status,
        now,
      );
      return toCaseDetailResponse(detail, now.getTime());
    },
  );

  app.post(
    "/cases/:id/resolve",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Resolve the case, with a root cause from the taxonomy",
        params: IdParams,
        body: ResolveCaseBody,
        response: answer,
      },
    },
    async (request) => {
      const now = new Date();
      const detail = await resolveCase(
        app.store.db,
        request.actor,
        request.params.id,
        request.body ?? {},
        now,
      );
      return toCaseDetailResponse(detail, now.getTime());
    },
  );

  app.post(
    "/cases/:id/reopen",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Reopen a resolved case within the reopen window (GET /api/v1/case-rules)",
        params: IdParams,
        body: ReopenCaseBody,
        response: answer,
      },
    },
    async (request) => {
      const now = new Date();
      const detail = await reopenCase(app.store.db, request.actor, request.params.id, now);
      return toCaseDetailResponse(detail, now.getTime());
    },
  );

  app.post(
    "/cases/:id/close",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Close a resolved case for good",
        params: IdParams,
        body: CloseCaseBody,
        response: answer,
      },
    },
    async (request) => {
      const now = new Date();
      const detail = await closeCase(
        app.store.db,
        request.actor,
        request.params.id,
        request.body ?? {},
        now,
      );
      return toCaseDetailResponse(detail, now.getTime());
    },
  );

  app.post(
    "/cases/:id/links",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Link the case to another: a recontact, child or duplicate of it",
        params: IdParams,
        body: LinkCaseBody,
        response: { 201: CaseDetailResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const detail = await linkCase(
        app.store.db,
        request.actor,
        request.params.id,
        request.body,
        now,
      );
      return reply.status(201).send(toCaseDetailResponse(detail, now.getTime()));
    },
  );

  app.post(
    "/cases/:id/merge",
    {
      config: { access: "case:write" },
      schema: {
        tags: ["cases"],
        summary: "Merge another case of the same customer into this one (the other is closed)",
        params: IdParams,
        body: MergeCaseBody,
        response: answer,
      },
    },
    async (request) => {
      const now = new Date();
      const detail = await mergeCases(
        app.store.db,
        request.actor,
        request.params.id,
        request.body,
        now,
      );
      return toCaseDetailResponse(detail, now.getTime());
    },
  );
};
