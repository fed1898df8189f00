import type { Command } from "commander";
import { defaultDemoEnd, isStoreEmpty, seedDemoWorkspace } from "../modules/demo/demo.service.js";
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  describeDemoLogins,
  hasDemoUsers,
} from "../modules/demo/demo-users.js";
import { startServer } from "../server.js";
import { CliUsageError } from "./cli-error.js";
import { printResult } from "./output.js";
import { configFromOptions, type StoreOptions, withDataOption } from "./store-options.js";

interface ServeCliOptions extends StoreOptions {
  port?: string;
  host?: string;
  demo: boolean;
  json?: boolean;
}

export function registerServeCommand(program: Command): void {
  withDataOption(
    program
      .command("serve")
      .description("serve the web app and the API; seeds the demo workspace into an empty store")
      .option("--port <n>", "port to listen on (default: $PORT, else 3000)")
      .option("--host <host>", "address to bind (default: $HOST, else 127.0.0.1)")
      .option("--no-demo", "do not seed the demo workspace into an empty store")
      .option("--json", 'print {"url", "store"} as JSON once listening'),
  ).action(async (options: ServeCliOptions) => {
    let port: number | undefined;
    if (options.port !== undefined) {
      port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new CliUsageError(`--port must be 0–65535, got "${options.port}"`);
      }
    }
    const config = configFromOptions(options, {
      ...(port === undefined ? {} : { port }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.demo ? {} : { seedDemo: false }),
    });
    const server = await startServer(config, {
      handleSignals: true,
      beforeListen: async (store, app) => {
        if (!config.seedDemo || !(await isStoreEmpty(store.db))) return;
        app.log.info(config.demo, "empty store: seeding the demo workspace");
        const seeded = await seedDemoWorkspace(store.db, {
          ...config.demo,
          end: defaultDemoEnd(new Date()),
        });
        app.log.info(
          { ...seeded.summary, caughtUp: { sla: seeded.sla, escalations: seeded.escalations } },
          "demo workspace ready",
        );
      },
    });
    const demoLogins = await hasDemoUsers(server.store.db);
    printResult(
      options.json === true,
      {
        url: server.url,
        store: server.store.location,
        ...(demoLogins
          ? {
              demoUsers: DEMO_USERS.map((user) => ({
                email: user.email,
                roles: user.grants.map((g) => g.role),
              })),
              demoPassword: DEMO_PASSWORD,
            }
          : {}),
      },
      () =>
        [
          `Throughline is running at ${server.url}  (store: ${server.store.location})`,
          ...(demoLogins ? [describeDemoLogins()] : []),
        ].join("\n"),
    );
  });
}
