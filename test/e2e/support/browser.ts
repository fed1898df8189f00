/** Debian's Chromium, driven by playwright-core, and the steps every browser test shares. */
import { type Browser, chromium, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../../src/modules/demo/demo-users.js";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh page (its own cookies) that collects uncaught page errors, so a test can assert that
 * none happened.
 */
export async function openPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

/**
 * Opens `path` signed out, which leads to the login page; signs in there and waits until the app
 * is back on `path` with the user's name in the header.
 */
export async function signInAt(
  page: Page,
  baseUrl: string,
  path: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL((url) => url.pathname === "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  await page.getByTestId("session-user").waitFor();
}
