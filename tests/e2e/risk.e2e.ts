/**
 * The "Risk" view end to end in headless Chromium through the preview host: the simulation runs in the Web
 * Worker with a progress bar while the pane stays responsive, gives exactly the engine's figures for the same
 * seed, can be cancelled without changing anything, and "Write to sheet" adds the figures as values (seed and
 * trials stated), the closed-form PAY formulas beside them, and native charts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COHORT, PATHWAY_STEPS } from "../../examples/data";
import { DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { openPreview, paneAccessibility, riskSettings } from "./host";
import { main } from "../../src/cli/pay";

/** The year the pane simulates by default: after the whole care shift, for certain (`pay compare --delivery 0%`). */
const AFTER_SHIFT = { mean: 1, sd: 0 };

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

type Chart = { sheet: string; type: string; title: string; source: string; series: { name: string; values: string; xValues?: string }[] };
type Preview = {
  sheets: () => string[];
  value: (s: string, r: number, c: number) => unknown;
  formula: (s: string, r: number, c: number) => string | undefined;
  charts: () => Chart[];
};
const preview = <T>(f: (p: Preview) => T): Promise<T> => page.evaluate(`(${f.toString()})(globalThis.__preview)`) as Promise<T>;

/** The same inputs the panel reads from the example sheet (the terms left at their defaults). */
const table = readPathwayTable(
  [["Step", "Setting", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"], ...PATHWAY_STEPS.map((s) => [...s])],
  "Pathway!A3:F10",
  {},
);
const inputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: COHORT };

/** The Risk view's detail (cards, readings, charts) is one switch away: show it for what a test clicks in it. */
async function showDetail(): Promise<void> {
  if (!(await page.isChecked("#risk-detail-shown"))) await page.click("#risk-detail-shown");
}

async function statValues(model: string): Promise<Record<string, number>> {
  const cells = await page
    .locator(`#risk-models [data-model="${model}"] [data-stat]`)
    .evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-stat"), Number(td.getAttribute("data-value"))]));
  return Object.fromEntries(cells) as Record<string, number>;
}

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  await page.fill("#in-table", "Pathway!A3:F10");
  await page.fill("#in-cohort", "Cohort");
  await page.click("#compare");
  await page.locator("#comparison").waitFor();
  await page.click("#tab-risk");
  await page.locator("#simulate").waitFor();
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

describe("risk view in the preview host", () => {
  it("bad settings show their message and simulate nothing", async () => {
    await riskSettings(page);
    await page.fill("#in-trials", "1");
    await page.fill("#in-seed", "-3");
    await page.click("#simulate");
    await expect.poll(() => page.locator("#risk-status").textContent()).toContain("Nothing was simulated");
    const text = await page.textContent("main");
    expect(text).toContain("Trials: expected a whole number from 2 to 2,000,000");
    expect(text).toContain("Seed: expected a whole number from 0");
    expect(await page.locator("#risk-meta").count()).toBe(0);
  });

  it("runs in the worker with progress, keeps the pane responsive, and gives the engine's figures for the seed", async () => {
    const trials = 1_000_000;
    await riskSettings(page);
    await page.fill("#in-trials", trials.toLocaleString("en-GB"));
    await page.fill("#in-seed", "777");
    await riskSettings(page);
    await page.fill("#in-sweepTrials", "5000");
    // Watch the pane's own thread while the simulation runs: the longest gap between 20 ms timer ticks.
    await page.evaluate(() => {
      const w = globalThis as unknown as { __gaps: number[]; __tick: number };
      w.__gaps = [];
      w.__tick = performance.now();
      const id = setInterval(() => {
        const now = performance.now();
        w.__gaps.push(now - w.__tick);
        w.__tick = now;
        if (w.__gaps.length > 400 || document.querySelector("#risk-meta")) clearInterval(id);
      }, 20);
    });
    await page.click("#simulate");
    await page.locator("#risk-progress").waitFor();
    await page.locator("#cancel").waitFor();
    // Looking at the comparison meanwhile does not stop it.
    await page.click("#tab-compare");
    expect(await page.locator("#comparison").isVisible()).toBe(true);
    await page.click("#tab-risk");
    // Still running, or already done with its figures (a fast machine may finish while the other tab showed); never stopped.
    expect(await page.locator("#risk-progress, #risk-meta").count()).toBeGreaterThan(0);
    // The pane answers while the work runs: typing into a field changes it at once.
    await riskSettings(page);
    await page.fill("#in-tolerance", "3%");
    expect(await page.inputValue("#in-tolerance")).toBe("3%");
    await page.locator("#risk-meta").waitFor({ state: "attached", timeout: 60_000 });
    const gaps = await page.evaluate(() => (globalThis as unknown as { __gaps: number[] }).__gaps);
    expect(gaps.length).toBeGreaterThan(5);
    // Responsive throughout: no pause of the pane's thread near the run's length (a simulation on the main
    // thread would be one pause as long as the run). Relative, so a busy machine's longer ticks do not flip it.
    const watched = gaps.reduce((a, b) => a + b, 0);
    expect(Math.max(...gaps), `longest pause of ${gaps.length} ticks over ${Math.round(watched)} ms`).toBeLessThan(Math.max(250, 0.4 * watched));
    expect(await page.locator("#risk-progress").count()).toBe(0);

    expect(await page.getAttribute("#risk-meta", "data-seed")).toBe("777");
    expect(await page.getAttribute("#risk-meta", "data-trials")).toBe(String(trials));
    expect(await page.getAttribute("#risk-meta", "data-where")).toBe("worker");
    expect(await page.textContent("#risk-meta")).toContain("seed 777");
    // Same seed, same figures: the browser's worker and the engine in Node agree exactly.
    // The pane simulates the year after the care shift by default (the whole shift, for certain).
    const expected = simulateRisk(inputs, { trials, seed: 777, dispersion: { kind: "poisson" }, delivery: AFTER_SHIFT });
    for (const m of expected.models) {
      const shown = await statValues(m.id);
      expect(shown.marginP5, m.id).toBe(m.margin.p5.value);
      expect(shown.marginP50, m.id).toBe(m.margin.p50.value);
      expect(shown.marginP95, m.id).toBe(m.margin.p95.value);
      expect(shown.marginMean, m.id).toBe(m.margin.mean.value);
      expect(shown.loss, m.id).toBe(m.lossChance.value);
      expect(shown.paymentMean, m.id).toBe(m.payment.mean.value);
    }
    const sweep = populationSweep(
      inputs.steps,
      { trials: 5000, seed: 777, dispersion: { kind: "poisson" }, tolerance: 0.03, confidence: 0.95 },
      COHORT,
    );
    expect(Number(await page.getAttribute("#min-pop", "data-normal"))).toBe(sweep.minPopulationNormal);
    const rows = await page
      .locator("#sweep-table [data-population]")
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-population"))));
    expect(rows).toEqual(sweep.rows.map((r) => r.population));
    const sims = await page.locator('#sweep-table [data-stat="sim"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
    expect(sims).toEqual(sweep.rows.map((r) => r.overspend.value));
    // The chart plots one point per population, simulated and normal.
    expect(await page.locator("#sweep-chart circle").count()).toBe(sweep.rows.length);
    expect((await page.getAttribute('#sweep-chart [data-series="normal"]', "points"))?.split(" ")).toHaveLength(sweep.rows.length);
    expect(errors).toEqual([]);
    mkdirSync(path.resolve(__dirname, "../../test-results"), { recursive: true });
    // For the README: one model's figures, the histogram and the population sweep, on a tall page.
    await page.setViewportSize({ width: 1280, height: 9000 });
    const top = await page.locator('#risk-models [data-model="riskshare"]').boundingBox();
    const bottom = await page.locator('section[aria-label="Population size"]').boundingBox();
    if (top && bottom) {
      await page.screenshot({
        path: path.resolve(__dirname, "../../test-results/risk.png"),
        clip: { x: top.x - 8, y: top.y - 8, width: top.width + 16, height: bottom.y + bottom.height - top.y + 16 },
      });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("shows a histogram of the chosen model's margin", async () => {
    const counts = async () => page.locator("#risk-histogram rect").evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-count"))));
    const cap = await counts();
    expect(cap).toHaveLength(30);
    expect(cap.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    await showDetail();
    await page.selectOption("#hist-model", "riskshare");
    const rs = await counts();
    expect(rs.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(rs).not.toEqual(cap);
  });

  it("the risk view fits the 320 px pane, and its controls are labelled and reachable by keyboard", async () => {
    await riskSettings(page);
    const { overflow, reached, unnamed } = await paneAccessibility(page, "#in-trials", 12);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ["in-seed", "in-tolerance", "in-confidence", "in-sweepTrials", "in-dispersion", "simulate"]) expect(reached, id).toContain(id);
    expect(unnamed).toBe(0);
    expect(await page.getAttribute("#risk-histogram", "aria-label")).toContain("Histogram of provider margin");
  });

  it("Cancel stops a long run at once and changes nothing", async () => {
    const before = await statValues("capitation");
    await riskSettings(page);
    await page.fill("#in-trials", "2,000,000");
    await page.fill("#in-seed", "1");
    await page.click("#simulate");
    await expect.poll(async () => Number((await page.getAttribute("#risk-progress", "data-done").catch(() => "0")) ?? 0)).toBeGreaterThan(0);
    await page.click("#cancel");
    await expect.poll(() => page.locator("#risk-status").textContent()).toContain("cancelled");
    expect(await page.locator("#risk-progress").count()).toBe(0);
    expect(await page.getAttribute("#risk-meta", "data-seed")).toBe("777");
    expect(await statValues("capitation")).toEqual(before);
    expect(await page.locator("#simulate").isDisabled()).toBe(false);
  });

  it("Write to sheet adds the risk figures as values with seed and trials, PAY formulas beside them, and charts", async () => {
    const shown = await statValues("capitation");
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("seed 777");
    const sheet = "PAY comparison";
    expect(await preview((p) => p.sheets())).toContain(sheet);
    // Find the risk section by its heading in column A.
    const columnA = await page.evaluate((s) => {
      const p = (globalThis as unknown as { __preview: Preview }).__preview;
      return Array.from({ length: 400 }, (_, r) => p.value(s, r, 0));
    }, sheet);
    const start = columnA.indexOf("Financial risk by simulation");
    expect(start).toBeGreaterThan(40);
    const note = String(columnA[start + 1]);
    expect(note).toContain("1,000,000 trials");
    expect(note).toContain("seed 777");
    const capRow = columnA.indexOf("Capitated budget", start);
    const v = (r: number, c: number) =>
      page.evaluate(([s, r, c]) => (globalThis as unknown as { __preview: Preview }).__preview.value(s as string, r as number, c as number), [
        sheet,
        r,
        c,
      ] as const);
    const f = (r: number, c: number) =>
      page.evaluate(([s, r, c]) => (globalThis as unknown as { __preview: Preview }).__preview.formula(s as string, r as number, c as number), [
        sheet,
        r,
        c,
      ] as const);
    expect(await v(capRow, 1)).toBe(shown.marginP5);
    expect(await v(capRow, 2)).toBe(shown.marginP50);
    expect(await v(capRow, 3)).toBe(shown.marginP95);
    expect(await f(capRow, 1)).toBeUndefined(); // a value, not a formula
    const readings = await page.locator("#risk-readings li").allTextContents();
    expect(readings).toHaveLength(8); // today's contracts, then the seven models
    for (const r of readings) expect(columnA, r).toContain(r);
    const payRow = columnA.indexOf("Capitated budget", columnA.indexOf("Commissioner pays", start));
    expect(payRow).toBeGreaterThan(capRow);
    expect(await v(payRow, 4)).toBe(shown.paymentMean);
    expect(await v(payRow, 2)).toBe(shown.paymentP50);
    // The closed-form minimum population is a live PAY formula, and computes the panel's figure.
    const minRow = columnA.indexOf("Minimum population: PAY.MIN_POPULATION");
    expect(await f(minRow, 1)).toMatch(/^=PAY\.MIN_POPULATION\(\$B\$\d+,\$B\$\d+,\$B\$\d+\)$/);
    expect(await v(minRow, 1)).toBe(Number(await page.getAttribute("#min-pop", "data-normal")));
    const firstSweep = columnA.indexOf("Population", minRow) + 1;
    expect(await f(firstSweep, 2)).toMatch(/^=PAY\.OVERSPEND_PROBABILITY\(A\d+,/);
    const charts = (await preview((p) => p.charts())).filter((c) => c.sheet === sheet);
    expect(charts.map((c) => c.type)).toEqual(["ColumnClustered", "ColumnClustered", "ColumnClustered", "Line"]);
    expect(charts[2].series.map((s) => s.name)).toEqual(["5th percentile", "Median", "95th percentile"]);
    expect(charts[3].series).toHaveLength(2);
    expect(charts[3].series.every((s) => s.xValues?.startsWith("'PAY comparison'!A"))).toBe(true);
    // Each organisation's risk under each model, as the pane shows it.
    const byOrg = columnA.indexOf("Risk by organisation", start);
    expect(byOrg).toBeGreaterThan(payRow);
    const org = await page.locator('#risk-models [data-model="capitation"] [data-org]').first();
    const orgName = await org.getAttribute("data-org");
    const orgRow = columnA.findIndex((a, r) => r > byOrg && a === "Capitated budget");
    expect(await v(orgRow, 1)).toBe(orgName);
    expect(await v(orgRow, 2)).toBe(Number(await org.locator("[data-stat=orgLoss]").getAttribute("data-value")));
    expect(await v(orgRow, 4)).toBe(Number(await org.locator("[data-stat=orgLoss]").getAttribute("data-p5")));
    expect(errors).toEqual([]);
  });

  it("what each organisation can lose: the pane's capacity, flag and population are pay compare --risk's for the same seed", async () => {
    await riskSettings(page);
    await page.fill("#in-trials", "20,000");
    await page.fill("#in-seed", "99");
    await riskSettings(page);
    await page.fill("#in-riskCapacity", "Acute trust:£1,000; General practice: 250000");
    await page.click("#simulate");
    await expect.poll(() => page.getAttribute("#risk-meta", "data-seed")).toBe("99");
    const out: string[] = [];
    const file = path.resolve(__dirname, "../../examples/hip-fracture-pathway.xlsx");
    const args = ["compare", file, "--table", "Pathway!A3:F10", "--cohort", String(COHORT), "--risk", "20000", "--seed", "99", "--delivery", "0%"];
    const code = await main([...args, "--term", "riskCapacity=Acute trust:£1,000; General practice: 250000", "--json"], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code, out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as {
      risk: {
        models: {
          id: string;
          organisations: { name: string; capacity: number; exceedsCapacity: boolean; p5Margin: number; populationToBear: number | "never" | null }[];
        }[];
        capacityBudget: { holder: string; capacity: number; budgetAtCapacity: number | null; rateAtCapacity: number | null };
      };
    };
    // What must be true of the capitated budget: the same budget and rate in the pane as in pay compare.
    const cb = json.risk.capacityBudget;
    expect(cb.holder).toBe("Acute trust");
    expect(cb.capacity).toBe(1_000);
    expect(Number(await page.getAttribute("#risk-capacity-budget", "data-budget"))).toBeCloseTo(cb.budgetAtCapacity!, 6);
    expect(Number(await page.getAttribute("#risk-capacity-budget", "data-rate"))).toBeCloseTo(cb.rateAtCapacity!, 9);
    expect(await page.locator("#risk-capacity-budget").textContent()).toMatch(/^What must be true: the capitated budget at which Acute trust bears its bad year/);
    let flagged = 0;
    for (const m of json.risk.models)
      for (const o of m.organisations) {
        const cell = page.locator(`#risk-models [data-model="${m.id}"] [data-capacity-org="${o.name}"] [data-stat=capacity]`);
        expect(Number(await cell.getAttribute("data-capacity")), `${m.id} ${o.name}`).toBeCloseTo(o.capacity, 6);
        expect(await cell.getAttribute("data-exceeds"), `${m.id} ${o.name}`).toBe(o.exceedsCapacity ? "yes" : "no");
        expect(await cell.getAttribute("data-population"), `${m.id} ${o.name}`).toBe(o.populationToBear === null ? "" : String(o.populationToBear));
        const p5 = await page.getAttribute(`#risk-models [data-model="${m.id}"] [data-org="${o.name}"] [data-stat=orgLoss]`, "data-p5");
        expect(Number(p5)).toBeCloseTo(o.p5Margin, 6);
        if (o.exceedsCapacity) flagged++;
      }
    // The acute trust's £1,000 is not enough under some model; the practice's typed £250,000 always is.
    expect(flagged).toBeGreaterThan(0);
    expect(json.risk.models.every((m) => !m.organisations.find((o) => o.name === "General practice")!.exceedsCapacity)).toBe(true);
    await riskSettings(page);
    await page.fill("#in-riskCapacity", "");
  });

  it("delivery uncertainty and a common shock: the pane's figures are pay compare --risk --delivery --shock's, and it shows how each source moves each chance of a loss", async () => {
    await riskSettings(page);
    await page.fill("#in-trials", "20,000");
    await page.fill("#in-seed", "5");
    await riskSettings(page);
    await page.selectOption("#in-delivery", "uncertain");
    await page.fill("#in-deliverySd", "20%");
    await riskSettings(page);
    await page.fill("#in-shockCv", "5%");
    await page.click("#simulate");
    await expect.poll(() => page.getAttribute("#risk-meta", "data-seed")).toBe("5");
    expect(await page.textContent("#risk-meta")).toContain("the share of the care shift achieved drawn around 100% (sd 20%)");
    const out: string[] = [];
    const file = path.resolve(__dirname, "../../examples/hip-fracture-pathway.xlsx");
    const args = [
      "compare",
      file,
      "--table",
      "Pathway!A3:F10",
      "--cohort",
      String(COHORT),
      "--risk",
      "20000",
      "--seed",
      "5",
      "--delivery",
      "20%",
      "--shock",
      "5%",
      "--json",
    ];
    expect(await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as {
      risk: { models: { id: string; organisations: { name: string; p5Margin: number; lossChance: number }[] }[] };
    };
    for (const m of json.risk.models)
      for (const o of m.organisations) {
        const cell = page.locator(`#risk-models [data-model="${m.id}"] [data-org="${o.name}"] [data-stat=orgLoss]`);
        expect(Number(await cell.getAttribute("data-p5")), `${m.id} ${o.name}`).toBeCloseTo(o.p5Margin, 6);
        expect(Number(await cell.getAttribute("data-value")), `${m.id} ${o.name}`).toBeCloseTo(o.lossChance, 9);
      }
    // Activity alone, + delivery, + common shock, every source: one column each, for every organisation.
    await showDetail();
    await page.selectOption("#hist-model", "block");
    const labels = await page.locator("#risk-sources thead th").allTextContents();
    expect(labels.slice(1)).toEqual(["Activity alone", "+ delivery", "+ common shock", "Every source"]);
    const every = await page
      .locator('#risk-sources [data-source="Every source"]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
    const block = json.risk.models.find((m) => m.id === "block")!;
    expect(every).toEqual(block.organisations.map((o) => o.lossChance));
    await riskSettings(page);
    await page.selectOption("#in-delivery", "after");
    await page.fill("#in-shockCv", "0%");
  });

  it("when the host will not start the worker, the same job runs on the pane's thread and gives the same figures", async () => {
    await page.route("**/risk-worker.js", (route) => route.fulfill({ status: 404, body: "" }));
    await riskSettings(page);
    await page.fill("#in-trials", "50,000");
    await page.fill("#in-seed", "31");
    await page.click("#simulate");
    await expect.poll(() => page.getAttribute("#risk-meta", "data-seed"), { timeout: 60_000 }).toBe("31");
    expect(await page.getAttribute("#risk-meta", "data-where")).toBe("pane");
    const expected = simulateRisk(inputs, { trials: 50_000, seed: 31, dispersion: { kind: "poisson" }, delivery: AFTER_SHIFT });
    const shown = await statValues("riskshare");
    const rs = expected.models.find((m) => m.id === "riskshare");
    expect(shown.marginP5).toBe(rs?.margin.p5.value);
    expect(shown.loss).toBe(rs?.lossChance.value);
    await page.unroute("**/risk-worker.js");
  });

  it("comparing again stops a simulation under way: its figures belonged to the old inputs", async () => {
    await riskSettings(page);
    await page.fill("#in-trials", "2,000,000");
    await page.click("#simulate");
    await expect.poll(async () => Number((await page.getAttribute("#risk-progress", "data-done").catch(() => "0")) ?? 0)).toBeGreaterThan(0);
    await page.click("#compare");
    await page.locator("#simulate").waitFor(); // the risk view again, for the new comparison
    expect(await page.locator("#risk-progress").count()).toBe(0);
    await page.waitForTimeout(4000); // longer than the cancelled run would have taken to finish
    expect(await page.locator("#risk-meta").count()).toBe(0);
    expect(await page.locator("#simulate").isDisabled()).toBe(false);
    expect(errors).toEqual([]);
  });
});
