import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { type Actor, SYSTEM_ACTORS } from "../../access/actor.js";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  HoldListResponse,
  HoldResponse,
  ListHoldsQuery,
  PlaceHoldBody,
  PolicyKindParams,
  PolicyListResponse,
  PolicyResponse,
  RetentionReportResponse,
  RunRetentionBody,
  SetPolicyBody,
  toHoldResponse,
  toPolicyResponse,
  toRetentionReportResponse,
} from "./retention.schemas.js";
import {
  deletePolicy,
  listHolds,
  listPolicies,
  placeHold,
  releaseHold,
  runRetention,
  setPolicy,
} from "./retention.service.js";

/** The acting user, put on the request by the authentication layer. */
function actorOf(request: FastifyRequest): Actor {
  return (request as { actor?: Actor }).actor ?? SYSTEM_ACTORS.cli;
}

/** Retention policies, legal holds, and on-demand runs (the scheduler runs them daily). */
export const retentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/retention/policies",
    {
      config: { access: "retention:read" },
      schema: {
        tags: ["retention"],
        summary: "The retention policy of each record kind that has one",
        response: { 200: PolicyListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => ({
      items: (await listPolicies(app.store.db, actorOf(request))).map(toPolicyResponse),
    }),
  );

  app.put(
    "/retention/policies/:kind",
    {
      config: { access: "retention:write" },
      schema: {
        tags: ["retention"],
        summary: "Set a kind's policy: anonymise or purge records older than N days",
        params: PolicyKindParams,
        body: SetPolicyBody,
        response: { 200: PolicyResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const policy = await setPolicy(
        app.store.db,
        actorOf(request),
        { kind: request.params.kind, ...request.body },
        new Date(),
      );
      return toPolicyResponse(policy);
    },
  );

  app.delete(
    "/retention/policies/:kind",
    {
      config: { access: "retention:write" },
      schema: {
        tags: ["retention"],
        summary: "Remove a kind's policy (nothing to do when it has none)",
        params: PolicyKindParams,
        response: { 204: Type.Null(), ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      await deletePolicy(app.store.db, actorOf(request), request.params.kind, new Date());
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/legal-holds",
    {
      config: { access: "retention:read" },
      schema: {
        tags: ["retention"],
        summary: "Legal holds, newest first",
        querystring: ListHoldsQuery,
        response: { 200: HoldListResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { active } = request.query;
      const holds = await listHolds(
        app.store.db,
        actorOf(request),
        active === undefined ? {} : { active },
      );
      return { items: holds.map(toHoldResponse) };
    },
  );

  app.post(
    "/legal-holds",
    {
      config: { access: "retention:write" },
      schema: {
        tags: ["retention"],
        summary: "Put a customer or a case on legal hold: no retention policy touches it",
        body: PlaceHoldBody,
        response: { 201: HoldResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const hold = await placeHold(app.store.db, actorOf(request), request.body, new Date());
      return reply.status(201).send(toHoldResponse(hold));
    },
  );

  app.post(
    "/legal-holds/:id/release",
    {
      config: { access: "retention:write" },
      schema: {
        tags: ["retention"],
        summary: "Release a legal hold (releasing a released hold changes nothing)",
        params: IdParams,
        response: { 200: HoldResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toHoldResponse(
        await releaseHold(app.store.db, actorOf(request), request.params.id, new Date()),
      ),
  );

  app.post(
    "/retention/run",
    {
      config: { access: "retention:read" },
      schema: {
        tags: ["retention"],
        summary:
          "Apply the retention policies now (retention:write), or with dryRun report what they would change (retention:read)",
        body: RunRetentionBody,
        response: { 200: RetentionReportResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) =>
      toRetentionReportResponse(
        await runRetention(app.store.db, {
          now: new Date(),
          dryRun: request.body.dryRun,
          actor: actorOf(request),
        }),
      ),
  );
};
