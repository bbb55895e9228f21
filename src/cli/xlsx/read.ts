/**
 * A workbook's cells, names and tables read from its package's parts, as Excel reads them (ECMA-376 Part 1,
 * SpreadsheetML): each cell's type from the file (`t="s"` shared string, `str` a formula's text, `inlineStr`,
 * `b`, `e`, `d`, a number otherwise), never from re-reading its text; shared formulas moved to each cell; array
 * formulas with their ranges; names with their scope (a sheet's own or the workbook's); tables with their
 * header and total rows (a header row unless `headerRowCount="0"`).
 */
import type JSZip from "jszip";
import { partText, relationships, workbookPart } from "./parts";
import { decodeXstring, walkXml } from "./xml";
import { shiftFormula } from "../../headless/excel-formula";
import { columnIndex, columnLetters } from "../../engine/rules/address";

export type CellValue = number | string | boolean | { error: string } | null;

export interface CellModel {
  row: number; // 0-based
  col: number; // 0-based
  /** The value, or for a formula cell its cached value (undefined where the file saves none). */
  value: CellValue | undefined;
  /** The formula as the file means it at this cell (a shared formula already moved here), without "=". */
  formula?: string;
  /**
   * For an array formula: its range, 0-based inclusive. `dynamic` for a dynamic array's saved spill (the cell
   * carries cell metadata, `cm`), which may grow or shrink; otherwise a Ctrl+Shift+Enter formula, whose result
   * Excel fits to the range.
   */
  array?: { r0: number; c0: number; r1: number; c1: number; dynamic: boolean };
}

export interface SheetModel {
  name: string;
  part: string;
  cells: CellModel[];
  /** Its merged areas (<mergeCell ref="C2:C4"/>), 0-based inclusive. */
  merges: { r0: number; c0: number; r1: number; c1: number }[];
}

export interface DefinedName {
  name: string;
  /** The sheet whose own name this is (localSheetId), or null for a name of the whole workbook. */
  sheet: string | null;
  formula: string;
}

export interface TableModel {
  name: string;
  sheet: string;
  /** The table's range, 0-based inclusive, header and total rows included. */
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

export interface WorkbookModel {
  sheets: SheetModel[];
  names: DefinedName[];
  tables: TableModel[];
  /** Sheet name → its part, for writing cached values back. */
  parts: Map<string, string>;
  /** The workbook counts dates from 1 January 1904 (older Mac files), not from 1900. */
  date1904: boolean;
}

/** "B3" → [2, 1] (row, column, 0-based); "$B$3" too. */
export function cellIndex(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  return m ? [Number(m[2]) - 1, columnIndex(m[1])] : null;
}

function rangeIndex(ref: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const [a, b = a] = ref.split(":");
  const p = cellIndex(a);
  const q = cellIndex(b);
  return p && q ? { r0: Math.min(p[0], q[0]), c0: Math.min(p[1], q[1]), r1: Math.max(p[0], q[0]), c1: Math.max(p[1], q[1]) } : null;
}

async function sharedStrings(pkg: JSZip, part: string | undefined): Promise<string[]> {
  const xml = part ? await partText(pkg, part) : null;
  if (xml === null) return [];
  const out: string[] = [];
  let depth = 0; // inside <rPh> (phonetic runs): not part of the text
  let inT = false;
  let current = "";
  walkXml(xml, part as string, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") depth++;
      else if (name === "t" && depth === 0) inT = true;
    },
    text(t) {
      if (inT) current += t;
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") depth--;
      else if (name === "si") out.push(decodeXstring(current));
    },
  });
  return out;
}

const DATE_EPOCH = Date.UTC(1899, 11, 30);

/** A cell that cannot be read as it stands (a shared string the file does not hold). */
class DamagedCell extends Error {}

/** A cell's value from its type attribute and the text of its <v> (or inline string). */
function typedValue(type: string, v: string | null, inline: string | null, strings: string[], date1904: boolean): CellValue | undefined {
  if (type === "inlineStr") return inline === null ? (v === null ? undefined : decodeXstring(v)) : decodeXstring(inline);
  if (v === null) return undefined;
  switch (type) {
    case "s": {
      // A shared string the file does not hold is a damaged file: said, never read as blank or as another string.
      const i = Number(v);
      if (!/^\s*\d+\s*$/.test(v) || i >= strings.length)
        throw new DamagedCell(`its shared string ${v.trim() || "(none)"} is not in the file's ${strings.length} shared strings: the file is damaged`);
      return strings[i];
    }
    case "str":
      return decodeXstring(v);
    case "b":
      return v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return { error: v.trim() };
    case "d": {
      const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
      return Number.isFinite(t) ? (t - DATE_EPOCH) / 86_400_000 - (date1904 ? 1462 : 0) : decodeXstring(v);
    }
    default: {
      const n = Number(v);
      return v.trim() !== "" && Number.isFinite(n) ? n : undefined;
    }
  }
}

interface Shared {
  formula: string;
  row: number;
  col: number;
}

/** One worksheet part's cells. Cells and rows without an `r` attribute take the next position, as Excel does. */
function readSheet(xml: string, part: string, strings: string[], date1904: boolean): { cells: CellModel[]; merges: SheetModel["merges"] } {
  const cells: CellModel[] = [];
  const merges: SheetModel["merges"] = [];
  const shared = new Map<string, Shared>();
  const dependents: { cell: CellModel; si: string }[] = [];
  let row = -1;
  let col = -1;
  let cell: { row: number; col: number; type: string; dynamic: boolean } | null = null;
  let f: { attrs: Record<string, string>; text: string } | null = null;
  let v: string | null = null;
  let inline: string | null = null;
  let text: "f" | "v" | "t" | null = null;
  walkXml(xml, part, {
    open(name, a) {
      if (name === "mergeCell") {
        const area = a.ref ? rangeIndex(a.ref) : null;
        if (area) merges.push(area);
      } else if (name === "row") {
        row = a.r ? Number(a.r) - 1 : row + 1;
        col = -1;
      } else if (name === "c") {
        const at = a.r ? cellIndex(a.r) : null;
        if (at) [row, col] = at;
        else col++;
        cell = { row, col, type: a.t ?? "n", dynamic: a.cm !== undefined };
        f = null;
        v = null;
        inline = null;
      } else if (cell && name === "f") {
        f = { attrs: a, text: "" };
        text = "f";
      } else if (cell && name === "v") {
        v = "";
        text = "v";
      } else if (cell && name === "t") {
        inline ??= "";
        text = "t";
      }
    },
    text(t) {
      if (text === "f" && f) f.text += t;
      else if (text === "v") v += t;
      else if (text === "t") inline += t;
    },
    close(name) {
      if (name === "f" || name === "v" || name === "t") text = null;
      if (name !== "c" || !cell) return;
      let value: CellValue | undefined;
      try {
        value = typedValue(cell.type, v, inline, strings, date1904);
      } catch (e) {
        if (e instanceof DamagedCell) throw new Error(`${part}, cell ${columnLetters(cell.col)}${cell.row + 1}: ${e.message}`);
        throw e;
      }
      const c: CellModel = { row: cell.row, col: cell.col, value };
      const fa = f as { attrs: Record<string, string>; text: string } | null;
      if (fa) {
        const kind = fa.attrs.t ?? "normal";
        if (kind === "shared" && fa.attrs.si !== undefined) {
          if (fa.text.trim() !== "") {
            shared.set(fa.attrs.si, { formula: fa.text, row: c.row, col: c.col });
            c.formula = fa.text;
          } else dependents.push({ cell: c, si: fa.attrs.si });
        } else if (kind !== "dataTable" && fa.text.trim() !== "") c.formula = fa.text;
        const range = kind === "array" && fa.attrs.ref ? rangeIndex(fa.attrs.ref) : null;
        if (range) c.array = { ...range, dynamic: cell.dynamic };
      }
      if (c.formula !== undefined || c.value !== undefined || fa) cells.push(c);
      cell = null;
    },
  });
  for (const { cell: c, si } of dependents) {
    const anchor = shared.get(si);
    if (anchor) c.formula = shiftFormula(anchor.formula, c.row - anchor.row, c.col - anchor.col);
  }
  return { cells, merges };
}

async function readTable(pkg: JSZip, part: string, sheet: string): Promise<TableModel | null> {
  const xml = await partText(pkg, part);
  if (xml === null) return null;
  let t: TableModel | null = null;
  walkXml(xml, part, {
    open(name, a) {
      if (name === "table") {
        const r = a.ref ? rangeIndex(a.ref) : null;
        if (!r) return;
        t = {
          name: a.displayName ?? a.name ?? "",
          sheet,
          ...r,
          // ECMA-376 18.5.1.2: headerRowCount defaults to 1, totalsRowCount to 0.
          headerRows: a.headerRowCount === undefined ? 1 : Number(a.headerRowCount),
          totalsRows: a.totalsRowCount === undefined ? 0 : Number(a.totalsRowCount),
          columns: [],
        };
      } else if (name === "tableColumn" && t) t.columns.push(decodeXstring(a.name ?? ""));
    },
  });
  return t;
}

interface WorkbookPart {
  sheets: { name: string; rid: string }[];
  names: { name: string; localSheetId: number | null; formula: string }[];
  date1904: boolean;
}

function readWorkbookPart(xml: string, part: string): WorkbookPart {
  const out: WorkbookPart = { sheets: [], names: [], date1904: false };
  let name: { name: string; localSheetId: number | null; formula: string } | null = null;
  walkXml(xml, part, {
    open(el, a) {
      if (el === "sheet") out.sheets.push({ name: a.name ?? "", rid: a.id ?? "" });
      else if (el === "workbookPr") out.date1904 = a.date1904 === "1" || a.date1904 === "true";
      else if (el === "definedName")
        name = { name: a.name ?? "", localSheetId: a.localSheetId === undefined ? null : Number(a.localSheetId), formula: "" };
    },
    text(t) {
      if (name) name.formula += t;
    },
    close(el) {
      if (el === "definedName" && name) {
        out.names.push(name);
        name = null;
      }
    },
  });
  return out;
}

/** Read the workbook's cells, names and tables from its package. */
export async function readWorkbook(pkg: JSZip): Promise<WorkbookModel> {
  const wbPart = await workbookPart(pkg);
  const wbXml = await partText(pkg, wbPart);
  if (wbXml === null) throw new Error(`the package has no workbook part (${wbPart})`);
  const wb = readWorkbookPart(wbXml, wbPart);
  const rels = await relationships(pkg, wbPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const strings = await sharedStrings(pkg, rels.find((r) => r.type === "sharedStrings")?.part);
  const model: WorkbookModel = { sheets: [], names: [], tables: [], parts: new Map(), date1904: wb.date1904 };
  for (const s of wb.sheets) {
    const rel = byId.get(s.rid);
    if (!rel || rel.type !== "worksheet") continue; // a chart sheet or dialog sheet holds no cells
    const xml = await partText(pkg, rel.part);
    if (xml === null) throw new Error(`the sheet '${s.name}' has no part (${rel.part})`);
    model.sheets.push({ name: s.name, part: rel.part, ...readSheet(xml, rel.part, strings, wb.date1904) });
    model.parts.set(s.name, rel.part);
    for (const tr of (await relationships(pkg, rel.part)).filter((r) => r.type === "table")) {
      const t = await readTable(pkg, tr.part, s.name);
      if (t) model.tables.push(t);
    }
  }
  for (const n of wb.names) {
    const scope = n.localSheetId === null ? null : (wb.sheets[n.localSheetId]?.name ?? null);
    if (n.localSheetId !== null && scope === null) continue;
    model.names.push({ name: n.name, sheet: scope, formula: n.formula.trim() });
  }
  return model;
}
