import { describe, expect, it } from "vitest";
import { buildTestConfig } from "../src/config.js";
import { startServer } from "../src/server.js";

describe("server lifecycle", () => {
  it("finishes in-flight requests on shutdown, then closes the store", async () => {
    let handling = false;
    let releaseSlowRequest: () => void = () => {};
    const server = await startServer(buildTestConfig(), {
      handleSignals: false,
      beforeListen: async (_store, app) => {
        app.get("/api/test-slow", async () => {
          handling = true;
          await new Promise<void>((resolve) => {
            releaseSlowRequest = resolve;
          });
          return { finished: true };
        });
      },
    });
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);

    const inFlight = fetch(`${server.url}/api/test-slow`);
    // Wait until the request is being handled, then ask the server to stop.
    await expect.poll(() => handling).toBe(true);
    const stopped = server.stop();
    setTimeout(() => releaseSlowRequest(), 200);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopped;
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    await expect(server.store.db.selectFrom("events").selectAll().execute()).rejects.toThrow();
  });
});
