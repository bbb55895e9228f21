/* global Excel, globalThis */
/**
 * The only code that speaks Office.js. Reads ranges (by address or defined name), Excel tables (by name, by
 * any one cell of them, or by address) and the selection. Writes the comparison as a board pack in one batch:
 * a new sheet with a fresh name (never an existing one), the plan's values, formulas, formats and Excel's cell
 * styles, its tables, frozen titles and native charts; if that batch fails, the new sheet is deleted again, so
 * the workbook is left as it was. The print setup follows in a batch of its own. Also draws the written
 * charts as pictures (Chart.getImage) for copying.
 */
import type { PlannedChart } from "./sheet/common";
import type { SheetPlan } from "./plan-types";
import { writeCells } from "./write-cells";
import type { CellArea } from "../engine/inputs/merged";
import { columnLetters, parseAddress } from "../engine/rules/address";

export interface RangeData {
  address: string;
  values: unknown[][];
  /** The Excel table (ListObject) the range is, when it was chosen as one: its name. */
  table?: string;
  /** Its merged areas, relative to it (read where the host has ExcelApi 1.13; a table has none). */
  merged?: CellArea[];
}

/** Whether `inner` (a sheet-qualified address) lies inside `outer`. */
export function within(inner: string, outer: string): boolean {
  const area = (a: string) => {
    const bang = a.lastIndexOf("!");
    const sheet = a
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'")
      .toLowerCase();
    const [from, to = from] = a.slice(bang + 1).split(":");
    const p = parseAddress(from);
    const q = parseAddress(to);
    return p && q ? { sheet, r0: p.row, c0: p.col, r1: q.row, c1: q.col } : null;
  };
  const i = area(inner);
  const o = area(outer);
  return !!i && !!o && i.sheet === o.sheet && i.r0 >= o.r0 && i.c0 >= o.c0 && i.r1 <= o.r1 && i.c1 <= o.c1;
}

/** A table's header row and data rows as one address (no Total Row): the first cell of `top` (its header row, or the whole table) to the data's last. */
function headerAndBody(header: string, body: string): string {
  const bang = header.lastIndexOf("!");
  const from = header.slice(bang + 1).split(":")[0];
  const to = body
    .slice(body.lastIndexOf("!") + 1)
    .split(":")
    .pop();
  return `${header.slice(0, bang)}!${from}:${to}`;
}

/**
 * The Excel table a range designates, if any: one cell of a table, or the whole of it (with or without its
 * Total Row), is the table; a part of it chosen on purpose stays that range. Tables are found through the
 * collection (ExcelApi 1.1), not Range.getTables (1.9).
 */
async function tableOf(context: Excel.RequestContext, address: string): Promise<Excel.Table | null> {
  const all = context.workbook.tables;
  all.load("items/name");
  await context.sync();
  if (all.items.length === 0) return null;
  const ranges = all.items.map((t) => ({ whole: t.getRange().load("address"), body: t.getDataBodyRange().load("address") }));
  await context.sync();
  const single = !address.split("!").pop()?.includes(":");
  const same = (a: string, b: string) => within(a, b) && within(b, a);
  const k = ranges.findIndex((r) => {
    const withoutTotals = headerAndBody(r.whole.address, r.body.address);
    return within(address, r.whole.address) && (single || same(address, r.whole.address) || same(address, withoutTotals));
  });
  return k < 0 ? null : all.items[k];
}

/** A table's header row and data rows (never its Total Row: it is no step), with the table's name. */
async function readTable(context: Excel.RequestContext, table: Excel.Table): Promise<RangeData> {
  table.load(["name", "showHeaders"]);
  const columns = table.columns.load("items/name");
  const body = table.getDataBodyRange().load(["address", "values"]);
  await context.sync();
  const values = body.values as unknown[][];
  if (!table.showHeaders) {
    // Header Row turned off: the columns keep their names (structured references use them), and the address
    // starts one row above the data so that a problem's cell is named right.
    const bang = body.address.lastIndexOf("!");
    const [from, to = from] = body.address.slice(bang + 1).split(":");
    const top = parseAddress(from);
    const above = top && top.row > 0 ? `${columnLetters(top.col)}${top.row}` : from;
    return { address: `${body.address.slice(0, bang)}!${above}:${to}`, values: [columns.items.map((c) => c.name), ...values], table: table.name };
  }
  const header = table.getHeaderRowRange().load(["address", "values"]);
  await context.sync();
  return { address: headerAndBody(header.address, body.address), values: [...(header.values as unknown[][]), ...values], table: table.name };
}

/**
 * The current selection, sheet-qualified ("Pathway!A3:F10"); with `tables`, the name of the Excel table the
 * selection designates (any one cell of it, or all of it), so that the written formulas follow the table.
 */
export async function selectedAddress(tables = false): Promise<string> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("address");
    await context.sync();
    const table = tables ? await tableOf(context, range.address) : null;
    if (!table) return range.address;
    table.load("name");
    await context.sync();
    return table.name;
  });
}

/**
 * Values of a range given as an address ("A1:F9", "Pathway!A1:F9"), an Excel table's name or a defined name.
 * With `tables`, an address or name that designates a table (all of it) is read as that table.
 */
export async function readRange(reference: string, tables = false): Promise<RangeData> {
  const ref = reference.trim();
  return Excel.run(async (context) => {
    let range: Excel.Range;
    // A name (a table's or a defined name), in any script Excel allows (Étapes, Cohorte_é); not a cell (A1).
    if (/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(ref) && !/^[A-Za-z]{1,3}\d+$/.test(ref)) {
      const table = context.workbook.tables.getItemOrNullObject(ref);
      const name = context.workbook.names.getItemOrNullObject(ref);
      await context.sync();
      if (!table.isNullObject) return readTable(context, table);
      if (name.isNullObject) throw new Error(`'${ref}' is not a table, a defined name or an address`);
      range = name.getRange();
    } else if (ref.includes("!")) {
      const bang = ref.lastIndexOf("!");
      const sheetName = ref
        .slice(0, bang)
        .replace(/^'(.*)'$/, "$1")
        .replace(/''/g, "'");
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      await context.sync();
      if (sheet.isNullObject) throw new Error(`there is no sheet called '${sheetName}'`);
      range = sheet.getRange(ref.slice(bang + 1));
    } else {
      range = context.workbook.worksheets.getActiveWorksheet().getRange(ref);
    }
    if (tables) {
      range.load("address");
      await context.sync();
      const table = await tableOf(context, range.address);
      if (table && range.address.split("!").pop()?.includes(":")) return readTable(context, table);
    }
    range.load(["address", "values"]);
    // Merged cells, so a name merged down the rows it covers is read for each of them (engine/inputs/merged.ts).
    const merged = supports("1.13") ? range.getMergedAreasOrNullObject().load("address") : null;
    await context.sync();
    const areas = merged && !merged.isNullObject ? mergedWithin(merged.address, range.address) : [];
    return { address: range.address, values: range.values as unknown[][], ...(areas.length > 0 ? { merged: areas } : {}) };
  });
}

/** Merged areas ("Sheet!C2:C4,Sheet!E7:E8") relative to the range read, clipped to it. */
export function mergedWithin(areas: string, range: string): CellArea[] {
  const box = (a: string) => {
    const [tl, br = tl] = a.split("!").pop()!.replace(/\$/g, "").split(":");
    const at = (c: string) => {
      const m = /^([A-Z]+)(\d+)$/i.exec(c.trim());
      return m ? { row: Number(m[2]) - 1, col: [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 } : null;
    };
    const p = at(tl);
    const q = at(br);
    return p && q ? { r0: p.row, c0: p.col, r1: q.row, c1: q.col } : null;
  };
  const r = box(range);
  if (!r) return [];
  return areas
    .split(",")
    .map((a) => box(a))
    .filter((a): a is CellArea => a !== null && a.r0 <= r.r1 && a.r1 >= r.r0 && a.c0 <= r.c1 && a.c1 >= r.c0)
    .map((a) => ({
      r0: Math.max(a.r0, r.r0) - r.r0,
      c0: Math.max(a.c0, r.c0) - r.c0,
      r1: Math.min(a.r1, r.r1) - r.r0,
      c1: Math.min(a.c1, r.c1) - r.c0,
    }));
}

/**
 * Text exactly as written: Excel reads a string given to `range.values` as if it were typed, so a step named
 * "=1+1", "+cmd|…", "-ve result" or "@SUM(A1)" would become a formula, and "2024" or "1/2" a number or a
 * date. A leading apostrophe (Excel's quote prefix) makes the whole rest text; it is not part of the value.
 */
export function asText(text: string): string {
  return `'${text}`;
}

/** "PAY comparison", or "PAY comparison (2)" … when that name is taken. */
export function freshSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Series in a planned chart: one per source column after the categories (or the single column), plus extras. */
function seriesCount(c: PlannedChart): number {
  const [from, to = from] = c.source.split(":");
  const columns = (parseAddress(to)?.col ?? 0) - (parseAddress(from)?.col ?? 0) + 1;
  return (columns === 1 ? 1 : columns - 1) + (c.extraSeries?.length ?? 0);
}

/**
 * The Excel JavaScript API requirement set the manifest declares (ExcelApi 1.7: Range.style, freeze panes and
 * chart series need it; every host that runs custom functions has it). Calls from a newer set are made only
 * when the host says it supports them (`supports`), with the fallback written beside each.
 */
export const DECLARED_EXCEL_API = "1.7";

/** Office's own check: Office.context.requirements.isSetSupported("ExcelApi", version); false when unknown. */
function officeSupports(version: string): boolean {
  try {
    const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (name: string, v: string) => boolean } } } }).Office;
    return office?.context?.requirements?.isSetSupported?.("ExcelApi", version) === true;
  } catch {
    return false;
  }
}

let check: (version: string) => boolean = officeSupports;

/** Whether the host supports ExcelApi `version`. */
export function supports(version: string): boolean {
  return check(version);
}

/**
 * For the preview's fake Excel only, which answers for the version it plays (office.js outside Office will not
 * let its `Office.context` be replaced). The add-in's own bundles never call it.
 */
export function answerRequirementsWith(f: (version: string) => boolean): void {
  check = f;
}

/** "PAY_Summary", or "PAY_Summary_2" … when a table (or defined name) of that name exists. */
export function freshTableName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`;
}

/**
 * Print setup (ExcelApi 1.9): landscape, one page wide and as many tall as needed (0: automatic, as the file
 * format's fitToHeight="0"), the print area, the title rows on every page, and the footer. Its own batch, after
 * the sheet is written: a host that refuses any of it leaves the comparison in place, and the pane says so.
 */
async function applyPrintSetup(name: string, plan: SheetPlan): Promise<void> {
  await Excel.run(async (context) => {
    const page = context.workbook.worksheets.getItem(name).pageLayout;
    page.orientation = Excel.PageOrientation.landscape;
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.setPrintArea(plan.print.area);
    page.setPrintTitleRows(plan.print.titleRows);
    page.headersFooters.defaultForAllPages.leftFooter = plan.print.footer;
    page.headersFooters.defaultForAllPages.rightFooter = "Page &P of &N";
    await context.sync();
  });
}

export interface WrittenSheet {
  name: string;
  /** What could not be applied, without undoing the comparison (the print setup on an older Excel). */
  notes: string[];
}

/** Write the plan to a new sheet as a board pack. */
export async function writeComparisonSheet(plan: SheetPlan, baseName = "PAY comparison"): Promise<WrittenSheet> {
  const name = await writeSheet(plan, baseName);
  const notes: string[] = [];
  if (!supports("1.9")) notes.push("this Excel has no print setup API (ExcelApi 1.9): the sheet prints with Excel's defaults");
  else {
    try {
      await applyPrintSetup(name, plan);
    } catch (e) {
      notes.push(`the print setup could not be applied (${e instanceof Error ? e.message : String(e)}); set it in Page Layout`);
    }
  }
  return { name, notes };
}

async function writeSheet(plan: SheetPlan, baseName: string): Promise<string> {
  let created: string | null = null;
  try {
    return await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const tables = context.workbook.tables;
      tables.load("items/name");
      const names = context.workbook.names;
      names.load("items/name");
      await context.sync();
      const name = freshSheetName(
        baseName,
        sheets.items.map((s) => s.name),
      );
      const sheet = sheets.add(name);
      created = name;
      // Row by row in runs of adjacent cells, synced in requests Excel on the web accepts (write-cells.ts).
      // null: a cell that only takes a style or a format keeps its content (a neighbour's spill may reach it).
      await writeCells(context, sheet, plan.cells, (c) =>
        c.formula !== undefined ? c.formula : typeof c.value === "string" ? asText(c.value) : (c.value ?? null),
      );
      plan.columnWidths.forEach((w, i) => {
        sheet.getRange(`${String.fromCharCode(65 + i)}:${String.fromCharCode(65 + i)}`).format.columnWidth = w * 6;
      });
      for (const h of plan.headerRanges) sheet.getRange(h).format.fill.color = "#DDEBF7";
      for (const w of plan.wrapped) {
        const range = sheet.getRange(w.range);
        range.merge(false);
        range.format.wrapText = true;
        range.format.verticalAlignment = Excel.VerticalAlignment.top;
        range.format.rowHeight = 15 * w.lines;
      }
      // Header labels longer than their column wrap between words, the row as high as its longest label needs.
      for (const h of plan.headerLines) {
        const range = sheet.getRange(h.range);
        range.format.wrapText = true;
        range.format.verticalAlignment = Excel.VerticalAlignment.bottom;
        range.format.rowHeight = 15 * h.lines;
      }
      // The who-gains matrix and the summary as Excel tables, named afresh (a table's name is the workbook's).
      const taken = [...tables.items.map((t) => t.name), ...names.items.map((n) => n.name)];
      for (const t of plan.tables) {
        const table = sheet.tables.add(t.range, true);
        const tableName = freshTableName(t.name, taken);
        taken.push(tableName);
        table.name = tableName;
        table.style = "TableStyleMedium2";
        table.showFilterButton = false;
      }
      // Frozen titles and labels.
      sheet.freezePanes.freezeAt(sheet.getRange(plan.freeze));
      const axisFormat = supports("1.8");
      for (const c of plan.charts) {
        const chart = sheet.charts.add(
          c.type === "line" ? Excel.ChartType.line : c.type === "barClustered" ? Excel.ChartType.barClustered : Excel.ChartType.columnClustered,
          sheet.getRange(c.source),
          c.seriesBy === "rows" ? Excel.ChartSeriesBy.rows : Excel.ChartSeriesBy.columns,
        );
        chart.title.text = c.title;
        chart.axes.categoryAxis.title.text = c.axes.category;
        chart.axes.valueAxis.title.text = c.axes.value;
        // ExcelApi 1.8; without it the axis takes the source cells' format, which is the same £ format.
        if (axisFormat) chart.axes.valueAxis.numberFormat = c.axes.valueFormat;
        for (const extra of c.extraSeries ?? []) chart.series.add(extra.name).setValues(sheet.getRange(extra.values));
        // The series are known from the plan (see PlannedChart), so no round trip is needed to find them.
        if (c.xValues) for (let i = 0; i < seriesCount(c); i++) chart.series.getItemAt(i).setXAxisValues(sheet.getRange(c.xValues));
        chart.setPosition(c.position[0], c.position[1]);
      }
      sheet.activate();
      await context.sync();
      return name;
    });
  } catch (e) {
    if (created !== null) {
      const name: string = created;
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject(name).delete();
        await context.sync();
      }).catch(() => undefined);
    }
    throw e;
  }
}

/**
 * Pictures of the charts on a written sheet, drawn by Excel (Chart.getImage, ExcelApi 1.2): base64 PNGs with
 * their titles, for pasting into Word or PowerPoint.
 */
export async function chartImages(sheetName: string): Promise<{ title: string; png: string }[]> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
    await context.sync();
    if (sheet.isNullObject) throw new Error(`the sheet '${sheetName}' is no longer in the workbook: write the comparison again`);
    const charts = sheet.charts;
    charts.load("items/title/text");
    await context.sync();
    const images = charts.items.map((c) => ({ title: c.title.text, image: c.getImage(960) }));
    await context.sync();
    return images.map((x) => ({ title: x.title, png: x.image.value }));
  });
}
