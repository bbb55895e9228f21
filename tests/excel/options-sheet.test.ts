/**
 * The written sheet's options section (src/excel/options/section.ts beside the engine's options.ts): written into
 * the fake of Excel and recomputed in HyperFormula, on the example's three options and three scenarios
 * (examples/data.ts, as in examples/plans-and-contracts-2026.xlsx), every option's margin, margin without support,
 * within-plan flag and position against doing nothing by party and year, and each party's NPV and NPV with
 * optimism bias, are the engine's. Its inputs are live: a set-up cost changed on the sheet moves the NPVs as the
 * engine moves them.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, comparePaymentModels, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { appraiseOptions, appraiseScenarios, type OptionSpec, type OptionsSettings } from "../../src/engine/comparison/options";
import type { TransitionTerms } from "../../src/engine/comparison/transition";
import { readOptionsTable, readScenariosTable } from "../../src/engine/inputs/options-table";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { readTransitionTerms, TRANSITION_TEXT_DEFAULTS } from "../../src/engine/inputs/terms";
import { buildPlan, type PlannedCell } from "../../src/excel/plan";
import { writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook } from "../../src/preview/fake-excel";
import {
  INTEGRATED_COHORT,
  INTEGRATED_HEADERS,
  INTEGRATED_STEPS,
  OPTION_HEADERS,
  OPTIONS,
  ORGANISATION_PLANS,
  SCENARIO_HEADERS,
  SCENARIOS,
} from "../../examples/data";
import { writtenCell } from "./written";

const YEARS = 3;

async function written(specs: readonly OptionSpec[], settings: OptionsSettings) {
  const rows = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS];
  const wb = newFakeWorkbook(createWorkbookEngine({ Steps: rows }));
  installFakeExcel(wb);
  const t = readPathwayTable(rows, "Steps!A1:H9");
  const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT };
  const terms: TransitionTerms = { ...(readTransitionTerms(TRANSITION_TEXT_DEFAULTS, YEARS).terms as TransitionTerms), demandGrowth: 0.02, start: "2026/27" };
  const sc = readScenariosTable([SCENARIO_HEADERS, ...SCENARIOS], "Scenarios!A1:C4", TRANSITION_TEXT_DEFAULTS, YEARS, null);
  expect(sc.problems).toEqual([]);
  const comparison = comparePaymentModels(inputs);
  const results = appraiseOptions(inputs, terms, specs, settings);
  const plan = buildPlan({
    columns: t.columns,
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: "Steps!A1:H9",
    cohortSource: null,
    inputs,
    comparison,
    writtenOn: new Date(Date.UTC(2026, 11, 7)),
    options: {
      results,
      specs,
      terms,
      settings,
      organisations: comparison.organisations,
      scenarios: appraiseScenarios(inputs, terms, specs, settings, sc.scenarios),
    },
  });
  const { name } = await writeComparisonSheet(plan);
  return { wb, name, plan, results, inputs, terms, at: writtenCell(wb, name) };
}

/** The k-th cell labelled `text` (option k's row of a party), its row number. */
function rowOf(cells: readonly PlannedCell[], text: string, k: number): number {
  const hits = cells.filter((c) => c.value === text);
  if (!hits[k]) throw new Error(`no row '${text}' for option ${k}`);
  return Number(/\d+/.exec(hits[k].address)![0]);
}

describe("the written options section", () => {
  const read = readOptionsTable([OPTION_HEADERS, ...OPTIONS], "Options!A1:H4", TRANSITION_TEXT_DEFAULTS, YEARS, null);
  const settings: OptionsSettings = { plans: Object.fromEntries(ORGANISATION_PLANS), optimismBias: 0.24 };

  it("recomputed, every option's figures by party and year and each NPV are the engine's", async () => {
    expect(read.problems).toEqual([]);
    const r = await written(read.options, settings);
    const col = (y: number) => String.fromCharCode(66 + y); // year 1 in B
    expect(r.results.map((o) => o.name)).toEqual(["Do nothing", "Do minimum", "Capitated budget", "Gain share"]);
    r.results.forEach((opt, k) => {
      opt.years.forEach((year, y) =>
        year.parties.forEach((p, q) => {
          const what = `${opt.name} ${p.name} ${year.label}`;
          expect(r.at(`${col(y)}${rowOf(r.plan.cells, `${p.name}: margin`, k)}`), what).toBeCloseTo(p.margin, 4);
          expect(r.at(`${col(y)}${rowOf(r.plan.cells, `${p.name}: margin without support`, k)}`), what).toBeCloseTo(p.withoutSupport, 4);
          if (q < 3) expect(r.at(`${col(y)}${rowOf(r.plan.cells, `${p.name}: within plan`, k)}`), what).toBe(p.withinPlan ? "yes" : "no");
        }),
      );
      for (const p of opt.npv) {
        const row = rowOf(r.plan.cells, `${p.name}: against doing nothing`, k);
        expect(r.at(`E${row}`), `${opt.name} ${p.name} NPV`).toBeCloseTo(p.npv, 4);
        expect(r.at(`F${row}`), `${opt.name} ${p.name} NPV with optimism bias`).toBeCloseTo(p.npvAdjusted, 4);
      }
    });
    // Do nothing is zero against itself; the capitated budget's £250,000 set-up falls on the commissioner in year 1.
    expect(r.at(`E${rowOf(r.plan.cells, "System: against doing nothing", 0)}`)).toBe(0);
    expect(r.at(`B${rowOf(r.plan.cells, "Commissioner: non-recurrent cost (set-up, double running)", 2)}`)).toBeCloseTo(250_000, 6);
    // The scenario summary: three scenarios of five parties, the options across.
    const summary = r.plan.cells.find((c) => c.value === "Scenario summary: each party's NPV against doing nothing")!;
    expect(summary).toBeDefined();
    expect(r.plan.charts.some((c) => c.title.startsWith("Each option's cumulative position"))).toBe(true);
  });

  it("is live: a set-up cost changed on the sheet moves each NPV as the engine moves it", async () => {
    const r = await written(read.options, settings);
    const setup = rowOf(r.plan.cells, "Set-up cost", 1); // the capitated budget's (Do minimum's is the first)
    r.wb.hf.setCellContents({ sheet: r.wb.hf.getSheetId(r.name)!, row: setup - 1, col: 1 }, [[1_000_000]]);
    const moved = read.options.map((o) => (o.name === "Capitated budget" ? { ...o, years: { ...o.years, setupCost: [1_000_000] } } : o));
    const engine = appraiseOptions(r.inputs, r.terms, moved, settings)[2];
    for (const p of engine.npv) {
      const row = rowOf(r.plan.cells, `${p.name}: against doing nothing`, 2);
      expect(r.at(`E${row}`), p.name).toBeCloseTo(p.npv, 4);
      expect(r.at(`F${row}`), p.name).toBeCloseTo(p.npvAdjusted, 4);
    }
  });
});
