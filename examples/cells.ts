/** How the example workbooks write a cell: an input (blue on pale blue), a formula (spilled where Excel spills it), a title, a header row. */
import ExcelJS from "exceljs";

export const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
export const INPUT_FONT: Partial<ExcelJS.Font> = { color: { argb: "FF005EB8" } };
export const GBP = '"£"#,##0;[Red]-"£"#,##0';
export const GBP2 = '"£"#,##0.00;[Red]-"£"#,##0.00';

export function input(cell: ExcelJS.Cell, value: ExcelJS.CellValue, numFmt?: string): void {
  cell.value = value;
  cell.fill = INPUT_FILL;
  cell.font = INPUT_FONT;
  if (numFmt) cell.numFmt = numFmt;
}

/** A formula; `spillTo` (e.g. "G15") saves it as Excel saves a spilled (array) result: over its whole range. */
export function formula(cell: ExcelJS.Cell, f: string, numFmt?: string, spillTo?: string): void {
  cell.value = (spillTo ? { formula: f, shareType: "array", ref: `${cell.address}:${spillTo}` } : { formula: f }) as ExcelJS.CellFormulaValue;
  if (numFmt) cell.numFmt = numFmt;
}

export function title(ws: ExcelJS.Worksheet, text: string, note: string): void {
  ws.getCell("A1").value = text;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = note;
  ws.getCell("A2").font = { italic: true, color: { argb: "FF595959" } };
}

export function header(ws: ExcelJS.Worksheet, row: number, labels: string[]): void {
  labels.forEach((l, i) => {
    const c = ws.getRow(row).getCell(i + 1);
    c.value = l;
    c.font = { bold: true };
  });
}

