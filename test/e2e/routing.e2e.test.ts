/**
 * Routing in the browser (issue 5, item 7): an admin tries a pasted case in the rule editor's test
 * panel (the rule that sets the team fired, a condition that failed is marked), sees an invalid
 * pattern named at its input on Check and again on Save, replays a draft with a team rule
 * switched off from the Replay tab, reads the misclassification report, opens the queue in score
 * order with its breach predictions and a case's priority explained, and sets a presence in the
 * header and on the teams page. Runs the real server on a fresh, demo-seeded store and drives
 * Debian's Chromium.
 *
 * The demo's routing rules are used when it has them; otherwise the test saves a small set
 * through the API first. The admin is linked to an agent through the API for the presence steps.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoUser, getJsonAs, sendJsonAs, signInForToken } from "./support/api.js";
import { launchBrowser, openPage, signInAt } from "./support/browser.js";
import { ARTIFACTS_DIR, type RunningServer, startServer } from "./support/server.js";

interface Settings<T> {
  version: number;
  document: T;
}
interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  conditions: { field: string; op: string; value?: unknown }[];
  actions: { setTeam?: string };
}
interface RoutingRules {
  enabled: boolean;
  fallbackTeam: string | null;
  rules: RoutingRule[];
}
interface RoutingTestAnswer {
  decision: { team: string; rule: string | null; trace: { rule: string; outcome: string }[] };
}
interface TeamSummary {
  id: string;
  name: string;
}
interface AgentSummary {
  id: string;
  teamId: string;
  presence: string;
}
interface Misclassification {
  byRule: { rule: string | null; cases: number }[];
}
interface Prediction {
  caseId: string;
  breach: boolean;
}

/** A case to paste into the test panel: it mentions an outage, so a keyword rule can fire. */
const PASTED_CASE = {
  channel: "chat",
  category: "account/access",
  priority: "normal",
  subject: "Our dashboard is down",
  body: "Nothing is loading since this morning: is there an outage?",
};

describe("routing rules, queues and presence in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let token = "";
  let teams: TeamSummary[] = [];

  const baseUrl = () => server?.baseUrl ?? "";
  const api = <T>(path: string) => getJsonAs<T>(baseUrl(), token, path);
  const send = <T>(method: "PUT" | "POST" | "PATCH", path: string, body: unknown) =>
    sendJsonAs<T>(baseUrl(), token, method, path, body);
  const admin = demoUser("admin");

  /** The demo's rules when it has a rule that sets a team; else a small set saved here. */
  async function ensureRoutingRules(): Promise<Settings<RoutingRules>> {
    const saved = await api<Settings<RoutingRules>>("/api/v1/routing/rules");
    if (saved.document.rules.some((rule) => rule.actions.setTeam !== undefined)) return saved;
    const [first, second] = teams;
    if (first === undefined || second === undefined) throw new Error("the demo has < 2 teams");
    await send("PUT", "/api/v1/routing/rules", {
      baseVersion: saved.version,
      document: {
        enabled: true,
        fallbackTeam: first.id,
        rules: [
          {
            id: "outage-reports",
            name: "Reports of an outage",
            enabled: true,
            match: "all",
            conditions: [{ field: "case.text", op: "contains_any", value: ["outage", "down"] }],
            actions: { addTags: ["outage"] },
            stop: false,
          },
          {
            id: "account-team",
            name: "Account questions",
            enabled: true,
            match: "any",
            conditions: [
              { field: "case.topCategory", op: "equals", value: "account" },
              { field: "customer.tier", op: "in", value: ["platinum"] },
            ],
            actions: { setTeam: second.id },
            stop: true,
          },
        ],
      },
    });
    return api<Settings<RoutingRules>>("/api/v1/routing/rules");
  }

  async function signedInPage(path: string): Promise<{ page: Page; pageErrors: string[] }> {
    if (browser === undefined) throw new Error("the setup failed");
    const opened = await openPage(browser);
    await signInAt(opened.page, baseUrl(), path, admin.email);
    return opened;
  }

  beforeAll(async () => {
    server = await startServer({ days: 14, scale: 0.2 });
    browser = await launchBrowser();
    token = await signInForToken(server.baseUrl, admin.email);
    teams = (await api<{ items: TeamSummary[] }>("/api/v1/teams")).items;
    await mkdir(ARTIFACTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("tests a pasted case, names an invalid pattern at its input and replays a draft", async () => {
    const rules = await ensureRoutingRules();
    const { page, pageErrors } = await signedInPage("/routing/rules");

    // The test panel: a pasted case, tried against the draft.
    const panel = page.getByTestId("routing-test-panel");
    await panel.waitFor();
    await panel.getByLabel("Paste a case").fill(JSON.stringify(PASTED_CASE));
    await panel.getByRole("button", { name: "Fill in from the paste" }).click();
    expect(await panel.getByLabel("Subject").inputValue()).toBe(PASTED_CASE.subject);
    await panel.getByRole("button", { name: "Run test" }).click();
    const result = page.getByTestId("routing-test-result");
    await result.waitFor();

    // The server's own answer for the same case tells which rule must show as deciding.
    const expected = await send<RoutingTestAnswer>("POST", "/api/v1/routing/rules/test", {
      case: PASTED_CASE,
    });
    const teamName = teams.find((team) => team.id === expected.decision.team)?.name;
    expect(await result.getByTestId("decision-team").textContent()).toBe(teamName);
    expect(await result.getByTestId("decision-rule").getAttribute("data-rule-id")).toBe(
      expected.decision.rule ?? "",
    );
    const traces = result.getByTestId("trace-rule");
    expect(await traces.count()).toBe(rules.document.rules.length);
    if (expected.decision.rule !== null) {
      const deciding = result.locator(
        `[data-testid="trace-rule"][data-rule-id="${expected.decision.rule}"]`,
      );
      expect(await deciding.getAttribute("data-outcome")).toBe("fired");
      expect(
        await deciding.locator('[data-testid="trace-condition"][data-holds="true"]').count(),
      ).toBeGreaterThan(0);
    }
    // A rule that was tried and not matched shows its failing condition with a cross.
    const failing = result
      .locator('[data-testid="trace-rule"][data-outcome="not_matched"]')
      .first()
      .locator('[data-testid="trace-condition"][data-holds="false"]')
      .first();
    await failing.waitFor();
    expect(await failing.getByRole("img", { name: "does not hold" }).textContent()).toBe("✗");
    expect(await failing.getByTestId("trace-actual").textContent()).not.toBe("");
    await failing.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, "routing-test-panel.png") });

    // A new rule with a pattern that does not compile: Check names it, then Save does too.
    const position = rules.document.rules.length + 1;
    await page.getByRole("button", { name: "Add rule", exact: true }).click();
    const rule = `rule ${position}`;
    await page.getByLabel(`Id of ${rule}`).fill("e2e-bad-pattern");
    await page.getByLabel(`Name of ${rule}`).fill("Subjects with a bad pattern");
    await page.getByLabel(`Field of condition 1 of ${rule}`).selectOption("case.subject");
    await page.getByLabel(`Test of condition 1 of ${rule}`).selectOption("matches");
    await page.getByLabel(`Value of condition 1 of ${rule}`).fill("([unclosed");
    const team = teams[0]?.id ?? "";
    await page.getByLabel(`Team set by ${rule}`).selectOption(team);
    const editor = page.locator(
      '[data-testid="routing-rule-editor"][data-rule-id="e2e-bad-pattern"]',
    );
    const valueError = editor.locator(
      '[data-testid="condition-editor"] [data-testid="field-error"]',
    );

    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator('[data-testid="routing-check"][data-valid="false"]').waitFor();
    await valueError.waitFor();
    expect(await valueError.textContent()).toContain("regular expression");
    expect(
      await page.getByLabel(`Value of condition 1 of ${rule}`).getAttribute("aria-invalid"),
    ).toBe("true");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByTestId("settings-invalid").waitFor();
    expect(await valueError.textContent()).toContain("regular expression");
    await editor.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, "routing-rules-invalid-pattern.png") });
    const unchanged = await api<Settings<RoutingRules>>("/api/v1/routing/rules");
    expect(unchanged.version).toBe(rules.version);
    await page.getByRole("button", { name: "Discard changes" }).click();
    expect(await editor.count()).toBe(0);

    // Switch off the team rule that decides the most cases (read from the report), in the draft.
    const report = await api<Misclassification>("/api/v1/routing/misclassification?minCases=1");
    const teamRules = rules.document.rules.filter(
      (candidate) =>
        candidate.enabled &&
        candidate.actions.setTeam !== undefined &&
        candidate.actions.setTeam !== rules.document.fallbackTeam,
    );
    const casesOf = (id: string) => report.byRule.find((row) => row.rule === id)?.cases ?? 0;
    const busiest = [...teamRules].sort((a, b) => casesOf(b.id) - casesOf(a.id))[0];
    if (busiest === undefined) throw new Error("no enabled rule sends cases to a team");
    const busiestIndex = rules.document.rules.indexOf(busiest) + 1;
    const busiestEditor = page.locator(
      `[data-testid="routing-rule-editor"][data-rule-id="${busiest.id}"]`,
    );
    await page.getByRole("button", { name: `Edit rule ${busiestIndex}` }).click();
    await busiestEditor.getByRole("checkbox", { name: "Enabled" }).uncheck();
    expect(await busiestEditor.getAttribute("data-enabled")).toBe("false");

    // The Replay tab replays that draft: the teams' loads, and cases that would go elsewhere.
    await page
      .getByRole("navigation", { name: "Routing" })
      .getByRole("link", { name: "Replay" })
      .click();
    await page.waitForURL((url) => url.pathname === "/routing/replay");
    await page.getByLabel("Rules", { exact: true }).selectOption("draft");
    await page.getByRole("button", { name: "Run replay" }).click();
    const replay = page.getByTestId("replay-report");
    await replay.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("replay-team-row").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("replay-sample-row").count()).toBeGreaterThan(0);
    const sampleLink = page.getByTestId("replay-sample-row").first().getByRole("link");
    expect(await sampleLink.getAttribute("href")).toMatch(/^\/cases\//);
    await page.screenshot({ path: join(ARTIFACTS_DIR, "routing-replay.png"), fullPage: true });

    // The draft survived the visit to another tab, unsaved.
    await page
      .getByRole("navigation", { name: "Routing" })
      .getByRole("link", { name: "Rules" })
      .click();
    expect(await busiestEditor.getAttribute("data-enabled")).toBe("false");
    expect((await api<Settings<RoutingRules>>("/api/v1/routing/rules")).version).toBe(
      rules.version,
    );

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it("shows the misclassification report by category and by rule", async () => {
    const { page, pageErrors } = await signedInPage("/routing/misclassification");
    const categories = page.getByTestId("misclassification-category-row");
    await categories.first().waitFor();
    // The period picker asks again for the last 30 days, both ends named.
    const answered = page.waitForResponse(
      (response) =>
        response.url().includes("/api/v1/routing/misclassification?") &&
        response.url().includes("from=") &&
        response.url().includes("to="),
    );
    await page.getByRole("button", { name: "30 days" }).click();
    expect((await answered).status()).toBe(200);
    await categories.first().waitFor();
    expect(await page.getByTestId("misclassification-rule-row").count()).toBeGreaterThan(0);
    // Highest transfer rate first.
    const rates = (
      await page
        .getByTestId("misclassification-by-category")
        .getByTestId("transfer-rate")
        .allTextContents()
    ).map((text) => Number.parseFloat(text));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    await page.screenshot({
      path: join(ARTIFACTS_DIR, "routing-misclassification.png"),
      fullPage: false,
    });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it("orders the queue by score, marks predicted breaches and explains a case's score", async () => {
    const { page, pageErrors } = await signedInPage("/queue");
    const current = page.locator('[data-testid="queue-team"][aria-current="page"]');
    await current.waitFor();
    const team = (await current.getAttribute("data-team-id")) ?? "";
    const rows = page.getByTestId("queue-row");
    await rows.first().waitFor();

    const positions = await rows.evaluateAll((elements) =>
      elements.map((element) => Number(element.getAttribute("data-position"))),
    );
    expect(positions).toEqual(positions.map((_, index) => index + 1));
    const scores = await rows.evaluateAll((elements) =>
      elements.map((element) => Number(element.getAttribute("data-score"))),
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Every case the model predicts to breach carries the marker.
    const predictions = await api<{ items: Prediction[] }>(
      `/api/v1/queues/${encodeURIComponent(team)}/predictions`,
    );
    const shown = new Set(
      await rows.evaluateAll((elements) =>
        elements.map((element) => element.getAttribute("data-case-id")),
      ),
    );
    for (const prediction of predictions.items.filter((item) => item.breach)) {
      if (!shown.has(prediction.caseId)) continue;
      const row = page.locator(`[data-testid="queue-row"][data-case-id="${prediction.caseId}"]`);
      expect(await row.getByTestId("breach-predicted").count()).toBe(1);
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, "queue-by-score.png"), fullPage: false });

    // The first case's page explains its score term by term, and its prediction.
    const first = rows.first();
    const caseId = (await first.getAttribute("data-case-id")) ?? "";
    await first.getByTestId("queue-case-link").click();
    await page.waitForURL((url) => url.pathname === `/cases/${encodeURIComponent(caseId)}`);
    const priority = page.getByTestId("case-priority");
    await priority.getByTestId("score-term").first().waitFor();
    expect(await priority.getByTestId("score-term").count()).toBe(5);
    expect(await priority.getByTestId("case-queue-position").textContent()).toContain("number");
    await page
      .getByTestId("case-prediction")
      .locator("dl, [data-testid=prediction-none]")
      .first()
      .waitFor();
    await priority.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, "case-priority.png"), fullPage: false });

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it("sets the signed-in agent's presence in the header and on the teams page", async () => {
    const agents = (await api<{ items: AgentSummary[] }>("/api/v1/agents")).items;
    const agent = agents.find((candidate) => candidate.presence !== "busy") ?? agents[0];
    if (agent === undefined) throw new Error("the demo has no agents");
    const me = await api<{ user: { id: string } }>("/api/v1/auth/me");
    await send("PATCH", `/api/v1/users/${encodeURIComponent(me.user.id)}`, { agentId: agent.id });

    const { page, pageErrors } = await signedInPage("/queue");
    const mine = page.getByTestId("my-presence");
    await mine.waitFor();
    expect(await mine.inputValue()).toBe(agent.presence);
    await page.getByTestId("take-next-case").waitFor();
    await mine.selectOption("busy");
    await page.locator('[data-testid="my-presence"][data-presence="busy"]:enabled').waitFor();
    const busy = await api<AgentSummary>(`/api/v1/agents/${encodeURIComponent(agent.id)}`);
    expect(busy.presence).toBe("busy");
    await page.screenshot({ path: join(ARTIFACTS_DIR, "presence-header.png"), fullPage: false });

    // On the teams page whoever may change the team's agents sets it too; the header follows.
    await page
      .getByRole("navigation", { name: "Areas" })
      .getByRole("link", { name: "Teams & agents" })
      .click();
    const row = page.locator(`[data-testid="agent-row"][data-agent-id="${agent.id}"]`);
    const select = row.getByTestId("agent-presence");
    await select.waitFor();
    expect(await select.inputValue()).toBe("busy");
    await select.selectOption("available");
    await page.locator('[data-testid="my-presence"][data-presence="available"]').waitFor();
    const available = await api<AgentSummary>(`/api/v1/agents/${encodeURIComponent(agent.id)}`);
    expect(available.presence).toBe("available");
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, "teams-presence.png"), fullPage: false });

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
