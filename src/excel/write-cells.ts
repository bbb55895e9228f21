/**
 * The written sheet's cells put into Excel in requests it accepts at any size (issue 37, "Write at any size").
 * Excel on the web refuses a request over 5 MB (Microsoft, "Resource limits and performance optimization for
 * Office Add-ins"); one range object and one property a cell reached that with a few thousand steps. Here each
 * row's run of adjacent cells is one range: its formulas and constants as one 2-D array, then its cell styles,
 * number formats and bold type, each over the run's stretches that share one; and the batch is synced whenever
 * the request's estimated size passes REQUEST_BUDGET, well under the limit.
 */
import type { PlannedCell } from "./sheet/common";
import { columnIndex, columnLetters } from "../engine/rules/address";

/** A request's size at which it is sent: 2 MB, well under Excel on the web's 5 MB, for the estimate's margin. */
export const REQUEST_BUDGET = 2 * 1024 * 1024;
/** About what Office.js sends for one operation (a range got, a property set), besides the values themselves. */
const OP_BYTES = 150;

interface Run {
  row: number;
  c0: number;
  cells: PlannedCell[];
}

/** The cells as runs of adjacent cells on a row, in the order of the rows. */
export function runsOf(cells: readonly PlannedCell[]): Run[] {
  const at = cells.map((c) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c.address);
    if (!m) throw new Error(`not a cell address: ${c.address}`);
    return { c, row: Number(m[2]), col: columnIndex(m[1]) };
  });
  at.sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: Run[] = [];
  for (const x of at) {
    const last = runs[runs.length - 1];
    if (last && last.row === x.row && last.c0 + last.cells.length === x.col) last.cells.push(x.c);
    else runs.push({ row: x.row, c0: x.col, cells: [x.c] });
  }
  return runs;
}

/** Stretches of a run whose cells share `key`'s value (cells without one skipped): [first, last, value]. */
function stretches<T>(cells: readonly PlannedCell[], key: (c: PlannedCell) => T | undefined): [number, number, T][] {
  const out: [number, number, T][] = [];
  cells.forEach((c, i) => {
    const v = key(c);
    if (v === undefined) return;
    const last = out[out.length - 1];
    if (last && last[1] === i - 1 && last[2] === v) last[1] = i;
    else out.push([i, i, v]);
  });
  return out;
}

/** What writeCells uses of a worksheet's range (Excel.Range), so it can be measured outside Excel (npm run bench). */
export interface RangeLike {
  formulas: unknown[][];
  style: string;
  numberFormat: string[][];
  format: { font: { bold: boolean } };
}

/** What was sent: the operations, and each request's estimated size in bytes (the last one left to the caller's sync). */
export interface WriteStats {
  ops: number;
  requests: number[];
}

/**
 * Put the cells on `sheet`: `content(c)` is what Excel is given for a cell (a formula, or a constant as it must be
 * typed; null leaves the cell as it is); the batch is synced as it grows past the budget, and once more at the
 * end by the caller.
 */
export async function writeCells(
  context: { sync(): Promise<unknown> },
  sheet: { getRange(address: string): RangeLike },
  cells: readonly PlannedCell[],
  content: (c: PlannedCell) => unknown,
): Promise<WriteStats> {
  const stats: WriteStats = { ops: 0, requests: [0] };
  const spend = async (n: number, ops: number) => {
    stats.requests[stats.requests.length - 1] += n;
    stats.ops += ops;
    if (stats.requests[stats.requests.length - 1] > REQUEST_BUDGET) {
      await context.sync();
      stats.requests.push(0);
    }
  };
  for (const run of runsOf(cells)) {
    const address = (i: number, j: number) => `${columnLetters(run.c0 + i)}${run.row}:${columnLetters(run.c0 + j)}${run.row}`;
    const row = run.cells.map(content);
    sheet.getRange(address(0, run.cells.length - 1)).formulas = [row];
    let n = 2 * OP_BYTES + JSON.stringify(row).length;
    let ops = 2;
    // Excel's own cell style first (it sets font, fill and border from the workbook's theme), then our format.
    for (const [i, j, style] of stretches(run.cells, (c) => c.style)) {
      sheet.getRange(address(i, j)).style = style;
      n += 2 * OP_BYTES;
      ops += 2;
    }
    for (const [i, j, format] of stretches(run.cells, (c) => c.format)) {
      const formats = [Array.from({ length: j - i + 1 }, () => format)];
      sheet.getRange(address(i, j)).numberFormat = formats;
      n += 2 * OP_BYTES + JSON.stringify(formats).length;
      ops += 2;
    }
    for (const [i, j] of stretches(run.cells, (c) => (c.bold ? true : undefined))) {
      sheet.getRange(address(i, j)).format.font.bold = true;
      n += 2 * OP_BYTES;
      ops += 2;
    }
    await spend(n, ops);
  }
  return stats;
}
