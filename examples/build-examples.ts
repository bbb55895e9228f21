/**
 * Writes the example workbooks in examples/ (`npm run examples`), from data in this repository:
 * - hip-fracture-pathway.xlsx: a pathway's steps priced and costed, and a spell table priced by one
 *   SPELL_PRICE array formula (prices are illustrative, in the shape of the NHS Payment Scheme);
 * - icb-capitation.xlsx: a capitated budget for NHS Cornwall and the Isles of Scilly ICB from the real
 *   2025/26 practice weighted populations (data/), with the national need index 1.000 as a check;
 * - risk-and-gain-share.xlsx: a risk-share corridor over outturn scenarios, shared savings, a bundle
 *   reconciliation and a gain share between the partners of a pathway;
 * - plans-and-contracts-2026.xlsx: the integrated pathway's 2026/27 plan and signed contracts (plans-and-contracts.ts);
 * - single-holder.xlsx: a capitated budget held by one provider subcontracting a partner at cost (single-holder.ts).
 * Inputs are in blue cells; formulas are black. Usage: node build/node/examples/build-examples.js [outDir]
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { comparePaymentModels, DEFAULT_TERMS } from "../src/engine/comparison/compare";
import { readPathwayTable } from "../src/engine/inputs/pathway-table";
import { DEFAULT_TRANSITION, transition, type TransitionTerms } from "../src/engine/comparison/transition";
import { buildPlan, type SheetPlan } from "../src/excel/plan";
import { plansAndContractsWorkbook } from "./plans-and-contracts";
import { singleHolderWorkbook } from "./single-holder";
import { structuredColumns } from "../src/engine/inputs/structured";
import {
  CORRIDOR,
  COHORT,
  INTEGRATED_COHORT,
  INTEGRATED_HEADERS,
  INTEGRATED_STEPS,
  INTEGRATED_TIERS,
  MFF,
  OUTTURNS,
  PARTNERS,
  PATHWAY_STEPS,
  SPELLS,
  TODAY_COLUMNS,
  TODAY_STEPS,
} from "./data";

// The examples' data, for the tests that check the written workbooks against it.
export * from "./data";
export * from "./population-examples";
import { capitationWorkbook, selectionWorkbook } from "./population-examples";
import { formula, GBP, GBP2, header, input, title } from "./cells";

function pathwayWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Pathway");
  title(ws, "Hip fracture pathway: expected cost", "Illustrative prices and costs. Blue cells are inputs; the rest are formulas.");
  header(ws, 3, ["Step", "Setting", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"]);
  PATHWAY_STEPS.forEach((s, i) => {
    const r = ws.getRow(4 + i);
    r.getCell(1).value = s[0];
    r.getCell(2).value = s[1];
    input(r.getCell(3), s[2], GBP);
    input(r.getCell(4), s[3], GBP);
    input(r.getCell(5), s[4]);
    input(r.getCell(6), s[5], "0%");
  });
  const last = 3 + PATHWAY_STEPS.length; // row 10
  ws.getCell("A13").value = "Cohort (patients a year)";
  input(ws.getCell("B13"), COHORT);
  ws.getCell("A14").value = "Market forces factor";
  input(ws.getCell("B14"), MFF, "0.000");
  ws.getCell("A16").value = "Price per patient (tariff, no MFF)";
  formula(ws.getCell("B16"), `PAY.PATHWAY_COST(C4:C${last},E4:E${last},F4:F${last})`, GBP2);
  ws.getCell("A17").value = "Commissioner pays (activity-based, cohort, MFF)";
  formula(ws.getCell("B17"), `PAY.PATHWAY_COST(C4:C${last},E4:E${last},F4:F${last},B13,B14)`, GBP);
  ws.getCell("A18").value = "Provider cost (cohort)";
  formula(ws.getCell("B18"), `PAY.PATHWAY_COST(D4:D${last},E4:E${last},F4:F${last},B13)`, GBP);
  ws.getCell("A19").value = "Check: the same by SUMPRODUCT";
  formula(ws.getCell("B19"), `SUMPRODUCT(C4:C${last},E4:E${last},F4:F${last})*B13*B14`, GBP);
  ws.getCell("A20").value = "Difference (should be 0)";
  formula(ws.getCell("B20"), "ROUND(B17-B19,6)");
  ws.getCell("A21").value = "Provider margin";
  formula(ws.getCell("B21"), "B17-B18", GBP);
  ws.getColumn(1).width = 46;
  for (const c of [2, 3, 4, 5, 6]) ws.getColumn(c).width = 16;

  const sp = wb.addWorksheet("Spells");
  title(sp, "Admitted spells priced with excess bed days", "One PAY.SPELL_PRICE formula in G4 prices the whole table (array form).");
  header(sp, 3, ["HRG", "Base tariff £", "Length of stay (days)", "Trimpoint (days)", "Excess bed day £", "Short-stay tariff £", "Price £"]);
  SPELLS.forEach((s, i) => {
    const r = sp.getRow(4 + i);
    r.getCell(1).value = s[0];
    s.slice(1).forEach((v, k) => input(r.getCell(2 + k), v as number, k === 0 || k >= 3 ? GBP : undefined));
  });
  const end = 3 + SPELLS.length; // row 15
  formula(sp.getCell("G4"), `PAY.SPELL_PRICE(B4:B${end},C4:C${end},D4:D${end},E4:E${end},Pathway!B14,F4:F${end})`, GBP, `G${end}`);
  for (let r = 5; r <= end; r++) sp.getCell(`G${r}`).numFmt = GBP;
  sp.getCell(`A${end + 2}`).value = "Total";
  formula(sp.getCell(`G${end + 2}`), `SUM(G4:G${end})`, GBP);
  sp.getCell(`A${end + 3}`).value = "Excess bed days";
  formula(sp.getCell(`G${end + 3}`), `SUMPRODUCT((C4:C${end}>D4:D${end})*(C4:C${end}-D4:D${end}))`);
  sp.getColumn(1).width = 18;
  for (let c = 2; c <= 7; c++) sp.getColumn(c).width = 18;
  return wb;
}

function riskWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Corridor");
  title(ws, "Risk-share corridor over outturn scenarios", "The provider carries the first 3%, half of the next 5% and a fifth beyond 8%.");
  header(ws, 3, ["Band", "Threshold (fraction of budget)", "Commissioner share"]);
  CORRIDOR.thresholds.forEach((t, i) => {
    ws.getCell(`A${4 + i}`).value = `Band ${i + 1}`;
    input(ws.getCell(`B${4 + i}`), t, "0%");
    input(ws.getCell(`C${4 + i}`), CORRIDOR.shares[i], "0%");
  });
  ws.getCell("A8").value = "Budget paid";
  input(ws.getCell("B8"), CORRIDOR.budget, GBP);
  header(ws, 10, ["Outturn (provider actual cost)", "Settlement (commissioner pays)", "Commissioner net cost", "Provider result"]);
  OUTTURNS.forEach((o, i) => {
    const r = 11 + i;
    input(ws.getCell(`A${r}`), o, GBP);
    formula(ws.getCell(`B${r}`), `PAY.RISK_SHARE(A${r},$B$8,$B$4:$B$6,$C$4:$C$6)`, GBP);
    formula(ws.getCell(`C${r}`), `$B$8+B${r}`, GBP);
    formula(ws.getCell(`D${r}`), `$B$8+B${r}-A${r}`, GBP);
  });
  for (const c of [1, 2, 3, 4]) ws.getColumn(c).width = 32;

  const gs = wb.addWorksheet("Gain share");
  title(gs, "Gain share between the partners of a pathway", "Saving against the pathway budget, split by agreed weights (loss weights if negative).");
  gs.getCell("A3").value = "Pathway budget";
  input(gs.getCell("B3"), 4_000_000, GBP);
  gs.getCell("A4").value = "Pathway actual cost";
  input(gs.getCell("B4"), 3_640_000, GBP);
  gs.getCell("A5").value = "Saving";
  formula(gs.getCell("B5"), "B3-B4", GBP);
  header(gs, 7, ["Partner", "Gain weight", "Loss weight", "Share £"]);
  PARTNERS.forEach((p, i) => {
    gs.getCell(`A${8 + i}`).value = p[0];
    input(gs.getCell(`B${8 + i}`), p[1]);
    input(gs.getCell(`C${8 + i}`), p[2]);
    gs.getCell(`D${8 + i}`).numFmt = GBP;
  });
  const end = 7 + PARTNERS.length;
  formula(gs.getCell("D8"), `PAY.GAIN_SHARE(B5,B8:B${end},C8:C${end})`, GBP, `D${end}`);
  gs.getCell(`A${end + 1}`).value = "Check: parts add up to the saving";
  formula(gs.getCell(`D${end + 1}`), `SUM(D8:D${end})`, GBP);

  gs.getCell("A14").value = "Shared savings (benchmark £10m, actual £9.7m, 50%, MSR 2%, cap 10%)";
  formula(gs.getCell("D14"), "PAY.SHARED_SAVINGS(9700000,10000000,0.5,0.02,0.1)", GBP);
  gs.getCell("A15").value = "Bundle reconciliation (£25,000 × 100 episodes, 3% discount, actual £2.2m, 5% stop-gain)";
  formula(gs.getCell("D15"), "PAY.BUNDLE_RECONCILE(25000,100,2200000,0.03,0.05,0.05)", GBP);
  gs.getCell("A16").value = "Marginal rate (baseline £10m, actual £11m, 30% above)";
  formula(gs.getCell("D16"), "PAY.MARGINAL_RATE(11000000,10000000,0.3)", GBP);
  gs.getCell("A17").value = "Blended payment (fixed £5m + 50% of activity)";
  formula(gs.getCell("D17"), "PAY.BLENDED_PAYMENT(5000000,{2000;400},{1000;500},0.5)", GBP);
  gs.getColumn(1).width = 70;
  for (const c of [2, 3, 4]) gs.getColumn(c).width = 16;
  return wb;
}

/**
 * integrated-care.xlsx: the hip-fracture and falls pathway of three organisations (acute trust, community trust,
 * PCN) with their variable cost shares, for the panel's and `pay compare`'s comparison by organisation.
 */
function integratedWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Pathway");
  title(
    ws,
    "Integrated hip fracture and falls pathway: three organisations",
    "Illustrative figures. Variable % is the share of each step's cost that moves with activity in-year (blank: the setting's default).",
  );
  header(ws, 3, INTEGRATED_HEADERS);
  INTEGRATED_STEPS.forEach((s, i) => {
    const r = ws.getRow(4 + i);
    r.getCell(1).value = s[0];
    r.getCell(2).value = s[1];
    r.getCell(3).value = s[2];
    input(r.getCell(4), s[3], GBP);
    input(r.getCell(5), s[4], GBP);
    input(r.getCell(6), s[5]);
    input(r.getCell(7), s[6], "0%");
    if (s[7] !== null) input(r.getCell(8), s[7], "0%");
  });
  const last = 3 + INTEGRATED_STEPS.length; // row 11
  // The steps are an Excel table too, so the written comparison uses structured references and follows rows
  // added to it (the add-in writes the same when the pathway is chosen as a table).
  ws.addTable({
    name: INTEGRATED_TABLE,
    ref: "A3",
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: INTEGRATED_HEADERS.map((name) => ({ name, filterButton: false })),
    rows: INTEGRATED_STEPS.map((s) => [...s]),
  });
  ws.getCell(`A${last + 3}`).value = "Cohort (patients a year)";
  input(ws.getCell(`B${last + 3}`), INTEGRATED_COHORT);
  ws.getCell(`A${last + 4}`).value = "Market forces factor";
  input(ws.getCell(`B${last + 4}`), MFF, "0.000");
  // Year-of-care tiers of the cohort (J:L beside the table), for a capitated budget by complexity.
  ["Year-of-care tier", "Patients", "Weight"].forEach((h, i) => {
    ws.getRow(3).getCell(10 + i).value = h;
    ws.getRow(3).getCell(10 + i).font = { bold: true };
  });
  INTEGRATED_TIERS.forEach(([name, count, weight], i) => {
    ws.getRow(4 + i).getCell(10).value = name;
    input(ws.getRow(4 + i).getCell(11), count);
    input(ws.getRow(4 + i).getCell(12), weight, "0.00");
  });
  wb.definedNames.add(`Pathway!$K$3:$L$${3 + INTEGRATED_TIERS.length}`, "Tiers");
  ws.getColumn(10).width = 20;
  wb.definedNames.add(`Pathway!$A$3:$H$${last}`, "IntegratedPathway");
  wb.definedNames.add(`Pathway!$B$${last + 3}`, "Cohort");
  wb.definedNames.add(`Pathway!$B$${last + 4}`, "MFF");
  ws.getCell(`A${last + 6}`).value = "Commissioner pays, activity-based (cohort, MFF)";
  formula(ws.getCell(`B${last + 6}`), `PAY.PATHWAY_COST(D4:D${last},F4:F${last},G4:G${last},Cohort,MFF)`, GBP);
  ws.getCell(`A${last + 7}`).value = "Cost of the pathway (cohort)";
  formula(ws.getCell(`B${last + 7}`), `PAY.PATHWAY_COST(E4:E${last},F4:F${last},G4:G${last},Cohort)`, GBP);
  ws.getColumn(1).width = 46;
  for (let c = 2; c <= 8; c++) ws.getColumn(c).width = 16;
  writeComparisonPlan(wb, integratedPlan());
  return wb;
}

/** The Excel table holding the integrated example's steps (Pathway!A3:H11). */
export const INTEGRATED_TABLE = "PathwaySteps";

/** The worked transition of the README for the integrated example: five years, set-up £250,000, release from year 3, 2% uplifts. */
export const INTEGRATED_TRANSITION: Partial<TransitionTerms> = { setupCost: [250_000], releaseYear: 3, priceUplift: [0.02], costUplift: [0.02] };

/**
 * The panel's "Write to sheet" for the integrated example, with its five-year transition (the same plan the
 * add-in writes: every figure a live formula on the Pathway sheet), so the example shows it and `pay recalc`
 * checks it.
 */
export function integratedPlan(): SheetPlan {
  const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], `Pathway!A3:H${3 + INTEGRATED_STEPS.length}`);
  const inputs = { ...DEFAULT_TERMS, mff: MFF, steps: table.steps, cohort: INTEGRATED_COHORT };
  return buildPlan({
    columns: structuredColumns(INTEGRATED_TABLE, table.headers, table.fields),
    table: { name: INTEGRATED_TABLE },
    rows: table.rows,
    stepRows: table.stepRows,
    tableAddress: INTEGRATED_TABLE,
    cohortSource: `Pathway!B${6 + INTEGRATED_STEPS.length}`,
    inputs,
    comparison: comparePaymentModels(inputs),
    writtenOn: new Date(Date.UTC(2026, 3, 1)), // a fixed date, so the examples rebuild byte for byte
    transition: { transition: transition(inputs, { ...DEFAULT_TRANSITION, ...INTEGRATED_TRANSITION }), model: "block" },
  });
}

/** A sheet plan written with exceljs (values, formulas without their "=", number formats, bold headings). */
function writeComparisonPlan(wb: ExcelJS.Workbook, plan: SheetPlan): void {
  const ws = wb.addWorksheet("PAY comparison");
  for (const c of plan.cells) {
    const cell = ws.getCell(c.address);
    if (c.formula !== undefined) cell.value = { formula: c.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined) cell.value = c.value;
    if (c.format) cell.numFmt = c.format;
    if (c.bold) cell.font = { bold: true };
  }
  plan.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function todaysContractsWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Pathway");
  title(
    ws,
    "Integrated pathway: how each step is paid today",
    "Illustrative figures. Payment today: activity, fixed, or a share of the value of any change (blank: the 2025/26 NHS Payment Scheme's default, elective by activity and everything else fixed). Change in volume: the step's own change when care moves (blank: the setting's rule).",
  );
  const headers = [...INTEGRATED_HEADERS, ...TODAY_COLUMNS];
  header(ws, 3, headers);
  const rows = INTEGRATED_STEPS.map((s, i) => [...s, ...TODAY_STEPS[i]]);
  ws.addTable({
    name: "TodaysContracts",
    ref: "A3",
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: headers.map((name) => ({ name, filterButton: false })),
    rows,
  });
  const last = 3 + rows.length;
  ws.getCell(`A${last + 3}`).value = "Cohort (patients a year)";
  input(ws.getCell(`B${last + 3}`), INTEGRATED_COHORT);
  ws.getCell(`A${last + 4}`).value = "Market forces factor";
  input(ws.getCell(`B${last + 4}`), MFF, "0.000");
  wb.definedNames.add(`Pathway!$B$${last + 3}`, "Cohort");
  wb.definedNames.add(`Pathway!$B$${last + 4}`, "MFF");
  ws.getColumn(1).width = 26;
  return wb;
}

export async function buildExamples(outDir: string, dataFile: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: [string, ExcelJS.Workbook][] = [
    ["hip-fracture-pathway.xlsx", pathwayWorkbook()],
    ["integrated-care.xlsx", integratedWorkbook()],
    ["icb-capitation.xlsx", capitationWorkbook(dataFile)],
    ["selection-gain.xlsx", selectionWorkbook(dataFile)],
    ["risk-and-gain-share.xlsx", riskWorkbook()],
    ["todays-contracts.xlsx", todaysContractsWorkbook()],
    ["plans-and-contracts-2026.xlsx", plansAndContractsWorkbook()],
    ["single-holder.xlsx", singleHolderWorkbook()],
  ];
  const written: string[] = [];
  for (const [name, wb] of files) {
    wb.creator = "PAY add-in examples";
    const file = path.join(outDir, name);
    await wb.xlsx.writeFile(file);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "../../..");
  const out = process.argv[2] ?? path.join(root, "examples");
  void buildExamples(out, path.join(root, "data", "gp-practice-weighted-populations-2025-26.csv")).then((files) => {
    for (const f of files) console.log(`wrote ${f}`);
  });
}
