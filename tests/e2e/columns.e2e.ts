/**
 * Every column read or said not to be, in the pane (issue 32 A): a pathway with the headers an analyst types
 * (the same cells as tests/cli/fixtures/analyst-headers.xlsx's Frailty sheet, written by openpyxl) lists the
 * columns not read under the table with the nearest field; mapping "Shift %" to "Change in volume" in the pane
 * gives the figures `pay compare --columns "Shift %=Change in volume"` gives, and the written sheet follows the
 * mapped column.
 */
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/pay";
import { openPreview, openInputs } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

const HEADERS = [
  "Service line", "Setting", "Organisation", "Point of delivery", "Unit price £", "Unit cost £", "Volume per patient",
  "Take-up", "Shift %", "Planned change", "Contract type", "Payment mechanism", "Change vs 2024/25", "Share of spend", "Cost centre",
];
const ROWS = [
  ["ED attendance", "hospital", "Acute trust", "A&E", 250, 230, 1, 1, -0.3, -0.3, "API", "fixed", 0.05, 0.2, "CC100"],
  ["Frailty admission", "hospital", "Acute trust", "NEL", 3200, 3000, 1, 0.6, -0.25, -0.25, "API", "fixed", 0.04, 0.5, "CC110"],
  ["Outpatient follow-up", "hospital", "Acute trust", "OPFU", 140, 130, 2, 0.8, -0.1, -0.1, "API", "fixed", 0.03, 0.1, "CC120"],
  ["Community rapid response", "community", "Community trust", "Community", 120, 110, 4, 0.7, 0.4, 0.4, "Block", "fixed", 0.02, 0.15, "CC200"],
  ["Care home review", "primary", "PCN", "GP", 60, 55, 2, 0.6, 0.2, 0.2, "Core", "fixed", 0.01, 0.05, "CC300"],
];
const FIXTURE = path.resolve(__dirname, "../cli/fixtures/analyst-headers.xlsx");

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  await page.evaluate(
    ([headers, rows]) => {
      const hf = (globalThis as unknown as { __preview: { wb: { hf: { addSheet(n: string): string; getSheetId(n: string): number; setSheetContent(id: number, v: unknown[][]): void } } } })
        .__preview.wb.hf;
      hf.addSheet("Analyst");
      hf.setSheetContent(hf.getSheetId("Analyst"), [headers, ...rows]);
    },
    [HEADERS, ROWS] as const,
  );
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

describe("the pane says which columns it read, and maps one as the person says", () => {
  it("lists the columns not read with the nearest field; mapped, the figures are pay compare --columns's and the sheet follows the column", async () => {
    await openInputs(page);
    await page.fill("#in-table", "Analyst!A1:O6");
    await page.fill("#in-cohort", "600");
    await page.click("#compare");
    await page.locator("#against-today").waitFor();
    // The form folds after Compare; the columns not read are still said on its line.
    const notRead = await page.textContent("#columns-not-read");
    expect(notRead).toMatch(/^Not read: 'Shift %', 'Planned change', .* and 'Cost centre' \(Change inputs to match them\)\.$/);
    expect(notRead).toContain("'Change vs 2024/25'");
    await openInputs(page);
    const note = await page.textContent("#table-columns");
    expect(note).toContain("Columns read: 'Service line' as Step");
    expect(note).toContain("'Shift %' (nearest: Change in volume)");
    expect(note).toContain("'Change vs 2024/25' (nearest: Change in volume)");
    // Looked at: the note and the choices under the table, at Excel's default 320 px and at 500 px.
    for (const width of [320, 500]) {
      await page.evaluate((w) => ((document.getElementById("pane") as HTMLElement).style.width = `${w}px`), width);
      const box = await page.locator("#table-columns").boundingBox();
      expect(box!.width).toBeLessThanOrEqual(width);
      await page.locator("#pane").screenshot({ path: path.resolve(__dirname, `../../test-results/columns-${width}.png`) });
    }
    // Nothing required is missing, so the choices wait behind one line.
    expect(await page.locator("#map-col-8").count()).toBe(0);
    await page.click("#match-columns");
    await page.selectOption("#map-col-8", "volumeChange");
    await page.click("#compare");
    await expect.poll(() => page.locator("#columns-not-read").textContent()).toMatch(/^Not read: 'Planned change', /); // 'Shift %' now read
    await openInputs(page);
    await expect.poll(() => page.textContent("#table-columns")).toContain("'Shift %' as Change in volume");
    const out: string[] = [];
    const args = ["compare", FIXTURE, "--table", "Frailty!A3:O8", "--cohort", "600", "--columns", "Shift %=Change in volume", "--json"];
    expect(await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as { organisations: string[]; models: { versusToday: { organisations: { total: number }[] } }[] };
    for (const [o, name] of json.organisations.entries()) {
      const totals = await page
        .locator(`#against-today [data-row="org:${name}"] [data-model]:not([data-model="today"])`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
      totals.forEach((v, k) => expect(Math.abs(v - json.models[k].versusToday.organisations[o].total), `${name} model ${k}`).toBeLessThan(1e-6));
    }
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    // The steps block reads each step's change from the mapped column (I).
    const formulas = await page.evaluate(() => {
      const p = (globalThis as unknown as { __preview: { sheets(): string[]; formula(s: string, r: number, c: number): unknown } }).__preview;
      const sheet = p.sheets().find((s) => s.startsWith("PAY comparison")) as string;
      const found: string[] = [];
      for (let r = 0; r < 300; r++) {
        const f = p.formula(sheet, r, 4);
        if (typeof f === "string" && f.includes("Analyst!I")) found.push(f);
      }
      return found;
    });
    expect(formulas.length).toBe(ROWS.length);
    expect(errors).toEqual([]);
  });
});
