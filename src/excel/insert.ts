/* global Excel */
/**
 * One piece of a view, not a whole sheet (issue 37, "Insert this table" and "Insert this chart"): the view's
 * table written from the selected cell, as values in the pane's unit, made an Excel table, and, if asked, a
 * native chart of it beside. Nothing is overwritten: the cells it needs must all be empty, or nothing is
 * written and the message says which cell holds what.
 */
import { columnLetters, parseAddress } from "../engine/rules/address";
import { moneyFormat, type MoneyUnit } from "../engine/comparison/money";
import { asText } from "./workbook";

export interface Piece {
  /** A line above the table saying what it is (and that its figures are values as PAY computed them). */
  title: string;
  /** The header row: the first column's name, then one per figure column (unique, non-blank: Excel's table's names). */
  header: string[];
  /** One row per party: its label, then its figures (money, or a share with `share`). */
  rows: (string | number)[][];
  /** Figures that are shares (0.235 = 23.5%) rather than money. */
  share?: boolean;
  unit: MoneyUnit;
  chart: "columnClustered" | "barClustered";
}

/** Why nothing was inserted (the cells are not empty, or the selection is not a cell of a sheet). */
export class InsertRefused extends Error {}

/** Writes the piece from the selection's first cell; returns the address written (with the chart, if asked). */
export async function insertPiece(piece: Piece, withChart: boolean): Promise<string> {
  return Excel.run(async (context) => {
    const selection = context.workbook.getSelectedRange();
    selection.load("address");
    await context.sync();
    const bang = selection.address.lastIndexOf("!");
    const sheetName = selection.address
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    const first = parseAddress(selection.address.slice(bang + 1).split(":")[0]);
    if (!first || bang < 0) throw new InsertRefused(`Select a cell of a sheet first (the selection is ${selection.address})`);
    const rows = piece.rows.length + 2; // the title, the header, the rows
    const cols = piece.header.length;
    const at = (r: number, c: number) => `${columnLetters(first.col + c)}${first.row + 1 + r}`;
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const area = sheet.getRange(`${at(0, 0)}:${at(rows - 1, cols - 1)}`);
    area.load("formulas");
    await context.sync();
    // Never overwrite: every cell the piece needs must be empty.
    const formulas = area.formulas as unknown[][];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++)
        if (formulas[r][c] !== "" && formulas[r][c] !== null)
          throw new InsertRefused(
            `Nothing inserted: the table needs ${rows} rows × ${cols} columns of empty cells from ${at(0, 0)}, and ${at(r, c)} holds '${String(formulas[r][c])}'. Select an empty cell and try again.`,
          );
    sheet.getRange(at(0, 0)).values = [[asText(piece.title)]];
    sheet.getRange(at(0, 0)).format.font.bold = true;
    const body = sheet.getRange(`${at(1, 0)}:${at(rows - 1, cols - 1)}`);
    body.values = [piece.header.map(asText), ...piece.rows.map((row) => row.map((v) => (typeof v === "string" ? asText(v) : v)))];
    const format = piece.share ? "0.0%" : moneyFormat(piece.unit);
    body.numberFormat = [piece.header.map(() => "General"), ...piece.rows.map((row) => row.map((v) => (typeof v === "number" ? format : "General")))];
    const table = sheet.tables.add(`${at(1, 0)}:${at(rows - 1, cols - 1)}`, true);
    table.style = "TableStyleMedium2";
    table.showFilterButton = false;
    let written = `${sheetName}!${at(0, 0)}:${at(rows - 1, cols - 1)}`;
    if (withChart) {
      const chart = sheet.charts.add(
        piece.chart === "barClustered" ? Excel.ChartType.barClustered : Excel.ChartType.columnClustered,
        body,
        Excel.ChartSeriesBy.columns,
      );
      chart.title.text = piece.title;
      const left = at(0, cols + 1);
      const right = at(Math.max(rows, 15), cols + 8);
      chart.setPosition(left, right);
      written += ` and a chart at ${left}`;
    }
    await context.sync();
    return written;
  });
}
