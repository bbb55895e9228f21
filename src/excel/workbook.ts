/* global Excel */
/**
 * The only code that speaks Office.js. Reads ranges (by address or defined name) and the selection, and
 * writes the comparison sheet in one batch: a new sheet with a fresh name (never an existing one), the plan's
 * values, formulas and formats, and a native chart. If the batch fails, the new sheet is deleted again, so
 * the workbook is left as it was.
 */
import type { SheetPlan } from "./plan";

export interface RangeData {
  address: string;
  values: unknown[][];
}

/** The address of the current selection, sheet-qualified ("Pathway!A3:F10"). */
export async function selectedAddress(): Promise<string> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("address");
    await context.sync();
    return range.address;
  });
}

/** Values of a range given as an address ("A1:F9", "Pathway!A1:F9") or a defined name. */
export async function readRange(reference: string): Promise<RangeData> {
  const ref = reference.trim();
  return Excel.run(async (context) => {
    let range: Excel.Range;
    if (/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(ref) && !/^[A-Za-z]{1,3}\d+$/.test(ref)) {
      const name = context.workbook.names.getItemOrNullObject(ref);
      await context.sync();
      if (name.isNullObject) throw new Error(`'${ref}' is not a defined name or an address`);
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
    range.load(["address", "values"]);
    await context.sync();
    return { address: range.address, values: range.values as unknown[][] };
  });
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

/** Write the plan to a new sheet; returns its name. */
export async function writeComparisonSheet(plan: SheetPlan, baseName = "PAY comparison"): Promise<string> {
  let created: string | null = null;
  try {
    return await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      const name = freshSheetName(
        baseName,
        sheets.items.map((s) => s.name),
      );
      const sheet = sheets.add(name);
      created = name;
      for (const c of plan.cells) {
        const range = sheet.getRange(c.address);
        if (c.formula !== undefined) range.formulas = [[c.formula]];
        else if (c.value !== undefined) range.values = [[c.value]];
        if (c.format) range.numberFormat = [[c.format]];
        if (c.bold) range.format.font.bold = true;
      }
      plan.columnWidths.forEach((w, i) => {
        sheet.getRange(`${String.fromCharCode(65 + i)}:${String.fromCharCode(65 + i)}`).format.columnWidth = w * 6;
      });
      const [top] = plan.tableRange.split(":");
      const header = sheet.getRange(plan.tableRange.replace(/\d+$/, top.replace(/^[A-Z]+/, "")));
      header.format.fill.color = "#DDEBF7";
      const [names, payments, margins] = plan.chartRange.split(",");
      const chart = sheet.charts.add(
        Excel.ChartType.columnClustered,
        sheet.getRange(`${names.split(":")[0]}:${payments.split(":")[1]}`),
        Excel.ChartSeriesBy.columns,
      );
      chart.title.text = "Commissioner payment and provider margin by model";
      const margin = chart.series.add("Provider margin");
      margin.setValues(sheet.getRange(margins.replace(/^([A-Z]+)(\d+)/, (_m, c: string, r: string) => `${c}${Number(r) + 1}`)));
      chart.setPosition("J39", "Q58");
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
