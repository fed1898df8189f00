/**
 * Fetch helpers for sessions, users, roles, API tokens and the audit trail (issue C10). The
 * session itself is an HTTP-only cookie the server sets at login; the app never sees it.
 */
import { type PageQuery, pathSegment, requestJson } from "./client.ts";
import type {
  ApiToken,
  AuditEntry,
  AuditVerification,
  CreatedApiToken,
  CreateUserInput,
  LoginResponse,
  Page,
  RoleInfo,
  SessionUser,
  UpdateUserInput,
  User,
} from "./types.ts";

/** Wrong credentials reject with the server's uniform 401 `auth.invalid_credentials`. */
export function login(email: string, password: string): Promise<LoginResponse> {
  return requestJson("/api/v1/auth/login", {
    method: "POST",
    body: { email, password },
    unauthorizedIsAnswer: true,
  });
}

export function logout(): Promise<void> {
  return requestJson("/api/v1/auth/logout", { method: "POST", unauthorizedIsAnswer: true });
}

/** The signed-in user; rejects with a 401 ApiError when there is no session. */
export async function getSessionUser(signal?: AbortSignal): Promise<SessionUser> {
  const body = await requestJson<{ user: SessionUser }>("/api/v1/auth/me", {
    signal,
    unauthorizedIsAnswer: true,
  });
  return body.user;
}

export function listRoles(signal?: AbortSignal): Promise<{ items: RoleInfo[] }> {
  return requestJson("/api/v1/roles", { signal });
}

export function listUsers(signal?: AbortSignal): Promise<{ items: User[] }> {
  return requestJson("/api/v1/users", { signal });
}

export function createUser(input: CreateUserInput): Promise<User> {
  return requestJson("/api/v1/users", { method: "POST", body: input });
}

export function updateUser(id: string, input: UpdateUserInput): Promise<User> {
  return requestJson(`/api/v1/users/${pathSegment(id)}`, { method: "PATCH", body: input });
}

/** The caller's own tokens, revoked and expired ones included. */
export function listTokens(signal?: AbortSignal): Promise<{ items: ApiToken[] }> {
  return requestJson("/api/v1/tokens", { signal });
}

export function createToken(input: {
  name: string;
  expiresInDays?: number;
}): Promise<CreatedApiToken> {
  return requestJson("/api/v1/tokens", { method: "POST", body: input });
}

export function revokeToken(id: string): Promise<void> {
  return requestJson(`/api/v1/tokens/${pathSegment(id)}`, { method: "DELETE" });
}

export interface AuditListQuery extends PageQuery {
  actor?: string;
  action?: string;
}

export function listAudit(query: AuditListQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return requestJson("/api/v1/audit", { query: { ...query }, signal });
}

export function verifyAudit(signal?: AbortSignal): Promise<AuditVerification> {
  return requestJson("/api/v1/audit/verify", { signal });
}
