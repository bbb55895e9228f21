/**
 * The written sheet at any size and with every part live: its layout never overlaid from 1 to 500 steps, the
 * drivers, terms read from cells, a step's own change in volume and today's contracts — each recomputed in
 * HyperFormula to the engine's figures (the years and a budget by need: sheet-years.test.ts).
 */
import { presetById, todaysRule as rule } from "../../src/engine/comparison/presets";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS } from "../../src/engine/comparison/compare";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { byTarget, driversReading, sensitivity } from "../../src/engine/comparison/sensitivity";
import { yearsHeadline } from "../../src/engine/decision/answer";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { sheet, table, inputs, cmp, recompute, expectPlanFigures, expectOrganisationFigures, longPathway, cellAt } from "./plan-fixtures";

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

