/** Serves a development build and Microsoft's office.js (from node_modules) on loopback for the browser tests. */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

const root = path.resolve(__dirname, "../..");
export const OFFICE_JS_DIR = path.join(root, "node_modules/@microsoft/office-js/dist");
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "text/xml",
  ".map": "application/json",
};

/** The development build every browser test uses (made once, by global-build.ts); each caller may add files to it. */
export function buildDev(): string {
  return inject("devDir");
}

export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = p.startsWith("/office-js/") ? path.join(OFFICE_JS_DIR, p.slice("/office-js/".length)) : path.join(dir, p);
    if (!file.startsWith(dir) && !file.startsWith(OFFICE_JS_DIR)) return void res.writeHead(403).end();
    if (!existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function browser(): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), "pay-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  // No CDN here: Microsoft's office.js URL is answered from node_modules; every other outside request fails.
  await context.route("https://appsforoffice.microsoft.com/**", async (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop() ?? "office.js";
    const file = path.join(OFFICE_JS_DIR, name);
    if (existsSync(file)) await route.fulfill({ path: file, contentType: "text/javascript" });
    else await route.abort();
  });
  return context;
}

/**
 * Collect Content-Security-Policy violations on every page of a context (in `globalThis.__csp`), from the
 * first script on: the browser's own securitypolicyviolation event, so nothing the policy blocks goes unseen.
 */
export async function watchCsp(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = globalThis as unknown as { __csp: { directive: string; blocked: string; source: string }[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI || "inline", source: `${e.sourceFile}:${e.lineNumber}` }),
    );
  });
}

type Violation = { directive: string; blocked: string; source: string };
const show = (v: Violation): string => `${v.directive} blocked ${v.blocked} (${v.source})`;

/**
 * Office.js's own doing: a request to Microsoft's Office.js host, or one made by office.js's scripts (served
 * from that host, or from node_modules at /office-js/ in the preview). What office.js does outside Excel (a
 * telemetry or trust-check frame that finds no host) is Microsoft's, not the pane's, and varies from run to run.
 */
const byOfficeJs = (v: Violation): boolean =>
  /^https:\/\/appsforoffice\.microsoft\.com\//.test(v.blocked) || /appsforoffice\.microsoft\.com\/|\/office-js\//.test(v.source);

/** Microsoft's hosts office.js itself reaches for outside Office (its script host, its telemetry service). */
const OFFICE_HOSTS = /https:\/\/(appsforoffice\.microsoft\.com|telemetryservice\.firstpartyapps\.oaspapps\.com)\//;

/** Violations the pane itself caused (office.js's own are told apart: see byOfficeJs). */
export const cspViolations = async (page: Page): Promise<string[]> =>
  (await page.evaluate(() => (globalThis as unknown as { __csp: Violation[] }).__csp)).filter((v) => !byOfficeJs(v)).map(show);

/** Every violation, office.js's included (the forbidden page's test counts these). */
export const allCspViolations = async (page: Page): Promise<string[]> =>
  (await page.evaluate(() => (globalThis as unknown as { __csp: Violation[] }).__csp)).map(show);

/** The preview host open in a fresh browser, its page errors collected in `errors`. */
export async function openPreview(errors: string[]): Promise<{ ctx: BrowserContext; page: Page; host: { url: string; close: () => Promise<void> } }> {
  const host = await serve(buildDev());
  const ctx = await browser();
  await watchCsp(ctx);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  // The console stays clean through a session: any error or warning (React's among them) is a failure.
  // office.js's own attempts (outside Office it tries to frame Microsoft's telemetry service, which the pane's
  // CSP blocks as it should) are office.js's, told apart as the CSP test tells them apart.
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    if (/Content Security Policy/.test(m.text()) && OFFICE_HOSTS.test(m.text())) return;
    errors.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(`${host.url}preview.html`);
  await page.locator("#compare").waitFor();
  return { ctx, page, host };
}

/**
 * The pane's fit and keyboard reach: how far its content overflows 320 px, the ids reached by `tabs` presses
 * of Tab from `from`, and how many fields lack an accessible name (a <label>, aria-label, or aria-labelledby
 * pointing at text).
 */
export async function paneAccessibility(
  page: Page,
  from: string,
  tabs: number,
): Promise<{ overflow: number; reached: Set<string>; unnamed: number }> {
  const overflow = await page.locator("#pane main").evaluate((el) => el.scrollWidth - el.clientWidth);
  await page.focus(from);
  const reached = new Set<string>();
  for (let i = 0; i < tabs; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement?.id ?? ""));
  }
  const unnamed = await page.locator("#pane input, #pane select").evaluateAll(
    (els) =>
      els.filter((e) => {
        const by = e.getAttribute("aria-labelledby");
        const named = by !== null && (document.getElementById(by)?.textContent ?? "").trim() !== "";
        return !(e as HTMLInputElement).labels?.length && !e.getAttribute("aria-label") && !named;
      }).length,
  );
  return { overflow, reached, unnamed };
}

/** Opens the Risk view's settings, folded under the figures after a run (a no-op while they show). */
export async function riskSettings(page: Page): Promise<void> {
  if (await page.locator("#in-trials").isVisible()) return;
  await page.click("#risk-settings");
  await page.locator("#in-trials").waitFor();
}

/**
 * Opens the pane's form, folded to one line after a Compare that worked, and with `terms` its contract terms
 * too (each a no-op when already open).
 */
export async function openInputs(page: Page, terms = false): Promise<void> {
  if (await page.locator("#edit-inputs").count()) await page.click("#edit-inputs");
  if (terms && !(await page.locator("#in-preset").isVisible())) await page.click("text=Contract terms (defaults work for a first look)");
}
