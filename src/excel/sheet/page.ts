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
}

export function pageSetup(cells: readonly PlannedCell[], charts: readonly PlannedChart[], writtenOn: Date): PageSetup {
  const col = (k: number) => columnLetters(k);
  // Print setup: everything written, landscape, one page wide, the title rows on every page, and a footer
  // with the date written and the source workbook (Excel's &F; & doubled in our own text).
  const rowOf = (a: string) => (parseAddress(a)?.row ?? 0) + 1;
  const colOf = (a: string) => parseAddress(a)?.col ?? 0;
  const corners = [...cells.map((c) => c.address), ...charts.map((c) => c.position[1])];
  const area = `A1:${col(Math.max(...corners.map(colOf)))}${Math.max(...corners.map(rowOf))}`;
  const when = writtenOn.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // Long notes and reading lines wrap inside A:L (merged across), so no text runs on under a chart in N onwards.
  const WIDTHS = [40, 18, 18, 18, 18, 18, 18, 18, 18, 16, 16, 14, 4, 14, 14];
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
  };
}
