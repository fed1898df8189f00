import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Kysely } from "kysely";
import type { Static, TSchema } from "typebox";
import type { Actor } from "../../access/actor.js";
import type { DB } from "../../db/schema.js";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import type { CaseDetail } from "./case.service.js";
import {
  CloseCaseBody,
  LinkCaseBody,
  MergeCaseBody,
  RecategoriseCaseBody,
  ReopenCaseBody,
  RerouteCaseBody,
  ResolveCaseBody,
  SetCaseStatusBody,
} from "./case-actions.schemas.js";
import {
  closeCase,
  linkCase,
  mergeCases,
  recategoriseCase,
  reopenCase,
  rerouteCase,
  resolveCase,
  setCaseStatus,
} from "./case-actions.service.js";
import { CaseDetailResponse, toCaseDetailResponse } from "./case-detail.schemas.js";

/** One action on the case in the path: it needs case:write and answers the case afterwards. */
interface CaseAction<Body extends TSchema> {
  path: string;
  summary: string;
  body: Body;
  /** 201 for an action that adds something to the case (a link). */
  status?: 200 | 201;
  act: (
    db: Kysely<DB>,
    actor: Actor,
    caseId: string,
    body: Static<Body>,
    now: Date,
  ) => Promise<CaseDetail>;
}

/** The lifecycle, links and merges of a case: each answers the case as it is afterwards. */
export const caseActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const declareCaseAction = <Body extends TSchema>(action: CaseAction<Body>) => {
    const status = action.status ?? 200;
    // The schema names exactly one success status; in the types, 200 stands for whichever it is.
    const response = { [status]: CaseDetailResponse, ...CLIENT_ERRORS } as {
      200: typeof CaseDetailResponse;
    } & typeof CLIENT_ERRORS;
    app.post(
      action.path,
      {
        config: { access: "case:write" },
        schema: {
          tags: ["cases"],
          summary: action.summary,
          params: IdParams,
          body: action.body,
          response,
        },
      },
      async (request, reply) => {
        const now = new Date();
        const detail = await action.act(
          app.store.db,
          request.actor,
          request.params.id,
          request.body as Static<Body>,
          now,
        );
        return reply.status(status as 200).send(toCaseDetailResponse(detail, now.getTime()));
      },
    );
  };

  declareCaseAction({
    path: "/cases/:id/status",
    summary: "Set the case's working status (open, pending_customer, pending_internal)",
    body: SetCaseStatusBody,
    act: (db, actor, caseId, body, now) => setCaseStatus(db, actor, caseId, body.status, now),
  });

  declareCaseAction({
    path: "/cases/:id/resolve",
    summary: "Resolve the case, with a root cause from the taxonomy",
    body: ResolveCaseBody,
    act: (db, actor, caseId, body, now) => resolveCase(db, actor, caseId, body ?? {}, now),
  });

  declareCaseAction({
    path: "/cases/:id/reopen",
    summary: "Reopen a resolved case within the reopen window (GET /api/v1/case-rules)",
    body: ReopenCaseBody,
    act: (db, actor, caseId, _body, now) => reopenCase(db, actor, caseId, now),
  });

  declareCaseAction({
    path: "/cases/:id/close",
    summary: "Close a resolved case for good",
    body: CloseCaseBody,
    act: (db, actor, caseId, body, now) => closeCase(db, actor, caseId, body ?? {}, now),
  });

  declareCaseAction({
    path: "/cases/:id/links",
    summary: "Link the case to another: a recontact, child or duplicate of it",
    body: LinkCaseBody,
    status: 201,
    act: linkCase,
  });

  declareCaseAction({
    path: "/cases/:id/category",
    summary: "Correct the case's category; routing rules, when enabled, route it again",
    body: RecategoriseCaseBody,
    act: recategoriseCase,
  });

  declareCaseAction({
    path: "/cases/:id/route",
    summary: "Run the routing rules in force on the case again",
    body: RerouteCaseBody,
    act: (db, actor, caseId, _body, now) => rerouteCase(db, actor, caseId, now),
  });

  declareCaseAction({
    path: "/cases/:id/merge",
    summary: "Merge another case of the same customer into this one (the other is closed)",
    body: MergeCaseBody,
    act: mergeCases,
  });
};
