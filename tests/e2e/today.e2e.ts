/**
 * Today's contracts end to end, on the example with the new columns (examples/todays-contracts.xlsx, laid out
 * in the preview as the table TodaysContracts on the sheet "Today"): the pane's "Against today's contracts",
 * the written sheet's live switch, shift and total, and `pay compare --json` on the example file agree.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_NAMES } from "../../src/engine/comparison/compare";
import { main } from "../../src/cli/pay";
import { buildExamples } from "../../examples/build-examples";
import { openPreview, openInputs } from "./host";
import { columnsNotes, type ColumnReading } from "../../src/engine/inputs/columns";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];
let example = "";

type Preview = { value: (s: string, r: number, c: number) => unknown };
const value = (sheet: string, r: number, c: number): Promise<unknown> =>
  page.evaluate(([s, row, col]) => (globalThis as unknown as { __preview: Preview }).__preview.value(s as string, row as number, col as number), [
    sheet,
    r,
    c,
  ] as const);

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  const dir = mkdtempSync(path.join(tmpdir(), "pay-e2e-today-"));
  await buildExamples(dir, path.resolve(__dirname, "../../data/gp-practice-weighted-populations-2025-26.csv"));
  example = path.join(dir, "todays-contracts.xlsx");
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

interface Json {
  organisations: string[];
  baseline: { rule: { id: string } | null; organisations: { base: { margin: number }; shifted: { margin: number } }[] };
  models: {
    id: string;
    versusToday: { organisations: { switch: number; shift: number; total: number }[]; commissioner: { switch: number; total: number } };
  }[];
}

describe("today's contracts: the pane, the written sheet and pay compare agree", () => {
  it("on the example with points of delivery, payments today and changes in volume", async () => {
    await page.click('[data-sheet="Today"]');
    await page.locator('td[data-cell="C6"]').dispatchEvent("mousedown");
    await page.click("#sel-table");
    expect(await page.inputValue("#in-table")).toBe("TodaysContracts");
    await openInputs(page);
    await page.fill("#in-cohort", "Today!B14");
    await openInputs(page, true);
    await page.fill("#in-mff", "Today!B15");
    await page.click("text=Contract terms (defaults work for a first look)");
    await page.click("#compare");
    await page.locator("#against-today").waitFor();
    const out: string[] = [];
    const code = await main(["compare", example, "--table", "TodaysContracts", "--cohort", "Cohort", "--term", "mff=MFF", "--json"], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code, out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as Json;
    // The pane.
    for (const [o, name] of json.organisations.entries()) {
      const shown = await page
        .locator(`#against-today [data-row="org:${name}"] [data-model]:not([data-model="today"])`)
        .evaluateAll((tds) => tds.map((td) => [Number(td.getAttribute("data-switch")), Number(td.getAttribute("data-value"))]));
      shown.forEach(([sw, total], k) => {
        expect(Math.abs(sw - json.models[k].versusToday.organisations[o].switch), `${name} ${json.models[k].id} switch`).toBeLessThan(1e-6);
        expect(Math.abs(total - json.models[k].versusToday.organisations[o].total), `${name} ${json.models[k].id} total`).toBeLessThan(1e-6);
      });
    }
    expect(await page.textContent("#comparison")).toContain("Point of delivery read: 'A&E' as urgent");
    // Every column of the table, read as what: the pane's note under the table and the JSON's inputs.columns tell one story.
    const columns = (json as unknown as { inputs: { columns: ColumnReading[] } }).inputs.columns;
    expect(columns.every((c) => c.readAs !== null)).toBe(true);
    expect(await page.locator("#columns-not-read").count()).toBe(0); // every column read: the folded line says nothing of columns
    await openInputs(page);
    expect(await page.textContent("#table-columns")).toBe(columnsNotes(columns).join(" "));
    // The written sheet: beside each model's block, its switch, shift and total (J, K, L) for each organisation.
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    for (const m of json.models) {
      let h = -1;
      for (let r = 0; r < 600 && h < 0; r++)
        if (
          (await value(written, r, 0)) === MODEL_NAMES[m.id as keyof typeof MODEL_NAMES] &&
          (await value(written, r, 9)) === "Against today: switch"
        )
          h = r;
      expect(h, m.id).toBeGreaterThan(0);
      for (const [o] of json.organisations.entries()) {
        const [sw, total] = [await value(written, h + 1 + o, 9), await value(written, h + 1 + o, 11)];
        expect(Math.abs((sw as number) - m.versusToday.organisations[o].switch), `${m.id} sheet switch`).toBeLessThan(1e-6);
        expect(Math.abs((total as number) - m.versusToday.organisations[o].total), `${m.id} sheet total`).toBeLessThan(1e-6);
      }
    }
    expect(errors).toEqual([]);
  });

  it("money in £m: the pane's matrix shortens every figure to millions, exact on hover; the written sheet's £ formats scale", async () => {
    await page.click("#tab-compare");
    await page.selectOption("#in-unit", "£m");
    const cell = page.locator('#against-today [data-row="org:Acute trust"] [data-model="activity"]');
    const exact = Number(await cell.getAttribute("data-value"));
    expect((await cell.textContent())?.trim()).toMatch(new RegExp(`^−?£${(Math.abs(exact) / 1e6).toFixed(2)}m`));
    // The exact figure: in a tooltip, shown on keyboard focus and describing the figure; the arrow keys move to
    // the next figure, and its own tooltip shows.
    const shownTip = () =>
      page.evaluate(() => {
        const id = document.activeElement?.getAttribute("aria-describedby");
        const tip = id ? document.getElementById(id) : null;
        return tip && tip.getBoundingClientRect().width > 0 ? tip.textContent : null;
      });
    await cell.locator("[data-exact]").focus();
    await expect.poll(shownTip).toMatch(/^Acute trust, Activity-based \(PbR\) against today's contracts: −?£[\d,]+ /);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.evaluate(() => document.activeElement?.parentElement?.getAttribute("data-model"))).not.toBe("activity");
    await expect.poll(shownTip).toMatch(/^Acute trust, (?!Activity)/);
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    const formats = await page.evaluate(
      (sheet) =>
        [...(globalThis as unknown as { __preview: { wb: { formats: Map<string, { numberFormat?: string }> } } }).__preview.wb.formats.entries()]
          .filter(([k, v]) => k.includes(sheet) && v.numberFormat?.includes("£"))
          .map(([, v]) => v.numberFormat as string),
      written,
    );
    expect(formats.length).toBeGreaterThan(20);
    expect(formats.filter((f) => f.startsWith('"£"')).every((f) => f.includes(',,"m"'))).toBe(true);
    // The assumptions list closes the sheet: the unit, and each step's payment today with where it came from.
    let found = false;
    for (let r = 0; r < 900 && !found; r++) found = (await value(written, r, 0)) === "Assumptions: what these figures rest on";
    expect(found).toBe(true);
    await page.selectOption("#in-unit", "auto");
  });

  it("with an NHS rule chosen (MRET 2010/11), today's contracts pay the non-elective steps by it, as pay compare --preset does", async () => {
    await page.click("#tab-compare");
    await openInputs(page, true);
    await page.selectOption("#in-preset", "mret-2010");
    await page.click("text=Contract terms (defaults work for a first look)");
    await page.click("#compare");
    await expect.poll(() => page.textContent("#comparison")).toContain("Marginal rate emergency rule (2010/11) pays 1 step today");
    const out: string[] = [];
    const args = ["compare", example, "--table", "TodaysContracts", "--cohort", "Cohort", "--term", "mff=MFF", "--preset", "mret-2010", "--json"];
    expect(await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as Json;
    expect(json.baseline.rule?.id).toBe("mret-2010");
    for (const [o, name] of json.organisations.entries()) {
      const today = Number(await page.getAttribute(`#against-today [data-row="org:${name}"] [data-model="today"]`, "data-value"));
      const b = json.baseline.organisations[o];
      expect(Math.abs(today - (b.shifted.margin - b.base.margin)), `${name}: today's contracts when care moves`).toBeLessThan(1e-6);
      const totals = await page
        .locator(`#against-today [data-row="org:${name}"] [data-model]:not([data-model="today"])`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
      totals.forEach((t, k) =>
        expect(Math.abs(t - json.models[k].versusToday.organisations[o].total), `${name} ${json.models[k].id}`).toBeLessThan(1e-6),
      );
    }
    expect(errors).toEqual([]);
  });
});
