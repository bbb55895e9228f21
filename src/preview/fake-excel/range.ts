/** A fake Excel range: values, formulas, formats and loads, readable only after sync. */
import { DetailedCellError } from "hyperformula";
import { quoteSheetName as quote } from "../../engine/rules/address";
import {
  Area,
  atLeast,
  OP_BYTES,
  tableOverlapping,
  asHyperFormula,
  areaAddress,
  asExcelTakesValue,
  BUILT_IN_STYLES,
  NotLoaded,
  type CellFormat,
} from "./model";
import { Context } from "./context";

export class FakeRange {
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
