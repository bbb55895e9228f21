/**
 * The comparison engine by hand-worked examples, and the written sheet's live formulas recomputed by a real
 * spreadsheet engine (HyperFormula with the PAY binding): they must reproduce the engine's figures.
 */
import { presetById, todaysRule as rule } from "../../src/engine/comparison/presets";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { buildPlan, FIGURE_KEYS } from "../../src/excel/plan";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { byTarget, driversReading, sensitivity } from "../../src/engine/comparison/sensitivity";
import { yearsHeadline } from "../../src/engine/decision/answer";
import { describePopulationRisk } from "../../src/engine/risk/readings";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";

// Two steps worked by hand: a hospital spell £1,000 (cost £900) × 1, community visits £50 (cost £60) × 4,
// 100 patients, MFF 1. Activity value = 100 × (1,000 + 200) = £120,000; cost = 100 × (900 + 240) = £114,000.
const sheet = [
  ["Step", "Setting", "Unit price (£)", "Unit cost", "Volume", "Take up"],
  ["Spell", "Hospital", 1000, 900, 1, 1],
  ["Visit", "community", 50, 60, 4, 1],
];
const table = readPathwayTable(sheet, "Pathway!A1:F3");
// The first version's economics, worked by hand below: every cost variable, the alliance holding budgets.
const ALL_VARIABLE = { hospital: 1, community: 1, primary: 1, other: 1 };
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, variableShares: ALL_VARIABLE, holder: "alliance", steps: table.steps, cohort: 100 };
const cmp = comparePaymentModels(inputs);
const model = (id: string) => cmp.models.find((m) => m.id === id)!;

describe("pathway table", () => {
  it("finds columns by header despite case, spacing and units", () => {
    expect(table.problems).toEqual([]);
    expect(table.columns.unitPrice).toBe("Pathway!$C$2:$C$3");
    expect(table.steps[0]).toEqual({ name: "Spell", setting: "hospital", unitPrice: 1000, unitCost: 900, volume: 1, takeUp: 1 });
  });
  it("reports each bad cell with its address and what was expected", () => {
    const bad = readPathwayTable([sheet[0], ["Spell", "hospital", "-", 900, 1, 1.5]], "Pathway!A1:F2");
    expect(bad.problems.map((p) => [p.address, p.message])).toEqual([
      ["Pathway!C2", "Unit price £, row 1: expected a number, got '-'"],
      ["Pathway!F2", "Take-up, row 1: expected a share from 0 to 1, got 1.5"],
    ]);
  });
  it("refuses a setting that only looks like a word to JavaScript ('constructor')", () => {
    const bad = readPathwayTable([sheet[0], ["Spell", "constructor", 1000, 900, 1, 1]], "Pathway!A1:F2");
    expect(bad.problems.map((p) => p.message)).toEqual(["Setting, row 1: expected hospital, community, primary or other, got 'constructor'"]);
  });
  it("asks for a mapping when a column cannot be matched, and takes one", () => {
    const odd = [
      ["Activity", "Where", "Fee", "Spend", "Qty"],
      ["Spell", "hospital", 1000, 900, 1],
    ];
    const t = readPathwayTable(odd, "A1:E2");
    expect(t.missing).toEqual(["unitPrice", "unitCost", "volume"]);
    const mapped = readPathwayTable(odd, "A1:E2", { unitPrice: 2, unitCost: 3, volume: 4 });
    expect(mapped.problems).toEqual([]);
    expect(mapped.steps[0].unitPrice).toBe(1000);
  });
});

describe("pathway table: two columns for one field", () => {
  it("asks which column to use, as for an unmatched one, instead of taking the first", () => {
    const twin = [
      ["Step", "Setting", "Unit price", "Unit cost", "Volume", "Price"],
      ["Spell", "hospital", 1000, 900, 1, 1200],
    ];
    const t = readPathwayTable(twin, "Pathway!A1:F2");
    expect(t.missing).toEqual(["unitPrice"]);
    expect(t.steps).toEqual([]);
    expect(t.problems.map((p) => p.message)).toEqual(["2 columns match Unit price £ ('Unit price', 'Price'): choose one below"]);
    const chosen = readPathwayTable(twin, "Pathway!A1:F2", { unitPrice: 5 });
    expect(chosen.problems).toEqual([]);
    expect(chosen.steps[0].unitPrice).toBe(1200);
    expect(chosen.columns.unitPrice).toBe("Pathway!$F$2");
  });
  it("an optional field matched twice is asked for too", () => {
    const twin = [
      ["Step", "Unit price", "Unit cost", "Volume", "Take-up", "Uptake"],
      ["Spell", 1000, 900, 1, 0.5, 0.7],
    ];
    const t = readPathwayTable(twin, "A1:F2");
    expect(t.missing).toEqual(["takeUp"]);
    expect(readPathwayTable(twin, "A1:F2", { takeUp: 5 }).steps[0].takeUp).toBe(0.7);
  });
});

describe("comparison, worked by hand", () => {
  it("activity-based pays the activity value; block pays its value whatever happens", () => {
    expect(cmp.activityValue).toBeCloseTo(120_000, 6);
    expect(cmp.cost).toBeCloseTo(114_000, 6);
    expect(model("activity").base.margin).toBeCloseTo(6_000, 6);
    // +10% activity: 132,000 − 125,400 = 6,600 under PbR; block still pays 120,000 → margin −5,400.
    expect(model("activity").higher.margin).toBeCloseTo(6_600, 6);
    expect(model("block").higher.margin).toBeCloseTo(-5_400, 6);
  });
  it("care shift: 20% of hospital activity avoided, community activity +20%", () => {
    // Value after: 100 × (800 + 240) = 104,000; cost after: 100 × (720 + 288) = 100,800.
    expect(cmp.shiftedActivityValue).toBeCloseTo(104_000, 6);
    expect(cmp.shiftedCost).toBeCloseTo(100_800, 6);
    // PbR: margin 6,000 → 3,200 (the provider loses 2,800); block: 120,000 − 100,800 = 19,200 (gains 13,200).
    expect(model("activity").shiftMarginChange).toBeCloseTo(-2_800, 6);
    expect(model("block").shiftMarginChange).toBeCloseTo(13_200, 6);
    expect(model("block").shiftSystemChange).toBe(0);
    expect(model("activity").reading).toContain("Acute trust loses £2,000 (income −£20,000, cost −£18,000)");
    expect(model("activity").reading).toContain("Community provider loses £800 (income +£4,000, cost +£4,800)");
  });
  it("capitation with risk share: the corridor returns part of a large underspend", () => {
    // Budget 120,000; after the shift cost is 100,800: underspend 16% → 50% of 3–8% + 80% of 8–16% of budget.
    const settlement = -(0.5 * 0.05 + 0.8 * 0.08) * 120_000;
    expect(model("riskshare").shifted.payment).toBeCloseTo(120_000 + settlement, 6);
  });
  it("bundle: gains are capped at the stop-gain", () => {
    // Target 120,000, cost after shift 100,800: gain 19,200 capped at 10% = 12,000.
    expect(model("bundle").shifted.margin).toBeCloseTo(12_000, 6);
  });
  it("gain share splits the providers' share of the saving by each organisation's baseline cost", () => {
    // Saving against the budget at today's activity: 120,000 − 114,000 = 6,000; providers' half 3,000; the
    // acute trust's part 90,000 / 114,000 of it, on top of its cost.
    expect(cmp.organisations).toEqual(["Acute trust", "Community provider"]);
    expect(cmp.byOrganisation[0].part).toBeCloseTo(900 / 1140, 12);
    const acute = model("gainshare").states.base.organisations[0];
    expect(acute.income - acute.cost).toBeCloseTo((3_000 * 900) / 1140, 6);
  });
});

/** The plan's cells on a grid, and a HyperFormula workbook with the PAY functions over it. */
function recompute(plan: ReturnType<typeof buildPlan>, pathway: unknown[][] = sheet, pathwaySheet = "Pathway") {
  const grid: unknown[][] = [];
  for (const c of plan.cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(c.address)!;
    const col = m[1].charCodeAt(0) - 65;
    const row = Number(m[2]) - 1;
    (grid[row] ??= [])[col] = c.formula ?? c.value ?? null;
  }
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
  const hf = createWorkbookEngine({ [pathwaySheet]: pathway, Comparison: grid });
  const sheetId = hf.getSheetId("Comparison")!;
  return (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    return hf.getCellValue({ sheet: sheetId, row: Number(m[2]) - 1, col: m[1].charCodeAt(0) - 65 });
  };
}

describe("the risk section of the written sheet", () => {
  const result = simulateRisk(inputs, { trials: 5000, seed: 99, dispersion: { kind: "overdispersed", shape: 3 } });
  const sweep = populationSweep(
    inputs.steps,
    { trials: 2000, seed: 99, dispersion: { kind: "overdispersed", shape: 3 }, tolerance: 0.05, confidence: 0.9 },
    100,
  );
  const plan = buildPlan({
    columns: table.columns,
    rows: table.rows,
    stepRows: table.stepRows,
    tableAddress: "Pathway!A1:F3",
    cohortSource: null,
    inputs,
    comparison: cmp,
    writtenOn: new Date(Date.UTC(2026, 11, 1)),
    risk: { result, sweep },
  });
  const byText = (t: string) => [...plan.cells].reverse().find((c) => c.value === t)!; // the last: the risk section
  const row = (a: string) => Number(/\d+/.exec(a)![0]);

  it("states the seed, the trials and the activity model, and writes the simulated figures as values", () => {
    const note = plan.cells.find((c) => typeof c.value === "string" && c.value.includes("Simulated values, not live formulas"))!;
    // The section opens with its own headline (issue 37): the capitated budget's chance of overspending.
    expect(note.value).toMatch(new RegExp(`^${describePopulationRisk(sweep, result.cohort)!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. Simulated values`));
    expect(note.value).toContain("5,000 trials of one year, seed 99");
    expect(note.value).toContain("negative binomial, shape k = 3");
    const marginTable = row(byText("Providers' margin together").address);
    const r = row(plan.cells.find((c) => c.value === "Capitated budget" && row(c.address) > marginTable)!.address);
    const b = plan.cells.find((c) => c.address === `B${r}`)!;
    expect(b.formula).toBeUndefined();
    const cap = result.models.find((m) => m.id === "capitation")!;
    expect(b.value).toBe(cap.margin.p5.value);
    // Every estimate has its standard error on the row: margin (mean, 5th, median, 95th) in F–I.
    expect(["F", "G", "H", "I"].map((c) => plan.cells.find((x) => x.address === `${c}${r}`)!.value)).toEqual([
      cap.margin.mean.se,
      cap.margin.p5.se,
      cap.margin.p50.se,
      cap.margin.p95.se,
    ]);
  });

  it("writes each organisation's chance of a loss and bad year under each model", () => {
    const r0 = row(byText("Risk by organisation").address);
    // Today's contracts first (the risk of doing nothing, on the same draws), then each model.
    [result.today, ...result.models].forEach((m, i) =>
      m.organisations.forEach((o, j) => {
        const r = r0 + 2 + i * m.organisations.length + j;
        const at = (c: string) => plan.cells.find((x) => x.address === `${c}${r}`)?.value;
        expect([at("A"), at("B"), at("C"), at("E")]).toEqual([m.name, o.name, o.lossChance.value, o.marginP5.value]);
      }),
    );
  });

  it("puts live PAY.MIN_POPULATION and PAY.OVERSPEND_PROBABILITY beside them, computing the engine's figures", () => {
    const at = recompute(plan);
    const minRow = row(byText("Minimum population: PAY.MIN_POPULATION").address);
    expect(at(`B${minRow}`)).toBe(sweep.minPopulationNormal);
    const first = row(byText("Population").address) + 1;
    sweep.rows.forEach((r, i) => {
      expect(at(`A${first + i}`)).toBe(r.population);
      expect(at(`C${first + i}`) as number).toBeCloseTo(r.overspendNormal, 12);
    });
  });

  it("never writes two things to one cell, and its charts sit clear of every table", () => {
    const addresses = plan.cells.map((c) => c.address);
    expect(new Set(addresses).size).toBe(addresses.length);
    const lastColumnUsed = Math.max(...addresses.map((a) => /^[A-Z]+/.exec(a)![0].charCodeAt(0) - 65));
    for (const c of plan.charts.slice(1)) expect(c.position[0].charCodeAt(0) - 65).toBeGreaterThan(lastColumnUsed);
    expect(plan.charts.map((c) => c.type)).toEqual(["columnClustered", "columnClustered", "columnClustered", "line"]);
  });
});

/** Every model's figures on the written sheet, recomputed, equal the engine's (to 1e-6). */
function expectPlanFigures(plan: ReturnType<typeof buildPlan>, at: (a: string) => unknown, cmp: ReturnType<typeof comparePaymentModels>): void {
  for (const id of MODEL_IDS) {
    const m = cmp.models.find((x) => x.id === id)!;
    const expected = {
      payment: m.base.payment,
      cost: m.base.cost,
      margin: m.base.margin,
      marginLower: m.lower.margin,
      marginHigher: m.higher.margin,
      marginShifted: m.shifted.margin,
      systemShifted: m.shifted.payment,
    };
    for (const k of FIGURE_KEYS) {
      const got = at(plan.figures[id][k]);
      expect(typeof got, `${id} ${k}: ${JSON.stringify(got)}`).toBe("number");
      expect(Math.abs((got as number) - expected[k]), `${id} ${k}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected[k])));
    }
  }
}

/** Every organisation's income and margin in every state and model, the commissioner's payments and the who-gains matrix, recomputed, equal the engine's. */
function expectOrganisationFigures(plan: ReturnType<typeof buildPlan>, at: (a: string) => unknown, c: ReturnType<typeof comparePaymentModels>): void {
  const near = (got: unknown, want: number, what: string) => {
    expect(typeof got, `${what}: ${JSON.stringify(got)}`).toBe("number");
    expect(Math.abs((got as number) - want), what).toBeLessThan(1e-6 * Math.max(1, Math.abs(want)));
  };
  c.models.forEach((m, k) => {
    const f = plan.organisationFigures[m.id];
    for (const s of STATE_IDS) {
      near(at(f.commissioner[s]), m.states[s].commissioner, `${m.id} commissioner ${s}`);
      m.states[s].organisations.forEach((o, i) => {
        near(at(f.organisations[i].income[s]), o.income, `${m.id} ${c.organisations[i]} income ${s}`);
        near(at(f.organisations[i].margin[s]), o.margin, `${m.id} ${c.organisations[i]} margin ${s}`);
      });
    }
    m.shift.organisations.forEach((d, i) => near(at(plan.matrix.organisations[i][k]), d, `${m.id} matrix ${c.organisations[i]}`));
    near(at(plan.matrix.commissioner[k]), m.shift.commissionerSaving, `${m.id} matrix commissioner`);
    near(at(plan.matrix.system[k]), -m.shift.systemChange, `${m.id} matrix system`);
  });
}

describe("the written sheet's formulas", () => {
  it("recompute, in a real spreadsheet engine, exactly the figures the panel shows", () => {
    const plan = buildPlan({
      columns: table.columns,
      rows: table.rows,
      stepRows: table.stepRows,
      tableAddress: "Pathway!A1:F3",
      cohortSource: null,
      inputs,
      comparison: cmp,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
    });
    expectPlanFigures(plan, recompute(plan), cmp);
    expectOrganisationFigures(plan, recompute(plan), cmp);
  });
  it("recompute the three-organisation example with mixed variable shares, for each holder and a named lead, organisation by organisation", () => {
    const pathway = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])];
    // A spacer row between steps: the sheet's helper rows follow the table's rows, so the ranges still pair.
    pathway.splice(5, 0, [null, null, null, null, null, null, null, null]);
    const t = readPathwayTable(pathway, "Pathway!A1:H10");
    expect(t.problems).toEqual([]);
    for (const extra of [
      {},
      { holder: "alliance" as const },
      { leadProvider: "Community trust", blockValue: 5_000_000, partnerWeights: { PCN: 3 } },
      { qualityShare: 0.025, qualityAchievement: 0.6, holder: "alliance" as const },
      { qualityShare: 0.0125, qualityAchievement: 0.8 },
      { capitationTiers: { counts: [300, 100, 20], weights: [1, 2.2, 5.5] }, capitationRate: 9_000 },
      { capitationTiers: { counts: [300, 100, 20], weights: [1, 2.2, 5.5] }, holder: "alliance" as const },
    ]) {
      const inp = { ...DEFAULT_TERMS, mff: MFF, ...extra, steps: t.steps, cohort: INTEGRATED_COHORT };
      const c = comparePaymentModels(inp);
      const plan = buildPlan({
        columns: t.columns,
        rows: t.rows,
        stepRows: t.stepRows,
        tableAddress: "Pathway!A1:H10",
        cohortSource: null,
        inputs: inp,
        comparison: c,
        writtenOn: new Date(Date.UTC(2026, 11, 1)),
      });
      const at = recompute(plan, pathway);
      expectPlanFigures(plan, at, c);
      expectOrganisationFigures(plan, at, c);
    }
  });
});

/** A pathway of n steps over every setting, as a worksheet range with its header row. */
function longPathway(n: number): unknown[][] {
  const settings = ["Hospital", "Community", "Primary", "Other"];
  return [
    sheet[0],
    ...Array.from({ length: n }, (_, i) => [`Step ${i + 1}`, settings[i % 4], 100 + 7 * i, 90 + 6 * i, 1 + (i % 3), 0.5 + (i % 5) / 10]),
  ];
}

const colIndex = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const cellAt = (a: string): [number, number] => {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  return [Number(m[2]) - 1, colIndex(m[1])];
};

describe("the written sheet's layout (issue: the sheet overlaid itself from 26 steps)", () => {
  const risk = {
    result: simulateRisk(inputs, { trials: 2000, seed: 7, dispersion: { kind: "poisson" } }),
    sweep: populationSweep(inputs.steps, { trials: 500, seed: 7, dispersion: { kind: "poisson" }, tolerance: 0.05, confidence: 0.9 }, 100),
  };
  // Every size to 40 (where each section's height changes most), then a spread to 500: the layout depends on
  // the number of steps only through each section's height, so sampled sizes catch what every size would,
  // in a second or two instead of a hundred on a busy machine.
  const SIZES = [...Array.from({ length: 40 }, (_, i) => i + 1), 41, 57, 64, 99, 100, 101, 127, 128, 200, 255, 256, 333, 499, 500];
  it("plans no cell twice and no chart over a planned cell or another chart, for 1 to 500 steps, with and without risk", () => {
    for (const n of SIZES) {
      const t = readPathwayTable(longPathway(n), "Pathway!A1:F" + (n + 1));
      const inp = { ...DEFAULT_TERMS, steps: t.steps, cohort: 100 };
      for (const withRisk of [false, true]) {
        if (withRisk && n % 7 !== 0 && n !== 1 && n !== 64 && n !== 500) continue; // risk: a spread of sizes keeps the test quick
        // With risk, also the drivers and a ten-year transition, every section the sheet can hold.
        const extras = withRisk
          ? {
              drivers: { sensitivity: sensitivity(inp), model: "activity", target: 0 as const },
              transition: { transition: transition(inp, { ...DEFAULT_TRANSITION, years: 10, shiftAchieved: [1] }), model: "block" },
            }
          : {};
        const plan = buildPlan({
          columns: t.columns,
          rows: t.rows,
          stepRows: t.stepRows,
          tableAddress: "x",
          cohortSource: null,
          inputs: inp,
          comparison: comparePaymentModels(inp),
          writtenOn: new Date(Date.UTC(2026, 11, 1)),
          risk: withRisk ? risk : undefined,
          ...extras,
        });
        // Plain checks in the loops (an expect per cell would be slow), one expect per plan.
        const problems: string[] = [];
        const seen = new Set<string>();
        for (const c of plan.cells) {
          if (seen.has(c.address)) problems.push(`${c.address} planned twice`);
          seen.add(c.address);
        }
        const boxes = plan.charts.map((c) => [...cellAt(c.position[0]), ...cellAt(c.position[1])]);
        for (const a of seen) {
          const [r, c] = cellAt(a);
          for (const [r0, c0, r1, c1] of boxes) if (r >= r0 && r <= r1 && c >= c0 && c <= c1) problems.push(`a chart covers ${a}`);
        }
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) problems.push("charts overlap");
          }),
        );
        expect(problems, `${n} steps${withRisk ? ", with risk" : ""}`).toEqual([]);
      }
    }
  });
  it("recomputes a 60-step pathway with a risk run, in HyperFormula, to the panel's figures", () => {
    const pathway = longPathway(60);
    const t = readPathwayTable(pathway, "Pathway!A1:F61");
    const inp = { ...DEFAULT_TERMS, steps: t.steps, cohort: 250 };
    const c60 = comparePaymentModels(inp);
    const r60 = { result: simulateRisk(inp, { trials: 1000, seed: 3, dispersion: { kind: "poisson" } }), sweep: risk.sweep };
    const plan = buildPlan({
      columns: t.columns,
      rows: t.rows,
      stepRows: t.stepRows,
      tableAddress: "Pathway!A1:F61",
      cohortSource: null,
      inputs: inp,
      comparison: c60,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      risk: r60,
    });
    const at = recompute(plan, pathway);
    expectPlanFigures(plan, at, c60);
    expectOrganisationFigures(plan, at, c60);
  });
  it("writes what drives the answer for the model and result the panel showed, sorted by swing, with a tornado-shaped bar chart", () => {
    const pathway = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])];
    const t = readPathwayTable(pathway, "Pathway!A1:H9");
    const inp = { ...DEFAULT_TERMS, mff: MFF, steps: t.steps, cohort: INTEGRATED_COHORT };
    const c = comparePaymentModels(inp);
    const sens = sensitivity(inp);
    const risk = {
      result: simulateRisk(inp, { trials: 2000, seed: 7, dispersion: { kind: "poisson" } }),
      sweep: populationSweep(inp.steps, { trials: 500, seed: 7, dispersion: { kind: "poisson" }, tolerance: 0.05, confidence: 0.9 }, 100),
    };
    const plan = buildPlan({
      columns: t.columns,
      rows: t.rows,
      stepRows: t.stepRows,
      tableAddress: "Pathway!A1:H9",
      cohortSource: null,
      inputs: inp,
      comparison: c,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      risk,
      drivers: { sensitivity: sens, model: "block", target: 0 },
    });
    const title = plan.cells.find((x) => typeof x.value === "string" && x.value.startsWith("What drives the answer"))!;
    expect(title.value).toBe("What drives the answer: Acute trust's margin under Block contract, after the care shift");
    const r0 = Number(/\d+/.exec(title.address)![0]);
    // The section opens with its own headline (issue 37): what moves the result most.
    expect(plan.cells.find((x) => x.address === `A${r0 + 1}`)!.value).toBe(driversReading(sens, "block", 0));
    const at = recompute(plan, pathway);
    const rows = byTarget(sens.models[1].rows, 0);
    rows.slice(0, 5).forEach((row, i) => {
      const r = r0 + 6 + i;
      expect(plan.cells.find((x) => x.address === `A${r}`)!.value).toBe(row.label);
      expect(at(`F${r}`)).toBe(row.atLow.organisations[0]);
      expect(at(`C${r}`) as number).toBeCloseTo(row.atHigh.organisations[0] - sens.models[1].base.organisations[0], 6);
    });
    const chart = plan.charts.find((x) => x.type === "barClustered")!;
    expect(chart.source).toBe(`A${r0 + 5}:C${r0 + 15}`);
    // Inputs that move nothing here are left out, and the sheet says how many.
    const base = sens.models[1].base.organisations[0];
    const still = rows.filter((x) => [x.atLow, x.atHigh].every((y) => Math.abs(y.organisations[0] - base) < 0.005));
    expect(still.length).toBeGreaterThan(0);
    const written = plan.cells.filter((x) => x.address.startsWith("F") && Number(x.address.slice(1)) > r0 + 5 && Number(x.address.slice(1)) <= r0 + 5 + rows.length);
    expect(written).toHaveLength(rows.length - still.length);
    expect(plan.cells.find((x) => x.address === `A${r0 + 4}`)!.value).toMatch(new RegExp(`^${still.length} inputs move nothing here and are left out: `));
    // Nothing overlaps, with the risk section above it.
    const seen = new Set<string>();
    for (const x of plan.cells) {
      expect(seen.has(x.address), x.address).toBe(false);
      seen.add(x.address);
    }
    const boxes = plan.charts.map((x) => [...cellAt(x.position[0]), ...cellAt(x.position[1])]);
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]).toBe(false)));
  });

  it("a term read from a cell is written as a formula pointing at it, and the figures follow the workbook's value", () => {
    const withMff = [...sheet.map((r) => [...r]), [], ["MFF", 1.03]];
    const inp = { ...inputs, mff: 1.03 };
    const c = comparePaymentModels(inp);
    const plan = buildPlan({
      columns: table.columns,
      rows: table.rows,
      stepRows: table.stepRows,
      tableAddress: "Pathway!A1:F3",
      cohortSource: null,
      inputs: inp,
      comparison: c,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      termSources: { mff: "Pathway!B5" },
    });
    const mffCell = plan.cells.find((x) => x.formula === "=Pathway!B5")!;
    expect(plan.cells.find((x) => x.value === "Market forces factor")!.address.slice(1)).toBe(mffCell.address.slice(1));
    expectPlanFigures(plan, recompute(plan, withMff), c);
  });

  it("quotes a source sheet whose name looks like a cell, an R1C1 reference or a boolean, and the formulas still compute", () => {
    for (const name of ["Q1", "FY25", "R1C1", "TRUE", "R", "C3"]) {
      const t = readPathwayTable(sheet, `'${name}'!A1:F3`);
      expect(t.columns.unitPrice).toBe(`'${name}'!$C$2:$C$3`);
      const plan = buildPlan({
        columns: t.columns,
        rows: t.rows,
        stepRows: t.stepRows,
        tableAddress: `'${name}'!A1:F3`,
        cohortSource: null,
        inputs,
        comparison: cmp,
        writtenOn: new Date(Date.UTC(2026, 11, 1)),
      });
      expectPlanFigures(plan, recompute(plan, sheet, name), cmp);
    }
  });
});

describe("a step's own change in volume on the written sheet", () => {
  it("recomputes, in HyperFormula, the comparison and the transition with each step's own change (blank: the setting's rule)", async () => {
    const { transition, DEFAULT_TRANSITION } = await import("../../src/engine/comparison/transition");
    const changes = ["-30%", null, -0.1, null, "+45%", null, 0.2, null];
    // And each trust's own MFF where typed (blank: the term's; the first PCN step none, the second typed).
    const mffs = [null, null, null, null, 1.02, 1.02, null, 1.04];
    const pathway = [[...INTEGRATED_HEADERS, "Change in volume", "MFF"], ...INTEGRATED_STEPS.map((x, i) => [...x, changes[i], mffs[i]])];
    const t = readPathwayTable(pathway, "Pathway!A1:J9");
    expect(t.steps.map((x) => x.mff)).toEqual(mffs.map((x) => x ?? undefined));
    expect(t.steps.map((x) => x.volumeChange)).toEqual([-0.3, undefined, -0.1, undefined, 0.45, undefined, 0.2, undefined]);
    const inp = { ...DEFAULT_TERMS, mff: MFF, steps: t.steps, cohort: INTEGRATED_COHORT };
    const c = comparePaymentModels(inp);
    // By hand: the ED attendances fall 30% (not the setting's 20%): 420 × 30% = 126 fewer at £250 × 1.03.
    const plainActivity = comparePaymentModels({ ...inp, steps: inp.steps.map(({ volumeChange: _, ...x }) => x) });
    expect(c.models[0].states.shifted.organisations[0].income - plainActivity.models[0].states.shifted.organisations[0].income).toBeCloseTo(
      -(0.3 - 0.2) * 420 * 250 * MFF + (0.2 - 0.1) * 2 * 0.9 * 420 * 180 * MFF,
      6,
    );
    const tr = transition(inp, { ...DEFAULT_TRANSITION, releaseYear: 2, backfillShare: 0.5 });
    const plan = buildPlan({
      columns: t.columns,
      rows: t.rows,
      stepRows: t.stepRows,
      tableAddress: "Pathway!A1:J9",
      cohortSource: null,
      inputs: inp,
      comparison: c,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      transition: { transition: tr, model: "block" },
    });
    const at = recompute(plan, pathway);
    expectPlanFigures(plan, at, c);
    expectOrganisationFigures(plan, at, c);
    // The section opens with its own headline (issue 37): each party's NPV under the model shown.
    const yearsTitle = plan.cells.find((x) => String(x.value ?? "").startsWith("Transition over"))!;
    const lead = plan.cells.find((x) => x.address === `A${Number(/\d+/.exec(yearsTitle.address)![0]) + 1}`)!;
    expect(String(lead.value)).toMatch(/^Under Block contract, against today's contracts doing nothing, by year 5 \(net present value at 3\.5%\): the system /);
    expect(String(lead.value).startsWith(yearsHeadline(tr, "block"))).toBe(true);
    const letter = (i: number) => String.fromCharCode(66 + i);
    for (const m of tr.models) {
      const title = plan.cells.find((x) => x.value === `${m.name}: by year`)!;
      const pos = Number(
        /\d+/.exec(
          plan.cells.find(
            (x) => x.value === `${tr.organisations[0]}: position` && Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]),
          )!.address,
        )![0],
      );
      [...m.organisations, m.commissioner].forEach((p, q) =>
        p.byYear.forEach((v, i) =>
          expect(Math.abs((at(`${letter(i + 1)}${pos + q}`) as number) - v), `${m.id} ${p.name} year ${i + 1}`).toBeLessThan(
            1e-6 * Math.max(1, Math.abs(v)),
          ),
        ),
      );
    }
  });
});

describe("today's contracts on the written sheet", () => {
  // No rule, and each preset's rule for the points of delivery it covered (MRET: 30% above, 100% below).
  it.each([null, "mret-2010", "uec-2019", "api-2022"])(
    "recomputes, in HyperFormula, each organisation's income today in every state and every model's switch, shift and total (rule %s)",
    (preset) => {
      // Every kind of payment today and NHS spellings: fixed by default (A&E, NEL), activity typed, a 20% blend,
      // 'Block', a percentage typed as text, an elective by default ('EL/DC'), and blanks.
      const today: [string | null, string | number | null, number | null][] = [
        ["A&E", null, -0.3],
        ["NEL", "Block", null],
        ["OPFU", "activity", -0.1],
        ["EL/DC", null, null],
        ["Community", 0.2, 0.45],
        ["Community", "35%", null],
        ["Primary care", "PbR", 0.2],
        [null, null, null],
      ];
      const pathway = [[...INTEGRATED_HEADERS, "POD", "Payment today", "Change in volume"], ...INTEGRATED_STEPS.map((x, i) => [...x, ...today[i]])];
      const t = readPathwayTable(pathway, "Pathway!A1:K9");
      expect(t.problems).toEqual([]);
      const todaysRule = preset ? rule(presetById(preset)!) : null;
      const inp = { ...DEFAULT_TERMS, mff: MFF, steps: t.steps, cohort: INTEGRATED_COHORT, blockValue: 4_500_000, todaysRule };
      const c = comparePaymentModels(inp);
      if (preset === "uec-2019") expect(c.baseline.steps.map((x) => x.source)).toContain("rule");
      const plan = buildPlan({
        columns: t.columns,
        rows: t.rows,
        stepRows: t.stepRows,
        tableAddress: "Pathway!A1:K9",
        cohortSource: null,
        inputs: inp,
        comparison: c,
        writtenOn: new Date(Date.UTC(2026, 11, 1)),
      });
      const at = recompute(plan, pathway);
      expectPlanFigures(plan, at, c);
      const near = (got: unknown, want: number, what: string) => {
        expect(typeof got, `${what}: ${JSON.stringify(got)}`).toBe("number");
        expect(Math.abs((got as number) - want), what).toBeLessThan(1e-6 * Math.max(1, Math.abs(want)));
      };
      for (const st of STATE_IDS) {
        near(at(plan.baselineFigures.commissioner[st]), c.baseline.states[st].commissioner, `today's contracts: commissioner ${st}`);
        c.baseline.states[st].organisations.forEach((o, i) =>
          near(at(plan.baselineFigures.organisations[i].income[st]), o.income, `today's contracts: ${c.organisations[i]} ${st}`),
        );
      }
      c.models.forEach((m) => {
        const cells = plan.versusToday[m.id];
        m.versusToday.organisations.forEach((o, i) => {
          near(at(cells.organisations[i].switch), o.switch, `${m.id} ${o.name} switch`);
          near(at(cells.organisations[i].shift), o.shift, `${m.id} ${o.name} shift`);
          near(at(cells.organisations[i].total), o.total, `${m.id} ${o.name} total`);
        });
        near(at(cells.commissioner.switch), m.versusToday.commissioner.switch, `${m.id} commissioner switch`);
        near(at(cells.commissioner.total), m.versusToday.commissioner.total, `${m.id} commissioner total`);
      });
    },
  );
});

describe("the transition on the written sheet, live", () => {
  it("recomputes, in HyperFormula, every party's position by year, NPV and payback under every model to the engine's", async () => {
    const { transition, DEFAULT_TRANSITION } = await import("../../src/engine/comparison/transition");
    const pathway = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])];
    pathway.splice(5, 0, [null, null, null, null, null, null, null, null]); // a spacer row
    const t = readPathwayTable(pathway, "Pathway!A1:H10");
    const cases: [Partial<ComparisonInputs>, Partial<import("../../src/engine/comparison/transition").TransitionTerms>][] = [
      [{}, {}],
      [{}, { setupCost: [300_000], releaseYear: 3, backfillShare: 0.25, priceUplift: [0.02], costUplift: [0.025], rebaseEvery: 1 }],
      [
        { holder: "alliance", qualityShare: 0.02, qualityAchievement: 0.5 },
        { years: 3, shiftAchieved: [0.5, 1, 1], setupBearer: "Acute trust", setupCost: [100_000, 50_000, 0] },
      ],
      [
        { blockValue: 5_000_000, capitationRate: 11_000, bundlePrice: 11_500, leadProvider: "Community trust", partnerWeights: { PCN: 1 } },
        { releaseYear: 2, rebaseEvery: 2, priceUplift: [0.01, 0.02, 0.03, 0.02, 0.01] },
      ],
      // Backfilled capacity paid for by the commissioner, and by another payer (a line of its own).
      [{ partnerWeights: { "acute TRUST": 3, pcn: 1 } }, { years: 2, shiftAchieved: [1], releaseYear: 1, backfillShare: 1 }],
      [{ holder: "alliance" }, { years: 3, shiftAchieved: [0.5, 1, 1], releaseYear: 2, backfillShare: 0.6, backfillPayer: "NHS England" }],
      // Demand growing (and falling), re-based every two years, with MRET paying the hospital steps today.
      [
        { todaysRule: rule(presetById("mret-2010")!) },
        { demandGrowth: 0.03, rebaseEvery: 2, releaseYear: 3, backfillShare: 0.5, priceUplift: [0.02] },
      ],
      [
        { holder: "alliance", partnerWeights: { PCN: 2 }, blockValue: 5_000_000, todaysRule: rule(presetById("mret-2017")!) },
        { demandGrowth: -0.02, rebaseEvery: 1 },
      ],
      [
        { todaysRule: rule(presetById("uec-2019")!), capitationRate: 11_000 },
        { years: 4, shiftAchieved: [0, 0.5, 1, 1], demandGrowth: 0.05, rebaseEvery: 3 },
      ],
      // A budget over a population's need-weighted groups grows with it, re-based as today's contracts are.
      [
        { capitationTiers: { counts: [250, 120, 50], weights: [0.8, 1.3, 2.2] }, capitationRate: 9_000 },
        { years: 4, demandGrowth: 0.04, rebaseEvery: 2 },
      ],
    ];
    for (const [extra, years] of cases) {
      const inp = { ...DEFAULT_TERMS, mff: MFF, ...extra, steps: t.steps, cohort: INTEGRATED_COHORT };
      const tr = transition(inp, {
        ...DEFAULT_TRANSITION,
        ...years,
        shiftAchieved: years.shiftAchieved ?? DEFAULT_TRANSITION.shiftAchieved.slice(0, years.years ?? 5),
        years: years.years ?? 5,
      });
      const plan = buildPlan({
        columns: t.columns,
        rows: t.rows,
        stepRows: t.stepRows,
        tableAddress: "Pathway!A1:H10",
        cohortSource: null,
        inputs: inp,
        comparison: comparePaymentModels(inp),
        writtenOn: new Date(Date.UTC(2026, 11, 1)),
        transition: { transition: tr, model: "block" },
      });
      const at = recompute(plan, pathway);
      const N = tr.years.length;
      const line = plan.charts.find((c) => c.type === "line")!;
      expect(line.seriesBy).toBe("rows");
      expect(line.title).toContain("Block contract");
      const letter = (i: number) => String.fromCharCode(66 + i); // year i in column B + i
      for (const m of tr.models) {
        const title = plan.cells.find((x) => x.value === `${m.name}: by year`)!;
        const pos = Number(
          /\d+/.exec(
            plan.cells.find(
              (x) => x.value === `${tr.organisations[0]}: position` && Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]),
            )!.address,
          )![0],
        );
        const noPayer = { ...m.system, name: "no other payer", byYear: m.system.byYear.map(() => 0), npv: 0, payback: 0 };
        // Against today's contracts doing nothing: the rows under the model's, found by their label.
        const vt = Number(
          /\d+/.exec(
            plan.cells.find(
              (x) =>
                x.value === `${tr.organisations[0]}: against today's contracts` &&
                Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]),
            )!.address,
          )![0],
        );
        const v = m.versusToday;
        [...v.organisations, v.commissioner, v.payer ?? noPayer, v.system].forEach((p, q) => {
          p.byYear.forEach((x, i) => {
            const got = at(`${letter(i + 1)}${vt + q}`);
            expect(typeof got, `${m.id} ${p.name} against today, year ${i + 1}: ${JSON.stringify(got)}`).toBe("number");
            expect(
              Math.abs((got as number) - x),
              `case ${JSON.stringify(extra)} ${JSON.stringify(years)}: ${m.id} ${p.name} against today, year ${i + 1}`,
            ).toBeLessThan(1e-6 * Math.max(1, Math.abs(x)));
          });
          expect(at(`${letter(N + 1)}${vt + q}`) as number).toBeCloseTo(p.npv, 4);
        });
        [...m.organisations, m.commissioner, m.payer ?? noPayer, m.system].forEach((p, q) => {
          p.byYear.forEach((v, i) => {
            const got = at(`${letter(i + 1)}${pos + q}`);
            expect(typeof got, `${m.id} ${p.name} year ${i + 1}: ${JSON.stringify(got)}`).toBe("number");
            expect(
              Math.abs((got as number) - v),
              `case ${JSON.stringify(extra)} ${JSON.stringify(years)}: ${m.id} ${p.name} year ${i + 1}`,
            ).toBeLessThan(1e-6 * Math.max(1, Math.abs(v)));
          });
          expect(at(`${letter(N + 1)}${pos + q}`) as number).toBeCloseTo(p.npv, 4);
          const pb = at(`${letter(N + 2)}${pos + q}`);
          if (p.payback === null) expect(pb).toBe("never");
          else if (p.payback === 0) expect(pb).toBe("no investment");
          else expect(pb as number, `${m.id} ${p.name} payback of ${p.byYear.join(", ")}`).toBeCloseTo(p.payback, 6);
        });
      }
    }
  });
});

describe("a capitated budget set by need on the written sheet", () => {
  it("points at the population's people and weights, and recomputes, in HyperFormula, to the engine's figures", async () => {
    const { needBasedInputs, readPopulation } = await import("../../src/engine/inputs/population");
    const { contractFor } = await import("../../src/engine/comparison/compare");
    const pathway: unknown[][] = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])];
    // The population beside the pathway (J1:L4), as the example has its tiers.
    const pop = [
      ["Age band", "People", "Need weight"],
      ["65-74", 250, 0.8],
      ["75-84", 120, 1.3],
      ["85+", 50, 2.2],
    ];
    pop.forEach((row, i) => (pathway[i] = [...pathway[i], null, ...row]));
    const t = readPathwayTable(
      pathway.map((r) => r.slice(0, 8)),
      "Pathway!A1:H9",
    );
    const population = readPopulation(pop, "Pathway!J1:L4");
    const typed = { ...DEFAULT_TERMS, mff: MFF, steps: t.steps, cohort: INTEGRATED_COHORT };
    const { inputs: inp } = needBasedInputs(typed, population, null, contractFor(typed).totalValue);
    const c = comparePaymentModels(inp);
    const plan = buildPlan({
      columns: t.columns,
      rows: t.rows,
      stepRows: t.stepRows,
      tableAddress: "Pathway!A1:H9",
      cohortSource: null,
      inputs: inp,
      comparison: c,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      tiers: population.columns,
    });
    expect(plan.cells.some((x) => x.formula?.replace(/\$/g, "") === "=Pathway!K2")).toBe(true);
    const at = recompute(plan, pathway);
    expectPlanFigures(plan, at, c);
    expectOrganisationFigures(plan, at, c);
  });
});

describe("the written sheet's assumptions and money unit", () => {
  it("lists every default used, each step's payment today and why, the simulation's seed and sources; £m scales every £ format", () => {
    const result = simulateRisk(inputs, { trials: 2000, seed: 77, dispersion: { kind: "poisson" }, shock: { cv: 0.05 } });
    const sweep = populationSweep(inputs.steps, { trials: 500, seed: 77, dispersion: { kind: "poisson" }, tolerance: 0.05, confidence: 0.9 }, 100);
    const plan = buildPlan({
      columns: table.columns,
      rows: table.rows,
      stepRows: table.stepRows,
      tableAddress: "Pathway!A1:F3",
      cohortSource: null,
      inputs,
      comparison: cmp,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      risk: { result, sweep },
      unit: "£m",
    });
    const head = plan.cells.find((c) => c.value === "Assumptions: what these figures rest on")!;
    const row = Number(/\d+/.exec(head.address)![0]);
    const lines = plan.cells.filter((c) => /^A\d+$/.test(c.address) && Number(/\d+/.exec(c.address)![0]) > row).map((c) => String(c.value));
    expect(lines).toContain("Money shown in millions of pounds (£m); every cell holds the exact figure");
    expect(lines.some((l) => /^MFF: 1 \(default\)$/.test(l))).toBe(true);
    for (const s of cmp.baseline.steps)
      expect(lines.some((l) => l.startsWith(`Today: ${s.name} (${s.pointOfDelivery ?? "no point of delivery"}) paid`))).toBe(true);
    expect(lines.some((l) => l.startsWith("Risk: 2,000 simulated years, seed 77") && l.includes("a common shock"))).toBe(true);
    const money = plan.cells.filter((c) => c.format?.includes('"£"'));
    expect(money.length).toBeGreaterThan(20);
    expect(money.every((c) => c.format!.includes(',,"m"'))).toBe(true);
  });

  it("holds every term in force with its value and where it came from: cells, a preset, defaults, the holder, the corridor, the years", async () => {
    const { transition, DEFAULT_TRANSITION } = await import("../../src/engine/comparison/transition");
    const inp: ComparisonInputs = {
      ...inputs,
      mff: 1.05,
      leadProvider: "Acute trust",
      todaysRule: rule(presetById("mret-2017")!),
      blendedVariableRate: 0.7,
      blendedRateBelow: 1,
      holder: "lead",
      variableShares: { ...DEFAULT_TERMS.variableShares, hospital: 0.4 },
      corridor: { thresholds: [0, 0.02, 0.05], overShares: [0, 0.4, 0.9], underShares: [0, 0.4, 0.9] },
    };
    const tr = transition(inp, { ...DEFAULT_TRANSITION, setupCost: [250_000], releaseYear: 3, priceUplift: [0.02], costUplift: [0.025] });
    const plan = buildPlan({
      columns: table.columns,
      rows: table.rows,
      stepRows: table.stepRows,
      tableAddress: "Pathway!A1:F3",
      cohortSource: null,
      inputs: inp,
      comparison: comparePaymentModels(inp),
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      transition: { transition: tr, model: "capitation" },
      termSources: { mff: "Terms!B2" },
    });
    const head = plan.cells.find((c) => c.value === "Assumptions: what these figures rest on")!;
    const row = Number(/\d+/.exec(head.address)![0]);
    const text = plan.cells
      .filter((c) => /^A\d+$/.test(c.address) && Number(/\d+/.exec(c.address)![0]) > row)
      .map((c) => String(c.value))
      .join("\n");
    for (const line of [
      "MFF: 1.05 (from Terms!B2)",
      "Variable rate: 70% (from Marginal rate emergency rule (70%) (2017/18))",
      "Rate below baseline: 100% (from Marginal rate emergency rule (70%) (2017/18))",
      "Variable cost share, hospital: 40% (as typed)",
      "Variable cost share, community: 80% (default)",
      "Holder of a bundle or a capitated budget: the lead provider, Acute trust (as typed)",
      "Risk-share corridor: thresholds 0%, 2%, 5% of the budget; the commissioner's shares 0%, 40%, 90% (as typed)",
      "Today's NHS rule: Marginal rate emergency rule (70%) (2017/18), for non-elective steps without a payment typed",
      "Set-up cost: £250,000 (as typed), borne by commissioner (default)",
      "Stranded hospital fixed cost released: from year 3 (as typed); backfilled share 0% (default), paid by commissioner (default)",
      "Price uplift a year: 2% (as typed); cost uplift a year: 2.5% (as typed)",
      "The capitated budget is the activity value of the pathway",
    ])
      expect(text).toContain(line);
  });
});
