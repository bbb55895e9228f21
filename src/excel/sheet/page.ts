/**
 * The written sheet as a page: the print area (everything written), the title rows on every page, a footer with
 * the date written and the source workbook, the frozen titles, the column widths, and the long notes that wrap
 * inside A:L (merged across) so no text runs on under a chart in N onwards.
 */
import { columnLetters, parseAddress } from "../../engine/rules/address";
import type { PlannedCell, PlannedChart } from "./common";

export interface PageSetup {
  print: { area: string; titleRows: string; footer: string };
  freeze: string;
  columnWidths: number[];
  wrapped: { range: string; lines: number }[];
  /** Header rows whose labels need more than one line in their columns: wrapped, the row that many lines high. */
  headerLines: { range: string; lines: number }[];
}

/** The day a sheet was written, as its title and footer say it: "7 December 2026". */
export function writtenDay(d: Date): string {
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** Column widths in Excel's characters (×6 points each when written). */
export const COLUMN_WIDTHS = [40, 18, 18, 18, 18, 18, 18, 18, 18, 16, 16, 14, 4, 14, 14];

/**
 * Lines a bold header label takes in a column `width` wide, wrapped between words (Calibri 11 bold, at most 7 points
 * a character: a safe upper bound), or Infinity when one word alone is wider than the column (wrapping cannot help).
 */
export function headerLinesFor(text: string, width: number): number {
  const perLine = Math.floor((width * 6) / 7);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (word.length > perLine) return Infinity;
    if (used === 0) used = word.length;
    else if (used + 1 + word.length <= perLine) used += 1 + word.length;
    else {
      lines++;
      used = word.length;
    }
  }
  return lines;
}

/** Each header row (the first row of every range given) with the lines its longest label needs, where more than one. */
export function headerLinesOf(cells: readonly PlannedCell[], headerRows: readonly string[]): { range: string; lines: number }[] {
  const out: { range: string; lines: number }[] = [];
  for (const range of headerRows) {
    const [from, to] = range.split(":");
    const a = parseAddress(from);
    const b = parseAddress(to ?? from);
    if (!a || !b) continue;
    let lines = 1;
    for (const c of cells) {
      const p = parseAddress(c.address);
      if (!p || p.row !== a.row || p.col < a.col || p.col > b.col || typeof c.value !== "string") continue;
      // A word wider than its column cannot wrap: such a label is left as it is (no endless row).
      const need = headerLinesFor(c.value, COLUMN_WIDTHS[p.col] ?? 8.43);
      if (Number.isFinite(need)) lines = Math.max(lines, need);
    }
    if (lines > 1) out.push({ range: `${from.replace(/\d+$/, "")}${a.row + 1}:${(to ?? from).replace(/\d+$/, "")}${a.row + 1}`, lines });
  }
  return out;
}

export function pageSetup(
  cells: readonly PlannedCell[],
  charts: readonly PlannedChart[],
  writtenOn: Date,
  headerRows: readonly string[] = [],
): PageSetup {
  const col = (k: number) => columnLetters(k);
  // Print setup: everything written, landscape, one page wide, the title rows on every page, and a footer
  // with the date written and the source workbook (Excel's &F; & doubled in our own text).
  const rowOf = (a: string) => (parseAddress(a)?.row ?? 0) + 1;
  const colOf = (a: string) => parseAddress(a)?.col ?? 0;
  const corners = [...cells.map((c) => c.address), ...charts.map((c) => c.position[1])];
  const area = `A1:${col(Math.max(...corners.map(colOf)))}${Math.max(...corners.map(rowOf))}`;
  const when = writtenDay(writtenOn);
  // Long notes and reading lines wrap inside A:L (merged across), so no text runs on under a chart in N onwards.
  const WIDTHS = COLUMN_WIDTHS;
  const span = WIDTHS.slice(0, 12).reduce((a, b) => a + b, 0);
  const byRow = new Map<number, PlannedCell[]>();
  for (const c of cells) byRow.set(rowOf(c.address), [...(byRow.get(rowOf(c.address)) ?? []), c]);
  const wrapped = cells
    .filter((c) => /^A\d+$/.test(c.address) && typeof c.value === "string" && c.value.length > span * 0.85)
    .filter((c) => (byRow.get(rowOf(c.address)) ?? []).every((x) => x === c || colOf(x.address) > 11))
    .map((c) => ({ range: `A${rowOf(c.address)}:L${rowOf(c.address)}`, lines: Math.ceil((String(c.value).length * 1.1) / span) }));
  return {
    print: { area, titleRows: "$1:$3", footer: `${`PAY comparison written ${when} from `.replace(/&/g, "&&")}&F` },
    freeze: "A1:A3",
    columnWidths: WIDTHS,
    wrapped,
    headerLines: headerLinesOf(cells, headerRows),
  };
}
