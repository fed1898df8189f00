import type { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { requirePermission, type Scope, scopeOf } from "../../access/access.js";
import { credentialOf } from "../../http/authentication.js";
import { CLIENT_ERRORS } from "../../http/common.schemas.js";
import { authenticate } from "../auth/auth.service.js";
import { isAlertVisible } from "./live.js";
import { LIVE_STREAM_DESCRIPTION, LiveQuery } from "./live.schemas.js";
import { LiveConnection } from "./live-connection.js";
import { LiveFeed, type LiveFeedOptions } from "./live-feed.js";

export interface LiveRouteOptions extends Partial<LiveFeedOptions> {
  /** How often a heartbeat comment is sent (and the caller's credentials checked again). */
  heartbeatMs?: number;
  /** The reconnection delay announced to clients. */
  retryMs?: number;
}

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;
const MAX_BUFFERED_BYTES = 1_048_576;

/**
 * GET /live: server-sent events following the event log, for dashboards that update as cases
 * move. One feed per app polls the store for all open streams; on shutdown every stream gets a
 * `closed` event and ends before the server waits for in-flight requests.
 */
export const liveRoutes: FastifyPluginAsyncTypebox<LiveRouteOptions> = async (app, options) => {
  const { heartbeatMs = HEARTBEAT_MS, retryMs = RETRY_MS, ...feedOptions } = options;
  const feed = new LiveFeed(app.store.db, { logger: app.log, ...feedOptions });
  const connections = new Set<LiveConnection>();

  app.addHook("preClose", async () => {
    for (const connection of connections) connection.end("shutdown");
    await feed.stop();
  });

  app.get(
    "/live",
    {
      config: { access: "metrics:read" },
      schema: {
        tags: ["metrics"],
        summary: "Live updates of the event log as server-sent events",
        description: LIVE_STREAM_DESCRIPTION,
        querystring: LiveQuery,
        produces: ["text/event-stream"],
        response: {
          // The body is a stream of frames; typed so that the handler may send one.
          200: Type.Unsafe<Readable | string>({
            type: "string",
            description: "Server-sent events: ready, changes, alert.raised, alert.resolved, closed",
          }),
          ...CLIENT_ERRORS,
        },
      },
    },
    async (request, reply) => {
      let scope: Scope = requirePermission(request.actor, "metrics:read");
      reply
        .header("content-type", "text/event-stream; charset=utf-8")
        .header("cache-control", "no-cache, no-transform")
        // Tells nginx-style proxies not to buffer the stream.
        .header("x-accel-buffering", "no");
      if (request.method === "HEAD") return reply.send("");

      const secret = credentialOf(request);
      const stillAllowed = async () => {
        if (secret === undefined) return false;
        const actor = await authenticate(app.store.db, secret, Date.now());
        const current = actor === undefined ? undefined : scopeOf(actor, "metrics:read");
        if (current === undefined) return false;
        scope = current;
        return true;
      };
      let connection: LiveConnection | undefined;
      const subscription = await feed.subscribe((batch) => connection?.deliver(batch));
      connection = new LiveConnection(
        {
          heartbeatMs,
          retryMs,
          closeAfterMs: request.query.closeAfterMs,
          maxBufferedBytes: MAX_BUFFERED_BYTES,
          stillAllowed,
          mayForward: (data) => isAlertVisible(scope, data),
          onClose: () => {
            subscription.unsubscribe();
            if (connection !== undefined) connections.delete(connection);
          },
        },
        { lastSeq: subscription.lastSeq, heartbeatMs },
      );
      connections.add(connection);
      return reply.send(connection.stream);
    },
  );
};
