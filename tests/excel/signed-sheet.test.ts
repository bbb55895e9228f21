/**
 * The written sheet's today's contracts on the plan and as signed (src/excel/sheet/signed.ts beside the engine's
 * today.ts and signed.ts): written into the fake of Excel and recomputed in HyperFormula, every organisation's
 * income today in every state, each model against today, and the contracts block's tariff and gap are the
 * engine's — for the pathway as a range and as an Excel table, under the 2026/27 rule (examples/data.ts, the
 * example of examples/plans-and-contracts-2026.xlsx). A signed value changed in the contracts table moves them.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { readContractsTable } from "../../src/engine/inputs/contracts-table";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { structuredColumns } from "../../src/engine/inputs/structured";
import { buildPlan } from "../../src/excel/plan";
import { DEFAULT_TRANSITION, transition, type TransitionTerms } from "../../src/engine/comparison/transition";
import { readRange, writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { addFakeTable, installFakeExcel, newFakeWorkbook } from "../../src/preview/fake-excel";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF, PLAN_COLUMNS, PLAN_STEPS, SIGNED_CONTRACTS } from "../../examples/data";
import { writtenCell } from "./written";

const headers = [...INTEGRATED_HEADERS, ...PLAN_COLUMNS];
const sheet = (): unknown[][] => [
  ["Plan"],
  [],
  headers,
  ...INTEGRATED_STEPS.map((s, i) => [...s, ...PLAN_STEPS[i]]),
  [],
  [],
  ["Organisation", "Point of delivery", "Signed value £"],
  ...SIGNED_CONTRACTS.map((c) => [...c]),
];

async function writeAndRecompute(asTable: boolean, withContracts = true, elective = false, years?: Partial<TransitionTerms>) {
  const rows = sheet();
  // An elective step against its plan: 756 reviews done (2 × 90% × 420) against 700 planned, half of price paid
  // above the plan; 10% fewer (680.4) fall below it, paid in full: the share on a rise or a fall is by the plan.
  if (elective) rows[5].splice(8, 2, "Elective", 700);
  const wb = newFakeWorkbook(createWorkbookEngine({ Plan: rows }));
  if (asTable) addFakeTable(wb, { name: "Pathway2026", sheet: "Plan", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: headers });
  installFakeExcel(wb);
  const data = await readRange(asTable ? "Pathway2026" : "Plan!A3:J11");
  const t = readPathwayTable(data.values, data.address);
  expect(t.problems).toEqual([]);
  const signed = await readRange("Plan!A14:C16");
  const c = readContractsTable(signed.values, signed.address);
  expect(c.problems).toEqual([]);
  const inputs: ComparisonInputs = {
    ...DEFAULT_TERMS,
    mff: MFF,
    steps: t.steps,
    cohort: INTEGRATED_COHORT,
    todaysRule: todaysRule(presetById("nhsps-2026")!, 0.5),
    contracts: withContracts ? c.contracts : null,
  };
  const comparison = comparePaymentModels(inputs);
  const tr = years ? transition(inputs, { ...DEFAULT_TRANSITION, ...years }) : null;
  const plan = buildPlan({
    columns: asTable ? structuredColumns("Pathway2026", t.headers, t.fields) : t.columns,
    ...(asTable ? { table: { name: "Pathway2026" } } : {}),
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: data.address,
    cohortSource: null,
    inputs,
    comparison,
    writtenOn: new Date(Date.UTC(2026, 11, 1)),
    ...(withContracts ? { contractCells: c.signedCells } : {}),
    ...(tr ? { transition: { transition: tr, model: "capitation" } } : {}),
  });
  const { name } = await writeComparisonSheet(plan);
  const at = writtenCell(wb, name);
  return { wb, plan, comparison, at, inputs, tr };
}

function expectToday(r: Awaited<ReturnType<typeof writeAndRecompute>>): void {
  const { plan, comparison: c, at } = r;
  for (const st of STATE_IDS) {
    expect(at(plan.baselineFigures.commissioner[st]), `commissioner ${st}`).toBeCloseTo(c.baseline.states[st].commissioner, 4);
    c.organisations.forEach((org, o) =>
      expect(at(plan.baselineFigures.organisations[o].income[st]), `${org} ${st}`).toBeCloseTo(c.baseline.states[st].organisations[o].income, 4),
    );
  }
  // The headline under the title (sheet/against-today.ts): keep today's contracts, then each model, as the engine's.
  c.organisations.forEach((org, o) => expect(at(plan.againstToday.organisations[o][0]), `${org} keep today's`).toBeCloseTo(c.baseline.shift.organisations[o], 4));
  expect(at(plan.againstToday.commissioner[0]), "commissioner keep today's").toBeCloseTo(c.baseline.shift.commissionerSaving, 4);
  expect(at(plan.againstToday.system[0]), "system keep today's").toBeCloseTo(c.baseline.shift.systemSaving, 4);
  c.models.forEach((m, k) => {
    m.versusToday.organisations.forEach((v, o) => expect(at(plan.againstToday.organisations[o][k + 1]), `headline ${m.id} ${o}`).toBeCloseTo(v.total, 4));
    expect(at(plan.againstToday.commissioner[k + 1]), `headline ${m.id} commissioner`).toBeCloseTo(m.versusToday.commissioner.total, 4);
    expect(at(plan.againstToday.system[k + 1]), `headline ${m.id} system`).toBeCloseTo(m.versusToday.system.total, 4);
  });
  for (const m of c.models) {
    m.versusToday.organisations.forEach((v, o) => expect(at(plan.versusToday[m.id].organisations[o].total), `${m.id} ${o}`).toBeCloseTo(v.total, 4));
    expect(at(plan.versusToday[m.id].commissioner.switch), `${m.id} commissioner switch`).toBeCloseTo(m.versusToday.commissioner.switch, 4);
  }
}

describe("today's contracts on the plan and as signed, on the written sheet", () => {
  it("a range: recomputed, the sheet's today and each model against it are the engine's; the contracts block reconciles", async () => {
    const r = await writeAndRecompute(false);
    expectToday(r);
    const block = r.plan.cells.find((c) => c.value === "Signed ÷ tariff")!;
    const h = Number(/\d+/.exec(block.address)![0]);
    r.comparison.baseline.reconciliation.forEach((x, k) => {
      expect(r.at(`C${h + 1 + k}`)).toBe(x.signed);
      expect(r.at(`D${h + 1 + k}`)).toBeCloseTo(x.tariff, 6);
      expect(r.at(`E${h + 1 + k}`)).toBeCloseTo(x.gap, 6);
    });
    // The signed value is live: £320,000 → £360,788.40 (the tariff) moves the community trust's income to tariff.
    const plan = r.wb.hf.getSheetId("Plan")!;
    r.wb.hf.setCellContents({ sheet: plan, row: 14, col: 2 }, [[r.comparison.baseline.reconciliation[0].tariff]]);
    const community = r.comparison.organisations.indexOf("Community trust");
    const without = comparePaymentModels({ ...r.inputs, contracts: [r.inputs.contracts![1]] });
    expect(r.at(r.plan.baselineFigures.organisations[community].income.base)).toBeCloseTo(without.baseline.states.base.organisations[community].income, 4);
  });

  it("an Excel table: the same, in array expressions over its columns", async () => {
    expectToday(await writeAndRecompute(true));
  });

  it("an elective step paid against its plan, above it today and below it at −10%", async () => {
    const r = await writeAndRecompute(false, true, true);
    const acute = r.comparison.organisations.indexOf("Acute trust");
    // The review alone: today 700 × £185.40 + 50% × 56 × £185.40 = £134,971.20; at −10%, 680.4 × £185.40 =
    // £126,146.16 for 680.4 (below the plan, every unit at price). The acute trust's other steps are as without the plan.
    const without = comparePaymentModels({ ...r.inputs, steps: r.inputs.steps.filter((s) => s.name !== "Orthogeriatric review") });
    const review = (st: "base" | "lower") => r.comparison.baseline.states[st].organisations[acute].income - without.baseline.states[st].organisations[acute].income;
    expect(review("base")).toBeCloseTo(134_971.2, 4);
    expect(review("lower")).toBeCloseTo(126_146.16, 4);
    expectToday(r);
    expectToday(await writeAndRecompute(true, true, true));
  });

  it("planned activity without contracts", async () => {
    expectToday(await writeAndRecompute(false, false));
    expectToday(await writeAndRecompute(true, false));
  });

  it("the years: today's contracts doing nothing on the plan, re-based on each year's plan, the signed gap glided; every model against them", async () => {
    const years: Partial<TransitionTerms> = { years: 4, shiftAchieved: [0.25, 0.5, 1, 1], demandGrowth: 0.03, rebaseEvery: 3, glideYears: 3, priceUplift: [0.0283] };
    for (const [asTable, withContracts, elective] of [
      [false, true, true],
      [true, true, true],
      [false, false, false],
    ] as const) {
      const r = await writeAndRecompute(asTable, withContracts, elective, years);
      const tr = r.tr!;
      for (const m of tr.models) {
        const title = r.plan.cells.find((x) => x.value === `${m.name}: by year`)!;
        const below = (x: { address: string }) => Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]);
        const vt = Number(/\d+/.exec(r.plan.cells.find((x) => x.value === `${tr.organisations[0]}: against today's contracts` && below(x))!.address)![0]);
        // Against carrying on under the same model (its contract "at today's value" from what is paid as signed).
        m.organisations.forEach((p, o) => {
          const row = r.plan.cells.find((x) => x.value === `${p.name}: position` && below(x))!;
          p.byYear.forEach((x, i) => expect(r.at(`${String.fromCharCode(67 + i)}${/\d+/.exec(row.address)![0]}`), `${m.id} ${p.name} position ${i + 1}`).toBeCloseTo(x, 4));
        });
        const v = m.versusToday;
        [...v.organisations, v.commissioner].forEach((p, q) =>
          p.byYear.forEach((x, i) =>
            expect(r.at(`${String.fromCharCode(67 + i)}${vt + q}`), `${asTable ? "table" : "range"} ${m.id} ${p.name} year ${i + 1}`).toBeCloseTo(x, 4),
          ),
        );
      }
    }
  });
});
