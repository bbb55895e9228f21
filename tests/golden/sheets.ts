/**
 * The sheets the pane writes, for the golden outputs (cases.ts): three workbooks that between them write every
 * section (the comparison over an Excel table with years, risk and drivers; the 2026/27 plans with contracts as
 * signed, options and scenarios; a single holder with partners, fee and reserve), each dumped as text: every
 * cell as written (formula or value) and as computed, then formats, merges, tables, charts, widths, panes and
 * page set-up.
 */
import { comparePaymentModels, DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { appraiseOptions, appraiseScenarios, type OptionsSettings } from "../../src/engine/comparison/options";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { sensitivity } from "../../src/engine/comparison/sensitivity";
import { DEFAULT_TRANSITION, transition, type TransitionTerms } from "../../src/engine/comparison/transition";
import { readContractsTable } from "../../src/engine/inputs/contracts-table";
import { readOptionsTable, readScenariosTable } from "../../src/engine/inputs/options-table";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { structuredColumns } from "../../src/engine/inputs/structured";
import { readTransitionTerms, TRANSITION_TEXT_DEFAULTS } from "../../src/engine/inputs/terms";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { buildPlan, type PlanSource } from "../../src/excel/plan";
import { readRange, writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { addFakeTable, installFakeExcel, newFakeWorkbook, type FakeWorkbook } from "../../src/preview/fake-excel";
import * as ex from "../../examples/data";

const WRITTEN = new Date(Date.UTC(2026, 11, 1));

/** Everything the fake holds of one sheet, as text a diff can read. */
export function dumpSheet(wb: FakeWorkbook, name: string): string {
  const id = wb.hf.getSheetId(name)!;
  const written = wb.hf.getSheetSerialized(id);
  const values = wb.hf.getSheetValues(id);
  const lines: string[] = [`# sheet ${name}`];
  written.forEach((row, r) =>
    row.forEach((w, c) => {
      if (w === null || w === undefined || w === "") return;
      const v = values[r]?.[c];
      const as = wb.structured.get(`${id}!${r}!${c}`);
      lines.push(`${r + 1},${c + 1}\t${JSON.stringify(as ?? w)}\t${JSON.stringify(v)}`);
    }),
  );
  const mine = (key: string) => key.startsWith(`'${name}'!`) || key.startsWith(`${name}!`);
  lines.push("# formats", ...[...wb.formats].filter(([k]) => mine(k)).map(([k, f]) => `${k}\t${JSON.stringify(f)}`));
  lines.push("# merges", JSON.stringify(wb.merges.get(name) ?? []));
  lines.push("# tables", ...wb.tables.map((t) => JSON.stringify(t)));
  lines.push("# charts", ...wb.charts.map((c) => JSON.stringify(c)));
  lines.push("# widths", JSON.stringify([...(wb.columnWidths.get(name) ?? new Map())]));
  lines.push("# freeze", JSON.stringify(wb.freeze.get(name) ?? null), "# page", JSON.stringify(wb.pageLayout.get(name) ?? null));
  return lines.join("\n") + "\n";
}

async function write(wb: FakeWorkbook, src: PlanSource): Promise<string> {
  const { name, notes } = await writeComparisonSheet(buildPlan(src));
  return dumpSheet(wb, name) + `# notes\n${notes.join("\n")}\n`;
}

/** The three-organisation example as an Excel table, with years, a simulated year and the drivers. */
export async function integratedSheet() {
  const rows = [["Integrated pathway"], [], [...ex.INTEGRATED_HEADERS], ...ex.INTEGRATED_STEPS.map((s) => [...s])];
  const wb = newFakeWorkbook(createWorkbookEngine({ Tariff: rows }));
  addFakeTable(wb, { name: "Pathway", sheet: "Tariff", row: 2, col: 0, dataRows: ex.INTEGRATED_STEPS.length, columns: [...ex.INTEGRATED_HEADERS] });
  installFakeExcel(wb);
  const data = await readRange("Pathway");
  const t = readPathwayTable(data.values, data.address);
  const inputs: ComparisonInputs = { ...DEFAULT_TERMS, mff: ex.MFF, steps: t.steps, cohort: ex.INTEGRATED_COHORT };
  const dispersion = { kind: "poisson" as const };
  return write(wb, {
    columns: structuredColumns("Pathway", t.headers, t.fields),
    table: { name: "Pathway" },
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: "Pathway",
    cohortSource: null,
    inputs,
    comparison: comparePaymentModels(inputs),
    writtenOn: WRITTEN,
    transition: { transition: transition(inputs, { ...DEFAULT_TRANSITION, demandGrowth: 0.02 }), model: "capitation" },
    risk: {
      result: simulateRisk(inputs, { trials: 200, seed: 1, dispersion }),
      sweep: populationSweep(inputs.steps, { trials: 100, seed: 1, dispersion, tolerance: 0.05, confidence: 0.9 }, 100),
    },
    drivers: { sensitivity: sensitivity(inputs), model: "activity", target: 0 },
    unit: "£k",
  });
}

/** The 2026/27 plans: contracts as signed, the NHS rule, three years, options and scenarios. */
export async function plansSheet() {
  const headers = [...ex.INTEGRATED_HEADERS, ...ex.PLAN_COLUMNS];
  const rows = [
    ["Plan"],
    [],
    headers,
    ...ex.INTEGRATED_STEPS.map((s, i) => [...s, ...ex.PLAN_STEPS[i]]),
    [],
    [],
    ["Organisation", "Point of delivery", "Signed value £"],
    ...ex.SIGNED_CONTRACTS.map((c) => [...c]),
  ];
  const wb = newFakeWorkbook(createWorkbookEngine({ Plan: rows }));
  addFakeTable(wb, { name: "Pathway2026", sheet: "Plan", row: 2, col: 0, dataRows: ex.INTEGRATED_STEPS.length, columns: headers });
  installFakeExcel(wb);
  const data = await readRange("Pathway2026");
  const t = readPathwayTable(data.values, data.address);
  const signed = await readRange("Plan!A14:C16");
  const c = readContractsTable(signed.values, signed.address);
  const inputs: ComparisonInputs = {
    ...DEFAULT_TERMS,
    mff: ex.MFF,
    steps: t.steps,
    cohort: ex.INTEGRATED_COHORT,
    todaysRule: todaysRule(presetById("nhsps-2026")!, 0.5),
    contracts: c.contracts,
  };
  const years = 3;
  const terms: TransitionTerms = {
    ...(readTransitionTerms(TRANSITION_TEXT_DEFAULTS, years).terms as TransitionTerms),
    demandGrowth: 0.02,
    start: "2026/27",
  };
  const options = readOptionsTable([ex.OPTION_HEADERS, ...ex.OPTIONS], "Options!A1:H4", TRANSITION_TEXT_DEFAULTS, years, null).options;
  const sc = readScenariosTable([ex.SCENARIO_HEADERS, ...ex.SCENARIOS], "Scenarios!A1:C4", TRANSITION_TEXT_DEFAULTS, years, null).scenarios;
  const settings: OptionsSettings = { plans: Object.fromEntries(ex.ORGANISATION_PLANS), optimismBias: 0.24 };
  const comparison = comparePaymentModels(inputs);
  return write(wb, {
    columns: structuredColumns("Pathway2026", t.headers, t.fields),
    table: { name: "Pathway2026" },
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: data.address,
    cohortSource: null,
    inputs,
    comparison,
    writtenOn: WRITTEN,
    contractCells: c.signedCells,
    transition: { transition: transition(inputs, terms), model: "capitation" },
    options: {
      results: appraiseOptions(inputs, terms, options, settings),
      specs: options,
      terms,
      settings,
      organisations: comparison.organisations,
      scenarios: appraiseScenarios(inputs, terms, options, settings, sc),
    },
  });
}

/** Issue 36's single holder: a partner at cost with VAT lost, a fee and a reserve, over the years. */
export async function holderSheet() {
  const rows = [ex.HOLDER_HEADERS, ...ex.HOLDER_STEPS];
  const wb = newFakeWorkbook(createWorkbookEngine({ Steps: rows }));
  installFakeExcel(wb);
  const t = readPathwayTable(rows, "Steps!A1:G3");
  const inputs: ComparisonInputs = {
    ...DEFAULT_TERMS,
    steps: t.steps,
    cohort: ex.HOLDER_COHORT,
    capitationRate: 1_000,
    leadProvider: "ICP",
    managementFee: { share: 0.02 },
    riskReserve: { share: 0.015 },
    partners: { "Community trust": { basis: { kind: "cost", markup: 0.05 }, vatRecoverable: false, vatShare: 1 / 6 } },
  };
  return write(wb, {
    columns: t.columns,
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: "Steps!A1:G3",
    cohortSource: null,
    inputs,
    comparison: comparePaymentModels(inputs),
    writtenOn: WRITTEN,
    transition: { transition: transition(inputs, DEFAULT_TRANSITION), model: "capitation" },
    unit: "£m",
  });
}
