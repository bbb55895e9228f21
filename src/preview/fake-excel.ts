/* global globalThis */
/**
 * A fake of exactly the Excel JavaScript API calls src/excel/workbook.ts makes, backed by a HyperFormula
 * workbook, for the preview host and the browser tests. It keeps Office.js's discipline: a loaded property
 * can be read only after context.sync() (otherwise it throws, as Office.js does), writes are queued and
 * applied at sync, and a failed batch raises at sync. Preview and tests only: never in the add-in's bundles.
 */
import type { HyperFormula } from "hyperformula";
import { DetailedCellError } from "hyperformula";
import { columnLetters as letters, quoteSheetName as quote } from "../engine/address";

interface Area {
  sheet: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const col = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export interface FakeWorkbook {
  hf: HyperFormula;
  activeSheet: number;
  selection: Area;
  charts: {
    sheet: string;
    type: string;
    title: string;
    source: string;
    series: { name: string; values: string; xValues?: string }[];
    position?: [string, string];
  }[];
  formats: Map<string, { numberFormat?: string; bold?: boolean; fill?: string }>;
  /** Tests: make the next batch that adds a chart fail at sync. */
  failNextChart: boolean;
  onChange: () => void;
}

export function areaAddress(wb: FakeWorkbook, a: Area): string {
  const name = wb.hf.getSheetName(a.sheet) as string;
  const tl = `${letters(a.c0)}${a.r0 + 1}`;
  const br = `${letters(a.c1)}${a.r1 + 1}`;
  return `${quote(name)}!${tl === br ? tl : `${tl}:${br}`}`;
}

function parseLocal(sheet: number, address: string): Area {
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

class NotLoaded extends Error {
  constructor(prop: string) {
    super(
      `PropertyNotLoaded: The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    );
  }
}

class Context {
  private queue: (() => void)[] = [];
  private afterSync: (() => void)[] = [];
  failAtSync: Error | null = null;
  readonly workbook: FakeWorkbookApi;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
  }
  enqueue(op: () => void): void {
    this.queue.push(op);
  }
  onSync(f: () => void): void {
    this.afterSync.push(f);
  }
  async sync(): Promise<void> {
    const ops = this.queue.splice(0);
    const loads = this.afterSync.splice(0);
    await Promise.resolve();
    try {
      this.wb.hf.batch(() => {
        for (const op of ops) op();
      });
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
  readonly format: { font: { bold: boolean }; fill: { color: string }; columnWidth: number };
  constructor(
    private ctx: Context,
    readonly area: Area,
  ) {
    const key = () => areaAddress(ctx.wb, area);
    const fmt = (patch: { bold?: boolean; fill?: string }) =>
      ctx.enqueue(() => ctx.wb.formats.set(key(), { ...ctx.wb.formats.get(key()), ...patch }));
    this.format = {
      font: {
        set bold(v: boolean) {
          fmt({ bold: v });
        },
        get bold() {
          return false;
        },
      },
      fill: {
        set color(v: string) {
          fmt({ fill: v });
        },
        get color() {
          return "";
        },
      },
      columnWidth: 0,
    };
  }
  load(props: string | string[]): this {
    const list = Array.isArray(props) ? props : props.split(",").map((p) => p.trim());
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
        if (p === "formulas") row.push(hf.getCellFormula(at) ?? hf.getCellValue(at) ?? "");
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
    this.write(v.map((row) => row.map(asExcelTakesValue)));
  }
  get formulas(): unknown[][] {
    return this.get("formulas") as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.write(v);
  }
  set numberFormat(v: string[][]) {
    const key = areaAddress(this.ctx.wb, this.area);
    this.ctx.enqueue(() => this.ctx.wb.formats.set(key, { ...this.ctx.wb.formats.get(key), numberFormat: v[0][0] }));
  }
  private write(v: unknown[][]): void {
    const { sheet, r0, c0 } = this.area;
    this.ctx.enqueue(() => this.ctx.wb.hf.setCellContents({ sheet, row: r0, col: c0 }, v as never));
  }
}

class FakeChart {
  readonly title = { text: "" };
  readonly series: {
    add: (name: string) => { setValues: (r: FakeRange) => void };
    getItemAt: (i: number) => { setXAxisValues: (r: FakeRange) => void };
  };
  constructor(
    private readonly record: FakeWorkbook["charts"][number],
    wb: FakeWorkbook,
  ) {
    this.series = {
      add: (name: string) => {
        const s = { name, values: "" };
        record.series.push(s);
        return { setValues: (r: FakeRange) => void (s.values = areaAddress(wb, r.area)) };
      },
      getItemAt: (i: number) => ({
        setXAxisValues: (r: FakeRange) => {
          const s = record.series[i];
          if (!s) throw new Error(`InvalidArgument: the chart has no series ${i}`);
          s.xValues = areaAddress(wb, r.area);
        },
      }),
    };
    Object.defineProperty(this.title, "text", {
      set: (t: string) => {
        record.title = t;
      },
      get: () => record.title,
    });
  }
  setPosition(from: string, to: string): void {
    this.record.position = [from, to];
  }
}

class FakeSheet {
  isNullObject = false;
  readonly charts: { add: (type: string, source: FakeRange, by: string) => FakeChart };
  constructor(
    private ctx: Context,
    private sheetName: string,
  ) {
    this.charts = {
      add: (type, source, by) => {
        // Series as Excel makes them from our sources. By columns: the header row names them; with several
        // columns the first (text) column is the categories, a single column is one series. By rows: the
        // first row is the categories and the first column names each row's series.
        const a = source.area;
        const own: FakeWorkbook["charts"][number]["series"] = [];
        if (by === "Rows") {
          for (let r = a.r0 + 1; r <= a.r1; r++) own.push({ name: "", values: areaAddress(ctx.wb, { ...a, r0: r, r1: r, c0: a.c0 + 1 }) });
          const record: FakeWorkbook["charts"][number] = { sheet: this.sheetName, type, title: "", source: areaAddress(ctx.wb, a), series: own };
          ctx.enqueue(() => ctx.wb.charts.push(record));
          // Names from the first column, readable once the batch's values are in (as Excel reads them at sync).
          ctx.onSync(() => own.forEach((x, i) => (x.name = String(ctx.wb.hf.getCellValue({ sheet: a.sheet, row: a.r0 + 1 + i, col: a.c0 }) ?? ""))));
          return new FakeChart(record, ctx.wb);
        }
        for (let c = a.c0 === a.c1 ? a.c0 : a.c0 + 1; c <= a.c1; c++)
          own.push({ name: "", values: areaAddress(ctx.wb, { ...a, r0: a.r0 + 1, c0: c, c1: c }) });
        const record: FakeWorkbook["charts"][number] = { sheet: this.sheetName, type, title: "", source: areaAddress(ctx.wb, a), series: own };
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
    return new FakeRange(this.ctx, parseLocal(this.id(), address));
  }
  activate(): void {
    this.ctx.enqueue(() => (this.ctx.wb.activeSheet = this.id()));
  }
  delete(): void {
    if (this.isNullObject) return;
    this.ctx.enqueue(() => {
      this.ctx.wb.hf.removeSheet(this.id());
      this.ctx.wb.charts = this.ctx.wb.charts.filter((c) => c.sheet !== this.sheetName);
      this.ctx.wb.activeSheet = 0;
    });
  }
}

class FakeWorkbookApi {
  readonly worksheets: {
    items: FakeSheet[];
    load: (p: string) => void;
    add: (name: string) => FakeSheet;
    getItemOrNullObject: (name: string) => FakeSheet;
    getActiveWorksheet: () => FakeSheet;
  };
  readonly names: { getItemOrNullObject: (name: string) => { isNullObject: boolean; getRange: () => FakeRange } };
  constructor(private ctx: Context) {
    const wb = ctx.wb;
    const sheets = {
      items: [] as FakeSheet[],
      load: () => ctx.onSync(() => (sheets.items = wb.hf.getSheetNames().map((n) => new FakeSheet(ctx, n)))),
      add: (name: string) => {
        if (wb.hf.doesSheetExist(name)) throw new Error(`ItemAlreadyExists: a sheet called '${name}' exists`);
        wb.hf.addSheet(name); // Office creates the sheet in the same batch; its cells are written at sync.
        return new FakeSheet(ctx, name);
      },
      getItemOrNullObject: (name: string) => {
        const s = new FakeSheet(ctx, name);
        s.isNullObject = !wb.hf.doesSheetExist(name);
        return s;
      },
      getActiveWorksheet: () => new FakeSheet(ctx, wb.hf.getSheetName(wb.activeSheet) as string),
    };
    this.worksheets = sheets;
    this.names = {
      getItemOrNullObject: (name: string) => {
        const expr = wb.hf.getNamedExpression(name);
        const m = expr && /^=(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(expr.expression ?? "");
        return {
          isNullObject: !m,
          getRange: () => {
            if (!m) throw new Error("InvalidReference");
            const sheetName = (m[1] ?? m[2]).replace(/''/g, "'");
            return new FakeRange(ctx, parseLocal(wb.hf.getSheetId(sheetName) as number, m[3]));
          },
        };
      },
    };
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, this.ctx.wb.selection);
  }
}

/** Install `Excel` (run, ChartType, ChartSeriesBy) on the page, backed by `wb`. */
export function installFakeExcel(wb: FakeWorkbook): void {
  const Excel = {
    run: async <T>(batch: (context: Context) => Promise<T>): Promise<T> => batch(new Context(wb)),
    ChartType: { columnClustered: "ColumnClustered", line: "Line", barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns", rows: "Rows", auto: "Auto" },
  };
  (globalThis as unknown as { Excel: unknown }).Excel = Excel;
}
