/** What the written sheet's tests share: the hand-worked pathway and its comparison, the sheet recomputed in HyperFormula, its figures held to the engine's. */
import { expect } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { buildPlan, FIGURE_KEYS } from "../../src/excel/plan";


// Two steps worked by hand: a hospital spell £1,000 (cost £900) × 1, community visits £50 (cost £60) × 4,
// 100 patients, MFF 1. Activity value = 100 × (1,000 + 200) = £120,000; cost = 100 × (900 + 240) = £114,000.
export const sheet = [
  ["Step", "Setting", "Unit price (£)", "Unit cost", "Volume", "Take up"],
  ["Spell", "Hospital", 1000, 900, 1, 1],
  ["Visit", "community", 50, 60, 4, 1],
];
export const table = readPathwayTable(sheet, "Pathway!A1:F3");
// The first version's economics, worked by hand below: every cost variable, the alliance holding budgets.
export const ALL_VARIABLE = { hospital: 1, community: 1, primary: 1, other: 1 };
export const inputs: ComparisonInputs = { ...DEFAULT_TERMS, variableShares: ALL_VARIABLE, holder: "alliance", steps: table.steps, cohort: 100 };
export const cmp = comparePaymentModels(inputs);
export const model = (id: string) => cmp.models.find((m) => m.id === id)!;


/** The plan's cells on a grid, and a HyperFormula workbook with the PAY functions over it. */
export function recompute(plan: ReturnType<typeof buildPlan>, pathway: unknown[][] = sheet, pathwaySheet = "Pathway") {
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

/** Every model's figures on the written sheet, recomputed, equal the engine's (to 1e-6). */
export function expectPlanFigures(plan: ReturnType<typeof buildPlan>, at: (a: string) => unknown, cmp: ReturnType<typeof comparePaymentModels>): void {
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
export function expectOrganisationFigures(plan: ReturnType<typeof buildPlan>, at: (a: string) => unknown, c: ReturnType<typeof comparePaymentModels>): void {
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

/** A pathway of n steps over every setting, as a worksheet range with its header row. */
export function longPathway(n: number): unknown[][] {
  const settings = ["Hospital", "Community", "Primary", "Other"];
  return [
    sheet[0],
    ...Array.from({ length: n }, (_, i) => [`Step ${i + 1}`, settings[i % 4], 100 + 7 * i, 90 + 6 * i, 1 + (i % 3), 0.5 + (i % 5) / 10]),
  ];
}

export const colIndex = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
export const cellAt = (a: string): [number, number] => {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  return [Number(m[2]) - 1, colIndex(m[1])];
};
