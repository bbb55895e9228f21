/**
 * Recalculate and check .xlsx workbooks outside Excel: exceljs reads and writes the file, HyperFormula
 * (with the PAY binding) computes every formula. Used by the `pay` command line and its tests.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type JSZip from "jszip";
import { forCellReader, openPackage, packageBytes, patchCachedValues, savedArrays, sheetParts, type CachedValue } from "./package";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { createWorkbookEngine } from "../headless/pay-plugin";
import { columnLetters as colLetters, parseAddress, quoteSheetName } from "../engine/address";
import { resolveStructuredReferences, tableAddress, type TableDef } from "../engine/structured";

/** A problem with the input itself (exit 2): one line naming the file or cell. */
export class InputError extends Error {}

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

/** A workbook file: its package as it is (kept for writing), and its cells as exceljs reads them. */
export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  pkg: JSZip;
}

export interface Recalculation {
  workbook: ExcelJS.Workbook;
  pkg: JSZip;
  /** The recalculated workbook, for reading ranges' values (pay compare). */
  hf: HyperFormula;
  sheets: string[];
  cells: FormulaCell[];
  namedRanges: number;
  /** The workbook's Excel tables (ListObjects): structured references to them are resolved to their ranges. */
  tables: TableDef[];
}

/** Excel saves some functions with prefixes (_xlfn. for newer built-ins, _xldudf_ for add-in functions). */
export function normaliseFormula(formula: string): string {
  return formula.replace(/_xlfn\.|_xlws\./gi, "").replace(/_xldudf_PAY[._]([A-Z_]+)\s*\(/gi, (_m, name: string) => `PAY.${name.toUpperCase()}(`);
}

function excelSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return excelSerial(v);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v && "hyperlink" in v) return v.text;
    if ("error" in v) return v.error;
    return null;
  }
  return v;
}

function cachedOf(cell: ExcelJS.Cell): CellResult | undefined {
  // cell.result, not cell.value.result: exceljs's value getter drops a cached 0, FALSE or "".
  const r = (cell as unknown as { result?: unknown }).result;
  if (r === undefined || r === null) return undefined;
  if (r instanceof Date) return excelSerial(r);
  if (typeof r === "object" && r !== null && "error" in r) return { error: String((r as { error: unknown }).error), message: "" };
  return r as CellResult;
}

function toResult(v: unknown): CellResult {
  if (v instanceof DetailedCellError) return { error: v.value, message: v.message ?? "" };
  if (v === undefined) return null;
  return v as CellResult;
}

export async function loadWorkbook(file: string): Promise<LoadedWorkbook> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new InputError(`${file}: is a folder, not an .xlsx file`);
  const bytes = readFileSync(file);
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw new InputError(`${file}: is password-protected (encrypted) or an old .xls file; save it unprotected as .xlsx`);
  }
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw new InputError(`${file}: is not an .xlsx workbook`);
  const wb = new ExcelJS.Workbook();
  let pkg: JSZip;
  try {
    pkg = await openPackage(bytes);
    // exceljs reads the cells from a copy without the drawing and comment parts it cannot always read.
    await wb.xlsx.load((await forCellReader(pkg)) as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(
      `${file}: cannot be read as a workbook (corrupt or not .xlsx): ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    );
  }
  return { workbook: wb, pkg };
}

/** Recalculate every formula of a loaded workbook. Throws InputError for a formula that does not parse. */
export function recalculate(loaded: LoadedWorkbook, file: string): Recalculation {
  const wb = loaded.workbook;
  const sheets: Record<string, unknown[][]> = {};
  const names: string[] = [];
  const formulaCells: { sheet: string; row: number; col: number; cell: ExcelJS.Cell }[] = [];
  // Excel tables first: HyperFormula has none, so a formula's structured references (Pathway[Unit price £])
  // become the table's current range, as Excel reads them.
  const tables: TableDef[] = [];
  wb.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown as {
      table: { name: string; tableRef: string; totalsRow?: boolean; headerRow?: boolean; columns: { name: string }[] };
    }[]) {
      const [from, to = from] = t.table.tableRef.split(":");
      const a = parseAddress(from);
      const b = parseAddress(to);
      if (!a || !b || t.table.headerRow === false) continue;
      tables.push({
        name: t.table.name,
        sheet: ws.name,
        row: a.row,
        col: a.col,
        dataRows: b.row - a.row - (t.table.totalsRow ? 1 : 0),
        columns: t.table.columns.map((c) => c.name),
      });
    }
  });
  wb.eachSheet((ws) => {
    const grid: unknown[][] = [];
    const arrayRanges: { r0: number; c0: number; r1: number; c1: number }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const r = rowNumber - 1;
        const c = colNumber - 1;
        grid[r] ??= [];
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const formula = cell.formula;
        if (formula) {
          try {
            grid[r][c] = "=" + resolveStructuredReferences(normaliseFormula(formula), tables, { sheet: ws.name, row: r });
          } catch (e) {
            throw new InputError(`${file}: ${quoteSheet(ws.name)}!${colLetters(c)}${r + 1}: ${e instanceof Error ? e.message : String(e)}`);
          }
          formulaCells.push({ sheet: ws.name, row: r, col: c, cell });
          const v = cell.value as { shareType?: string; ref?: string };
          if (v.shareType === "array" && v.ref) {
            const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(v.ref.replace(/\$/g, ""));
            if (m) arrayRanges.push({ r0: Number(m[2]) - 1, c0: letters(m[1]), r1: Number(m[4]) - 1, c1: letters(m[3]) });
          }
        } else {
          grid[r][c] = plainValue(cell.value);
        }
      });
    });
    // Cells inside a saved array (spilled) result are the formula's output, not inputs: let it spill again.
    for (const a of arrayRanges) {
      for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) if ((r !== a.r0 || c !== a.c0) && grid[r]) grid[r][c] = null;
    }
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    sheets[ws.name] = grid;
    names.push(ws.name);
  });
  const hf = createWorkbookEngine(sheets);
  let namedRanges = 0;
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (dn.ranges.length !== 1) continue;
    try {
      hf.addNamedExpression(dn.name, "=" + dn.ranges[0]);
      namedRanges++;
    } catch {
      // A name HyperFormula cannot hold (e.g. a print area over several ranges) is left out.
    }
  }
  const cells = formulaCells.map(({ sheet, row, col, cell }) => readCell(hf, sheet, row, col, cell, file));
  return { workbook: wb, pkg: loaded.pkg, hf, sheets: names, cells, namedRanges, tables };
}

function letters(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function readCell(hf: HyperFormula, sheet: string, row: number, col: number, cell: ExcelJS.Cell, file: string): FormulaCell {
  const sheetId = hf.getSheetId(sheet) as number;
  const address = `${colLetters(col)}${row + 1}`;
  const value = hf.getCellValue({ sheet: sheetId, row, col });
  const formula = cell.formula as string;
  if (value instanceof DetailedCellError && value.type === "ERROR" && /pars/i.test(value.message ?? "")) {
    throw new InputError(`${file}: ${quoteSheet(sheet)}!${address}: formula does not parse: =${formula}`);
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
  return {
    sheet,
    address,
    formula,
    isPay: /\bPAY\.|_xldudf_PAY/i.test(formula),
    cached: cachedOf(cell),
    result: toResult(value),
    spill,
  };
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
}

/**
 * Put the results into the file's package as the formulas' cached values (recalc -o). Only cached values of
 * formula cells, and of the cells inside a saved array formula's range, change (see package.ts). A result that
 * spills where the file saves a plain formula keeps its first value only: its neighbours are the user's cells,
 * never overwritten. Cells of a saved array range beyond the result get #N/A, as Excel shows them.
 */
export async function storeResults(r: Recalculation): Promise<StoreReport> {
  const parts = await sheetParts(r.pkg);
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
  const stored = await patchCachedValues(r.pkg, values);
  return { stored, spillsNotStored };
}

/** Write the (patched) package: every part the file had, in its order. */
export async function writeWorkbook(r: Recalculation, file: string): Promise<void> {
  writeFileSync(file, await packageBytes(r.pkg));
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

/**
 * The values of a range of a recalculated workbook, given as a sheet-qualified address ("Pathway!A3:F10", or
 * "A3:F10" on the first sheet) or a defined name, with its address. Blank cells are null; an error cell is its
 * code ("#VALUE!"), as Excel's range.values gives it.
 */
export function rangeValues(r: Recalculation, reference: string): { address: string; values: unknown[][] } {
  const ref = reference.trim();
  let address = ref;
  if (/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(ref) && !/^[A-Za-z]{1,3}\d+$/.test(ref)) {
    const table = r.tables.find((t) => t.name.toLowerCase() === ref.toLowerCase());
    const named = table ? null : r.hf.getNamedExpression(ref);
    if (!table && !named) throw new InputError(`'${ref}' is not a table, a defined name or an address`);
    address = table ? tableAddress(table) : String(named?.expression ?? "").replace(/^=/, "");
  }
  const m = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(address);
  if (!m) throw new InputError(`'${ref}' is not an address (Sheet!A1:F9) or a defined name`);
  const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? r.sheets[0]);
  const sheet = r.hf.getSheetId(sheetName);
  if (sheet === undefined) throw new InputError(`there is no sheet called '${sheetName}'`);
  const c0 = letters(m[3].toUpperCase());
  const r0 = Number(m[4]) - 1;
  const c1 = m[5] ? letters(m[5].toUpperCase()) : c0;
  const r1 = m[6] ? Number(m[6]) - 1 : r0;
  const values: unknown[][] = [];
  for (let row = Math.min(r0, r1); row <= Math.max(r0, r1); row++) {
    const line: unknown[] = [];
    for (let col = Math.min(c0, c1); col <= Math.max(c0, c1); col++) {
      const v = r.hf.getCellValue({ sheet, row, col });
      line.push(v instanceof DetailedCellError ? v.value : (v ?? null));
    }
    values.push(line);
  }
  const tl = `${colLetters(Math.min(c0, c1))}${Math.min(r0, r1) + 1}`;
  const br = `${colLetters(Math.max(c0, c1))}${Math.max(r0, r1) + 1}`;
  return { address: `${quoteSheet(sheetName)}!${tl === br ? tl : `${tl}:${br}`}`, values };
}
