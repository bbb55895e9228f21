/**
 * The pane's Content-Security-Policy (scripts/csp.cjs) in a real browser: the built taskpane.html with
 * Microsoft's real office.js (answered from node_modules for the CDN URL) and functions.js loads and mounts the
 * panel with no violation; the preview, under the same policy, runs the risk simulation in its Web Worker, with
 * no violation; and the policy really blocks what it must (an inline script, a third-party script).
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allCspViolations, browser, buildDev, cspViolations, serve, watchCsp, riskSettings } from "./host";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CONTENT_SECURITY_POLICY } = require("../../scripts/csp.cjs") as { CONTENT_SECURITY_POLICY: string };

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
let dir = "";
const errors: string[] = [];
const officeRequests: string[] = [];

beforeAll(async () => {
  dir = buildDev();
  // A page under the same policy that tries what the policy forbids, to prove it is enforced.
  writeFileSync(
    path.join(dir, "forbidden.html"),
    `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head>` +
      '<script>globalThis.__inline = true</script><script src="https://example.org/x.js"></script>',
  );
  host = await serve(dir);
  ctx = await browser();
  await watchCsp(ctx);
  ctx.on("request", (r) => {
    if (r.url().startsWith("https://appsforoffice.microsoft.com/")) officeRequests.push(r.url());
  });
  page = await ctx.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

describe("Content-Security-Policy", () => {
  it("is the first element of the pane's <head>, allows no inline or eval'd script, and only the add-in's origin and Office.js's host", () => {
    // No WebAssembly either: the simulation's statistics are TypeScript alone (issue 38).
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'(unsafe-inline|unsafe-eval|wasm-unsafe-eval)'/);
  });

  it("the pane with Microsoft's real office.js and functions.js loads and mounts with no violation", async () => {
    await page.goto(`${host.url}taskpane.html`);
    await page.locator("#compare").waitFor();
    expect(officeRequests.some((u) => u.endsWith("/office.js"))).toBe(true);
    expect(await page.evaluate(() => typeof (globalThis as unknown as { Office?: { onReady?: unknown } }).Office?.onReady)).toBe("function");
    const meta = await page.evaluate(() => document.head.firstElementChild?.nextElementSibling?.getAttribute("http-equiv"));
    expect(meta).toBe("Content-Security-Policy");
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("the panel under the same policy runs the simulation in its Web Worker with no violation", async () => {
    await page.goto(`${host.url}preview.html`);
    await page.fill("#in-table", "Pathway!A3:F10");
    await page.fill("#in-cohort", "Cohort");
    await page.click("#compare");
    await page.locator("#comparison").waitFor();
    await page.click("#tab-risk");
    await riskSettings(page);
    await page.fill("#in-trials", "20,000");
    await page.click("#simulate");
    await page.locator("#risk-meta").waitFor({ state: "attached", timeout: 60_000 });
    expect(await page.getAttribute("#risk-meta", "data-where")).toBe("worker");
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("blocks an inline script and a third-party script (the policy is enforced, so the checks above can fail)", async () => {
    await page.goto(`${host.url}forbidden.html`);
    await expect.poll(async () => (await allCspViolations(page)).length).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { __inline?: boolean }).__inline)).toBeUndefined();
  });
});
