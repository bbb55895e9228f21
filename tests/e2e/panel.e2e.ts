/**
 * The panel end to end, in headless Chromium through the preview host: select the example ranges, compare,
 * write the sheet, and check that the written live formulas compute exactly what the panel showed; bad input
 * shows its message and writes nothing; a failed write leaves the workbook as it was.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_IDS, MODEL_NAMES } from "../../src/engine/compare";
import { FIGURE_KEYS } from "../../src/excel/plan";
import { openPreview, paneAccessibility } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

type Preview = { sheets: () => string[]; value: (s: string, r: number, c: number) => unknown; formula: (s: string, r: number, c: number) => string | undefined; failNextWrite: () => void };
const sheets = () => page.evaluate(() => (globalThis as unknown as { __preview: Preview }).__preview.sheets());

async function select(from: string, to: string): Promise<void> {
  await page.locator(`td[data-cell="${from}"]`).dispatchEvent("mousedown");
  await page.locator(`td[data-cell="${to}"]`).dispatchEvent("mousedown", { shiftKey: true });
}

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

describe("comparison panel in the preview host", () => {
  it("loads Microsoft's office.js and the panel without errors", async () => {
    expect(await page.evaluate(() => typeof (globalThis as unknown as { Office?: { onReady?: unknown } }).Office?.onReady)).toBe("function");
    expect(errors).toEqual([]);
  });

  it("a bad input shows its message and writes nothing", async () => {
    const before = await sheets();
    await page.fill("#in-table", "Nowhere!A1:F9");
    await page.fill("#in-cohort", "lots");
    await page.click("#compare");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Nothing was computed");
    expect(await page.textContent("main")).toContain("Cannot read 'Nowhere!A1:F9': there is no sheet called 'Nowhere'");
    expect(await page.textContent("main")).toContain("Cannot read 'lots'");
    expect(await page.locator("#write").isDisabled()).toBe(true);
    expect(await sheets()).toEqual(before);
  });

  it("compares the example pathway chosen from the selection, and the written formulas reproduce its figures", async () => {
    await select("A3", "F10");
    await page.click("#sel-table");
    expect(await page.inputValue("#in-table")).toBe("Pathway!A3:F10");
    await page.fill("#in-cohort", "Cohort"); // a defined name for Pathway!B13
    await page.click("#compare");
    await page.locator("#comparison").waitFor();
    const shown: Record<string, number[]> = {};
    for (const id of MODEL_IDS) {
      shown[id] = (await page.locator(`[data-model="${id}"] [data-value]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value")))));
      expect(shown[id]).toHaveLength(6);
    }
    mkdirSync(path.resolve(__dirname, "../../test-results"), { recursive: true });
    await page.locator("#pane").screenshot({ path: path.resolve(__dirname, "../../test-results/panel.png") });

    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet 'PAY comparison'");
    expect(await sheets()).toContain("PAY comparison");
    // Rows found by their labels in column A (the plan places each block below the one above it).
    const rowOf = (label: string) =>
      page.evaluate((l) => {
        const p = (globalThis as unknown as { __preview: Preview }).__preview;
        for (let r = 0; r < 200; r++) if (p.value("PAY comparison", r, 0) === l) return r;
        return -1;
      }, label);
    const first = await rowOf(MODEL_NAMES.activity);
    const current = await rowOf("Current activity");
    expect(first).toBeGreaterThan(current);
    // The panel shows payment, margin, −10%, +10%, shift margin, shift payment.
    const keyToPanel: Partial<Record<(typeof FIGURE_KEYS)[number], number>> = { payment: 0, margin: 1, marginLower: 2, marginHigher: 3, marginShifted: 4, systemShifted: 5 };
    for (const [i, id] of MODEL_IDS.entries()) {
      for (const [k, key] of FIGURE_KEYS.entries()) {
        const at = keyToPanel[key];
        const cell = await page.evaluate(([r, c]) => (globalThis as unknown as { __preview: Preview }).__preview.value("PAY comparison", r, c), [first + i, 1 + k] as const);
        expect(typeof cell, `${id} ${key}: ${String(cell)}`).toBe("number");
        if (at !== undefined) expect(Math.abs((cell as number) - shown[id][at]), `${id} ${key}`).toBeLessThan(1e-6);
      }
    }
    const f = await page.evaluate((r) => (globalThis as unknown as { __preview: Preview }).__preview.formula("PAY comparison", r, 1), current);
    expect(f).toBe("=PAY.PATHWAY_COST(Pathway!$C$4:$C$10,Pathway!$E$4:$E$10,Pathway!$F$4:$F$10,$B$13,$B$14)");
    const cohort = await page.evaluate(() => (globalThis as unknown as { __preview: Preview }).__preview.formula("PAY comparison", 12, 1));
    expect(cohort).toBe("=Pathway!B13");
  });

  it("Copy table puts the comparison on the clipboard as HTML (for Word and PowerPoint) and as text", async () => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: host.url });
    await page.click("#copy");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Table copied");
    const clip = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { html: await (await item.getType("text/html")).text(), text: await (await item.getType("text/plain")).text() };
    });
    const first = Number(await page.locator('[data-model="block"] [data-value]').first().getAttribute("data-value"));
    const money = `£${Math.round(first).toLocaleString("en-GB")}`;
    for (const body of [clip.html, clip.text]) {
      expect(body).toContain("Block contract");
      expect(body).toContain(money);
    }
    expect(clip.html).toMatch(/<table[^>]*border-collapse/);
    expect(clip.text.split("\n")[1].split("\t")[0]).toBe("Model");
  });

  it("never overwrites: writing again makes a second sheet", async () => {
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("'PAY comparison (2)'");
  });

  it("a write that fails part-way leaves the workbook as it was", async () => {
    const before = await sheets();
    await page.evaluate(() => (globalThis as unknown as { __preview: Preview }).__preview.failNextWrite());
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Nothing was written");
    expect(await sheets()).toEqual(before);
  });

  it("fits a 320 px pane and every control is reachable by keyboard", async () => {
    const { overflow, reached, unnamed } = await paneAccessibility(page, "#in-table", 30);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ["sel-table", "in-cohort", "compare", "write", "copy"]) expect(reached, id).toContain(id);
    expect(unnamed).toBe(0);
  });
});
