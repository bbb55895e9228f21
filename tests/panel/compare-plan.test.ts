/**
 * The comparison engine by hand-worked examples, and the written sheet's live formulas recomputed by a real
 * spreadsheet engine (HyperFormula with the PAY binding): they must reproduce the engine's figures.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { describePopulationRisk } from "../../src/engine/risk/readings";
import { sheet, table, inputs, cmp, model, recompute, expectPlanFigures, expectOrganisationFigures } from "./plan-fixtures";

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

