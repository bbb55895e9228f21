/**
 * Recalculate and check .xlsx workbooks outside Excel: the package's parts are read as Excel reads them
 * (xlsx/read.ts), HyperFormula (with the PAY binding) computes every formula, and only cached values are
 * written back (package.ts). Used by the `pay` command line and its tests.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import type JSZip from "jszip";
import { openPackage, packageBytes, patchCachedValues, savedArrays, type CachedValue } from "./package";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { createWorkbookEngine } from "../headless/pay-plugin";
import { columnIndex, columnLetters as colLetters, quoteSheetName } from "../engine/rules/address";
import { resolveSpecifier, StructuredReferenceError, tableAddress, type TableDef } from "../engine/inputs/structured";
import { readWorkbook, type CellModel, type CellValue, type WorkbookModel } from "./xlsx/read";
import { forHyperFormula, UnresolvedReference, type FormulaContext } from "../headless/excel-formula";

import { InputError } from "./errors";

export { InputError };

export type CellResult = number | string | boolean | { error: string; message: string } | null;

export interface FormulaCell {
  sheet: string;
  address: string;
  formula: string;
  isPay: boolean;
  /** What the file holds as the formula's cached value (as Excel last computed it), if anything. */
  cached: CellResult | undefined;
  result: CellResult;
  /** Cells a spilled result filled, below or right of this one. */
  spill: { address: string; value: CellResult }[];
}

/** A workbook file: its package as it is (kept for writing), and its cells, names and tables as read from it. */
export interface LoadedWorkbook {
  model: WorkbookModel;
  pkg: JSZip;
}

export interface Recalculation {
  model: WorkbookModel;
  pkg: JSZip;
  /** The recalculated workbook, for reading ranges' values (pay compare). */
  hf: HyperFormula;
  sheets: string[];
  cells: FormulaCell[];
  namedRanges: number;
  /** The workbook's Excel tables (ListObjects): structured references to them are resolved to their ranges. */
  tables: TableDef[];
}

export async function loadWorkbook(file: string): Promise<LoadedWorkbook> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new InputError(`${file}: is a folder, not an .xlsx file`);
  const bytes = readFileSync(file);
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw new InputError(`${file}: is password-protected (encrypted) or an old .xls file; save it unprotected as .xlsx`);
  }
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw new InputError(`${file}: is not an .xlsx workbook`);
  try {
    const pkg = await openPackage(bytes);
    return { model: await readWorkbook(pkg), pkg };
  } catch (e) {
    throw new InputError(
      `${file}: cannot be read as a workbook (corrupt or not .xlsx): ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    );
  }
}

/** The workbook's tables as structured references see them (a table without a Header Row included). */
function tableDefs(model: WorkbookModel): TableDef[] {
  return model.tables
    .filter((t) => t.columns.length === t.c1 - t.c0 + 1)
    .map((t) => ({
      name: t.name,
      sheet: t.sheet,
      row: t.r0 - (t.headerRows > 0 ? 0 : 1),
      col: t.c0,
      dataRows: t.r1 - t.r0 + 1 - t.headerRows - t.totalsRows,
      columns: t.columns,
      headers: t.headerRows > 0,
      totals: t.totalsRows,
    }));
}

/**
 * Defined names as HyperFormula holds them: each under a name of its own (`__PAYNAME1` …), so that a name
 * local to a sheet and the workbook's name of the same spelling stay apart, and any name Excel allows (Cohorte_é)
 * is one HyperFormula takes. Excel's own names (_xlnm.Print_Area …) are left out.
 */
function nameAliases(model: WorkbookModel): {
  alias: (name: string, sheet: string | null) => string | null;
  list: { alias: string; sheet: string | null; formula: string; name: string }[];
} {
  const list = model.names
    .filter((n) => !/^_xlnm\./i.test(n.name))
    .map((n, i) => ({ alias: `__PAYNAME${i + 1}`, sheet: n.sheet, formula: n.formula, name: n.name }));
  const key = (name: string, sheet: string | null) => `${(sheet ?? "").toLowerCase()}\u0000${name.toLowerCase()}`;
  const byKey = new Map(list.map((n) => [key(n.name, n.sheet), n.alias]));
  return {
    list,
    alias: (name, sheet) => (sheet !== null ? byKey.get(key(name, sheet)) : undefined) ?? byKey.get(key(name, null)) ?? null,
  };
}

/** A cell's value as HyperFormula must hold it: text always as text ('…), never re-read as a number or formula. */
function rawValue(v: CellValue | undefined): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return `'${v}`;
  if (typeof v === "object") return v.error;
  return v;
}

function cachedResult(v: CellValue | undefined): CellResult | undefined {
  if (v === undefined) return undefined;
  return v !== null && typeof v === "object" ? { error: v.error, message: "" } : v;
}

/** A structured reference as its range; null where `table` is no table; UnresolvedReference where Excel shows an error. */
function structuredRange(byTable: Map<string, TableDef>, table: string, spec: string, at?: { sheet: string; row: number }): string | null {
  const t = byTable.get(table.toLowerCase());
  if (!t) return null;
  try {
    return resolveSpecifier(t, spec, at);
  } catch (e) {
    if (e instanceof StructuredReferenceError) throw new UnresolvedReference(e.message, e.code);
    throw e;
  }
}

interface PendingFormula {
  sheet: string;
  cell: CellModel;
  /** The error and its reason where a structured reference names nothing (#REF!, as in Excel). */
  refError?: { code: string; message: string };
}

/** Each sheet's grid for HyperFormula, and the formula cells in it. */
function buildGrids(model: WorkbookModel, tables: TableDef[], aliases: ReturnType<typeof nameAliases>, file: string) {
  const sheets: Record<string, unknown[][]> = {};
  const pending: PendingFormula[] = [];
  const byTable = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const ws of model.sheets) {
    const grid: unknown[][] = [];
    const arrays: CellModel[] = [];
    for (const c of ws.cells) {
      grid[c.row] ??= [];
      if (c.formula === undefined) {
        grid[c.row][c.col] = rawValue(c.value);
        continue;
      }
      const ctx: FormulaContext = {
        sheet: ws.name,
        row: c.row,
        hasNames: aliases.list.length > 0,
        name: aliases.alias,
        structured: (table, spec) => {
          return structuredRange(byTable, table, spec, { sheet: ws.name, row: c.row });
        },
      };
      const p: PendingFormula = { sheet: ws.name, cell: c };
      try {
        const f = forHyperFormula(c.formula, ctx);
        grid[c.row][c.col] =
          c.array && !c.array.dynamic ? `=ARRAY_CONSTRAIN(${f},${c.array.r1 - c.array.r0 + 1},${c.array.c1 - c.array.c0 + 1})` : `=${f}`;
      } catch (e) {
        if (!(e instanceof UnresolvedReference))
          throw new InputError(`${file}: ${quoteSheet(ws.name)}!${colLetters(c.col)}${c.row + 1}: ${String(e)}`);
        p.refError = { code: e.code, message: e.message };
        grid[c.row][c.col] = e.code;
      }
      pending.push(p);
      if (c.array) arrays.push(c);
    }
    // Cells inside a saved array formula's range are its output, not inputs: let it fill them again.
    for (const c of arrays) {
      const a = c.array as NonNullable<CellModel["array"]>;
      for (let r = a.r0; r <= a.r1; r++) for (let k = a.c0; k <= a.c1; k++) if ((r !== c.row || k !== c.col) && grid[r]) grid[r][k] = null;
    }
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    sheets[ws.name] = grid;
  }
  return { sheets, pending };
}

/** Recalculate every formula of a loaded workbook; a formula pay cannot read is an error in its own cell. */
export function recalculate(loaded: LoadedWorkbook, file: string): Recalculation {
  const { model } = loaded;
  const tables = tableDefs(model);
  const aliases = nameAliases(model);
  const { sheets, pending } = buildGrids(model, tables, aliases, file);
  const hf = createWorkbookEngine(sheets, { date1904: model.date1904 });
  let namedRanges = 0;
  const unread: { name: string; formula: string }[] = [];
  const byTable = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const n of aliases.list) {
    const scopeSheet = n.sheet ?? model.sheets[0]?.name ?? "";
    let expression: string;
    try {
      expression = forHyperFormula(n.formula, {
        sheet: scopeSheet,
        row: -1,
        name: aliases.alias,
        structured: (table, spec) => {
          return structuredRange(byTable, table, spec);
        },
      });
    } catch {
      expression = "#REF!";
    }
    try {
      hf.addNamedExpression(n.alias, `=${expression}`);
      namedRanges++;
    } catch {
      // A name HyperFormula cannot hold (a formula it does not read) is left out: formulas using it are #NAME?,
      // with the name and why (readCell).
      unread.push({ name: n.name, formula: n.formula });
    }
  }
  // A formula that fails on a name: said with the name (a dynamic range, or a formula pay cannot read).
  const suspects = [
    ...aliases.list.filter((n) => /\b(OFFSET|INDEX|INDIRECT)\s*\(/i.test(n.formula) && !unread.some((u) => u.name === n.name)),
    ...unread,
  ].map((n) => ({ name: n.name, formula: n.formula }));
  const cells = pending.map((p) => readCell(hf, p, suspects));
  return { model, pkg: loaded.pkg, hf, sheets: model.sheets.map((s) => s.name), cells, namedRanges, tables };
}

/** A formula cell as computed; `suspects` are names a failing formula may be failing on (dynamic ranges, names pay cannot read). */
function readCell(hf: HyperFormula, p: PendingFormula, suspects: readonly { name: string; formula: string }[] = []): FormulaCell {
  const { cell, sheet } = p;
  const { row, col } = cell;
  const sheetId = hf.getSheetId(sheet) as number;
  const address = `${colLetters(col)}${row + 1}`;
  const formula = cell.formula as string;
  const base = { sheet, address, formula, isPay: /\bPAY\.|_xldudf_PAY/i.test(formula), cached: cachedResult(cell.value) };
  if (p.refError !== undefined) return { ...base, result: { error: p.refError.code, message: p.refError.message }, spill: [] };
  const value = hf.getCellValue({ sheet: sheetId, row, col });
  if (value instanceof DetailedCellError && value.type === "ERROR" && /pars/i.test(value.message ?? "")) {
    // Excel saved it, so it is Excel's formula; what HyperFormula cannot read (a 3-D or external reference, a
    // function it lacks) is an error in that cell, listed, and never a reason to refuse the whole file.
    const names = suspects.filter((n) =>
      new RegExp(`(^|[^\\p{L}\\p{N}_.])${n.name.replace(/[.\\]/g, "\\$&")}($|[^\\p{L}\\p{N}_.(])`, "iu").test(formula),
    );
    const why = names.map((n) =>
      /\b(OFFSET|INDEX|INDIRECT)\s*\(/i.test(n.formula)
        ? `the name '${n.name}' is a dynamic range (=${n.formula}), which pay cannot compute (Excel does)`
        : `the name '${n.name}' (=${n.formula}) is a formula pay cannot read`,
    );
    const message = why.length > 0 ? why.join("; ") : `pay cannot read this formula: ${value.message}`;
    return { ...base, result: { error: "#NAME?", message }, spill: [] };
  }
  const spill: { address: string; value: CellResult }[] = [];
  if (hf.isCellPartOfArray({ sheet: sheetId, row, col })) {
    // The spilled block: cells right of and below this one that belong to an array and hold no formula.
    const inBlock = (r: number, c: number) =>
      hf.isCellPartOfArray({ sheet: sheetId, row: r, col: c }) && !hf.doesCellHaveFormula({ sheet: sheetId, row: r, col: c });
    let width = 1;
    while (inBlock(row, col + width)) width++;
    let height = 1;
    while (inBlock(row + height, col)) height++;
    for (let r = row; r < row + height; r++) {
      for (let c = col; c < col + width; c++) {
        if (r === row && c === col) continue;
        spill.push({ address: `${colLetters(c)}${r + 1}`, value: toResult(hf.getCellValue({ sheet: sheetId, row: r, col: c })) });
      }
    }
  }
  return { ...base, result: toResult(value), spill };
}

function toResult(v: unknown): CellResult {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message ?? "" };
  if (v === undefined) return null;
  return v as CellResult;
}

/** A sheet name as it stands in a reference (quoted when it needs to be). */
export const quoteSheet = quoteSheetName;

function cached(v: CellResult): CachedValue {
  return v !== null && typeof v === "object" ? { error: v.error } : v;
}

export interface StoreReport {
  /** Cells whose cached value was written. */
  stored: number;
  /** Spilled results the file does not save as an array formula over their cells: only the first value is stored. */
  spillsNotStored: string[];
  /** Formula cells of a part that pay's patching cannot find (a namespace prefix, a cell without its address). */
  unpatched: { part: string; cells: string[] }[];
}

/**
 * Put the results into the file's package as the formulas' cached values (recalc -o). Only cached values of
 * formula cells, and of the cells inside a saved array formula's range, change (see package.ts). A result that
 * spills where the file saves a plain formula keeps its first value only: its neighbours are the user's cells,
 * never overwritten. Cells of a saved array range beyond the result get #N/A, as Excel shows them.
 */
export async function storeResults(r: Recalculation): Promise<StoreReport> {
  const parts = r.model.parts;
  const values = new Map<string, Map<string, CachedValue>>();
  const spillsNotStored: string[] = [];
  const arraysBySheet = new Map<string, Map<string, string[]>>();
  for (const c of r.cells) {
    let sheet = values.get(c.sheet);
    if (!sheet) values.set(c.sheet, (sheet = new Map()));
    sheet.set(c.address, cached(c.result));
    if (c.spill.length === 0) continue;
    let arrays = arraysBySheet.get(c.sheet);
    if (!arrays) {
      const part = parts.get(c.sheet);
      arrays = part ? await savedArrays(r.pkg, part) : new Map<string, string[]>();
      arraysBySheet.set(c.sheet, arrays);
    }
    const range = arrays.get(c.address);
    if (!range) {
      spillsNotStored.push(`${quoteSheet(c.sheet)}!${c.address}`);
      continue;
    }
    const ours = new Map(c.spill.map((s) => [s.address, cached(s.value)]));
    for (const a of range) if (a !== c.address) sheet.set(a, ours.has(a) ? (ours.get(a) as CachedValue) : { error: "#N/A" });
  }
  const { stored, unpatched } = await patchCachedValues(r.pkg, parts, values);
  return { stored, spillsNotStored, unpatched };
}

/**
 * Write the (patched) package: every part the file had, in its order. Written to a temporary file beside the
 * target and then renamed over it, so that `-o` naming the input never leaves half a file in its place.
 */
export async function writeWorkbook(r: Recalculation, file: string): Promise<void> {
  const bytes = await packageBytes(r.pkg);
  const temporary = `${file}.pay-${Date.now().toString(36)}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export interface Difference {
  cell: string;
  cached: CellResult | undefined;
  ours: CellResult;
}

export function sameValue(a: CellResult | undefined, b: CellResult, tolerance: number): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
  if (a !== null && typeof a === "object" && b !== null && typeof b === "object") return a.error === b.error;
  if ((a === null || a === "") && (b === null || b === "")) return true;
  return a === b;
}

/** Cells whose cached value (Excel's) differs from ours beyond a relative tolerance. */
export function compare(r: Recalculation, tolerance: number): { differences: Difference[]; compared: number; uncached: number } {
  const differences: Difference[] = [];
  let compared = 0;
  let uncached = 0;
  for (const c of r.cells) {
    if (c.cached === undefined) {
      uncached++;
      continue;
    }
    compared++;
    if (!sameValue(c.cached, c.result, tolerance))
      differences.push({ cell: `${quoteSheet(c.sheet)}!${c.address}`, cached: c.cached, ours: c.result });
  }
  return { differences, compared, uncached };
}

export function showValue(v: CellResult | undefined): string {
  if (v === undefined) return "(none)";
  if (v === null) return "(blank)";
  if (typeof v === "object") return v.message ? `${v.error} ${v.message}` : v.error;
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

/** A table whose range `address` is: its header and data, with or without its Total Row. */
function tableAtAddress(r: Recalculation, sheet: string, r0: number, c0: number, r1: number, c1: number): TableDef | undefined {
  return r.tables.find(
    (t) =>
      t.sheet.toLowerCase() === sheet.toLowerCase() &&
      t.headers !== false &&
      t.row === r0 &&
      t.col === c0 &&
      c1 === t.col + t.columns.length - 1 &&
      (r1 === t.row + t.dataRows || r1 === t.row + t.dataRows + (t.totals ?? 0)),
  );
}

const A1_RANGE = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/** A table's name, a defined name (the workbook's) or an address, as the address it stands for. */
/** Whole columns (Sheet!A:O) and whole rows (Sheet!3:10) as the cells they span, as Excel reads them. */
function wholeLines(ref: string): string {
  const m = /^(.*!)?\$?([A-Za-z]{1,3}|\d+):\$?([A-Za-z]{1,3}|\d+)$/.exec(ref);
  if (!m || /^\d+$/.test(m[2]) !== /^\d+$/.test(m[3])) return ref;
  const sheet = m[1] ?? "";
  return /^\d+$/.test(m[2]) ? `${sheet}A${m[2]}:XFD${m[3]}` : `${sheet}${m[2]}1:${m[3]}1048576`;
}

function addressOf(r: Recalculation, given: string): string {
  const ref = wholeLines(given);
  if (A1_RANGE.test(ref)) return ref;
  const table = r.tables.find((t) => t.name.toLowerCase() === ref.toLowerCase());
  if (table) return tableAddress(table);
  const name = r.model.names.find((n) => n.sheet === null && n.name.toLowerCase() === ref.toLowerCase());
  if (!name) throw new InputError(`'${ref}' is not a table, a defined name or an address (Sheet!A1:F9)`);
  const at = name.formula.replace(/^=/, "").trim();
  if (A1_RANGE.test(at)) return at;
  const column = /^([\p{L}_\\][\p{L}\p{N}_.\\]*)(\[.*\])$/u.exec(at);
  const t = column ? r.tables.find((x) => x.name.toLowerCase() === column[1].toLowerCase()) : undefined;
  if (t && column) {
    try {
      return resolveSpecifier(t, column[2].slice(1, -1)).replace(/\$/g, "");
    } catch (e) {
      throw new InputError(`the name '${ref}' refers to ${at}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new InputError(`the name '${ref}' refers to ${at}, not to a range of cells`);
}

/**
 * The values of a range of a recalculated workbook, given as a sheet-qualified address ("Pathway!A3:F10", or
 * "A3:F10" on the first sheet), a table's name or a defined name, with its address. A table's range given by
 * its address is read as the table: its header and data, never its Total Row. Blank cells are null; an error
 * cell is its code ("#VALUE!"), as Excel's range.values gives it.
 */
export function rangeValues(
  r: Recalculation,
  reference: string,
): { address: string; values: unknown[][]; merged: { r0: number; c0: number; r1: number; c1: number }[] } {
  const ref = reference.trim();
  const m = A1_RANGE.exec(addressOf(r, ref));
  if (!m) throw new InputError(`'${ref}' is not an address (Sheet!A1:F9) or a defined name`);
  const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? r.sheets[0]);
  const sheet = r.hf.getSheetId(sheetName);
  if (sheet === undefined) throw new InputError(`there is no sheet called '${sheetName}'`);
  let c0 = columnIndex(m[3]);
  let r0 = Number(m[4]) - 1;
  let c1 = m[5] ? columnIndex(m[5]) : c0;
  let r1 = m[6] ? Number(m[6]) - 1 : r0;
  [r0, r1, c0, c1] = [Math.min(r0, r1), Math.max(r0, r1), Math.min(c0, c1), Math.max(c0, c1)];
  const table = tableAtAddress(r, sheetName, r0, c0, r1, c1);
  if (table) r1 = table.row + table.dataRows;
  // Bounded by the sheet's used area, as Excel's own reading is: a whole column or a whole sheet (A1:XFD1048576)
  // costs what its data costs, never a million empty rows.
  const used = r.hf.getSheetDimensions(sheet);
  r1 = Math.max(r0, Math.min(r1, used.height - 1));
  c1 = Math.max(c0, Math.min(c1, used.width - 1));
  const values: unknown[][] = [];
  for (let row = r0; row <= r1; row++) {
    const line: unknown[] = [];
    for (let col = c0; col <= c1; col++) {
      const v = r.hf.getCellValue({ sheet, row, col });
      line.push(v instanceof DetailedCellError ? v.value : (v ?? null));
    }
    values.push(line);
  }
  const tl = `${colLetters(c0)}${r0 + 1}`;
  const br = `${colLetters(c1)}${r1 + 1}`;
  // The sheet's merged areas within the range, relative to it (clipped to it).
  const merged = (r.model.sheets.find((s) => s.name === sheetName)?.merges ?? [])
    .filter((a) => a.r0 <= r1 && a.r1 >= r0 && a.c0 <= c1 && a.c1 >= c0)
    .map((a) => ({ r0: Math.max(a.r0, r0) - r0, c0: Math.max(a.c0, c0) - c0, r1: Math.min(a.r1, r1) - r0, c1: Math.min(a.c1, c1) - c0 }));
  return { address: `${quoteSheet(sheetName)}!${tl === br ? tl : `${tl}:${br}`}`, values, merged };
}
