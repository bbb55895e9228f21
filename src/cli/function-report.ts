/** What `pay recalc` says of the functions it computed: with its own code where HyperFormula differs from Excel, or not at all. */
import { EXCEL_OVERRIDES } from "../headless/excel-functions";
import type { CellResult } from "./workbook";

const isError = (v: CellResult): v is { error: string; message: string } => v !== null && typeof v === "object";

/**
 * Which built-in functions pay computed with its own code (where HyperFormula's value differs from Excel's:
 * headless/excel-functions.ts), and which it could not compute at all (#NAME?: a function it does not know),
 * each with how many cells use it.
 */
export function functionReport(cells: readonly { formula: string; result: CellResult }[]): string[] {
  const count = (names: readonly string[], test: (c: { formula: string; result: CellResult }, name: string) => boolean) =>
    names.map((n) => [n, cells.filter((c) => test(c, n)).length] as const).filter(([, k]) => k > 0);
  const uses = (c: { formula: string }, n: string) => new RegExp(`(^|[^A-Za-z0-9_.])${n}\\(`, "i").test(c.formula);
  const own = count(EXCEL_OVERRIDES, uses);
  const unknown = new Map<string, number>();
  for (const c of cells) {
    const m = isError(c.result) ? /Function name (\S+) not recognized/i.exec(c.result.message) : null;
    if (m) unknown.set(m[1].toUpperCase(), (unknown.get(m[1].toUpperCase()) ?? 0) + 1);
  }
  const list = (xs: Iterable<readonly [string, number]>) => [...xs].map(([n, k]) => `${n} (${k} cell${k === 1 ? "" : "s"})`).join(", ");
  return [
    ...(own.length > 0 ? [`  computed as Excel does with pay's own code: ${list(own)}`] : []),
    ...(unknown.size > 0 ? [`  not computed (a function pay does not know; the cell is #NAME?): ${list(unknown)}`] : []),
  ];
}
