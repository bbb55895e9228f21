/**
 * Recalculate and check .xlsx workbooks outside Excel: the package's parts are read as Excel reads them
 * (xlsx/read.ts), HyperFormula (with the PAY binding) computes every formula, and only cached values are
 * written back (package.ts). Used by the `pay` command line and its tests.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { openPackage, packageBytes, patchCachedValues, savedArrays, type CachedValue } from "./package";
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { createWorkbookEngine } from "../headless/pay-plugin";
import { columnLetters as colLetters, quoteSheetName } from "../engine/rules/address";
import { resolveSpecifier, StructuredReferenceError, type TableDef } from "../engine/inputs/structured";
import { readWorkbook, type CellModel, type CellValue, type WorkbookModel } from "./xlsx/read";
import { forHyperFormula, UnresolvedReference, type FormulaContext } from "../headless/excel-formula";

import { InputError } from "./errors";

export { InputError };
export type { CellResult, FormulaCell, LoadedWorkbook, Recalculation } from "./workbook-types";
import type { CellResult, FormulaCell, LoadedWorkbook, Recalculation } from "./workbook-types";
export { compare, sameValue, showValue, type Difference } from "./check";
export { rangeValues } from "./ranges";

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
