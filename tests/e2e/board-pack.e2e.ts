/**
 * The board pack end to end in headless Chromium through the preview host: a pathway chosen as an Excel table
 * (any cell of it), written with structured references; a row added to the table changes the written figures
 * to the engine's; the written sheet's styles, tables, frozen titles and print setup read back through the
 * fake (whose calls mirror Office.js); the preview shows number formats, column widths and where charts sit.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, MODEL_NAMES } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { openPreview, openInputs } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];
const shots = path.resolve(__dirname, "../../test-results");

type Preview = {
  value: (s: string, r: number, c: number) => unknown;
  formula: (s: string, r: number, c: number) => string | undefined;
  tables: () => { name: string; sheet: string; columns: string[]; style?: string; showFilterButton?: boolean }[];
  format: (a: string) => { style?: string; numberFormat?: string } | undefined;
  freeze: (s: string) => string | undefined;
  pageLayout: (s: string) => Record<string, unknown> | undefined;
  addTableRow: (name: string, values: unknown[]) => Promise<void>;
};
const preview = <T>(f: (p: Preview, arg: never) => T, arg?: unknown): Promise<T> =>
  page.evaluate(([src, a]) => new Function("p", "a", `return (${src})(p, a)`)((globalThis as unknown as { __preview: Preview }).__preview, a) as T, [
    f.toString(),
    arg,
  ] as const);

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

const added = ["Home visit", "community", "Community trust", 70, 66, 2, 0.5, 0.8];

describe("a pathway in an Excel table, written as a board pack", () => {
  let written = "";
  const rowOf = (label: string) =>
    preview(
      (p, [s, l]: [string, string]) => {
        for (let r = 0; r < 400; r++) if (p.value(s, r, 0) === l) return r;
        return -1;
      },
      [written, label],
    );

  it("takes the table from any cell of it, and the written figures follow a row added to it", async () => {
    await page.click('[data-sheet="Steps table"]');
    await page.locator('td[data-cell="D6"]').dispatchEvent("mousedown");
    await page.click("#sel-table");
    expect(await page.inputValue("#in-table")).toBe("PathwaySteps");
    await openInputs(page);
    await page.fill("#in-cohort", "'Steps table'!B14");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    const first = await rowOf(MODEL_NAMES.activity);
    const read = async () =>
      Promise.all(MODEL_IDS.map((_, i) => preview((p, [s, r]: [string, number]) => p.value(s, r, 1) as number, [written, first + i])));
    const steps = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "A1").steps;
    const before = comparePaymentModels({ ...DEFAULT_TERMS, steps, cohort: INTEGRATED_COHORT });
    (await read()).forEach((v, i) => expect(v, MODEL_IDS[i]).toBeCloseTo(before.models[i].states.base.commissioner, 4));
    // The formulas name the table's columns, not its cells.
    const formulas = await preview((p, s: string) => {
      const out: string[] = [];
      for (let r = 0; r < 120; r++) for (let c = 0; c < 12; c++) out.push(p.formula(s, r, c) ?? "");
      return out;
    }, written);
    expect(formulas.some((f) => f.includes("PathwaySteps[Unit price £]"))).toBe(true);
    expect(formulas.some((f) => f.includes("'Steps table'!$D$"))).toBe(false);

    await preview((p, v: unknown[]) => p.addTableRow("PathwaySteps", v), added);
    const grown = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s]), added], "A1").steps;
    const after = comparePaymentModels({ ...DEFAULT_TERMS, steps: grown, cohort: INTEGRATED_COHORT });
    (await read()).forEach((v, i) => expect(v, MODEL_IDS[i]).toBeCloseTo(after.models[i].states.base.commissioner, 4));
    expect(after.models[0].states.base.commissioner).toBeGreaterThan(before.models[0].states.base.commissioner);
  });

  it("the written sheet: Excel's styles, tables, frozen titles and print setup, read back through the fake", async () => {
    const q = `'${written}'`;
    expect((await preview((p, a: string) => p.format(a), `${q}!A1`))?.style).toBe("SheetTitle");
    expect((await preview((p, a: string) => p.format(a), `${q}!B3`))?.numberFormat).toBe("d mmmm yyyy");
    const mff = await rowOf("Market forces factor");
    expect((await preview((p, a: string) => p.format(a), `${q}!B${mff + 1}`))?.style).toBe("Input");
    const tables = (await preview((p) => p.tables())).filter((t) => t.sheet === written);
    expect(tables.map((t) => t.name)).toEqual(["PAY_AgainstToday", "PAY_WhoGains", "PAY_Summary"]);
    expect(tables.every((t) => t.showFilterButton === false)).toBe(true);
    expect(await preview((p, s: string) => p.freeze(s), written)).toBe("A1:A3");
    const layout = await preview((p, s: string) => p.pageLayout(s), written);
    expect(layout).toMatchObject({ orientation: "Landscape", printTitleRows: "$1:$3", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(String(layout?.leftFooter)).toMatch(/^PAY comparison written \d{1,2} [A-Z][a-z]+ \d{4} from &F$/);
  });

  it("the preview shows what Excel would: number formats, column widths, styles and where each chart sits", async () => {
    // The written sheet is the active one. A money cell shows £000 (£4,682k) by default, as board papers do; the date shows as a date.
    expect(await page.locator('td[data-cell="B3"]').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    const first = await rowOf(MODEL_NAMES.activity);
    expect(await page.locator(`td[data-cell="B${first + 1}"]`).textContent()).toMatch(/^\(?£\d{1,3}(,\d{3})*k\)?$/);
    const a = await page.locator('td[data-cell="A5"]').boundingBox();
    const b = await page.locator('td[data-cell="B5"]').boundingBox();
    expect(Math.round(a!.width)).toBeGreaterThan(Math.round(b!.width)); // column A is the wide labels column
    const charts = page.locator("figure[data-chart]");
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await charts.first().textContent()).toContain("Change in margin (£ a year)");
    expect(errors).toEqual([]);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: path.join(shots, "written-sheet.png") });
    // Where the charts sit, beside the tables they draw.
    await charts.first().scrollIntoViewIfNeeded();
    const box = await charts.first().boundingBox();
    if (box)
      await page.screenshot({
        path: path.join(shots, "written-charts.png"),
        clip: { x: Math.max(0, box.x - 260), y: Math.max(0, box.y - 40), width: Math.min(1100, box.width + 300), height: 880 },
      });
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});

describe("copy for Word and PowerPoint: the table, the charts as Excel draws them, and a board-paper paragraph", () => {
  it("each has its own button and puts HTML (and a picture, for the charts) on the clipboard", async () => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: host.url });
    const read = () =>
      page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        const out: Record<string, string> = {};
        for (const t of item.types) out[t] = t.startsWith("image/") ? String((await item.getType(t)).size) : await (await item.getType(t)).text();
        return out;
      });
    await page.click("#copy-paragraph");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Paragraph copied");
    const para = await read();
    expect(para["text/plain"]).toMatch(/^We compared 7 payment models for this pathway of 3 organisations \(Acute trust, Community trust, PCN\)/);
    expect(para["text/plain"]).toContain("Acute trust fares best under");
    expect(para["text/html"]).toContain("<p style=");

    await page.click("#copy-charts");
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/\d+ charts copied/);
    const charts = await read();
    expect(charts["text/html"]).toContain('src="data:image/png;base64,');
    expect(charts["text/html"]).toContain("Change in margin when care moves out of hospital, by organisation and model");
    expect(Number(charts["image/png"])).toBeGreaterThan(1000); // the fake draws a real picture of the chart
  });
});

describe("an Excel with only the manifest's ExcelApi 1.7", () => {
  it("writes the sheet all the same, and says it prints with Excel's defaults", async () => {
    const old = await ctx.newPage();
    await old.goto(`${host.url}preview.html?excelApi=1.7`);
    await old.locator("#compare").waitFor();
    await old.fill("#in-table", "Integrated!A3:H11");
    await old.fill("#in-cohort", "420");
    await old.click("#compare");
    await old.locator("#who-gains").waitFor();
    await old.click("#write");
    await expect.poll(() => old.locator("#status").textContent()).toContain("Written to the new sheet");
    expect(await old.locator("#status").textContent()).toContain(
      "this Excel has no print setup API (ExcelApi 1.9): the sheet prints with Excel's defaults",
    );
    const layout = await old.evaluate(() => (globalThis as unknown as { __preview: Preview }).__preview.pageLayout("PAY comparison"));
    expect(layout).toBeUndefined();
    await old.close();
  });
});

describe("Office's theme", () => {
  /** Luminance of a CSS colour "rgb(r, g, b)". */
  const lum = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).slice(0, 3).map((x) => Number(x) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const colours = (p: Page) =>
    p
      .locator("#pane [data-theme]")
      .evaluate((el) => ({ theme: el.getAttribute("data-theme"), bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));

  it("follows Excel's dark theme and Windows' high contrast, with Fluent's tokens (screenshots of both)", async () => {
    expect((await colours(page)).theme).toBe("light");
    const dark = await ctx.newPage();
    await dark.goto(`${host.url}preview.html?officeTheme=dark`);
    await dark.locator("#compare").waitFor();
    await dark.fill("#in-table", "Integrated!A3:H11");
    await dark.fill("#in-cohort", "420");
    await dark.click("#compare");
    await dark.locator("#who-gains").waitFor();
    const d = await colours(dark);
    expect(d.theme).toBe("dark");
    expect(lum(d.bg)).toBeLessThan(0.2);
    expect(lum(d.fg)).toBeGreaterThan(0.7);
    await dark.locator("#pane").screenshot({ path: path.join(shots, "panel-dark.png") });
    // Windows high contrast shows as forced colours: the pane takes Fluent's high-contrast theme.
    await dark.emulateMedia({ forcedColors: "active" });
    await dark.locator("#pane").click({ position: { x: 5, y: 5 } });
    await dark.evaluate(() => window.dispatchEvent(new Event("focus")));
    await expect.poll(async () => (await colours(dark)).theme).toBe("contrast");
    await dark.locator("#pane").screenshot({ path: path.join(shots, "panel-contrast.png") });
    await dark.close();
  });
});
