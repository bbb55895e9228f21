/** The examples built on the real 2025/26 practice populations (data/): an ICB's capitated budget and the risk-selection example. */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { formula, GBP, header, input, title } from "./cells";

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

export function capitationWorkbook(dataFile: string): ExcelJS.Workbook {
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
export function selectionWorkbook(dataFile: string): ExcelJS.Workbook {
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
