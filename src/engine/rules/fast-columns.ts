/**
 * The one-pass path for ranges that are all clean single columns (the common case of a tariff workbook): their
 * sum of products, and each cell as a number, with the rules as bounds a hot loop can test; anything else goes to
 * cells.ts's full reading, which names the cell and the rule it breaks.
 */
import { isBlankArgument, meets, readTable, ruleBounds, type ColumnSpec, type NumberRule, type TableOptions } from "./cells";

/** A column range (n×1) of at least one row, read as Excel sends it: null for any other shape. */
function columnRows(value: unknown): unknown[][] | null {
  if (!Array.isArray(value) || value.length === 0 || !Array.isArray(value[0]) || value[0].length !== 1) return null;
  return value as unknown[][];
}

/**
 * Σᵢ Πₖ cellₖ,ᵢ over range arguments that pair up (Σ cost × volume × take-up, Σ population × weight), with
 * exactly the rules of readTable. The common case — columns of clean numbers — is summed in one pass with
 * no allocation; at the first cell that is not a clean number (a blank, text, a wrong shape) the whole
 * call is redone through readTable, so blanks and errors are only ever judged in one place.
 */
export function sumOfProducts(specs: readonly ColumnSpec[], options: TableOptions = {}): number {
  const present = specs.filter((s) => !(s.fallback !== undefined && isBlankArgument(s.value)));
  const rows = present.map((s) => columnRows(s.value));
  if ((present.length === 2 || present.length === 3) && rows.every((r) => r !== null && r.length === (rows[0] as unknown[][]).length)) {
    const fast = sumColumns(rows as unknown[][][], present);
    if (fast !== null) return fast * omittedFactor(specs);
  }
  const t = readTable(specs, options);
  let sum = 0;
  for (let i = 0; i < t.n; i++) {
    let product = 1;
    for (let k = 0; k < specs.length; k++) {
      const c = t.cols[k];
      product *= c === null ? (specs[k].fallback as number) : c[i];
    }
    sum += product;
  }
  return sum;
}

/** Range arguments that are all single columns of one length, with their rules as bounds for a hot loop. */
export interface CleanColumns {
  rows: unknown[][][];
  n: number;
  lo: Float64Array;
  hi: Float64Array;
  excluded: Float64Array;
  whole: Uint8Array;
}

/**
 * The view a one-pass fast path reads cells through (see cleanCell), or null when the arguments are not all
 * single columns of one length. A fast path gives up at the first cell that is not clean and redoes the call
 * through readTable, so blanks and errors are judged in one place only.
 */
export function cleanColumns(specs: readonly ColumnSpec[]): CleanColumns | null {
  const rows = specs.map((s) => columnRows(s.value));
  if (rows.some((r) => r === null || r.length !== (rows[0] as unknown[][]).length)) return null;
  const b = specs.map((s) => ruleBounds(s.rule));
  return {
    rows: rows as unknown[][][],
    n: (rows[0] as unknown[][]).length,
    lo: Float64Array.from(b, (r) => r.lo),
    hi: Float64Array.from(b, (r) => r.hi),
    excluded: Float64Array.from(b, (r) => r.excluded),
    whole: Uint8Array.from(b, (r) => (r.whole ? 1 : 0)),
  };
}

/** Cell i of column j as a number when it is clean (a number meeting the column's rule), else NaN. */
export function cleanCell(c: CleanColumns, j: number, i: number): number {
  const x = c.rows[j][i][0];
  return meets(x, c.lo[j], c.hi[j], c.excluded[j], c.whole[j] === 1) ? x : NaN;
}

function omittedFactor(specs: readonly ColumnSpec[]): number {
  let f = 1;
  for (const s of specs) if (s.fallback !== undefined && isBlankArgument(s.value)) f *= s.fallback;
  return f;
}

/** Bounds for the one-pass check: a number x is clean when lo ≤ x ≤ hi (NaN and ±Infinity never are). */
function bounds(rule: NumberRule): [number, number] | null {
  const b = ruleBounds(rule);
  return Number.isNaN(b.excluded) && !b.whole ? [b.lo, b.hi] : null;
}

/** The one-pass sum for 2 or 3 clean numeric columns; null as soon as any cell needs the full rules. */
function sumColumns(cols: unknown[][][], specs: readonly ColumnSpec[]): number | null {
  const b = specs.map((s) => bounds(s.rule));
  if (b.some((x) => x === null)) return null;
  const n = cols[0].length;
  const [ra, rb] = cols;
  const [[loA, hiA], [loB, hiB]] = b as [number, number][];
  let sum = 0;
  if (cols.length === 2) {
    for (let i = 0; i < n; i++) {
      const x = ra[i][0];
      const y = rb[i][0];
      if (typeof x !== "number" || typeof y !== "number" || !(x >= loA && x <= hiA && y >= loB && y <= hiB)) return null;
      sum += x * y;
    }
    return sum;
  }
  const rc = cols[2];
  const [loC, hiC] = b[2] as [number, number];
  for (let i = 0; i < n; i++) {
    const x = ra[i][0];
    const y = rb[i][0];
    const z = rc[i][0];
    if (
      typeof x !== "number" ||
      typeof y !== "number" ||
      typeof z !== "number" ||
      !(x >= loA && x <= hiA && y >= loB && y <= hiB && z >= loC && z <= hiC)
    ) {
      return null;
    }
    sum += x * y * z;
  }
  return sum;
}
