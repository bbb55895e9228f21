/**
 * Merged cells of a hand-laid table: Excel keeps a merged area's value in its top-left cell and reads every other
 * cell of it as blank, but a person who merges an organisation's name down the rows of its steps means it for
 * every row the area covers. So each cell of an area reads as its top-left, and the written sheet's per-row
 * formulas point at that top-left cell. A column the sheet reads whole (a price, a cost, a volume, a take-up) is
 * never filled: a merged area there is refused, naming it.
 */
import { absoluteRange, type RangeRef } from "../rules/address";

/** A merged area, 0-based and inclusive, relative to the range read (row 0: its header row). */
export interface CellArea {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * The values with every cell of each merged area (within the range) reading as the area's top-left cell, and,
 * for each filled cell, the row it reads from.
 */
export function fillMerged(values: unknown[][], areas: readonly CellArea[]): { values: unknown[][]; from: Map<string, number> } {
  const from = new Map<string, number>();
  if (areas.length === 0) return { values, from };
  const out = values.map((row) => [...row]);
  for (const a of areas) {
    const top = values[a.r0]?.[a.c0];
    for (let r = a.r0; r <= Math.min(a.r1, out.length - 1); r++)
      for (let c = a.c0; c <= a.c1; c++) {
        if (r === a.r0 && c === a.c0) continue;
        out[r][c] = top;
        from.set(`${r},${c}`, a.r0);
      }
  }
  return { values: out, from };
}

/** A merged area's address on the sheet, for a message ("Steps!C2:C4"). */
export function areaAddress(ref: RangeRef, a: CellArea): string {
  return absoluteRange(ref, a.r0, a.c0, a.r1 - a.r0 + 1, a.c1 - a.c0 + 1).replace(/\$/g, "");
}
