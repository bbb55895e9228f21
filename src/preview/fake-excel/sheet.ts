/** A fake Excel worksheet: ranges, charts, tables, frozen panes and page layout. */
import { atLeast, tableOverlapping, areaAddress, parseLocal, type FakeWorkbook, type FakeChartRecord } from "./model";
import { Context } from "./context";
import { FakeRange } from "./range";
import { FakeChart } from "./chart";
import { FakeTable } from "./table";

export class FakeSheet {
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
