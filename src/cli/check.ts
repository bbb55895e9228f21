/** `pay check`: cells whose saved value (Excel's) differs from ours beyond a relative tolerance, shown as Excel shows them. */

import { quoteSheetName } from "../engine/rules/address";
import type { CellResult, Recalculation } from "./workbook-types";

export interface Difference {
  cell: string;
  cached: CellResult | undefined;
  ours: CellResult;
}

export function sameValue(a: CellResult | undefined, b: CellResult, tolerance: number): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
  if (a !== null && typeof a === "object" && b !== null && typeof b === "object") return a.error === b.error;
  if ((a === null || a === "") && (b === null || b === "")) return true;
  return a === b;
}

/** Cells whose cached value (Excel's) differs from ours beyond a relative tolerance. */
export function compare(r: Recalculation, tolerance: number): { differences: Difference[]; compared: number; uncached: number } {
  const differences: Difference[] = [];
  let compared = 0;
  let uncached = 0;
  for (const c of r.cells) {
    if (c.cached === undefined) {
      uncached++;
      continue;
    }
    compared++;
    if (!sameValue(c.cached, c.result, tolerance))
      differences.push({ cell: `${quoteSheetName(c.sheet)}!${c.address}`, cached: c.cached, ours: c.result });
  }
  return { differences, compared, uncached };
}

export function showValue(v: CellResult | undefined): string {
  if (v === undefined) return "(none)";
  if (v === null) return "(blank)";
  if (typeof v === "object") return v.message ? `${v.error} ${v.message}` : v.error;
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}
