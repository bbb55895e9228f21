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
import { readFileSync, mkdirSync } from "node:fs";
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

const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const INPUT_FONT: Partial<ExcelJS.Font> = { color: { argb: "FF005EB8" } };
const GBP = '"£"#,##0;[Red]-"£"#,##0';
const GBP2 = '"£"#,##0.00;[Red]-"£"#,##0.00';

function input(cell: ExcelJS.Cell, value: ExcelJS.CellValue, numFmt?: string): void {
  cell.value = value;
  cell.fill = INPUT_FILL;
  cell.font = INPUT_FONT;
  if (numFmt) cell.numFmt = numFmt;
}

/** A formula; `spillTo` (e.g. "G15") saves it as Excel saves a spilled (array) result: over its whole range. */
function formula(cell: ExcelJS.Cell, f: string, numFmt?: string, spillTo?: string): void {
  cell.value = (spillTo ? { formula: f, shareType: "array", ref: `${cell.address}:${spillTo}` } : { formula: f }) as ExcelJS.CellFormulaValue;
  if (numFmt) cell.numFmt = numFmt;
}

function title(ws: ExcelJS.Worksheet, text: string, note: string): void {
  ws.getCell("A1").value = text;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = note;
  ws.getCell("A2").font = { italic: true, color: { argb: "FF595959" } };
}

function header(ws: ExcelJS.Worksheet, row: number, labels: string[]): void {
  labels.forEach((l, i) => {
    const c = ws.getRow(row).getCell(i + 1);
    c.value = l;
    c.font = { bold: true };
  });
}

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

export interface Practice {
  code: string;
  name: string;
  pcn: string;
  icb: string;
  icbName: string;
  population: number;
  finalWp: number;
}

/** The practices of data/gp-practice-weighted-populations-2025-26.csv (a simple CSV: quoted fields allowed). */
export function readPractices(file: string): Practice[] {
  const lines = readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const parse = (line: string): string[] => {
    const out: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') ((cur += '"'), i++);
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") (out.push(cur), (cur = ""));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const head = parse(lines[0]);
  const at = (n: string) => head.indexOf(n);
  return lines.slice(1).map((l) => {
    const f = parse(l);
    return {
      code: f[at("Practice_Code")],
      name: f[at("GP_Practice_Name")],
      pcn: f[at("PCN_Name")],
      icb: f[at("ICB")],
      icbName: f[at("ICBname")],
      population: Number(f[at("Population")]),
      finalWp: Number(f[at("Final WP")]),
    };
  });
}

export const EXAMPLE_ICB = "NHS Cornwall and the Isles Of Scilly ICB";
export const BASE_RATE = 1850;
export const TOP_SLICE = 0.01;
export const ICB_MFF = 1;

function capitationWorkbook(dataFile: string): ExcelJS.Workbook {
  const all = readPractices(dataFile);
  const mine = all.filter((p) => p.icbName === EXAMPLE_ICB);
  const wb = new ExcelJS.Workbook();
  const inputs = wb.addWorksheet("Budget");
  title(
    inputs,
    `Capitated budget: ${EXAMPLE_ICB}`,
    "Real 2025/26 practice weighted populations (NHS England); base rate illustrative. Blue cells are inputs.",
  );
  const ws = wb.addWorksheet("Practices");
  header(ws, 1, ["Practice code", "Practice", "PCN", "Registered population", "Final weighted population", "Need weight"]);
  mine.forEach((p, i) => {
    const r = ws.getRow(2 + i);
    r.getCell(1).value = p.code;
    r.getCell(2).value = p.name;
    r.getCell(3).value = p.pcn;
    input(r.getCell(4), p.population, "#,##0");
    input(r.getCell(5), p.finalWp, "#,##0");
    formula(r.getCell(6), `E${2 + i}/D${2 + i}`, "0.000");
  });
  const last = 1 + mine.length;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 30;
  wb.definedNames.add(`Practices!$D$2:$D$${last}`, "Population");
  wb.definedNames.add(`Practices!$F$2:$F$${last}`, "NeedWeight");
  wb.definedNames.add("Budget!$B$4", "BaseRate");

  const rows: [string, (c: ExcelJS.Cell) => void][] = [
    ["£ per weighted head", (c) => input(c, BASE_RATE, GBP)],
    ["Market forces factor", (c) => input(c, ICB_MFF, "0.000")],
    ["Top slice (held centrally)", (c) => input(c, TOP_SLICE, "0.0%")],
    ["", () => undefined],
    ["Practices", (c) => formula(c, `COUNT(Practices!D2:D${last})`)],
    ["Registered population", (c) => formula(c, `SUM(Practices!D2:D${last})`, "#,##0")],
    ["Weighted population", (c) => formula(c, `SUMPRODUCT(Practices!D2:D${last},Practices!F2:F${last})`, "#,##0")],
    ["Capitated budget", (c) => formula(c, `PAY.CAPITATION(Practices!D2:D${last},Practices!F2:F${last},B4,B5,B6)`, GBP)],
    ["Budget before top slice (named ranges)", (c) => formula(c, "PAY.CAPITATION(Population,NeedWeight,BaseRate)", GBP)],
    ["ICB need index", (c) => formula(c, "B10/B9", "0.000")],
    ["National need index (check: 1.000)", (c) => formula(c, `SUM(National!D2:D${1 + all.length})/SUM(National!C2:C${1 + all.length})`, "0.000")],
    ["Chance of overspending by >1% (cost CV 3)", (c) => formula(c, "PAY.OVERSPEND_PROBABILITY(B9,3,0.01)", "0.0000%")],
    ["Population needed for 95% confidence of ≤1%", (c) => formula(c, "PAY.MIN_POPULATION(3,0.01,0.95)", "#,##0")],
  ];
  rows.forEach(([label, set], i) => {
    inputs.getCell(`A${4 + i}`).value = label;
    set(inputs.getCell(`B${4 + i}`));
  });
  inputs.getColumn(1).width = 48;
  inputs.getColumn(2).width = 20;

  const nat = wb.addWorksheet("National");
  header(nat, 1, ["Practice code", "ICB", "Registered population", "Final weighted population"]);
  all.forEach((p, i) => {
    const r = nat.getRow(2 + i);
    r.getCell(1).value = p.code;
    r.getCell(2).value = p.icb;
    r.getCell(3).value = p.population;
    r.getCell(4).value = p.finalWp;
  });
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

/** Illustrative cost per head of a need band: the base rate × need index ^ COST_STEEPNESS. */
export const COST_STEEPNESS = 1.5;
export const SELECTION_BANDS = 5;

/** How many of the ICB's least needy practices make up the example provider's list. */
export const SELECTED_PRACTICES = 10;

/**
 * The practices of the example ICB in need bands (quintiles of practices by need index, Final WP ÷ population),
 * each marked when it is one of the SELECTED_PRACTICES least needy: the lists a provider (a federation or
 * merged practice) would hold if it took on the healthiest lists. (This release of the data has no PCN names.)
 */
export function selectionExample(dataFile: string): (Practice & { band: number; selected: boolean })[] {
  const mine = readPractices(dataFile).filter((p) => p.icbName === EXAMPLE_ICB && p.population > 0);
  const sorted = [...mine].sort((a, b) => a.finalWp / a.population - b.finalWp / b.population);
  const rank = new Map(sorted.map((p, i) => [p.code, i]));
  return mine.map((p) => {
    const i = rank.get(p.code) as number;
    return { ...p, band: 1 + Math.floor((i * SELECTION_BANDS) / sorted.length), selected: i < SELECTED_PRACTICES };
  });
}

/**
 * selection-gain.xlsx: what a PCN whose list is healthier than its ICB's gains from a flat capitation per head,
 * and how much of that the need weights take away (PAY.SELECTION_GAIN), from the real 2025/26 practice
 * need-weighted populations; costs per band illustrative.
 */
function selectionWorkbook(dataFile: string): ExcelJS.Workbook {
  const practices = selectionExample(dataFile);
  const who = `the ${SELECTED_PRACTICES} least needy practices`;
  const wb = new ExcelJS.Workbook();
  const sel = wb.addWorksheet("Selection");
  title(
    sel,
    `Risk selection: a provider holding ${who} of ${EXAMPLE_ICB}`,
    `Real 2025/26 practice need-weighted populations (NHS England, ICB allocation tool); cost per head illustrative: £${BASE_RATE} × need index ^ ${COST_STEEPNESS}.`,
  );
  const ps = wb.addWorksheet("Practices");
  header(ps, 1, [
    "Practice code",
    "Practice",
    "In the provider's list (1 = yes)",
    "Registered population",
    "Final weighted population",
    "Need index",
    "Need band",
  ]);
  practices.forEach((p, i) => {
    const r = ps.getRow(2 + i);
    r.getCell(1).value = p.code;
    r.getCell(2).value = p.name;
    input(r.getCell(3), p.selected ? 1 : 0);
    input(r.getCell(4), p.population, "#,##0");
    input(r.getCell(5), p.finalWp, "#,##0");
    formula(r.getCell(6), `E${2 + i}/D${2 + i}`, "0.000");
    r.getCell(7).value = p.band;
  });
  const last = 1 + practices.length;
  ps.getColumn(2).width = 40;
  ps.getColumn(3).width = 34;
  header(sel, 4, ["Need band (quintile of practices)", "ICB population", "Need weight", "Cost per head £", "The provider's list"]);
  sel.getCell("H5").value = "£ per weighted head";
  input(sel.getCell("I5"), BASE_RATE, GBP);
  sel.getCell("H6").value = "Cost steepness (cost ∝ need ^ this)";
  input(sel.getCell("I6"), COST_STEEPNESS, "0.0");
  for (let b = 1; b <= SELECTION_BANDS; b++) {
    const r = 4 + b;
    sel.getCell(`A${r}`).value = b;
    const pop = `SUMIFS(Practices!$D$2:$D$${last},Practices!$G$2:$G$${last},A${r})`;
    formula(sel.getCell(`B${r}`), pop, "#,##0");
    formula(sel.getCell(`C${r}`), `SUMIFS(Practices!$E$2:$E$${last},Practices!$G$2:$G$${last},A${r})/B${r}`, "0.000");
    formula(sel.getCell(`D${r}`), `$I$5*C${r}^$I$6`, GBP);
    formula(sel.getCell(`E${r}`), `SUMIFS(Practices!$D$2:$D$${last},Practices!$G$2:$G$${last},A${r},Practices!$C$2:$C$${last},1)`, "#,##0");
  }
  const end = 4 + SELECTION_BANDS;
  const rows: [string, string][] = [
    ["Gain a year under a flat rate per head (PAY.SELECTION_GAIN, no weights)", `PAY.SELECTION_GAIN(E5:E${end},B5:B${end},D5:D${end})`],
    ["Gain a year under the need weights", `PAY.SELECTION_GAIN(E5:E${end},B5:B${end},D5:D${end},C5:C${end})`],
    ["Gain a year if weights were proportional to cost (perfect risk adjustment)", `PAY.SELECTION_GAIN(E5:E${end},B5:B${end},D5:D${end},D5:D${end})`],
    ["The provider's list", `SUM(E5:E${end})`],
  ];
  rows.forEach(([label, f], i) => {
    sel.getCell(`A${end + 2 + i}`).value = label;
    formula(sel.getCell(`B${end + 2 + i}`), f, i === 3 ? "#,##0" : GBP);
  });
  sel.getColumn(1).width = 70;
  for (let c = 2; c <= 5; c++) sel.getColumn(c).width = 18;
  sel.getColumn(8).width = 34;
  sel.getColumn(9).width = 34;
  return wb;
}

/**
 * todays-contracts.xlsx: the integrated pathway with how each step is paid today (point of delivery, payment
 * today) and its own change in volume when care moves, as the table TodaysContracts: the input of "Against
 * today's contracts" in the panel and of pay compare's baseline and versusToday.
 */
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
