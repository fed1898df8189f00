import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, buildQueryString, getCase, getHealth, listCases, toApiError } from "./client.ts";

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
