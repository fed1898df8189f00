/**
 * Typed fetch helpers for the Throughline REST API. Every helper rejects with an `ApiError`
 * whose message is the server's own `{"error":{"message"}}` when it sent one.
 */
import type {
  Agent,
  ApiErrorBody,
  Case,
  CaseDetail,
  Customer,
  Health,
  JourneyEvent,
  JourneyPage,
  Page,
  Team,
} from "./types.ts";

/** One failing field of a request the server rejected for several reasons. */
export interface ApiFieldError {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Every failing field when the server listed several (`field` is the first); else empty. */
  readonly errors: readonly ApiFieldError[];

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    errors: readonly ApiFieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.errors = errors;
  }
}

export type QueryValue = string | number | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

/** `{status: "open", team: "", limit: 50}` → `"?status=open&limit=50"`; empty values are left out. */
export function buildQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** Turns a non-2xx response into an ApiError, preferring the server's error body. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isApiErrorBody(body)) {
    const { code, message, field, errors } = body.error;
    return new ApiError(response.status, code, message, field, errors ?? []);
  }
  const statusText = response.statusText === "" ? "" : ` ${response.statusText}`;
  return new ApiError(
    response.status,
    "http.error",
    `The server answered HTTP ${response.status}${statusText}.`,
  );
}

/**
 * Called when the server answers 401 to a request made within a session: the session is over
 * (expired, revoked or signed out elsewhere) and the app should ask the user to sign in again.
 */
type SessionEndedListener = () => void;
let sessionEndedListener: SessionEndedListener | null = null;

/** Registers the one listener for "session over"; returns a function that removes it again. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListener = listener;
  return () => {
    if (sessionEndedListener === listener) sessionEndedListener = null;
  };
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method?: HttpMethod;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /**
   * A 401 is the expected answer rather than the end of a session: wrong credentials at login,
   * or no session yet when the app starts.
   */
  unauthorizedIsAnswer?: boolean;
}

async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = "GET", query = {}, body, signal } = options;
  const init: RequestInit = {
    method,
    headers:
      body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
    // The session lives in an HTTP-only cookie that only same-origin requests carry.
    credentials: "same-origin",
    signal: signal ?? null,
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(`${path}${buildQueryString(query)}`, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "network.unreachable", "Cannot reach the Throughline server.");
  }
  if (response.status === 401 && options.unauthorizedIsAnswer !== true) sessionEndedListener?.();
  return response;
}

function getJson<T>(path: string, query: Query, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { query, signal });
}

/** A request whose answer is JSON, or nothing at all (204). */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function isHealth(body: unknown): body is Health {
  return (
    typeof body === "object" &&
    body !== null &&
    "store" in body &&
    typeof (body as { store: unknown }).store === "object"
  );
}

/** An id as one URL path segment. */
export function pathSegment(id: string): string {
  return encodeURIComponent(id);
}

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
}

/** The store's state; a degraded store (HTTP 503 with a health body) is data, not an error. */
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  const response = await request("/api/health", { signal });
  if (response.status === 503) {
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    if (isHealth(body)) return body;
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as Health;
}

export function listTeams(signal?: AbortSignal): Promise<{ items: Team[] }> {
  return getJson("/api/v1/teams", {}, signal);
}

export function listAgents(
  query: { team?: string },
  signal?: AbortSignal,
): Promise<{ items: Agent[] }> {
  return getJson("/api/v1/agents", query, signal);
}

export interface CustomerListQuery extends PageQuery {
  tier?: string;
  region?: string;
  segment?: string;
  q?: string;
}

export function listCustomers(
  query: CustomerListQuery,
  signal?: AbortSignal,
): Promise<Page<Customer>> {
  return getJson("/api/v1/customers", { ...query }, signal);
}

export function getCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  return getJson(`/api/v1/customers/${pathSegment(id)}`, {}, signal);
}

export function getCustomerJourney(
  id: string,
  query: PageQuery,
  signal?: AbortSignal,
): Promise<JourneyPage> {
  return getJson(`/api/v1/customers/${pathSegment(id)}/journey`, { ...query }, signal);
}

export interface CaseListQuery extends PageQuery {
  status?: string;
  team?: string;
  agent?: string;
  customer?: string;
  channel?: string;
  priority?: string;
  category?: string;
  openedFrom?: string;
  openedTo?: string;
  /** Cases whose most urgent SLA clock is in this state: at_risk, breached or running. */
  slaState?: string;
}

export function listCases(query: CaseListQuery, signal?: AbortSignal): Promise<Page<Case>> {
  return getJson("/api/v1/cases", { ...query }, signal);
}

export function getCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return getJson(`/api/v1/cases/${pathSegment(id)}`, {}, signal);
}

export interface EventListQuery extends PageQuery {
  type?: string;
}

export function listEvents(
  query: EventListQuery,
  signal?: AbortSignal,
): Promise<Page<JourneyEvent>> {
  return getJson("/api/v1/events", { ...query }, signal);
}
