import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  roleAllows,
} from "../src/access/permissions.js";
import { defaultQueueSettings } from "../src/modules/queues/queue-settings.js";
import {
  buildCase,
  buildCustomer,
  buildTeam,
  createTestApp,
  type RegisteredRoute,
  TEST_PASSWORD,
  type TestApp,
} from "./support/app.js";
import { STORE_KINDS } from "./support/stores.js";
import {
  bearerInject,
  type Inject,
  logIn,
  ROLE_GRANTS,
  type SeededWorkspace,
  type SignedInUser,
  seedWorkspace,
  signIn,
  WORKSPACE,
} from "./support/workspace.js";

/**
 * The permission matrix: every role (and a caller without credentials) against every route the
 * app registers, with a plausible path id and a minimal valid body. The route list comes from
 * the app itself, so a new route is tried the day it is added; docs/permissions.md is rendered
 * from ROLE_PERMISSIONS and the same list, and fails here when it falls behind
 * (`npx vitest run test/permission-matrix.test.ts -u` rewrites it).
 */

const API = "/api/v1";
type Access = NonNullable<RegisteredRoute["access"]>;
type Caller = Role | "anonymous";

/** What each permission lets its holder do, for the docs. */
const PERMISSION_MEANINGS: Record<Permission, string> = {
  "case:read": "Read cases and their events",
  "case:write": "Open cases and record what happens to them",
  "customer:read": "Read customers and their journeys",
  "customer:write": "Create and change customers",
  "team:read": "Read teams",
  "team:write": "Create and change teams",
  "agent:read": "Read agents",
  "agent:write": "Create and change agents",
  "event:read": "Read the event log",
  "event:write": "Record events (each type also needs the write permission of what it changes)",
  "pii:read": "See personal fields (name, email, phone, sensitive free text) unmasked",
  "metrics:read": "Read aggregates: scorecards, metrics, reports",
  "user:read": "Read users and their grants",
  "user:write": "Create users, change their grants, passwords and disabled state",
  "audit:read": "Read and verify the audit trail",
  "retention:read": "Read retention policies and legal holds",
  "retention:write": "Set retention policies, place and release legal holds, run retention",
  "settings:read": "Read workspace settings such as the intake rules and their versions",
  "settings:write": "Change workspace settings such as the intake rules (each save a new version)",
  "token:own": "Create, list and revoke one's own API tokens",
  "metrics:write": "Save scorecards and acknowledge alerts",
};

/**
 * Requests a role holds the permission for but whose target lies outside its scope by design:
 * a customer belongs to a region, never to a team, so no team-scoped grant covers a new
 * customer. The hook lets the team lead through; the service refuses naming the field.
 */
const REFUSED_BY_SCOPE: Record<string, { field: string }> = {
  "team_lead POST /api/v1/customers": { field: "body.region" },
  // Only the agent's own (linked) user, or someone who may change agents, acts for an agent:
  // the matrix's agent user is linked to no agent.
  "agent PUT /api/v1/agents/:id/presence": { field: "params.id" },
  "agent POST /api/v1/agents/:id/next-case": { field: "params.id" },
};

function isAllowed(role: Role, access: Access): boolean {
  return access === "public" || access === "authenticated" || roleAllows(role, access);
}

const routeKey = (route: RegisteredRoute) => `${route.method} ${route.url}`;

const METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
function byPathThenMethod(a: RegisteredRoute, b: RegisteredRoute): number {
  if (a.url !== b.url) return a.url < b.url ? -1 : 1;
  return METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);
}

interface ProbeContext {
  caller: Caller;
  /** The user that PATCH /users/:id changes. */
  targetUserId: string;
  /** The caller's own API token when they may have one, else the workspace admin's. */
  tokenId: string;
}

/** A plausible id for each resource a path names; unknown resources get one that matches nothing. */
function probePath(url: string, context: ProbeContext): string {
  const ids: Record<string, string> = {
    users: context.targetUserId,
    tokens: context.tokenId,
    teams: WORKSPACE.teams.billing,
    agents: WORKSPACE.agents.billing,
    customers: WORKSPACE.customers.emea,
    cases: WORKSPACE.cases.billing,
    queues: WORKSPACE.teams.billing,
    policies: "events",
    "legal-holds": "hold-that-does-not-exist",
  };
  return url
    .replace(/\/([^/]+)\/:[A-Za-z]+/g, (_match, resource: string) => {
      return `/${resource}/${ids[resource] ?? "matrix-probe"}`;
    })
    .replace(/\*$/, "index.html");
}

/**
 * Case actions that end what a case can take (closing it, merging it away, handing it out of the
 * billing scope) act on cases of the caller's own, opened in beforeAll, so that each role's probe
 * finds its case as the first role's did. The other actions cycle WORKSPACE.cases.billing through
 * open, resolved and open again.
 */
type OwnCasePurpose = "handoff" | "closing" | "merged";
const ownCase = (caller: Caller, purpose: OwnCasePurpose) => `case-${purpose}-by-${caller}`;
const OWN_CASE_PATHS: Record<string, OwnCasePurpose> = {
  "POST /api/v1/cases/:id/handoffs": "handoff",
  "POST /api/v1/cases/:id/close": "closing",
};

/** Minimal valid bodies, inside the billing scope; other writes get `{}` (a 400 once let in). */
const PROBE_BODIES: Record<string, (context: ProbeContext) => object> = {
  "POST /api/v1/users": ({ caller }) => ({
    email: `made-by-${caller}@matrix.test`,
    name: "Made in the matrix",
    password: TEST_PASSWORD,
    grants: [{ role: "agent", teams: [WORKSPACE.teams.billing] }],
  }),
  "PATCH /api/v1/users/:id": ({ caller }) => ({ name: `Renamed by ${caller}` }),
  "POST /api/v1/tokens": ({ caller }) => ({ name: `made by ${caller}` }),
  "POST /api/v1/teams": ({ caller }) => buildTeam({ id: `team-by-${caller}`, name: caller }),
  "POST /api/v1/agents": ({ caller }) => ({
    id: `agent-by-${caller}`,
    team: WORKSPACE.teams.billing,
    name: `Agent made by ${caller}`,
  }),
  "POST /api/v1/customers": ({ caller }) => buildCustomer({ id: `cus-by-${caller}` }),
  "POST /api/v1/cases": ({ caller }) =>
    buildCase({
      id: `case-by-${caller}`,
      customer: WORKSPACE.customers.emea,
      team: WORKSPACE.teams.billing,
    }),
  "POST /api/v1/events": () => ({
    type: "case.status",
    at: new Date().toISOString(),
    case: WORKSPACE.cases.billing,
    status: "pending_internal",
  }),
  "PUT /api/v1/retention/policies/:kind": () => ({ action: "anonymise", days: 36_500 }),
  "POST /api/v1/legal-holds": ({ caller }) => ({
    targetKind: "case",
    targetId: WORKSPACE.cases.billing,
    reason: `placed by ${caller}`,
  }),
  "POST /api/v1/retention/run": () => ({ dryRun: true }),
  // An empty rule set, so the case probes that follow still pass intake.
  "PUT /api/v1/intake-rules": () => ({ rules: [] }),
  "POST /api/v1/cases/:id/status": () => ({ status: "open" }),
  "POST /api/v1/cases/:id/resolve": () => ({}),
  "POST /api/v1/cases/:id/reopen": () => ({}),
  "POST /api/v1/cases/:id/close": () => ({ reason: "probed" }),
  "POST /api/v1/cases/:id/links": ({ caller }) => ({
    kind: "duplicate_of",
    target: ownCase(caller, "closing"),
  }),
  "POST /api/v1/cases/:id/merge": ({ caller }) => ({ merged: ownCase(caller, "merged") }),
  "POST /api/v1/cases/:id/handoffs": () => ({ to: WORKSPACE.teams.technical }),
  // Empty documents and the default windows, so the case probes that follow are not held back.
  "PUT /api/v1/taxonomy": () => ({ document: { categories: [], rootCauses: [] } }),
  "PUT /api/v1/handoff-types": () => ({ document: { types: [] } }),
  "PUT /api/v1/case-rules": () => ({
    document: { reopenWindowDays: 14, recontactWindowDays: 7 },
  }),
  "PUT /api/v1/escalation-policies": () => ({ document: { policies: [] } }),
  "PUT /api/v1/webhooks": () => ({ document: { endpoints: [] } }),
  "PUT /api/v1/calendars": () => ({
    document: {
      calendars: [
        {
          id: "office",
          name: "Office",
          timezone: "Europe/Berlin",
          hours: { mon: [["09:00", "17:00"]] },
          holidays: [],
        },
      ],
    },
  }),
  "PUT /api/v1/sla-policies": () => ({ document: { policies: [], internal: [] } }),
  // Routing stays off, so the case probes that follow keep the team they name.
  "PUT /api/v1/routing/rules": () => ({
    document: { enabled: false, fallbackTeam: null, rules: [] },
  }),
  "POST /api/v1/routing/rules/check": () => ({
    document: { enabled: false, fallbackTeam: null, rules: [] },
  }),
  "POST /api/v1/routing/rules/test": () => ({
    case: {
      channel: "email",
      category: "billing/refund",
      priority: "normal",
      team: WORKSPACE.teams.billing,
    },
  }),
  // The rules in force over the last day: reads only.
  "POST /api/v1/routing/replay": () => ({ days: 1 }),
  "POST /api/v1/notifications/read-all": () => ({}),
  "PATCH /api/v1/agents/:id": ({ caller }) => ({ name: `Renamed by ${caller}` }),
  "PUT /api/v1/agents/:id/presence": () => ({ presence: "available" }),
  // Takes a waiting billing case (or none): the agent has room for more than the roles pull.
  "POST /api/v1/agents/:id/next-case": () => ({}),
  // The defaults: pull mode, so no case is assigned behind the probes' backs.
  "PUT /api/v1/queue-settings": () => ({ document: defaultQueueSettings() }),
  "PUT /api/v1/digests": () => ({ document: { schedules: [] } }),
  // No rules, so nothing is evaluated behind the probes' backs.
  "PUT /api/v1/alert-rules": () => ({ document: { rules: [] } }),
  "POST /api/v1/scorecards": ({ caller }) => ({
    name: `Made by ${caller}`,
    filter: { team: WORKSPACE.teams.billing },
    metrics: [{ metric: "csat", target: 80, amberWithin: 5 }, { metric: "backlog" }],
  }),
};

/** Query strings some probes need: an event stream that ends right after it opens. */
const PROBE_QUERIES: Record<string, string> = {
  "GET /api/v1/live": "?closeAfterMs=0",
  "HEAD /api/v1/live": "?closeAfterMs=0",
  // Metrics need a period.
  "GET /api/v1/metrics/scorecard": "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "HEAD /api/v1/metrics/scorecard": "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "GET /api/v1/metrics/series":
    "?metrics=casesOpened&bucket=day&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "HEAD /api/v1/metrics/series":
    "?metrics=casesOpened&bucket=day&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "GET /api/v1/metrics/handoffs": "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "HEAD /api/v1/metrics/handoffs": "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "GET /api/v1/metrics/cases":
    "?metric=casesOpened&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "HEAD /api/v1/metrics/cases":
    "?metric=casesOpened&from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "GET /api/v1/metrics/export": "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
  "HEAD /api/v1/metrics/export": "?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z",
};

/** Probes that answer 404 by design for whoever makes them: no legal hold has the probed id. */
const EXPECTED_NOT_FOUND: Record<string, string> = {
  "POST /api/v1/legal-holds/:id/release": "legal_hold.not_found",
  // The matrix's users are linked to no agent.
  "GET /api/v1/me/agent": "agent.not_found",
  "HEAD /api/v1/me/agent": "agent.not_found",
};

/** The error of a JSON error answer, if it is one. */
function errorOf(response: LightMyRequestResponse): { code?: string; field?: string } {
  try {
    return (JSON.parse(response.body) as { error?: { code?: string; field?: string } }).error ?? {};
  } catch {
    return {};
  }
}

/**
 * Why this answer breaks the matrix, or undefined when it keeps it. `plausible` says the probe
 * had a real id and a valid body, so a caller let through must reach the handler and succeed.
 */
function violationOf(
  caller: Caller,
  route: RegisteredRoute,
  response: LightMyRequestResponse,
  plausible: boolean,
): string | undefined {
  const status = response.statusCode;
  const error = errorOf(response);
  const answered = `answered ${status} ${error.code ?? ""}`.trim();
  // HEAD answers carry no body, so only their status can be checked.
  const codeIs = (code: string) => route.method === "HEAD" || error.code === code;
  const access: Access = route.access ?? "public";
  if (status >= 500) return answered;
  if (caller === "anonymous") {
    if (access === "public") {
      return status === 401 || status === 403 ? `public route ${answered}` : undefined;
    }
    return status === 401 && codeIs("auth.required")
      ? undefined
      : `without credentials ${answered}, not 401 auth.required`;
  }
  if (!isAllowed(caller, access)) {
    return status === 403 && codeIs("access.forbidden")
      ? undefined
      : `lacks ${access} but ${answered}, not 403 access.forbidden`;
  }
  const refused = REFUSED_BY_SCOPE[`${caller} ${routeKey(route)}`];
  if (refused) {
    return status === 403 && error.code === "access.forbidden" && error.field === refused.field
      ? undefined
      : `expected the scope refusal on ${refused.field}, ${answered}`;
  }
  if (status === 401 || status === 403) return `holds ${access} but ${answered}`;
  if (!plausible) return undefined;
  const notFound = EXPECTED_NOT_FOUND[routeKey(route)];
  if (notFound) {
    return status === 404 && codeIs(notFound) ? undefined : `${answered}, not 404 ${notFound}`;
  }
  return status < 300 ? undefined : `a plausible request ${answered}: ${response.body}`;
}

function renderMark(role: Role, access: Access): string {
  return isAllowed(role, access) ? "✓" : "403";
}

/** docs/permissions.md, rendered from ROLE_PERMISSIONS and the app's /api/v1 routes. */
function renderPermissionsDoc(routes: RegisteredRoute[]): string {
  const header = (first: string[]) =>
    [
      `| ${[...first, ...ROLES.map((role) => `\`${role}\``)].join(" | ")} |`,
      `|${[...first.map(() => "---"), ...ROLES.map(() => ":-:")].join("|")}|`,
    ].join("\n");
  const roleRows = ROLES.map((role) => `| \`${role}\` | ${ROLE_PERMISSIONS[role].description} |`);
  const permissionRows = PERMISSIONS.map((permission) => {
    const marks = ROLES.map((role) => (roleAllows(role, permission) ? "✓" : ""));
    return `| \`${permission}\` | ${PERMISSION_MEANINGS[permission]} | ${marks.join(" | ")} |`;
  });
  const routeRows = routes
    .filter((route) => route.url.startsWith(API) && route.method !== "HEAD")
    .sort(byPathThenMethod)
    .map((route) => {
      const access = route.access ?? "public";
      const needs = access === "public" || access === "authenticated" ? access : `\`${access}\``;
      const marks = ROLES.map((role) => renderMark(role, access));
      return `| \`${route.method} ${route.url}\` | ${needs} | ${marks.join(" | ")} |`;
    });
  return `# Permissions

<!-- Generated by test/permission-matrix.test.ts from ROLE_PERMISSIONS (src/access/permissions.ts)
and the routes the app registers. Do not edit by hand: change the code or the test, then run
npx vitest run test/permission-matrix.test.ts -u -->

A user holds one or more **grants**; a grant is a **role** limited to **teams** and/or
**regions** (an empty list means all of them). A role is a fixed set of **permissions**. Every
\`/api/v1\` route names the permission it needs, and one hook checks it before the request body
is read: without valid credentials the answer is 401 \`auth.required\`; when none of the caller's
grants carries the permission, 403 \`access.forbidden\`. The permission matrix test tries every
role against every route and fails when the answers and these tables differ.

## Scope

Within a permission, a caller acts only inside the scopes of the grants that carry it (their
union, when several do). A case lies in its team and in its customer's region; a customer lies in
its region, and a team-scoped grant also covers the customers who have a case with one of its
teams; an event lies with its case. Reads are narrowed in the services: a case or customer
outside the scope answers **404** exactly like one that does not exist (\`case.not_found\`,
\`customer.not_found\`), so ids do not leak; lists leave such records out, and a customer's
journey leaves out the events of cases outside the scope. A write the caller's permission allows
but whose target lies outside the scope answers **403** \`access.forbidden\` naming the field
(opening a case for another team, say); an event about a case the caller cannot see answers 404.
Because customers belong to regions and not to teams, a grant scoped only to teams cannot create
customers. Teams, agents, users, the audit trail and retention are not scoped: whoever holds the
read permission reads them whole.

## Roles

| Role | What it is for |
|---|---|
${roleRows.join("\n")}

## Roles × permissions

${header(["Permission", "Allows"])}
${permissionRows.join("\n")}

## Roles × routes

✓: the role passes the permission check (scope may still narrow what it sees); 403: it is
refused \`access.forbidden\`. \`public\` routes need no credentials; \`authenticated\` ones any
signed-in user. Each GET route also answers HEAD, with the same access. Outside \`/api/v1\`,
\`/api/health\`, the OpenAPI document (\`/api/openapi.json\`, \`/api/docs\`) and the web app are
open.

${header(["Route", "Needs"])}
${routeRows.join("\n")}
`;
}

describe.each(STORE_KINDS)("permission matrix on %s", (kind) => {
  let t: TestApp;
  let seed: SeededWorkspace;
  let targetUserId: string;
  const users = {} as Record<Role, SignedInUser>;
  const ownTokenIds: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    seed = await seedWorkspace(t);
    for (const role of ROLES.filter((role) => roleAllows(role, "case:write"))) {
      for (const purpose of ["handoff", "closing", "merged"] as const) {
        const payload = buildCase({
          id: ownCase(role, purpose),
          customer: WORKSPACE.customers.emea,
          team: WORKSPACE.teams.billing,
        });
        const opened = await t.inject({ method: "POST", url: `${API}/cases`, payload });
        expect(opened.statusCode, opened.body).toBe(201);
      }
      const closing = `${API}/cases/${ownCase(role, "closing")}/resolve`;
      expect((await t.inject({ method: "POST", url: closing, payload: {} })).statusCode).toBe(200);
    }
    for (const role of ROLES) {
      users[role] = await signIn(t, `${role}@matrix.test`, [ROLE_GRANTS[role]]);
      if (roleAllows(role, "token:own")) {
        const token = await users[role].inject({
          method: "POST",
          url: "/api/v1/tokens",
          payload: { name: "to revoke" },
        });
        ownTokenIds[role] = token.json().id;
      }
    }
    targetUserId = (await signIn(t, "target@matrix.test", [ROLE_GRANTS.agent])).id;
  });
  afterAll(() => t.close());

  function apiRoutes(): RegisteredRoute[] {
    return t.routes.filter((route) => route.url.startsWith(API));
  }

  /**
   * One request to one route as one caller, with a plausible id and a minimal body; plausible
   * is false for a route the matrix knows no id or body for (it still gets its access checked).
   */
  async function probe(
    caller: Caller,
    route: RegisteredRoute,
  ): Promise<{ response: LightMyRequestResponse; plausible: boolean }> {
    const tokenId = (caller !== "anonymous" && ownTokenIds[caller]) || seed.adminToken.id;
    const context = { caller, targetUserId, tokenId };
    const inject: Inject =
      caller === "anonymous" ? (options) => t.app.inject(options) : users[caller].inject;
    const request: InjectOptions = {
      method: route.method as InjectOptions["method"],
      url: OWN_CASE_PATHS[routeKey(route)]
        ? route.url.replace(":id", ownCase(caller, OWN_CASE_PATHS[routeKey(route)] ?? "handoff"))
        : probePath(route.url, context) + (PROBE_QUERIES[routeKey(route)] ?? ""),
    };
    const key = routeKey(route);
    const isWrite = ["POST", "PUT", "PATCH"].includes(route.method);
    // Outside /api/v1 (docs, web app) only "no credentials needed" is checked.
    const plausible =
      route.url.startsWith(API) &&
      !request.url?.toString().includes("matrix-probe") &&
      (!isWrite || key in PROBE_BODIES || key.startsWith("POST /api/v1/auth/"));
    if (key === "POST /api/v1/auth/login") {
      request.payload = {
        email: caller === "anonymous" ? users.agent.email : users[caller].email,
        password: TEST_PASSWORD,
      };
    } else if (key === "POST /api/v1/auth/logout") {
      // Sign out of a session of its own, so the caller's main session stays usable.
      if (caller !== "anonymous") {
        const session = await logIn(t, users[caller].email);
        return { response: await bearerInject(t, session)(request), plausible };
      }
    } else if (isWrite) {
      request.payload = PROBE_BODIES[key]?.(context) ?? {};
    }
    return { response: await inject(request), plausible };
  }

  async function violationsOf(caller: Caller): Promise<{ probed: string[]; violations: string[] }> {
    const probed: string[] = [];
    const violations: string[] = [];
    for (const route of t.routes) {
      const { response, plausible } = await probe(caller, route);
      probed.push(routeKey(route));
      const violation = violationOf(caller, route, response, plausible);
      if (violation) violations.push(`${caller} ${routeKey(route)}: ${violation}`);
    }
    return { probed, violations };
  }

  it("every /api/v1 route declares a known access", () => {
    const known: string[] = [...PERMISSIONS, "authenticated", "public"];
    const undeclared = apiRoutes().filter(
      (route) => route.access === undefined || !known.includes(route.access),
    );
    expect(undeclared).toEqual([]);
    expect(
      apiRoutes()
        .filter((route) => route.access === "public")
        .map(routeKey),
    ).toEqual(["POST /api/v1/auth/login"]);
  });

  it("sees every route the API documents, and each HEAD route mirrors a GET", async () => {
    const document = (await t.inject("/api/openapi.json")).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith(API))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`,
        ),
      );
    const collected = apiRoutes().filter((route) => route.method !== "HEAD");
    expect(collected.map(routeKey).sort()).toEqual(documented.sort());
    // A sanity floor: the collector saw the API, not an empty list that trivially passes.
    expect(collected.length).toBeGreaterThanOrEqual(30);
    for (const head of apiRoutes().filter((route) => route.method === "HEAD")) {
      expect(apiRoutes()).toContainEqual({ ...head, method: "GET" });
    }
  });

  it("answers 401 auth.required to a caller without credentials on every non-public route", async () => {
    const { probed, violations } = await violationsOf("anonymous");
    expect(violations).toEqual([]);
    expect(probed).toEqual(t.routes.map(routeKey));
  });

  it.each(ROLES)("lets %s through exactly the routes its permissions allow", async (role) => {
    const { probed, violations } = await violationsOf(role);
    expect(violations).toEqual([]);
    // No route left unchecked: the probe ran against every route the app registered.
    expect(probed).toEqual(t.routes.map(routeKey));
  });

  it("is documented in docs/permissions.md, rendered from ROLE_PERMISSIONS", async () => {
    await expect(renderPermissionsDoc(t.routes)).toMatchFileSnapshot("../docs/permissions.md");
  });
});
