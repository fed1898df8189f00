/**
 * The flow an agent follows most: open the case list, pick a case, read the customer's journey.
 * Runs the real server on a fresh, demo-seeded store and drives Debian's Chromium.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser } from "./support/api.js";
import { launchBrowser, openPage, signInAt } from "./support/browser.js";
import { ARTIFACTS_DIR, type RunningServer, startServer } from "./support/server.js";

describe("case journey in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer({ days: 14, scale: 0.2 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens a case from the list and shows the customer's journey", async () => {
    if (browser === undefined || server === undefined) throw new Error("the setup failed");
    const { page, pageErrors } = await openPage(browser);

    await signInAt(page, server.baseUrl, "/cases", demoUser("admin").email);
    const rows = page.getByTestId("case-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);

    const firstRow = rows.first();
    const caseId = await firstRow.getAttribute("data-case-id");
    expect(caseId).toBeTruthy();
    await firstRow.getByTestId("case-link").click();
    await page.waitForURL((url) => url.pathname === `/cases/${encodeURIComponent(caseId ?? "")}`);

    const journeyEvents = page.getByTestId("journey-event");
    await journeyEvents.first().waitFor();
    expect(await journeyEvents.count()).toBeGreaterThan(0);
    // The case the agent opened is part of its customer's journey and is highlighted there.
    const currentCaseEvents = page.locator('[data-testid="journey-event"][data-current="true"]');
    expect(await currentCaseEvents.count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "Customer page" }).count()).toBe(1);

    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, "case-page.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
