/* global globalThis, document */
/**
 * A fake of exactly the Excel JavaScript API calls src/excel/workbook.ts makes, backed by a HyperFormula
 * workbook, for the preview host and the browser tests. It keeps Office.js's discipline: a loaded property
 * can be read only after context.sync() (otherwise it throws, as Office.js does), writes are queued and
 * applied at sync, and a failed batch raises at sync. Preview and tests only: never in the add-in's bundles.
 */
import type { HyperFormula } from "hyperformula";
import { DetailedCellError } from "hyperformula";
import { columnLetters as letters, quoteSheetName as quote } from "../engine/rules/address";
import { resolveStructuredReferences, usesTables, type TableDef } from "../engine/inputs/structured";
import { answerRequirementsWith } from "../excel/workbook";
import { forHyperFormula } from "../headless/excel-formula";

interface Area {
  sheet: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const col = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

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
const OP_BYTES = 150;

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
function tableOverlapping(wb: FakeWorkbook, a: Area): boolean {
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
function asHyperFormula(wb: FakeWorkbook, formula: string, sheet: number, row: number): string {
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
function reresolve(wb: FakeWorkbook): void {
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
function asExcelTakesValue(v: unknown): unknown {
  if (typeof v !== "string" || v.length === 0) return v;
  const first = v[0];
  if (first === "'" || first === "=") return v;
  if ((first === "+" || first === "-") && Number.isNaN(Number(v))) return `=${v}`;
  if (first === "@") return `=${v.slice(1)}`;
  return v;
}

/** Excel.BuiltInStyle's ids (ExcelApi 1.7). */
const BUILT_IN_STYLES = new Set([
  ..."Normal Comma Currency Percent WholeComma WholeDollar Hlink HlinkTrav Note WarningText Emphasis1 Emphasis2 Emphasis3 SheetTitle".split(" "),
  ..."Heading1 Heading2 Heading3 Heading4 Input Output Calculation CheckCell LinkedCell Total Good Bad Neutral ExplanatoryText".split(" "),
  ...[1, 2, 3, 4, 5, 6].flatMap((k) => [`Accent${k}`, `Accent${k}_20`, `Accent${k}_40`, `Accent${k}_60`]),
]);

class NotLoaded extends Error {
  constructor(prop: string) {
    super(
      `PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    );
  }
}

class Context {
  private queue: (() => void)[] = [];
  private checked: (() => void)[] = [];
  private afterSync: (() => void)[] = [];
  failAtSync: Error | null = null;
  readonly workbook: FakeWorkbookApi;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
  }
  private ops = 0;
  private bytes = 0;
  /** An operation of the batch, and its share of the request's size (OP_BYTES, plus any values it carries). */
  enqueue(op: () => void, bytes = OP_BYTES): void {
    this.queue.push(op);
    this.count(bytes);
  }
  /** An operation that changes nothing in the fake (a range got) but is part of the request. */
  count(bytes = OP_BYTES): void {
    this.ops++;
    this.bytes += bytes;
  }
  /** An operation that needs computed cells (Excel checks them as it applies the batch): run once the batch is in. */
  enqueueChecked(op: () => void): void {
    this.checked.push(op);
  }
  onSync(f: () => void): void {
    this.afterSync.push(f);
  }
  async sync(): Promise<void> {
    const ops = this.queue.splice(0);
    const checked = this.checked.splice(0);
    const loads = this.afterSync.splice(0);
    const request = { ops: this.ops, bytes: this.bytes };
    this.ops = 0;
    this.bytes = 0;
    this.wb.requests.push(request);
    await Promise.resolve();
    if (request.bytes > REQUEST_LIMIT_BYTES)
      throw new Error(
        `RichApi.Error: The request payload size has exceeded the limit (${Math.round(request.bytes / 1024)} KB in ${request.ops} operations; Excel on the web takes 5 MB)`,
      );
    try {
      this.wb.hf.batch(() => {
        for (const op of ops) op();
      });
      for (const op of checked) op();
    } finally {
      this.wb.onChange();
    }
    if (this.failAtSync) {
      const e = this.failAtSync;
      this.failAtSync = null;
      throw e;
    }
    for (const l of loads) l();
  }
}

class FakeRange {
  private loaded = new Set<string>();
  private data: Record<string, unknown> = {};
  readonly format: {
    font: { bold: boolean; color: string };
    fill: { color: string };
    columnWidth: number;
    rowHeight: number;
    wrapText: boolean;
    verticalAlignment: string;
  };
  constructor(
    private ctx: Context,
    readonly area: Area,
  ) {
    const key = () => areaAddress(ctx.wb, area);
    const rec = (m: string) => ctx.wb.calls.add(m);
    const fmt = (patch: CellFormat) => ctx.enqueue(() => ctx.wb.formats.set(key(), { ...ctx.wb.formats.get(key()), ...patch }));
    const sheetName = () => ctx.wb.hf.getSheetName(area.sheet) as string;
    this.format = {
      font: {
        set bold(v: boolean) {
          rec("Range.format");
          rec("RangeFont.bold");
          fmt({ bold: v });
        },
        get bold() {
          return false;
        },
        set color(v: string) {
          rec("RangeFont.color");
          fmt({ fontColor: v });
        },
        get color() {
          return "";
        },
      },
      fill: {
        set color(v: string) {
          rec("Range.format");
          rec("RangeFill.color");
          fmt({ fill: v });
        },
        get color() {
          return "";
        },
      },
      set columnWidth(w: number) {
        rec("RangeFormat.columnWidth");
        ctx.enqueue(() => {
          const widths = ctx.wb.columnWidths.get(sheetName()) ?? new Map<number, number>();
          for (let c = area.c0; c <= area.c1; c++) widths.set(c, w);
          ctx.wb.columnWidths.set(sheetName(), widths);
        });
      },
      get columnWidth() {
        return 0;
      },
      set rowHeight(h: number) {
        rec("RangeFormat.rowHeight");
        fmt({ rowHeight: h });
      },
      get rowHeight() {
        return 0;
      },
      set wrapText(v: boolean) {
        rec("RangeFormat.wrapText");
        fmt({ wrap: v });
      },
      get wrapText() {
        return false;
      },
      set verticalAlignment(v: string) {
        rec("RangeFormat.verticalAlignment");
        fmt({ verticalAlignment: v });
      },
      get verticalAlignment() {
        return "";
      },
    };
  }
  /**
   * The merged areas touching the range (ExcelApi 1.13), as a RangeAreas whose address lists them
   * ("Sheet!C2:C4,Sheet!E7:E8"), readable after sync; a null object where there are none.
   */
  getMergedAreasOrNullObject(): { load: (p: string) => unknown; readonly isNullObject: boolean; readonly address: string } {
    const { ctx, area } = this;
    ctx.wb.calls.add("Range.getMergedAreasOrNullObject");
    if (!atLeast(ctx.wb.apiVersion, "1.13")) throw new Error("ApiNotFound: Range.getMergedAreasOrNullObject needs ExcelApi 1.13");
    const sheet = ctx.wb.hf.getSheetName(area.sheet) as string;
    let found: string[] | null = null;
    const result = {
      load: (p: string) => {
        ctx.wb.calls.add(`RangeAreas.${p}`);
        ctx.onSync(() => {
          const box = (a: string) => /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
          const col = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
          found = (ctx.wb.merges.get(sheet) ?? []).filter((a) => {
            const m = box(a);
            if (!m) return false;
            const [r0, c0, r1, c1] = [Number(m[2]) - 1, col(m[1]), Number(m[4] ?? m[2]) - 1, col(m[3] ?? m[1])];
            return r0 <= area.r1 && r1 >= area.r0 && c0 <= area.c1 && c1 >= area.c0;
          });
        });
        return result;
      },
      get isNullObject(): boolean {
        if (found === null) throw new NotLoaded("isNullObject");
        return found.length === 0;
      },
      get address(): string {
        if (found === null) throw new NotLoaded("address");
        return found.map((a) => `${quote(sheet)}!${a}`).join(",");
      },
    };
    return result;
  }
  /** Merge the range into one cell (Excel keeps the top-left value); refused over a table, as Excel refuses it. */
  merge(across = false): void {
    this.ctx.wb.calls.add("Range.merge");
    const a = this.area;
    const sheetName = this.ctx.wb.hf.getSheetName(a.sheet) as string;
    this.ctx.enqueue(() => {
      if (across && a.r1 > a.r0) throw new Error("the fake merges single rows only");
      const hitsTable = tableOverlapping(this.ctx.wb, a);
      if (hitsTable) throw new Error("InvalidOperation: cells in a table cannot be merged");
      const list = this.ctx.wb.merges.get(sheetName) ?? [];
      list.push(areaAddress(this.ctx.wb, a).split("!").pop() ?? "");
      this.ctx.wb.merges.set(sheetName, list);
    });
  }
  /** A built-in style by its Excel.BuiltInStyle id; anything else is refused at sync, as Excel refuses a style it lacks. */
  set style(v: string) {
    this.ctx.wb.calls.add("Range.style");
    if (!BUILT_IN_STYLES.has(v))
      this.ctx.failAtSync = new Error(`ItemNotFound: there is no style '${v}' (built-in styles go by their Excel.BuiltInStyle id)`);
    const wb = this.ctx.wb;
    this.ctx.enqueue(() => this.eachCell((key) => wb.formats.set(key, { ...wb.formats.get(key), style: v })));
  }
  load(props: string | string[]): this {
    const list = Array.isArray(props) ? props : props.split(",").map((p) => p.trim());
    for (const p of list) this.ctx.wb.calls.add(`Range.${p}`);
    this.ctx.onSync(() => {
      for (const p of list) {
        this.loaded.add(p);
        this.data[p] = this.read(p);
      }
    });
    return this;
  }
  private read(p: string): unknown {
    const { hf } = this.ctx.wb;
    const a = this.area;
    if (p === "address") return areaAddress(this.ctx.wb, a);
    const rows: unknown[][] = [];
    for (let r = a.r0; r <= a.r1; r++) {
      const row: unknown[] = [];
      for (let c = a.c0; c <= a.c1; c++) {
        const at = { sheet: a.sheet, row: r, col: c };
        if (p === "formulas") row.push(this.ctx.wb.structured.get(`${a.sheet}!${r}!${c}`) ?? hf.getCellFormula(at) ?? hf.getCellValue(at) ?? "");
        else {
          const v = hf.getCellValue(at);
          row.push(v instanceof DetailedCellError ? v.value : (v ?? ""));
        }
      }
      rows.push(row);
    }
    return rows;
  }
  private get(p: string): unknown {
    if (!this.loaded.has(p)) throw new NotLoaded(p);
    return this.data[p];
  }
  get address(): string {
    return this.get("address") as string;
  }
  get values(): unknown[][] {
    return this.get("values") as unknown[][];
  }
  set values(v: unknown[][]) {
    this.ctx.wb.calls.add("Range.values");
    this.write(v.map((row) => row.map(asExcelTakesValue)));
  }
  get formulas(): unknown[][] {
    return this.get("formulas") as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.ctx.wb.calls.add("Range.formulas");
    this.write(v);
  }
  /** Each cell's number format (a 2-D array the range's shape), as Excel keeps it: by cell. */
  set numberFormat(v: string[][]) {
    this.ctx.wb.calls.add("Range.numberFormat");
    const wb = this.ctx.wb;
    if (!this.shaped(v, "numberFormat")) return;
    this.ctx.enqueue(
      () => this.eachCell((key, r, c) => wb.formats.set(key, { ...wb.formats.get(key), numberFormat: v[r][c] })),
      OP_BYTES + JSON.stringify(v).length,
    );
  }
  /** A 2-D array must be the range's shape, as Excel requires (InvalidArgument at sync otherwise). */
  private shaped(v: unknown[][], what: string): boolean {
    const { r0, r1, c0, c1 } = this.area;
    if (v.length === r1 - r0 + 1 && v.every((row) => row.length === c1 - c0 + 1)) return true;
    this.ctx.failAtSync = new Error(`InvalidArgument: ${what}: ${v.length}×${v[0]?.length ?? 0} values for a ${r1 - r0 + 1}×${c1 - c0 + 1} range`);
    return false;
  }
  /** Each cell of the range by its sheet-qualified address, and its place in the range. */
  private eachCell(f: (key: string, r: number, c: number) => void): void {
    const { sheet, r0, r1, c0, c1 } = this.area;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(areaAddress(this.ctx.wb, { sheet, r0: r, r1: r, c0: c, c1: c }), r - r0, c - c0);
  }
  /** Cells as Excel takes them; a formula is kept as written and computed as Excel computes it (asHyperFormula). */
  private write(v: unknown[][]): void {
    const { sheet, r0, c0 } = this.area;
    const wb = this.ctx.wb;
    if (!this.shaped(v, "values")) return;
    this.ctx.enqueue(
      () => {
        const cells = v.map((row, i) =>
          row.map((x, j) => {
            if (x === null) return null;
            const key = `${sheet}!${r0 + i}!${c0 + j}`;
            wb.structured.delete(key);
            if (typeof x !== "string" || !x.startsWith("=")) return x;
            const held = asHyperFormula(wb, x, sheet, r0 + i);
            if (held !== x) wb.structured.set(key, x);
            return held;
          }),
        );
        // null leaves the cell as it is, as Excel takes a null in a written array: those cells are not written.
        if (!v.some((row) => row.includes(null))) wb.hf.setCellContents({ sheet, row: r0, col: c0 }, cells as never);
        else
          cells.forEach((row, i) => row.forEach((x, j) => x !== null && wb.hf.setCellContents({ sheet, row: r0 + i, col: c0 + j }, [[x]] as never)));
      },
      OP_BYTES + JSON.stringify(v).length,
    );
  }
}

class FakeChart {
  readonly title = { text: "" };
  readonly axes: { categoryAxis: { title: { text: string } }; valueAxis: { title: { text: string }; numberFormat: string } };
  readonly series: {
    add: (name: string) => { setValues: (r: FakeRange) => void };
    getItemAt: (i: number) => { setXAxisValues: (r: FakeRange) => void };
  };
  constructor(
    private readonly record: FakeChartRecord,
    private readonly wb: FakeWorkbook,
  ) {
    const rec = (m: string) => wb.calls.add(m);
    this.series = {
      add: (name: string) => {
        rec("ChartSeriesCollection.add");
        const s = { name, values: "" };
        record.series.push(s);
        return {
          setValues: (r: FakeRange) => {
            rec("ChartSeries.setValues");
            s.values = areaAddress(wb, r.area);
          },
        };
      },
      getItemAt: (i: number) => ({
        setXAxisValues: (r: FakeRange) => {
          rec("ChartSeriesCollection.getItemAt");
          rec("ChartSeries.setXAxisValues");
          const s = record.series[i];
          if (!s) throw new Error(`InvalidArgument: the chart has no series ${i}`);
          s.xValues = areaAddress(wb, r.area);
        },
      }),
    };
    const titled = (set: (t: string) => void, get: () => string) => {
      const o = { text: "" };
      Object.defineProperty(o, "text", {
        set: (t: string) => {
          rec("ChartAxisTitle.text");
          set(t);
        },
        get,
      });
      return o;
    };
    const valueAxis = {
      title: titled(
        (t) => (record.axes.value = t),
        () => record.axes.value,
      ),
      numberFormat: "",
    };
    Object.defineProperty(valueAxis, "numberFormat", {
      set: (f: string) => {
        rec("ChartAxis.numberFormat");
        record.axes.valueFormat = f;
      },
      get: () => record.axes.valueFormat ?? "",
    });
    this.axes = {
      categoryAxis: {
        title: titled(
          (t) => (record.axes.category = t),
          () => record.axes.category,
        ),
      },
      valueAxis,
    };
    Object.defineProperty(this.title, "text", {
      set: (t: string) => {
        rec("ChartTitle.text");
        record.title = t;
      },
      get: () => record.title,
    });
  }
  setPosition(from: string, to: string): void {
    this.wb.calls.add("Chart.setPosition");
    this.record.position = [from, to];
  }
  /** A picture of the chart (Excel draws the real one): its title and axes on a canvas in a browser, else a blank PNG. */
  getImage(width?: number): { value: string } {
    this.wb.calls.add("Chart.getImage");
    const result = { value: "" };
    const r = this.record;
    this.ctx?.onSync(() => (result.value = chartPicture(r, width ?? 480)));
    return result;
  }
  /** The batch this chart belongs to (set when it is read from a sheet's collection). */
  ctx: Context | null = null;
}

/** A 1 × 1 white PNG: the picture where there is no canvas (node). */
const BLANK_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=";

function chartPicture(r: FakeChartRecord, width: number): string {
  if (typeof document === "undefined") return BLANK_PNG;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = Math.round(width * 0.6);
  const g = canvas.getContext("2d");
  if (!g) return BLANK_PNG;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = "#bfbfbf";
  g.strokeRect(0.5, 0.5, canvas.width - 1, canvas.height - 1);
  g.fillStyle = "#404040";
  g.font = "16px sans-serif";
  g.textAlign = "center";
  g.fillText(r.title.slice(0, 80), canvas.width / 2, 28);
  g.font = "12px sans-serif";
  g.fillText(r.axes.category, canvas.width / 2, canvas.height - 12);
  g.fillText(`${r.type}: ${r.series.map((x) => x.name).join(", ")}`.slice(0, 90), canvas.width / 2, canvas.height / 2);
  return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
}

/** An Excel table: its name and look (set in the batch), its range, and rows added at its foot. */
class FakeTable {
  isNullObject = false;
  readonly rows: { add: (index?: number | null, values?: unknown[][]) => void };
  constructor(
    private ctx: Context,
    private record: FakeWorkbook["tables"][number] | null,
    private loadedName = false,
  ) {
    this.isNullObject = record === null;
    this.rows = {
      add: (index, values) => {
        ctx.wb.calls.add("TableRowCollection.add");
        ctx.enqueue(() => {
          const t = this.live();
          if (index !== undefined && index !== null && index !== t.def.dataRows)
            throw new Error("InvalidArgument: the fake adds rows at the table's foot only");
          const sheet = ctx.wb.hf.getSheetId(t.def.sheet) as number;
          const at = t.def.row + 1 + t.def.dataRows;
          const n = values?.length ?? 1;
          // Excel inserts cells in the table's columns, moving the cells below down; the fake moves whole rows.
          ctx.wb.hf.addRows(sheet, [at, n]);
          if (values) ctx.wb.hf.setCellContents({ sheet, row: at, col: t.def.col }, values as never);
          t.def.dataRows += n;
          for (const [key, f] of [...ctx.wb.structured]) {
            const [sh, r, c] = key.split("!").map(Number);
            if (sh === sheet && r >= at) {
              ctx.wb.structured.delete(key);
              ctx.wb.structured.set(`${sh}!${r + n}!${c}`, f);
            }
          }
          reresolve(ctx.wb);
        });
      },
    };
  }
  private live(): FakeWorkbook["tables"][number] {
    if (!this.record) throw new Error("ItemNotFound: no such table");
    return this.record;
  }
  load(p: string | string[]): this {
    this.ctx.wb.calls.add("Table.load");
    const list = [p].flat();
    if (list.includes("name")) this.ctx.onSync(() => (this.loadedName = true));
    if (list.includes("showHeaders")) this.ctx.onSync(() => (this.loadedShowHeaders = true));
    return this;
  }
  private loadedShowHeaders = false;
  /** Whether the header row shows (Table Design > Header Row); the columns keep their names either way. */
  get showHeaders(): boolean {
    this.ctx.wb.calls.add("Table.showHeaders");
    if (!this.loadedShowHeaders) throw new NotLoaded("showHeaders");
    return this.live().showHeaders !== false;
  }
  get columns(): { items: { name: string }[]; load: (p?: string) => { items: { name: string }[] } } {
    this.ctx.wb.calls.add("Table.columns");
    const t = this.live();
    const collection = { items: [] as { name: string }[], load: () => collection };
    this.ctx.onSync(() => (collection.items = t.def.columns.map((name) => ({ name }))));
    return collection;
  }
  get name(): string {
    if (!this.loadedName) throw new NotLoaded("name");
    return this.live().def.name;
  }
  set name(v: string) {
    this.ctx.wb.calls.add("Table.name");
    const t = this.live();
    this.ctx.enqueue(() => {
      if (this.ctx.wb.tables.some((x) => x !== t && x.def.name.toLowerCase() === v.toLowerCase()))
        throw new Error(`InvalidArgument: a table called '${v}' exists`);
      t.def.name = v;
    });
  }
  set style(v: string) {
    this.ctx.wb.calls.add("Table.style");
    const t = this.live();
    this.ctx.enqueue(() => (t.style = v));
  }
  set showFilterButton(v: boolean) {
    this.ctx.wb.calls.add("Table.showFilterButton");
    const t = this.live();
    this.ctx.enqueue(() => (t.showFilterButton = v));
  }
  /** The header row alone. */
  getHeaderRowRange(): FakeRange {
    this.ctx.wb.calls.add("Table.getHeaderRowRange");
    if (this.live().showHeaders === false) throw new Error("InvalidArgument: the table's header row is turned off");
    const d = this.live().def;
    return new FakeRange(this.ctx, {
      sheet: this.ctx.wb.hf.getSheetId(d.sheet) as number,
      r0: d.row,
      c0: d.col,
      r1: d.row,
      c1: d.col + d.columns.length - 1,
    });
  }
  /** The data rows: below the header, above any totals row. */
  getDataBodyRange(): FakeRange {
    this.ctx.wb.calls.add("Table.getDataBodyRange");
    const d = this.live().def;
    return new FakeRange(this.ctx, {
      sheet: this.ctx.wb.hf.getSheetId(d.sheet) as number,
      r0: d.row + 1,
      c0: d.col,
      r1: d.row + d.dataRows,
      c1: d.col + d.columns.length - 1,
    });
  }
  /** Header, data and the totals row when the table shows one. */
  getRange(): FakeRange {
    this.ctx.wb.calls.add("Table.getRange");
    const d = this.live().def;
    const totals = this.live().totalsRow ? 1 : 0;
    return new FakeRange(this.ctx, {
      sheet: this.ctx.wb.hf.getSheetId(d.sheet) as number,
      r0: d.row,
      c0: d.col,
      r1: d.row + d.dataRows + totals,
      c1: d.col + d.columns.length - 1,
    });
  }
}

class FakeSheet {
  isNullObject = false;
  readonly charts: { add: (type: string, source: FakeRange, by: string) => FakeChart; items: FakeChart[]; load: (p: string) => void };
  readonly tables: { add: (address: string, hasHeaders: boolean) => FakeTable };
  readonly freezePanes: { freezeAt: (r: FakeRange | string) => void };
  constructor(
    private ctx: Context,
    private sheetName: string,
  ) {
    const rec = (m: string) => ctx.wb.calls.add(m);
    this.tables = {
      add: (address, hasHeaders) => {
        rec("Worksheet.tables");
        rec("TableCollection.add");
        if (!hasHeaders) throw new Error("the fake makes tables with a header row only");
        const a = parseLocal(this.id(), address);
        const record: FakeWorkbook["tables"][number] = {
          def: { name: `Table${ctx.wb.tables.length + 1}`, sheet: this.sheetName, row: a.r0, col: a.c0, dataRows: a.r1 - a.r0, columns: [] },
          style: "TableStyleMedium2",
          showFilterButton: true,
        };
        ctx.enqueueChecked(() => {
          const overlaps = tableOverlapping(ctx.wb, a);
          if (overlaps) throw new Error("InvalidOperation: a table cannot overlap another table");
          // Excel takes the header row's cells, as text, for the columns' names: each must be there and unique.
          for (let c = a.c0; c <= a.c1; c++) {
            const h = String(ctx.wb.hf.getCellValue({ sheet: a.sheet, row: a.r0, col: c }) ?? "");
            if (h === "" || record.def.columns.some((x) => x.toLowerCase() === h.toLowerCase()))
              throw new Error(`InvalidArgument: header '${h}' is blank or repeated`);
            record.def.columns.push(h);
          }
          // No spilling formula may sit inside a table (Excel refuses it: #SPILL!).
          for (let r = a.r0; r <= a.r1; r++)
            for (let c = a.c0; c <= a.c1; c++)
              if (ctx.wb.hf.isCellPartOfArray({ sheet: a.sheet, row: r, col: c }))
                throw new Error(`InvalidOperation: a spilled array at row ${r + 1}, column ${c + 1} is inside the table`);
          ctx.wb.tables.push(record);
        });
        return new FakeTable(ctx, record);
      },
    };
    this.freezePanes = {
      freezeAt: (r) => {
        rec("Worksheet.freezePanes");
        rec("WorksheetFreezePanes.freezeAt");
        const address = typeof r === "string" ? r : (areaAddress(ctx.wb, r.area).split("!").pop() ?? "");
        ctx.enqueue(() => ctx.wb.freeze.set(this.sheetName, address));
      },
    };
    const charts = {
      items: [] as FakeChart[],
      load: () => {
        rec("Worksheet.charts");
        ctx.onSync(() => {
          charts.items = ctx.wb.charts
            .filter((c) => c.sheet === this.sheetName)
            .map((c) => {
              const chart = new FakeChart(c, ctx.wb);
              chart.ctx = ctx;
              return chart;
            });
        });
      },
      add: (type: string, source: FakeRange, by: string) => {
        // Series as Excel makes them from our sources. By columns: the header row names them; with several
        // columns the first (text) column is the categories, a single column is one series. By rows: the
        // first row is the categories and the first column names each row's series.
        const a = source.area;
        ctx.wb.calls.add("ChartCollection.add");
        const own: FakeChartRecord["series"] = [];
        if (by === "Rows") {
          for (let r = a.r0 + 1; r <= a.r1; r++) own.push({ name: "", values: areaAddress(ctx.wb, { ...a, r0: r, r1: r, c0: a.c0 + 1 }) });
          const record: FakeChartRecord = {
            sheet: this.sheetName,
            type,
            title: "",
            source: areaAddress(ctx.wb, a),
            series: own,
            axes: { category: "", value: "" },
          };
          ctx.enqueue(() => ctx.wb.charts.push(record));
          // Names from the first column, readable once the batch's values are in (as Excel reads them at sync).
          ctx.onSync(() => own.forEach((x, i) => (x.name = String(ctx.wb.hf.getCellValue({ sheet: a.sheet, row: a.r0 + 1 + i, col: a.c0 }) ?? ""))));
          return new FakeChart(record, ctx.wb);
        }
        for (let c = a.c0 === a.c1 ? a.c0 : a.c0 + 1; c <= a.c1; c++)
          own.push({ name: "", values: areaAddress(ctx.wb, { ...a, r0: a.r0 + 1, c0: c, c1: c }) });
        const record: FakeChartRecord = {
          sheet: this.sheetName,
          type,
          title: "",
          source: areaAddress(ctx.wb, a),
          series: own,
          axes: { category: "", value: "" },
        };
        if (ctx.wb.failNextChart) {
          ctx.wb.failNextChart = false;
          ctx.failAtSync = new Error("GeneralException: the chart could not be created (simulated failure)");
        } else {
          ctx.enqueue(() => ctx.wb.charts.push(record));
          // Series names come from the header cells, readable once the batch's values are in.
          const first = a.c0 === a.c1 ? a.c0 : a.c0 + 1;
          ctx.onSync(() => own.forEach((s, i) => (s.name = String(ctx.wb.hf.getCellValue({ sheet: a.sheet, row: a.r0, col: first + i })))));
        }
        return new FakeChart(record, ctx.wb);
      },
    };
    this.charts = charts;
  }
  get name(): string {
    return this.sheetName;
  }
  private id(): number {
    const id = this.ctx.wb.hf.getSheetId(this.sheetName);
    if (id === undefined) throw new Error(`ItemNotFound: no sheet '${this.sheetName}'`);
    return id;
  }
  getRange(address: string): FakeRange {
    this.ctx.wb.calls.add("Worksheet.getRange");
    this.ctx.count();
    return new FakeRange(this.ctx, parseLocal(this.id(), address));
  }
  /** Page layout (ExcelApi 1.9): refused, as Office refuses it, when the host reports an older set. */
  get pageLayout(): {
    orientation: string;
    zoom: object;
    setPrintArea: (a: string) => void;
    setPrintTitleRows: (a: string) => void;
    headersFooters: { defaultForAllPages: { leftFooter: string; rightFooter: string } };
  } {
    const ctx = this.ctx;
    ctx.wb.calls.add("Worksheet.pageLayout");
    if (!atLeast(ctx.wb.apiVersion, "1.9")) throw new Error("ApiNotFound: Worksheet.pageLayout needs ExcelApi 1.9");
    const name = this.sheetName;
    const patch = (p: object) => ctx.enqueue(() => ctx.wb.pageLayout.set(name, { ...ctx.wb.pageLayout.get(name), ...p }));
    const rec = (m: string) => ctx.wb.calls.add(m);
    return {
      set orientation(v: string) {
        rec("PageLayout.orientation");
        patch({ orientation: v });
      },
      get orientation() {
        return "";
      },
      set zoom(v: object) {
        rec("PageLayout.zoom");
        patch({ zoom: v });
      },
      get zoom() {
        return {};
      },
      setPrintArea: (a) => {
        rec("PageLayout.setPrintArea");
        patch({ printArea: a });
      },
      setPrintTitleRows: (a) => {
        rec("PageLayout.setPrintTitleRows");
        patch({ printTitleRows: a });
      },
      headersFooters: {
        defaultForAllPages: {
          set leftFooter(v: string) {
            rec("PageLayout.headersFooters");
            rec("HeaderFooterGroup.defaultForAllPages");
            rec("HeaderFooter.leftFooter");
            patch({ leftFooter: v });
          },
          get leftFooter() {
            return "";
          },
          set rightFooter(v: string) {
            rec("HeaderFooter.rightFooter");
            patch({ rightFooter: v });
          },
          get rightFooter() {
            return "";
          },
        },
      },
    };
  }
  activate(): void {
    this.ctx.wb.calls.add("Worksheet.activate");
    this.ctx.enqueue(() => (this.ctx.wb.activeSheet = this.id()));
  }
  delete(): void {
    this.ctx.wb.calls.add("Worksheet.delete");
    if (this.isNullObject) return;
    this.ctx.enqueue(() => {
      const id = this.id();
      this.ctx.wb.hf.removeSheet(id);
      this.ctx.wb.charts = this.ctx.wb.charts.filter((c) => c.sheet !== this.sheetName);
      this.ctx.wb.tables = this.ctx.wb.tables.filter((t) => t.def.sheet !== this.sheetName);
      for (const key of [...this.ctx.wb.structured.keys()]) if (key.startsWith(`${id}!`)) this.ctx.wb.structured.delete(key);
      this.ctx.wb.freeze.delete(this.sheetName);
      this.ctx.wb.merges.delete(this.sheetName);
      this.ctx.wb.pageLayout.delete(this.sheetName);
      this.ctx.wb.activeSheet = 0;
    });
  }
}

class FakeWorkbookApi {
  readonly worksheets: {
    items: FakeSheet[];
    load: (p: string) => void;
    add: (name: string) => FakeSheet;
    getItem: (name: string) => FakeSheet;
    getItemOrNullObject: (name: string) => FakeSheet;
    getActiveWorksheet: () => FakeSheet;
  };
  readonly names: {
    items: { name: string }[];
    load: (p: string) => void;
    getItemOrNullObject: (name: string) => { isNullObject: boolean; getRange: () => FakeRange };
  };
  readonly tables: { items: FakeTable[]; load: (p: string) => void; getItemOrNullObject: (name: string) => FakeTable };
  constructor(private ctx: Context) {
    const wb = ctx.wb;
    const rec = (m: string) => wb.calls.add(m);
    const sheets = {
      items: [] as FakeSheet[],
      load: () => {
        rec("WorksheetCollection.load");
        ctx.onSync(() => (sheets.items = wb.hf.getSheetNames().map((n) => new FakeSheet(ctx, n))));
      },
      add: (name: string) => {
        rec("WorksheetCollection.add");
        if (wb.hf.doesSheetExist(name)) throw new Error(`ItemAlreadyExists: a sheet called '${name}' exists`);
        wb.hf.addSheet(name); // Office creates the sheet in the same batch; its cells are written at sync.
        return new FakeSheet(ctx, name);
      },
      getItem: (name: string) => {
        rec("WorksheetCollection.getItem");
        if (!wb.hf.doesSheetExist(name)) throw new Error(`ItemNotFound: there is no sheet called '${name}'`);
        return new FakeSheet(ctx, name);
      },
      getItemOrNullObject: (name: string) => {
        rec("WorksheetCollection.getItemOrNullObject");
        const s = new FakeSheet(ctx, name);
        s.isNullObject = !wb.hf.doesSheetExist(name);
        return s;
      },
      getActiveWorksheet: () => {
        rec("WorksheetCollection.getActiveWorksheet");
        return new FakeSheet(ctx, wb.hf.getSheetName(wb.activeSheet) as string);
      },
    };
    this.worksheets = sheets;
    const names = {
      items: [] as { name: string }[],
      load: () => {
        rec("NamedItemCollection.load");
        ctx.onSync(() => (names.items = wb.hf.listNamedExpressions().map((n) => ({ name: n }))));
      },
      getItemOrNullObject: (name: string) => {
        rec("NamedItemCollection.getItemOrNullObject");
        const expr = wb.hf.getNamedExpression(name);
        const m = expr && /^=(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(expr.expression ?? "");
        return {
          isNullObject: !m,
          getRange: () => {
            rec("NamedItem.getRange");
            if (!m) throw new Error("InvalidReference");
            const sheetName = (m[1] ?? m[2]).replace(/''/g, "'");
            return new FakeRange(ctx, parseLocal(wb.hf.getSheetId(sheetName) as number, m[3]));
          },
        };
      },
    };
    this.names = names;
    const tables = {
      items: [] as FakeTable[],
      load: () => {
        rec("TableCollection.load");
        ctx.onSync(() => (tables.items = wb.tables.map((t) => new FakeTable(ctx, t, true))));
      },
      getItemOrNullObject: (name: string) => {
        rec("Workbook.tables");
        rec("TableCollection.getItemOrNullObject");
        return new FakeTable(ctx, wb.tables.find((t) => t.def.name.toLowerCase() === name.toLowerCase()) ?? null);
      },
    };
    this.tables = tables;
  }
  getSelectedRange(): FakeRange {
    this.ctx.wb.calls.add("Workbook.getSelectedRange");
    return new FakeRange(this.ctx, this.ctx.wb.selection);
  }
}

/** Whether ExcelApi `have` is at least `want` ("1.10" > "1.9"). */
function atLeast(have: string, want: string): boolean {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = want.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

/**
 * Install `Excel` (run, ChartType, ChartSeriesBy, PageOrientation) on the page, backed by `wb`, and answer
 * the add-in's requirement-set checks for `wb.apiVersion`, as a host of that version would.
 */
export function installFakeExcel(wb: FakeWorkbook): void {
  const Excel = {
    run: async <T>(batch: (context: Context) => Promise<T>): Promise<T> => batch(new Context(wb)),
    ChartType: { columnClustered: "ColumnClustered", line: "Line", barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns", rows: "Rows", auto: "Auto" },
    PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
    VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom" },
  };
  (globalThis as unknown as { Excel: unknown }).Excel = Excel;
  answerRequirementsWith((v) => atLeast(wb.apiVersion, v));
}
