/**
 * What every section of the written sheet shares: a planned cell and chart, Excel's cell styles, the number
 * formats, and the pathway table's own cells.
 */
import { offsetAddress, parseAddress } from "../../engine/rules/address";
import { moneyFormat } from "../../engine/comparison/money";

export interface PlannedCell {
  address: string; // on the new sheet, e.g. "B12"
  value?: string | number;
  formula?: string; // English names, "," separators, leading "="
  format?: string;
  bold?: boolean;
  /** One of Excel's built-in cell styles (by its English name), for inputs, calculations, titles and checks. */
  style?: CellStyle;
}

/**
 * The built-in cell styles the board pack uses (Title, Heading 2, Input, Calculation, Check Cell, Explanatory
 * Text), by their Excel.BuiltInStyle ids, which every language of Excel accepts (the names shown are
 * translated); Excel's own, so they follow the workbook's theme.
 */
export const CELL_STYLES = ["SheetTitle", "Heading2", "Input", "Calculation", "CheckCell", "ExplanatoryText"] as const;
export type CellStyle = (typeof CELL_STYLES)[number];

/**
 * A native chart made from `source` with series by columns: the header row names the series; a source of
 * several columns has text categories in its first column, a source of one column is a single series.
 */
export interface PlannedChart {
  type: "columnClustered" | "line" | "barClustered";
  title: string;
  source: string;
  /** Further series (name, values range) added after the source's own. */
  extraSeries?: { name: string; values: string }[];
  /** Category (x) values for every series, when they are not the source's first column. */
  xValues?: string;
  /** Top-left and bottom-right cells the chart covers. */
  position: [string, string];
  /** Series by rows instead: the first row holds the categories, the first column names each row's series. */
  seriesBy?: "rows";
  /** Axis titles, and the value axis's number format (£ for money). */
  axes: { category: string; value: string; valueFormat: string };
}

export const GBP = moneyFormat("£");
/** A chart axis in £: plain pounds, negatives in brackets as on the cells (no red on an axis). */
export const GBP_AXIS = moneyFormat("£", false);
export const PCT = "0%";
export const PCT_1 = "0.0%";

/** The steps block's first column of care-shift factors by year (I: after the step's shares paid today in F and G and its MFF in H). */
export const YEAR_FACTORS = 8;

/** The first cell of a source column, moved down `i` rows (a step's own cell in the pathway table). */
export function sourceCell(column: string, i: number): string {
  const ref = parseAddress(column.split(":")[0]);
  if (!ref) throw new Error(`not an address: ${column}`);
  return offsetAddress(ref, i, 0);
}

export const FIGURE_KEYS = ["payment", "cost", "margin", "marginLower", "marginHigher", "marginShifted", "systemShifted"] as const;

export type FigureKey = (typeof FIGURE_KEYS)[number];

export const FIGURE_LABELS: Record<FigureKey, string> = {
  payment: "Commissioner pays",
  cost: "Providers' cost",
  margin: "Providers' margin",
  marginLower: "Margin, activity −10%",
  marginHigher: "Margin, activity +10%",
  marginShifted: "Margin after care shift",
  systemShifted: "Commissioner pays after shift",
};

/** A section's cells and its helpers for writing them: a cell, a label (bold or not), a heading, a £ formula. */
export function writer() {
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const label = (address: string, text: string, bold = false) => put(address, { value: text, bold });
  const heading = (address: string, text: string) => put(address, { value: text, bold: true, style: "Heading2" });
  const money = (address: string, formula: string) => put(address, { formula, format: GBP });
  return { cells, put, label, heading, money };
}
