/** A fake Excel table (ListObject). */
import { reresolve, NotLoaded, type FakeWorkbook } from "./model";
import { Context } from "./context";
import { FakeRange } from "./range";

/** An Excel table: its name and look (set in the batch), its range, and rows added at its foot. */
export class FakeTable {
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
