import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  buildQueryString,
  getCase,
  getHealth,
  listCases,
  onSessionEnded,
  requestJson,
  toApiError,
} from "./client.ts";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("buildQueryString", () => {
  it("leaves out empty values and keeps zero", () => {
    expect(buildQueryString({ status: "open", team: "", agent: null, cursor: undefined })).toBe(
      "?status=open",
    );
    expect(buildQueryString({ limit: 0 })).toBe("?limit=0");
  });

  it("encodes values and is empty when nothing is set", () => {
    expect(buildQueryString({ category: "billing/refund", q: "a&b" })).toBe(
      "?category=billing%2Frefund&q=a%26b",
    );
    expect(buildQueryString({})).toBe("");
  });
});

describe("toApiError", () => {
  it("uses the server's error body", async () => {
    const error = await toApiError(
      jsonResponse(400, {
        error: { code: "request.invalid", message: "limit must be positive", field: "limit" },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("request.invalid");
    expect(error.message).toBe("limit must be positive");
    expect(error.field).toBe("limit");
  });

  it("keeps every failing field the server listed", async () => {
    const error = await toApiError(
      jsonResponse(422, {
        error: {
          code: "handoff.checklist_incomplete",
          message: "the handoff is incomplete",
          field: "body.checklist.summary",
          errors: [
            { field: "body.checklist.summary", reason: "Summary written is required" },
            { field: "body.checklist.logs", reason: "Logs attached is required" },
          ],
        },
      }),
    );
    expect(error.errors).toEqual([
      { field: "body.checklist.summary", reason: "Summary written is required" },
      { field: "body.checklist.logs", reason: "Logs attached is required" },
    ]);
    const single = await toApiError(
      jsonResponse(400, { error: { code: "request.invalid", message: "bad", field: "body.to" } }),
    );
    expect(single.errors).toEqual([]);
  });

  it("describes a response without an error body by its status", async () => {
    const error = await toApiError(
      new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );
    expect(error.code).toBe("http.error");
    expect(error.message).toBe("The server answered HTTP 502 Bad Gateway.");
  });
});

describe("fetch helpers", () => {
  it("request the contract's paths with filters as query parameters", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal("fetch", fetchMock);
    await listCases({ status: "open", category: "billing", cursor: null, limit: 50 });
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/v1/cases?status=open&category=billing&limit=50",
      expect.objectContaining({ headers: { accept: "application/json" } }),
    );
  });

  it("escape ids in paths", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, {}));
    vi.stubGlobal("fetch", fetchMock);
    await getCase("cas/1?x");
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/cases/cas%2F1%3Fx", expect.anything());
  });

  it("reject with the server's message", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse(404, { error: { code: "case.not_found", message: "No case cas-9." } }),
      ),
    );
    await expect(getCase("cas-9")).rejects.toMatchObject({
      status: 404,
      code: "case.not_found",
      message: "No case cas-9.",
    });
  });

  it("report an unreachable server as such", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    await expect(getCase("cas-1")).rejects.toMatchObject({
      status: 0,
      code: "network.unreachable",
    });
  });
});

describe("getHealth", () => {
  it("returns a degraded store's health body instead of failing", async () => {
    const degraded = {
      status: "degraded",
      store: {
        dialect: "sqlite",
        ok: false,
        events: null,
        cases: null,
        error: "store unreachable",
      },
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse(503, degraded)),
    );
    await expect(getHealth()).resolves.toEqual(degraded);
  });

  it("fails on a 503 without a health body", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse(503, { error: { code: "server.closing", message: "Closing" } }),
      ),
    );
    await expect(getHealth()).rejects.toMatchObject({ status: 503, code: "server.closing" });
  });
});

describe("requestJson", () => {
  it("sends a JSON body with the session cookie and reads a JSON answer", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(201, { id: "usr-1" }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(
      requestJson("/api/v1/users", { method: "POST", body: { email: "a@example.com" } }),
    ).resolves.toEqual({ id: "usr-1" });
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/v1/users",
      expect.objectContaining({
        method: "POST",
        body: '{"email":"a@example.com"}',
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "application/json" },
      }),
    );
  });

  it("resolves to nothing on 204", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(requestJson("/api/v1/tokens/tok-1", { method: "DELETE" })).resolves.toBe(
      undefined,
    );
  });
});

describe("onSessionEnded", () => {
  const unauthorized = () =>
    jsonResponse(401, { error: { code: "auth.required", message: "Sign in first." } });

  it("is told when a request answers 401, and the request still rejects", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => unauthorized()),
    );
    const listener = vi.fn();
    const remove = onSessionEnded(listener);
    try {
      await expect(getCase("cas-1")).rejects.toMatchObject({ status: 401, code: "auth.required" });
      expect(listener).toHaveBeenCalledTimes(1);
    } finally {
      remove();
    }
  });

  it("is not told when a 401 is the expected answer, or about other failures", async () => {
    const listener = vi.fn();
    const remove = onSessionEnded(listener);
    try {
      vi.stubGlobal(
        "fetch",
        vi.fn(async () => unauthorized()),
      );
      await expect(
        requestJson("/api/v1/auth/login", { method: "POST", body: {}, unauthorizedIsAnswer: true }),
      ).rejects.toMatchObject({ status: 401 });
      vi.stubGlobal(
        "fetch",
        vi.fn(async () => jsonResponse(403, { error: { code: "access.denied", message: "No." } })),
      );
      await expect(getCase("cas-1")).rejects.toMatchObject({ status: 403 });
      expect(listener).not.toHaveBeenCalled();
    } finally {
      remove();
    }
  });

  it("stops telling a listener once it is removed", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => unauthorized()),
    );
    const listener = vi.fn();
    onSessionEnded(listener)();
    await expect(getCase("cas-1")).rejects.toBeInstanceOf(ApiError);
    expect(listener).not.toHaveBeenCalled();
  });
});
