/**
 * The built functions.js as Excel loads it, in a real browser with Microsoft's own custom-functions runtime
 * (custom-functions-runtime.js from @microsoft/office-js, served from node_modules): it registers exactly the
 * ids of functions.json, each registered function computes, and bad input fails with Microsoft's
 * CustomFunctions.Error (#VALUE! with the message naming the argument and row).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browser, buildDev, serve } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
let ids: string[];
const warnings: string[] = [];

beforeAll(async () => {
  const dir = buildDev();
  ids = (JSON.parse(readFileSync(path.join(dir, "functions.json"), "utf8")) as { functions: { id: string }[] }).functions.map((f) => f.id);
  // A page with only what Excel's functions runtime has: Microsoft's runtime, then our bundle.
  writeFileSync(path.join(dir, "registration.html"), '<!doctype html><script src="/office-js/custom-functions-runtime.js"></script><script src="functions.js"></script>');
  host = await serve(dir);
  ctx = await browser();
  page = await ctx.newPage();
  page.on("console", (m) => {
    if (m.type() === "warning" || m.type() === "error") warnings.push(m.text());
  });
  page.on("pageerror", (e) => warnings.push(e.message));
  await page.goto(`${host.url}registration.html`);
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

type Runtime = { CustomFunctions: { _association: { mappings: Record<string, (...a: unknown[]) => unknown> }; Error: new (...a: unknown[]) => Error } };

describe("functions.js in Microsoft's custom-functions runtime", () => {
  it("registers exactly the ids of functions.json, once each, with no warning", async () => {
    const registered = await page.evaluate(() => Object.keys((globalThis as unknown as Runtime).CustomFunctions._association.mappings).sort());
    expect(registered).toEqual(ids.map((id) => id.toUpperCase()).sort());
    expect(ids.length).toBeGreaterThanOrEqual(11);
    // The one warning expected here is the runtime's own note that it is not inside Excel.
    expect(warnings.filter((w) => !w.includes("Expected to be loaded inside of an Excel add-in"))).toEqual([]);
  });

  it("a registered function computes as Excel calls it, and bad input is Microsoft's CustomFunctions.Error", async () => {
    const out = await page.evaluate(() => {
      const cf = (globalThis as unknown as Runtime).CustomFunctions;
      const pathway = cf._association.mappings.PATHWAY_COST;
      const value = pathway([[200], [8000], [null]], [[1], [1], [null]], null, 10, 1.05);
      try {
        pathway([[1]], [["n/a"]]);
        return { value, error: null };
      } catch (e) {
        const err = e as { code?: string; message?: string };
        return { value, error: { isMicrosoftError: e instanceof cf.Error, code: err.code, message: err.message } };
      }
    });
    expect(out.value).toBeCloseTo(86_100, 6);
    expect(out.error?.isMicrosoftError).toBe(true);
    expect(out.error?.code).toBe("#VALUE!");
    expect(out.error?.message).toContain("volumes, row 1");
  });
});
