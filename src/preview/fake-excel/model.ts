/**
 * The state of the fake of Excel (README.md says what the fake is): a workbook, its formats, tables, charts and
 * requests, and the helpers every fake object uses. Preview and tests only: never in the add-in's bundles.
 */
import type { HyperFormula } from "hyperformula";
import { columnLetters as letters, quoteSheetName as quote } from "../../engine/rules/address";
import { resolveStructuredReferences, usesTables, type TableDef } from "../../engine/inputs/structured";
import { forHyperFormula } from "../../headless/excel-formula";

export interface Area {
  sheet: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const col = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export interface FakeChartRecord {
  sheet: string;
  type: string;
  title: string;
  source: string;
  series: { name: string; values: string; xValues?: string }[];
  position?: [string, string];
  axes: { category: string; value: string; valueFormat?: string };
}

/** A range's formatting as written through the fake (what the preview draws). */
export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  fill?: string;
  fontColor?: string;
  style?: string;
  wrap?: boolean;
  rowHeight?: number;
  verticalAlignment?: string;
}

export interface FakeWorkbook {
  hf: HyperFormula;
  activeSheet: number;
  selection: Area;
  charts: FakeChartRecord[];
  /** Each range's formatting as written, by its sheet-qualified address. */
  formats: Map<string, CellFormat>;
  /** Merged areas, by sheet name (addresses on the sheet). */
  merges: Map<string, string[]>;
  /** Excel tables (ListObjects), with how they look. */
  tables: { def: TableDef; style?: string; showFilterButton?: boolean; totalsRow?: boolean; showHeaders?: boolean }[];
  /**
   * Formulas HyperFormula holds differently from how they were written (by "sheet!row!col"): structured references
   * (re-resolved when a table changes), a bare TRUE or FALSE. `formulas` reads them as written, as Excel does.
   */
  structured: Map<string, string>;
  /** Column widths in points, by sheet name and column. */
  columnWidths: Map<string, Map<number, number>>;
  /** Frozen panes (the frozen range's address) and page layout, by sheet name. */
  freeze: Map<string, string>;
  pageLayout: Map<
    string,
    { orientation?: string; zoom?: object; printArea?: string; printTitleRows?: string; leftFooter?: string; rightFooter?: string }
  >;
  /** The ExcelApi requirement set the host reports (Office.context.requirements.isSetSupported). */
  apiVersion: string;
  /** Every API member the add-in used ("Range.style", "Worksheet.freezePanes" …), for the requirement-set test. */
  calls: Set<string>;
  /** Tests: make the next batch that adds a chart fail at sync. */
  failNextChart: boolean;
  /** Each sync's request as Excel would send it: operations queued and an estimate of its size in bytes. */
  requests: { ops: number; bytes: number }[];
  onChange: () => void;
}

/**
 * Excel on the web refuses a request over 5 MB ("RichApi.Error: The request payload size has exceeded the
 * limit"; Microsoft, "Resource limits and performance optimization for Office Add-ins"). The fake estimates each
 * request as Office.js sends it — about 150 bytes an operation (a range got, a property set) plus the JSON of
 * the values written — and refuses it the same way: nothing of the batch is applied.
 */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
export const OP_BYTES = 150;

/** A fake workbook over `hf`, reporting ExcelApi `apiVersion`. */
export function newFakeWorkbook(hf: HyperFormula, apiVersion = "1.9"): FakeWorkbook {
  return {
    hf,
    activeSheet: 0,
    selection: { sheet: 0, r0: 0, c0: 0, r1: 0, c1: 0 },
    charts: [],
    formats: new Map(),
    tables: [],
    structured: new Map(),
    merges: new Map(),
    columnWidths: new Map(),
    freeze: new Map(),
    pageLayout: new Map(),
    apiVersion,
    calls: new Set(),
    failNextChart: false,
    requests: [],
    onChange: () => undefined,
  };
}

/** Put an Excel table on the fake workbook (as a user would have made it): header at (row, col) of `sheet`. */
export function addFakeTable(wb: FakeWorkbook, def: TableDef, totalsRow = false, showHeaders = true): void {
  wb.tables.push({ def, style: "TableStyleMedium2", showFilterButton: true, totalsRow, showHeaders });
}

/** Whether an area of a sheet overlaps a table on it (header, data or Total Row). */
export function tableOverlapping(wb: FakeWorkbook, a: Area): boolean {
  const sheet = wb.hf.getSheetName(a.sheet);
  return wb.tables.some((t) => {
    const d = t.def;
    const last = d.row + d.dataRows + (t.totalsRow ? 1 : 0);
    return d.sheet === sheet && !(a.r1 < d.row || a.r0 > last || a.c1 < d.col || a.c0 > d.col + d.columns.length - 1);
  });
}

/**
 * A formula as HyperFormula must hold it to compute what Excel computes: structured references as the tables'
 * current ranges, then rewritten as `pay` rewrites a workbook's formulas (src/headless/excel-formula.ts: a bare
 * TRUE or FALSE is the logical constant, E notation, long chains grouped).
 */
export function asHyperFormula(wb: FakeWorkbook, formula: string, sheet: number, row: number): string {
  const defs = wb.tables.map((t) => t.def);
  const sheetName = wb.hf.getSheetName(sheet) as string;
  const resolved = usesTables(formula, defs) ? resolveStructuredReferences(formula, defs, { sheet: sheetName, row }) : formula;
  try {
    return `=${forHyperFormula(resolved.slice(1), { sheet: sheetName, row, name: () => null, structured: () => null, hasNames: false })}`;
  } catch {
    return resolved; // a reference that names no table: HyperFormula makes it the error Excel shows
  }
}

/** Write every formula held differently from its text again, on the tables' current ranges (as Excel reads them). */
export function reresolve(wb: FakeWorkbook): void {
  for (const [key, formula] of wb.structured) {
    const [sheet, row, col] = key.split("!").map(Number);
    wb.hf.setCellContents({ sheet, row, col }, [[asHyperFormula(wb, formula, sheet, row)]]);
  }
}

export function areaAddress(wb: FakeWorkbook, a: Area): string {
  const name = wb.hf.getSheetName(a.sheet) as string;
  const tl = `${letters(a.c0)}${a.r0 + 1}`;
  const br = `${letters(a.c1)}${a.r1 + 1}`;
  return `${quote(name)}!${tl === br ? tl : `${tl}:${br}`}`;
}

export function parseLocal(sheet: number, address: string): Area {
  const full = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(address.trim());
  if (full) {
    const r0 = Number(full[2]) - 1;
    const c0 = col(full[1]);
    return { sheet, r0, c0, r1: full[4] ? Number(full[4]) - 1 : r0, c1: full[3] ? col(full[3]) : c0 };
  }
  const cols = /^([A-Za-z]+):([A-Za-z]+)$/.exec(address.trim());
  if (cols) return { sheet, r0: 0, c0: col(cols[1]), r1: 1_048_575, c1: col(cols[2]) };
  throw new Error(`InvalidArgument: the address '${address}' is not valid`);
}

/**
 * What Excel makes of a value written through `range.values`: it reads a string as if it were typed, so text
 * that starts with "=" is a formula, and so is text starting with "+", "-" or "@" that is not a number
 * (Excel prefixes "=": "+A1" → "=+A1", "@SUM(A1)" → "=SUM(A1)"); a leading apostrophe makes the rest text
 * (HyperFormula honours the apostrophe the same way). Numbers, and strings Excel reads as numbers, are numbers.
 */
export function asExcelTakesValue(v: unknown): unknown {
  if (typeof v !== "string" || v.length === 0) return v;
  const first = v[0];
  if (first === "'" || first === "=") return v;
  if ((first === "+" || first === "-") && Number.isNaN(Number(v))) return `=${v}`;
  if (first === "@") return `=${v.slice(1)}`;
  return v;
}

/** Excel.BuiltInStyle's ids (ExcelApi 1.7). */
export const BUILT_IN_STYLES = new Set([
  ..."Normal Comma Currency Percent WholeComma WholeDollar Hlink HlinkTrav Note WarningText Emphasis1 Emphasis2 Emphasis3 SheetTitle".split(" "),
  ..."Heading1 Heading2 Heading3 Heading4 Input Output Calculation CheckCell LinkedCell Total Good Bad Neutral ExplanatoryText".split(" "),
  ...[1, 2, 3, 4, 5, 6].flatMap((k) => [`Accent${k}`, `Accent${k}_20`, `Accent${k}_40`, `Accent${k}_60`]),
]);

export class NotLoaded extends Error {
  constructor(prop: string) {
    super(
      `PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    );
  }
}

/** Whether ExcelApi `have` is at least `want` ("1.10" > "1.9"). */
export function atLeast(have: string, want: string): boolean {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = want.split(".").map(Number);
  return a > c || (a === c && b >= d);
}
