/**
 * The written sheet's transition over years and a capitated budget set by need, live: recomputed in HyperFormula
 * to the engine's figures.
 */
import { presetById, todaysRule as rule } from "../../src/engine/comparison/presets";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { table, inputs, cmp, recompute, expectPlanFigures, expectOrganisationFigures } from "./plan-fixtures";

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

