/* global globalThis */
/**
 * A fake of exactly the Excel JavaScript API calls src/excel/workbook.ts makes, backed by a HyperFormula
 * workbook, for the preview host and the browser tests. It keeps Office.js's discipline: a loaded property
 * can be read only after context.sync() (otherwise it throws, as Office.js does), writes are queued and
 * applied at sync, and a failed batch raises at sync. Preview and tests only: never in the add-in's bundles.
 */
import { answerRequirementsWith } from "../../excel/workbook";
import { atLeast, parseLocal, type FakeWorkbook } from "./model";
import { Context } from "./context";
import { FakeRange } from "./range";
import { FakeTable } from "./table";
import { FakeSheet } from "./sheet";

export {
  addFakeTable,
  areaAddress,
  newFakeWorkbook,
  parseLocal,
  REQUEST_LIMIT_BYTES,
  type CellFormat,
  type FakeChartRecord,
  type FakeWorkbook,
} from "./model";

export class FakeWorkbookApi {
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

/**
 * Install `Excel` (run, ChartType, ChartSeriesBy, PageOrientation) on the page, backed by `wb`, and answer
 * the add-in's requirement-set checks for `wb.apiVersion`, as a host of that version would.
 */
export function installFakeExcel(wb: FakeWorkbook): void {
  const Excel = {
    run: async <T>(batch: (context: Context) => Promise<T>): Promise<T> => {
      const context = new Context(wb);
      context.workbook = new FakeWorkbookApi(context);
      return batch(context);
    },
    ChartType: { columnClustered: "ColumnClustered", line: "Line", barClustered: "BarClustered" },
    ChartSeriesBy: { columns: "Columns", rows: "Rows", auto: "Auto" },
    PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
    VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom" },
  };
  (globalThis as unknown as { Excel: unknown }).Excel = Excel;
  answerRequirementsWith((v) => atLeast(wb.apiVersion, v));
}
