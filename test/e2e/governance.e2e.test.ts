/**
 * Governance in the browser (issue C10): an agent sees only their team's cases and gets "not
 * found" for another team's case; an admin creates a user through the form. Runs the real server
 * on a fresh, demo-seeded store and drives Debian's Chromium.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser, getJsonAs, signInForToken } from "./support/api.js";
import { launchBrowser, openPage, signInAt } from "./support/browser.js";
import { ARTIFACTS_DIR, type RunningServer, startServer } from "./support/server.js";

interface CaseSummary {
  id: string;
  teamId: string;
}
interface TeamSummary {
  id: string;
  name: string;
}

describe("governance in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let adminToken = "";
  let teams: TeamSummary[] = [];

  beforeAll(async () => {
    server = await startServer({ days: 7, scale: 0.1 });
    browser = await launchBrowser();
    adminToken = await signInForToken(server.baseUrl, demoUser("admin").email);
    teams = (await getJsonAs<{ items: TeamSummary[] }>(server.baseUrl, adminToken, "/api/v1/teams"))
      .items;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows an agent only their team's cases and hides other teams' cases", async () => {
    if (browser === undefined || server === undefined) throw new Error("the setup failed");
    const agent = demoUser("agent");
    const agentTeams = agent.grants.flatMap((grant) => grant.teams);
    expect(agentTeams).toEqual(["billing"]);
    const billingName = teams.find((team) => team.id === "billing")?.name;
    expect(billingName).toBeTruthy();

    const { page, pageErrors } = await openPage(browser);
    await signInAt(page, server.baseUrl, "/cases", agent.email);
    expect(await page.getByTestId("session-user").textContent()).toContain(agent.name);

    const rows = page.getByTestId("case-row");
    await rows.first().waitFor();
    // Team names appear once the directory of teams has loaded.
    await page
      .getByTestId("case-team")
      .filter({ hasText: billingName ?? "" })
      .first()
      .waitFor();
    const rowCount = await rows.count();
    expect(rowCount).toBeGreaterThan(0);
    const teamCells = page.getByTestId("case-team");
    expect(await teamCells.count()).toBe(rowCount);
    for (let index = 0; index < rowCount; index += 1) {
      const cell = teamCells.nth(index);
      expect(await cell.getAttribute("data-team-id")).toBe("billing");
      expect((await cell.textContent())?.trim()).toBe(billingName);
    }

    // An agent has no Governance area to open.
    const nav = page.getByRole("navigation", { name: "Areas" });
    expect(await nav.getByRole("link", { name: "Cases" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Governance" }).count()).toBe(0);

    // Another team's case, found as the admin, does not exist for the agent.
    const otherTeamCases = await getJsonAs<{ items: CaseSummary[] }>(
      server.baseUrl,
      adminToken,
      "/api/v1/cases?team=frontline&limit=1",
    );
    const foreignCase = otherTeamCases.items[0];
    if (foreignCase === undefined) throw new Error("the demo has no frontline case");
    expect(foreignCase.teamId).toBe("frontline");
    await page.goto(`${server.baseUrl}/cases/${encodeURIComponent(foreignCase.id)}`);
    const errorState = page.getByTestId("error-state");
    await errorState.waitFor();
    expect(await errorState.getAttribute("data-status")).toBe("404");
    expect(await errorState.textContent()).toContain("Not found.");
    expect(await page.getByTestId("journey-event").count()).toBe(0);

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it("lets an admin create a user who then appears in the list", async () => {
    if (browser === undefined || server === undefined) throw new Error("the setup failed");
    const { page, pageErrors } = await openPage(browser);
    await signInAt(page, server.baseUrl, "/admin/users", demoUser("admin").email);
    await page.getByTestId("user-row").first().waitFor();
    const usersBefore = await page.getByTestId("user-row").count();

    const email = "casey.lead@example.com";
    const password = "correct-horse-battery";
    await page.getByRole("button", { name: "New user" }).click();
    const form = page.getByTestId("user-form");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Casey Lead");
    await form.getByLabel("Password").fill(password);
    await form.getByLabel("Role of grant 1").selectOption("team_lead");
    await form.getByRole("checkbox", { name: "Billing & Payments" }).check();
    await form.getByLabel("Regions of grant 1").fill("emea, amer");
    await form.getByRole("button", { name: "Create user" }).click();

    await page.getByTestId("users-notice").waitFor();
    expect(await page.getByTestId("users-notice").textContent()).toContain(email);
    const newRow = page.locator(`[data-testid="user-row"][data-user-email="${email}"]`);
    await newRow.waitFor();
    expect(await page.getByTestId("user-row").count()).toBe(usersBefore + 1);
    const rowText = (await newRow.textContent()) ?? "";
    expect(rowText).toContain("Casey Lead");
    expect(rowText).toContain("Team lead");
    expect(rowText).toContain("teams: Billing & Payments; regions: emea, amer");
    expect(rowText).toContain("Active");

    // The account works: its owner can sign in with the password the admin set.
    await expect(signInForToken(server.baseUrl, email, password)).resolves.toMatch(/\S/);

    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, "users-page.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
