import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import { openStore, type Store } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { startBackgroundJobs } from "./jobs/background-jobs.js";
import type { Scheduler } from "./jobs/scheduler.js";
import { smtpSettingsOf } from "./modules/digests/digest-delivery.js";

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the store. */
  stop(): Promise<void>;
}

/**
 * Opens and migrates the store, runs `beforeListen` (e.g. seeding the demo workspace), and
 * listens. SIGINT/SIGTERM trigger a graceful stop when `handleSignals` is set.
 */
export async function startServer(
  config: Config,
  options: {
    handleSignals: boolean;
    beforeListen?: (store: Store, app: FastifyInstance) => Promise<void>;
  },
): Promise<RunningServer> {
  const store = openStore(config);
  await migrateToLatest(store.db);
  const app = await buildApp(config, store);
  let jobs: Scheduler | undefined;
  // Fastify runs this after the last in-flight request has been answered: background jobs
  // finish what they are doing, then the store closes.
  app.addHook("onClose", async () => {
    await jobs?.stop();
    await store.close();
  });
  let closing = false;
  // Responses finished during shutdown close their keep-alive connection, so the server does
  // not sit waiting for idle clients after the last in-flight request is answered.
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
  await options.beforeListen?.(store, app);
  await app.listen({ host: config.host, port: config.port });
  // Scheduled work (retention) runs in every server process; leases in the store make each
  // run happen once however many processes share it.
  jobs = startBackgroundJobs(store, {
    retentionIntervalMs: config.retentionIntervalMs,
    slaTimerIntervalMs: config.slaTimerIntervalMs,
    assignmentIntervalMs: config.assignmentIntervalMs,
    alertIntervalMs: config.alertIntervalMs,
    smtp: smtpSettingsOf(config),
    logger: app.log,
  });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const localOnly = ["127.0.0.1", "0.0.0.0", "::", "::1"].includes(config.host);
  const url = `http://${localOnly ? "localhost" : config.host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    closing = true;
    stopping ??= app.close();
    return stopping;
  };
  if (options.handleSignals) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, "shutting down");
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            app.log.error({ err: error }, "shutdown failed");
            process.exit(1);
          },
        );
      });
    }
  }
  return { app, store, url, stop };
}
