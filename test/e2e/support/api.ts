/** Direct API calls for browser tests: to look things up that the UI under test must not show. */
import type { Role } from "../../../src/access/permissions.js";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../src/modules/demo/demo-users.js";

export type DemoUser = (typeof DEMO_USERS)[number];

/** The demo user holding `role` (the demo workspace seeds one user per role). */
export function demoUser(role: Role): DemoUser {
  const user = DEMO_USERS.find((candidate) =>
    candidate.grants.some((grant) => grant.role === role),
  );
  if (user === undefined) throw new Error(`the demo workspace has no ${role}`);
  return user;
}

/** Signs in through POST /auth/login and returns the bearer token. */
export async function signInForToken(
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`login as ${email} answered HTTP ${response.status}: ${await response.text()}`);
  }
  const body = (await response.json()) as { token: string };
  return body.token;
}

export async function getJsonAs<T>(baseUrl: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  if (!response.ok) {
    throw new Error(`GET ${path} answered HTTP ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Sends a JSON body (PUT, POST, PATCH) with a bearer token and returns the JSON answer. */
export async function sendJsonAs<T>(
  baseUrl: string,
  token: string,
  method: "PUT" | "POST" | "PATCH",
  path: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} answered HTTP ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}
