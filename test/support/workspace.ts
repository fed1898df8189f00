import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { type Grant, SYSTEM_ACTORS } from "../../src/access/actor.js";
import type { Role } from "../../src/access/permissions.js";
import { createUser } from "../../src/modules/users/user.service.js";
import { buildCase, buildCustomer, buildTeam, TEST_PASSWORD, type TestApp } from "./app.js";

export type Inject = (options: InjectOptions | string) => Promise<LightMyRequestResponse>;

/**
 * The small workspace the access tests run against: two teams, a customer in each of two
 * regions, and cases in both teams. `cus-emea` has a case with each team, so a billing-scoped
 * caller sees that customer but only part of their journey.
 */
export const WORKSPACE = {
  teams: { billing: "billing", technical: "technical" },
  agents: { billing: "agent-billing", technical: "agent-technical" },
  customers: { emea: "cus-emea", amer: "cus-amer" },
  cases: {
    billing: "case-billing",
    technical: "case-technical",
    technicalOfEmea: "case-technical-emea",
  },
} as const;

/** The grant each role's user holds in the access tests: the team roles are scoped to billing. */
export const ROLE_GRANTS: Record<Role, Grant> = {
  admin: { role: "admin", teams: [], regions: [] },
  ops_manager: { role: "ops_manager", teams: [], regions: [] },
  team_lead: { role: "team_lead", teams: ["billing"], regions: [] },
  agent: { role: "agent", teams: ["billing"], regions: [] },
  analyst: { role: "analyst", teams: [], regions: [] },
  auditor: { role: "auditor", teams: [], regions: [] },
};

export interface SeededWorkspace {
  /** An API token of the admin, for the routes that take a token id. */
  adminToken: { id: string; secret: string };
}

/** Seeds WORKSPACE through the API as the admin, asserting each write succeeds. */
export async function seedWorkspace(t: TestApp): Promise<SeededWorkspace> {
  const { teams, agents, customers, cases } = WORKSPACE;
  const writes: [string, object][] = [
    ["/api/v1/teams", buildTeam({ id: teams.billing, name: "Billing" })],
    ["/api/v1/teams", buildTeam({ id: teams.technical, name: "Technical" })],
    ["/api/v1/agents", { id: agents.billing, team: teams.billing, name: "Bea Billing" }],
    ["/api/v1/agents", { id: agents.technical, team: teams.technical, name: "Ted Technical" }],
    ["/api/v1/customers", buildCustomer({ id: customers.emea, region: "emea" })],
    [
      "/api/v1/customers",
      buildCustomer({ id: customers.amer, region: "amer", name: "Grace Hopper", email: "g@x.io" }),
    ],
    [
      "/api/v1/cases",
      buildCase({ id: cases.billing, customer: customers.emea, team: teams.billing }),
    ],
    [
      "/api/v1/cases",
      buildCase({
        id: cases.technical,
        customer: customers.amer,
        team: teams.technical,
        category: "technical/outage",
        subject: "Service down",
      }),
    ],
    [
      "/api/v1/cases",
      buildCase({
        id: cases.technicalOfEmea,
        customer: customers.emea,
        team: teams.technical,
        category: "technical/login",
        subject: "Cannot sign in",
      }),
    ],
  ];
  for (const [url, payload] of writes) {
    const response = await t.inject({ method: "POST", url, payload });
    expect(response.statusCode, `${url} ${response.body}`).toBe(201);
  }
  const token = await t.inject({
    method: "POST",
    url: "/api/v1/tokens",
    payload: { name: "integration" },
  });
  expect(token.statusCode).toBe(201);
  return { adminToken: { id: token.json().id, secret: token.json().token } };
}

export interface SignedInUser {
  id: string;
  email: string;
  /** The session secret from POST /api/v1/auth/login, sent as a bearer token by `inject`. */
  token: string;
  inject: Inject;
}

/** Creates a user with these grants (as the CLI would), signs them in through the API. */
export async function signIn(t: TestApp, email: string, grants: Grant[]): Promise<SignedInUser> {
  const user = await createUser(
    t.store.db,
    { email, name: email, password: TEST_PASSWORD, grants },
    Date.now(),
    SYSTEM_ACTORS.cli,
  );
  const token = await logIn(t, email);
  return { id: user.id, email, token, inject: bearerInject(t, token) };
}

/** A fresh session for an existing user with TEST_PASSWORD. */
export async function logIn(t: TestApp, email: string): Promise<string> {
  const login = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password: TEST_PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  return login.json().token as string;
}

/** `app.inject` sending this secret as `Authorization: Bearer …` unless the request sets one. */
export function bearerInject(t: TestApp, secret: string): Inject {
  return (options) => {
    const request = typeof options === "string" ? { url: options } : options;
    return t.app.inject({
      ...request,
      headers: { authorization: `Bearer ${secret}`, ...request.headers },
    });
  };
}

/** The number of entries in the audit trail, read as the admin; the chain must verify. */
export async function auditEntryCount(t: TestApp): Promise<number> {
  const response = await t.inject("/api/v1/audit/verify");
  expect(response.statusCode).toBe(200);
  expect(response.json().valid).toBe(true);
  return response.json().entries as number;
}
