import diagnostics from "node:diagnostics_channel";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { Grant } from "../../src/access/actor.js";
import { SYSTEM_ACTORS } from "../../src/access/actor.js";
import type { Permission } from "../../src/access/permissions.js";
import { buildApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { Store } from "../../src/db/database.js";
import { createUser } from "../../src/modules/users/user.service.js";
import { createTestStore, type TestStore } from "./stores.js";

export const TEST_PASSWORD = "test-password-123";

/** One route as the app registered it: method, full URL and the access it declares. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Permission | "authenticated" | "public" | undefined;
}

export interface TestApp {
  app: FastifyInstance;
  store: TestStore;
  /** Every route the app registered (HEAD twins of GET routes included), in registration order. */
  routes: RegisteredRoute[];
  /** `app.inject` as the admin created with the app. */
  inject(options: InjectOptions | string): Promise<LightMyRequestResponse>;
  /** Creates a user with these grants and returns an `inject` acting as them. */
  as(
    grants: Grant[],
    email?: string,
  ): Promise<(options: InjectOptions | string) => Promise<LightMyRequestResponse>>;
  close(): Promise<void>;
}

let userCounter = 0;

/** The real app over a fresh test store, driven with `app.inject()`, with an admin signed in. */
export async function createTestApp(
  kind: "sqlite" | "postgres",
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const store = await createTestStore(kind);
  const { app, routes } = await buildAppCollectingRoutes({ ...store.config, ...overrides }, store);
  await app.ready();

  async function injectAs(grants: Grant[], email: string) {
    await createUser(
      store.db,
      { email, name: email, password: TEST_PASSWORD, grants },
      Date.now(),
      SYSTEM_ACTORS.cli,
    );
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password: TEST_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`test login failed: ${login.body}`);
    const token = login.json().token as string;
    return (options: InjectOptions | string) => {
      const request = typeof options === "string" ? { url: options } : options;
      return app.inject({
        ...request,
        headers: { authorization: `Bearer ${token}`, ...request.headers },
      });
    };
  }

  const inject = await injectAs([{ role: "admin", teams: [], regions: [] }], "admin@test.local");
  return {
    app,
    store,
    routes,
    inject,
    as: (grants, email) => {
      userCounter += 1;
      return injectAs(grants, email ?? `user${userCounter}@test.local`);
    },
    close: async () => {
      await app.close();
      await store.dispose();
    },
  };
}

/**
 * Builds the app and records every route it registers. Fastify publishes each new instance on
 * its documented `fastify.initialization` diagnostics channel before any plugin or route exists;
 * an `onRoute` hook added there sees every route (Fastify itself keeps no public list of routes
 * with their config), so the permission matrix can try all of them without `buildApp` changing.
 */
async function buildAppCollectingRoutes(
  config: Config,
  store: Store,
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const routes: RegisteredRoute[] = [];
  let instance: FastifyInstance | undefined;
  const onInitialization = (message: unknown) => {
    // The first instance published after subscribing is the one buildApp creates.
    if (instance !== undefined) return;
    instance = (message as { fastify: FastifyInstance }).fastify;
    instance.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routes.push({ method, url: route.url, access: route.config?.access });
      }
    });
  };
  diagnostics.subscribe("fastify.initialization", onInitialization);
  try {
    const app = await buildApp(config, store);
    return { app, routes };
  } finally {
    diagnostics.unsubscribe("fastify.initialization", onInitialization);
  }
}

/** Small builders for request bodies; override what a test is about. */
export function buildTeam(overrides: Record<string, unknown> = {}) {
  return { id: "billing", name: "Billing", hourlyCost: 42, ...overrides };
}

export function buildCustomer(overrides: Record<string, unknown> = {}) {
  return {
    id: "cus-1",
    tier: "gold",
    segment: "smb",
    region: "emea",
    name: "Ada Lovelace",
    email: "ada@example.com",
    ...overrides,
  };
}

export function buildCase(overrides: Record<string, unknown> = {}) {
  return {
    customer: "cus-1",
    channel: "email",
    category: "billing/refund",
    priority: "high",
    team: "billing",
    subject: "Refund not received",
    ...overrides,
  };
}
