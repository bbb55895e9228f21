/**
 * A single holder end to end (issue 36), on examples/single-holder.xlsx laid out in the preview as the sheet
 * "Holder": the pane's By model view, the written sheet (recomputed by the preview's Excel) and `pay compare --json`
 * agree on what the holder keeps, its free margin and the VAT lost.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/pay";
import { buildExamples } from "../../examples/build-examples";
import { openPreview, openInputs } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];
let example = "";

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  const dir = mkdtempSync(path.join(tmpdir(), "pay-e2e-holder-"));
  await buildExamples(dir, path.resolve(__dirname, "../../data/gp-practice-weighted-populations-2025-26.csv"));
  example = path.join(dir, "single-holder.xlsx");
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

type Holder = { name: string; margin: number; freeMargin: number; vat: { irrecoverable: number }[] };

describe("a single holder: the pane, the sheet and pay compare agree", () => {
  it("what the holder keeps, its free margin and the VAT lost", async () => {
    await openInputs(page);
    await page.fill("#in-table", "Holder!A3:G5");
    await page.fill("#in-cohort", "Holder!B8");
    await openInputs(page, true);
    await page.fill("#in-capitationRate", "1000");
    await page.fill("#in-lead", "ICP");
    await page.fill("#in-organisations", "Holder!A11:D13");
    await page.fill("#in-fee", "2%");
    await page.fill("#in-reserve", "1.5%");
    await page.click("#compare");
    await page.click("#tab-model");
    await page.selectOption("#model-select", "capitation");
    await page.locator("#holder").waitFor();
    const out: string[] = [];
    const args = ["compare", example, "--table", "HolderPathway", "--cohort", "Cohort", "--organisations", "Partners"];
    const terms = ["--term", "capitationRate=1000", "--term", "leadProvider=ICP", "--term", "managementFee=2%", "--term", "riskReserve=1.5%", "--json"];
    expect(await main([...args, ...terms], { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const h = (JSON.parse(out.join("\n")) as { models: { id: string; holder: Holder }[] }).models.find((m) => m.id === "capitation")!.holder;
    expect(Number(await page.getAttribute("#holder", "data-margin"))).toBeCloseTo(h.margin, 6);
    expect(Number(await page.getAttribute("#holder", "data-free"))).toBeCloseTo(h.freeMargin, 6);
    expect(Number(await page.getAttribute("#holder", "data-vat"))).toBeCloseTo(h.vat[0].irrecoverable, 6);
    expect(await page.textContent("#holder")).toContain("ICP holds £10,000,000 and keeps £300,000");
    // The answer first: the pane's sentence is the one pay compare's text opens with.
    const text: string[] = [];
    await main([...args, ...terms.slice(0, -1)], { out: (l) => text.push(l), err: (l) => text.push(l) });
    expect(await page.textContent("#answer")).toBe(text[0]);
    // The written sheet: the capitated budget's block, ICP's margin today, recomputed.
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    const margin = await page.evaluate((name) => {
      const p = (globalThis as unknown as { __preview: { value: (s: string, r: number, c: number) => unknown } }).__preview;
      let block = -1;
      for (let r = 0; r < 400; r++) {
        const a = p.value(name, r, 0);
        if (a === "Capitated budget" && block < 0 && p.value(name, r, 1) === "Income: Today's activity") block = r;
        if (block >= 0 && r > block && a === "ICP") return p.value(name, r, 5);
      }
      return null;
    }, written);
    expect(margin as number).toBeCloseTo(h.margin, 4);
    expect(errors).toEqual([]);
    await page.setViewportSize({ width: 500, height: 900 });
    await page.locator("#holder").screenshot({ path: path.resolve(__dirname, "../../test-results/holder-500.png") });
  });
});
