/**
 * The panel end to end, in headless Chromium through the preview host: select the example ranges, compare,
 * write the sheet, and check that the written live formulas compute exactly what the panel showed; bad input
 * shows its message and writes nothing; a failed write leaves the workbook as it was.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, MODEL_NAMES } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { byTarget, sensitivity } from "../../src/engine/comparison/sensitivity";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { main } from "../../src/cli/pay";
import { buildExamples } from "../../examples/build-examples";
import { FIGURE_KEYS } from "../../src/excel/plan";
import { openPreview, paneAccessibility, openInputs } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

type Preview = {
  sheets: () => string[];
  value: (s: string, r: number, c: number) => unknown;
  formula: (s: string, r: number, c: number) => string | undefined;
  failNextWrite: () => void;
};
const sheets = () => page.evaluate(() => (globalThis as unknown as { __preview: Preview }).__preview.sheets());

async function select(from: string, to: string): Promise<void> {
  await page.locator(`td[data-cell="${from}"]`).dispatchEvent("mousedown");
  await page.locator(`td[data-cell="${to}"]`).dispatchEvent("mousedown", { shiftKey: true });
}

type OrgState = { income: number; cost: number; margin: number };
type CompareJson = {
  organisations: string[];
  models: {
    id: string;
    commissioner: Record<string, number>;
    organisations: Record<"base" | "lower" | "higher" | "shifted", OrgState>[];
    versusToday: { organisations: { name: string; switch: number; shift: number; total: number }[]; commissioner: { total: number } };
  }[];
};
let exampleFile = "";

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  const dir = mkdtempSync(path.join(tmpdir(), "pay-e2e-examples-"));
  await buildExamples(dir, path.resolve(__dirname, "../../data/gp-practice-weighted-populations-2025-26.csv"));
  exampleFile = path.join(dir, "integrated-care.xlsx");
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
    await openInputs(page);
    await page.fill("#in-table", "Nowhere!A1:F9");
    await page.fill("#in-cohort", "lots");
    await page.click("#compare");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Nothing was computed");
    expect(await page.textContent("main")).toContain("Cannot read 'Nowhere!A1:F9': there is no sheet called 'Nowhere'");
    expect(await page.textContent("main")).toContain("Cannot read 'lots'");
    expect(await page.locator("#write").isDisabled()).toBe(true);
    expect(await sheets()).toEqual(before);
  });

  it("compares the three-organisation example chosen from the selection: the pane, the written sheet and pay compare --json agree", async () => {
    await page.click('[data-sheet="Integrated"]');
    await select("A3", "H11");
    await openInputs(page);
    await page.click("#sel-table");
    expect(await page.inputValue("#in-table")).toBe("Integrated!A3:H11");
    await openInputs(page);
    await page.fill("#in-cohort", "Integrated!B14");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
    // The same workbook's figures through the command line (examples/integrated-care.xlsx, same table and cohort).
    const out: string[] = [];
    const code = await main(["compare", exampleFile, "--table", "IntegratedPathway", "--cohort", "Cohort", "--json"], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code, out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as CompareJson;
    expect(json.organisations).toEqual(["Acute trust", "Community trust", "PCN"]);
    // The pane leads with who gains: each organisation's change in margin when care moves out of hospital.
    for (const [o, name] of json.organisations.entries()) {
      const shown = await page
        .locator(`#who-gains [data-row="org:${name}"] [data-model]`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
      const want = json.models.map((m) => m.organisations[o].shifted.margin - m.organisations[o].base.margin);
      shown.forEach((v, k) => expect(Math.abs(v - want[k]), `${name} ${json.models[k].id}`).toBeLessThan(1e-6));
    }
    const saving = await page
      .locator('#who-gains [data-row="commissioner"] [data-model]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
    saving.forEach((v, k) => expect(Math.abs(v - (json.models[k].commissioner.base - json.models[k].commissioner.shifted))).toBeLessThan(1e-6));
    expect(await page.textContent("#readings")).toContain("Acute trust loses");
    // It leads with today's contracts: each model against them (switch + shift), the same figures as pay compare's versusToday.
    expect(await page.locator("#comparison section").first().getAttribute("id")).toBe("against-today");
    for (const [o, name] of json.organisations.entries()) {
      const cells = page.locator(`#against-today [data-row="org:${name}"] [data-model]:not([data-model="today"])`);
      const shown = await cells.evaluateAll((tds) =>
        tds.map((td) => [Number(td.getAttribute("data-switch")), Number(td.getAttribute("data-shift")), Number(td.getAttribute("data-value"))]),
      );
      shown.forEach(([sw, sh, total], k) => {
        const want = json.models[k].versusToday.organisations[o];
        expect(Math.abs(sw - want.switch) + Math.abs(sh - want.shift) + Math.abs(total - want.total), `${name} ${json.models[k].id}`).toBeLessThan(
          1e-6,
        );
      });
    }
    const commissionerTotals = await page
      .locator('#against-today [data-row="commissioner"] [data-model]:not([data-model="today"])')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
    commissionerTotals.forEach((v, k) => expect(Math.abs(v - json.models[k].versusToday.commissioner.total)).toBeLessThan(1e-6));
    expect(await page.getAttribute("#who-gains", "data-layout")).toBe("list");
    // Widened, the pane shows the whole matrix as one table: organisations down, models across.
    await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "760px"));
    await expect.poll(() => page.getAttribute("#who-gains", "data-layout")).toBe("table");
    await page.locator("#who-gains").screenshot({ path: path.resolve(__dirname, "../../test-results/who-gains.png") });
    await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
    await expect.poll(() => page.getAttribute("#who-gains", "data-layout")).toBe("list");

    // One step away: a model's margins by organisation and state.
    await page.click("#tab-model");
    await page.selectOption("#model-select", "capitation");
    const cap = json.models.find((m) => m.id === "capitation")!;
    for (const [o, name] of json.organisations.entries()) {
      for (const st of ["base", "lower", "higher", "shifted"] as const) {
        const v = Number(await page.getAttribute(`#model-detail [data-org="${name}"] [data-state="${st}"]`, "data-value"));
        expect(Math.abs(v - cap.organisations[o][st].margin), `${name} ${st}`).toBeLessThan(1e-6);
      }
    }
    await page.click("#tab-compare");

    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet 'PAY comparison'");
    expect(await sheets()).toContain("PAY comparison");
    // The written sheet's headline, against today's contracts, then who gains (the shift alone): rows found by
    // their labels in column A (the first and second "Acute trust"), models across.
    const rowsOf = (label: string) =>
      page.evaluate((l) => {
        const p = (globalThis as unknown as { __preview: Preview }).__preview;
        const found: number[] = [];
        for (let r = 0; r < 400; r++) if (p.value("PAY comparison", r, 0) === l) found.push(r);
        return found;
      }, label);
    const rowOf = async (label: string) => (await rowsOf(label))[0] ?? -1;
    const [headlineRow, acuteRow] = await rowsOf("Acute trust");
    expect(headlineRow).toBeGreaterThan(0);
    const at = (r: number, c: number) =>
      page.evaluate(([row, column]) => (globalThis as unknown as { __preview: Preview }).__preview.value("PAY comparison", row, column), [r, c] as const);
    for (const [k, m] of json.models.entries()) {
      const total = await at(headlineRow, 2 + k);
      expect(Math.abs((total as number) - m.versusToday.organisations[0].total), `${m.id} against today`).toBeLessThan(1e-6);
      const cell = await at(acuteRow, 1 + k);
      expect(typeof cell, `${m.id}: ${String(cell)}`).toBe("number");
      expect(Math.abs((cell as number) - (m.organisations[0].shifted.margin - m.organisations[0].base.margin)), m.id).toBeLessThan(1e-6);
    }
    // The summary by model holds every model's totals as numbers.
    const first = await rowOf(MODEL_NAMES.activity);
    for (const [i, id] of MODEL_IDS.entries()) {
      for (const [k] of FIGURE_KEYS.entries()) {
        const cell = await page.evaluate(([r, c]) => (globalThis as unknown as { __preview: Preview }).__preview.value("PAY comparison", r, c), [
          first + i,
          1 + k,
        ] as const);
        expect(typeof cell, `${id} ${k}: ${String(cell)}`).toBe("number");
      }
    }
    const payment = await page.evaluate((r) => (globalThis as unknown as { __preview: Preview }).__preview.value("PAY comparison", r, 1), first);
    expect(Math.abs((payment as number) - json.models[0].commissioner.base)).toBeLessThan(1e-6);
    const cohortRow = await rowOf("Cohort (patients)");
    const cohort = await page.evaluate((r) => (globalThis as unknown as { __preview: Preview }).__preview.formula("PAY comparison", r, 1), cohortRow);
    expect(cohort).toBe("=Integrated!B14");
  });

  it("a term may be a cell, as the cohort is: the example's MFF 1.03 is used, and the written sheet points at it", async () => {
    await openInputs(page, true);
    await page.fill("#in-mff", "Integrated!B15");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])], "Integrated!A3:H11");
    const want = comparePaymentModels({ ...DEFAULT_TERMS, mff: 1.03, steps: table.steps, cohort: INTEGRATED_COHORT });
    const shown = Number(await page.getAttribute('#who-gains [data-row="org:Acute trust"] [data-model="activity"]', "data-value"));
    expect(shown).toBeCloseTo(want.models[0].shift.organisations[0], 6);
    // The pane as the README reads the example, at the workbook's own MFF (its figures are the README's): the form folded, the answer first.
    mkdirSync(path.resolve(__dirname, "../../test-results"), { recursive: true });
    await page.locator("#pane").screenshot({ path: path.resolve(__dirname, "../../test-results/panel.png") });
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    const mff = await page.evaluate((name) => {
      const p = (globalThis as unknown as { __preview: Preview }).__preview;
      for (let r = 0; r < 200; r++) if (p.value(name, r, 0) === "Market forces factor") return [p.formula(name, r, 1), p.value(name, r, 1)];
      return null;
    }, written);
    expect(mff).toEqual(["=Integrated!B15", 1.03]);
    await openInputs(page, true);
    await page.fill("#in-mff", "Nowhere!Z9");
    await page.click("#compare");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Nothing was computed");
    expect(await page.textContent("main")).toContain("Cannot read 'Nowhere!Z9'");
    await openInputs(page, true);
    await page.fill("#in-mff", "1");
    await page.click("text=Contract terms (defaults work for a first look)");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
  });

  it("the quality element and year-of-care tiers reach the pane: incomes with quality payments, a capitated budget over tiers", async () => {
    await openInputs(page, true);
    await page.fill("#in-qualityShare", "2.5%");
    await page.fill("#in-qualityAchievement", "60%");
    await page.fill("#in-capitationRate", "£11,000");
    await page.fill("#in-tiers", "Integrated!K3:L6");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
    await page.click("#tab-model");
    await page.selectOption("#model-select", "capitation");
    // 11,000 × (250 × 0.8 + 120 × 1.3 + 50 × 2.2) = £5,126,000 on the contract; with 2.5% held back and 60%
    // earned on it, the commissioner pays 99% of that (nothing is held back from a negative income; none here).
    const pays = Number(await page.getAttribute('#model-detail [data-row="commissioner"] [data-state="base"]', "data-value"));
    expect(pays).toBeCloseTo(5_126_000 * (1 - 0.025 + 0.025 * 0.6), 4);
    expect(await page.textContent("#quality")).toContain("Quality payments earned");
    // Back to the defaults for the tests that follow.
    await openInputs(page, true);
    await page.fill("#in-qualityShare", "0%");
    await page.fill("#in-qualityAchievement", "100%");
    await page.fill("#in-capitationRate", "");
    await page.fill("#in-tiers", "");
    await page.click("text=Contract terms (defaults work for a first look)");
    await page.click("#tab-compare");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
  });

  it("a population by need sets the capitated budget: the pane's is pay compare --population's, calibrated to today's payment", async () => {
    await openInputs(page, true);
    await page.fill("#in-population", "Integrated!J3:L6");
    await page.click("#compare");
    await expect.poll(() => page.textContent("#comparison")).toContain("Capitated budget set by need: 466 weighted people");
    await page.click("#tab-model");
    await page.selectOption("#model-select", "capitation");
    const pays = Number(await page.getAttribute('#model-detail [data-row="commissioner"] [data-state="shifted"]', "data-value"));
    const out: string[] = [];
    const file = path.resolve(__dirname, "../../examples/integrated-care.xlsx");
    const args = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--population", "Pathway!J3:L6", "--json"];
    expect(await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as { models: { id: string; capitation?: { budget: number } }[] };
    expect(pays).toBeCloseTo(json.models.find((m) => m.id === "capitation")!.capitation!.budget, 4);
    await openInputs(page, true);
    await page.fill("#in-population", "");
    await page.click("text=Contract terms (defaults work for a first look)");
    await page.click("#tab-compare");
    await page.click("#compare");
    await page.locator("#who-gains").waitFor();
  });

  it("Drivers: a tornado of one model's result after the care shift, the top drivers in a line, written to the sheet with a bar chart", async () => {
    await page.click("#tab-drivers");
    await page.locator("#tornado").waitFor();
    await page.selectOption("#drivers-model", "activity");
    await page.selectOption("#drivers-target", "0");
    // The same analysis through the engine, from the same inputs the panel read.
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])], "Integrated!A3:H11");
    const want = byTarget(sensitivity({ ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT }).models[0].rows, 0).slice(0, 12);
    const bars = await page
      .locator("#tornado [data-input]")
      .evaluateAll((gs) => gs.map((g) => [g.getAttribute("data-input"), Number(g.getAttribute("data-low")), Number(g.getAttribute("data-high"))]));
    expect(bars.map((b) => b[0])).toEqual(want.map((r) => r.input));
    bars.forEach((b, i) => {
      expect(Math.abs((b[1] as number) - want[i].atLow.organisations[0])).toBeLessThan(1e-6);
      expect(Math.abs((b[2] as number) - want[i].atHigh.organisations[0])).toBeLessThan(1e-6);
    });
    expect(await page.textContent("#drivers-reading")).toContain(
      "Under Activity-based (PbR), Acute trust's margin after the care shift moves most with",
    );
    await page.locator("#drivers").screenshot({ path: path.resolve(__dirname, "../../test-results/drivers.png") });
    // It fits the 320 px pane too.
    expect(await page.locator("#pane main").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const charts = await page.evaluate(() =>
      (globalThis as unknown as { __preview: { charts: () => { type: string; title: string }[] } }).__preview.charts(),
    );
    expect(charts.some((c) => c.type === "BarClustered" && c.title.includes("Acute trust's margin under Activity-based (PbR)"))).toBe(true);
    await page.click("#tab-compare");
  });

  it("Years: the transition's terms by year, each organisation's cumulative position charted, every model's NPV; written with a line chart", async () => {
    await page.click("#tab-years");
    await page.locator("#years-table").waitFor({ state: "attached" }); // at 320 px every model's table is one switch away
    if (!(await page.locator("#in-releaseYear").isVisible())) await page.click("#years-terms"); // folded under the chart and table
    await page.fill("#in-releaseYear", "3");
    await page.fill("#in-setupCost", "£250,000");
    await page.click("#years-prices"); // prices and costs behind their switch
    await page.fill("#in-priceUplift", "2%");
    await page.selectOption("#years-model", "block");
    // Measured first against the same model without the shift.
    await page.selectOption("#years-basis", "model");
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])], "Integrated!A3:H11");
    const want = transition(
      { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT },
      { ...DEFAULT_TRANSITION, releaseYear: 3, setupCost: [250_000], priceUplift: [0.02] },
    );
    await expect
      .poll(async () => Number(await page.getAttribute('#years-table [data-model="activity"] [data-party="Acute trust"]', "data-npv")))
      .toBeCloseTo(want.models[0].organisations[0].npv, 4);
    for (const m of want.models) {
      const npvs = await page
        .locator(`#years-table [data-model="${m.id}"] [data-party]`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-npv"))));
      [...m.organisations, m.commissioner, m.system].forEach((p, i) => expect(Math.abs(npvs[i] - p.npv), `${m.id} ${p.name}`).toBeLessThan(1e-6));
    }
    expect(await page.locator("#years-chart polyline").count()).toBe(4);
    // Then against today's contracts doing nothing, with demand growing 3% a year: the engine's versusToday.
    await page.selectOption("#years-basis", "today");
    await page.fill("#in-demandGrowth", "3%");
    const grown = transition(
      { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT },
      { ...DEFAULT_TRANSITION, releaseYear: 3, setupCost: [250_000], priceUplift: [0.02], demandGrowth: 0.03 },
    );
    await expect
      .poll(async () => Number(await page.getAttribute('#years-table [data-model="block"] [data-party="Acute trust"]', "data-npv")))
      .toBeCloseTo(grown.models[1].versusToday.organisations[0].npv, 4);
    for (const m of grown.models) {
      const npvs = await page
        .locator(`#years-table [data-model="${m.id}"] [data-party]`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-npv"))));
      const v = m.versusToday;
      [...v.organisations, v.commissioner, v.system].forEach((p, i) =>
        expect(Math.abs(npvs[i] - p.npv), `${m.id} ${p.name} against today`).toBeLessThan(1e-6),
      );
    }
    expect(await page.locator("#pane main").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.locator("#years-model").scrollIntoViewIfNeeded();
    const from = await page.locator("#years-model").boundingBox();
    const to = await page.locator("#years-table").boundingBox();
    if (from && to) {
      await page.screenshot({
        path: path.resolve(__dirname, "../../test-results/years.png"),
        clip: { x: to.x - 4, y: from.y - 28, width: 300, height: to.y + to.height - from.y + 36 },
      });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const charts = await page.evaluate(() =>
      (globalThis as unknown as { __preview: { charts: () => { type: string; title: string; series: { name: string }[] }[] } }).__preview.charts(),
    );
    const line = charts.filter((c) => c.type === "Line" && c.title.startsWith("Cumulative position by year under Block contract")).pop()!;
    expect(line.series.map((x) => x.name)).toEqual(["Acute trust", "Community trust", "PCN", "Commissioner"]);
    await page.click("#tab-compare");
  });

  it("Copy table puts the comparison on the clipboard as HTML (for Word and PowerPoint) and as text", async () => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: host.url });
    await page.click("#copy");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Table copied");
    const clip = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { html: await (await item.getType("text/html")).text(), text: await (await item.getType("text/plain")).text() };
    });
    const first = Number(await page.locator('#who-gains [data-row="org:Acute trust"] [data-model="block"]').getAttribute("data-value"));
    const money = `£${Math.round(first).toLocaleString("en-GB")}`;
    for (const body of [clip.html, clip.text]) {
      expect(body).toContain("Block contract");
      expect(body).toContain(money);
    }
    expect(clip.html).toMatch(/<table[^>]*border-collapse/);
    expect(clip.text.split("\n")).toContain("Who gains when care moves out of hospital");
    expect(clip.text).toContain("Model\tCommissioner pays");
  });

  it("never overwrites: writing again makes a second sheet", async () => {
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/'PAY comparison \(\d\)'/);
  });

  it("a write that fails part-way leaves the workbook as it was", async () => {
    const before = await sheets();
    await page.evaluate(() => (globalThis as unknown as { __preview: Preview }).__preview.failNextWrite());
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Nothing was written");
    expect(await sheets()).toEqual(before);
  });

  it("fits a 320 px pane and every control is reachable by keyboard", async () => {
    await openInputs(page);
    const { overflow, reached, unnamed } = await paneAccessibility(page, "#in-table", 30);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ["sel-table", "in-cohort", "compare", "write", "copy"]) expect(reached, id).toContain(id);
    expect(unnamed).toBe(0);
  });

  it("the console stayed clean through the whole session (compare, every tab, write, copy): no error, no warning", () => {
    expect(errors).toEqual([]);
  });
});
