import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { createTestStore, type TestStore } from "./stores.js";

export interface TestApp {
  app: FastifyInstance;
  store: TestStore;
  close(): Promise<void>;
}

/** The real app over a fresh test store, driven with `app.inject()`. */
export async function createTestApp(
  kind: "sqlite" | "postgres",
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const store = await createTestStore(kind);
  const app = await buildApp({ ...store.config, ...overrides }, store);
  await app.ready();
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await store.dispose();
    },
  };
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
