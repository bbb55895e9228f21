/**
 * The one normaliser through which every argument of every PAY function is read.
 *
 * Excel sends a range as a 2-D array (rows outermost), a single cell as a plain value or a 1×1 array, an
 * omitted optional argument as `null`, and a blank cell as `null` (web, recent builds) or `0` (older desktop
 * builds). The command line and the panel send the same shapes. Rules (docs/formula-contract.md, "Conventions"):
 * - blank is null, undefined, "" or white space;
 * - range arguments that pair up hold the same number of cells and pair in reading order;
 * - trailing rows in which every paired cell is blank are ignored (and, where a function asks, trailing
 *   rows of zeros, which older Excel sends for blanks);
 * - a row that is partly blank, or text where a number belongs, is #VALUE! naming argument and position.
 * A fully blank row between filled rows is read as "no row here": it adds nothing to a sum and gives a
 * blank result in a spilled output, so a table may keep a spacer row.
 */
import { invalid, type PayError } from "./errors";

export interface NumberRule {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  /** Largest allowed value (inclusive). */
  max?: number;
  integer?: boolean;
}

export const ANY_NUMBER: NumberRule = {};
export const NON_NEGATIVE: NumberRule = { min: 0 };
export const POSITIVE: NumberRule = { min: 0, minExclusive: true };
export const FRACTION: NumberRule = { min: 0, max: 1 };
export const WHOLE_NON_NEGATIVE: NumberRule = { min: 0, integer: true };

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** What a number must be, in words: "a number from 0 to 1". */
export function ruleText(rule: NumberRule): string {
  const kind = rule.integer ? "a whole number" : "a number";
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return rule.minExclusive ? `${kind} greater than ${min}` : `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

/** A cell's value as a person would recognise it in a message. */
export function describeValue(v: unknown): string {
  if (isBlank(v)) return "a blank cell";
  if (typeof v === "string") return `'${v.length > 40 ? v.slice(0, 40) + "…" : v}'`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "an invalid number";
  return "a value that is not a number";
}

/**
 * A rule as the bounds a hot loop checks (see meets): the one encoding of a NumberRule that every reader —
 * single values, tables and the one-pass fast paths — tests numbers against.
 */
interface RuleBounds {
  lo: number;
  hi: number;
  excluded: number;
  whole: boolean;
}

export function ruleBounds(rule: NumberRule): RuleBounds {
  const lo = rule.min ?? -Number.MAX_VALUE;
  return { lo, hi: rule.max ?? Number.MAX_VALUE, excluded: rule.minExclusive === true ? lo : NaN, whole: rule.integer === true };
}

/** x is a number within the bounds (NaN and ±Infinity never are). Small enough for V8 to inline in hot loops. */
export function meets(x: unknown, lo: number, hi: number, excluded: number, whole: boolean): x is number {
  return typeof x === "number" && x >= lo && x <= hi && x !== excluded && (!whole || Math.floor(x) === x);
}

function satisfies(x: number, rule: NumberRule): boolean {
  const b = ruleBounds(rule);
  return meets(x, b.lo, b.hi, b.excluded, b.whole);
}

interface Grid {
  height: number;
  width: number;
  /** Rows outermost; null when the argument is a single value. */
  rows: readonly unknown[][] | null;
  single: unknown;
}

function toGrid(value: unknown): Grid {
  if (!Array.isArray(value)) return { height: 1, width: 1, rows: null, single: value };
  if (value.length === 0) return { height: 0, width: 0, rows: [], single: null };
  if (!Array.isArray(value[0])) {
    // A plain list (from code, not Excel): read it as a column.
    return { height: value.length, width: 1, rows: (value as unknown[]).map((v) => [v]), single: null };
  }
  const rows = value as unknown[][];
  const width = rows[0].length;
  if (rows.length > 1 && width !== 1) {
    for (let r = 1; r < rows.length; r++) {
      if (!Array.isArray(rows[r]) || rows[r].length !== width) throw invalid("a range argument is not rectangular");
    }
  }
  return { height: rows.length, width, rows, single: null };
}

function sizeText(g: Grid): string {
  const cells = g.height * g.width;
  return `${cells} cell${cells === 1 ? "" : "s"} (${g.height}×${g.width})`;
}

/**
 * Where cell i (reading order) of a range is, in words a person can find: "row 4" in a column, "column 4" in
 * a row, "row 2, column 3" in a block (never "cell 50004").
 */
function cellPosition(g: Grid, i: number): string {
  if (g.width === 1) return `row ${i + 1}`;
  if (g.height === 1) return `column ${i + 1}`;
  return `row ${Math.floor(i / g.width) + 1}, column ${(i % g.width) + 1}`;
}

/** Read one value that must be a single cell. `fallback` applies when it is omitted or blank. */
export function readScalar(value: unknown, name: string, rule: NumberRule, fallback?: number): number {
  let v = value;
  if (Array.isArray(value)) {
    const g = toGrid(value);
    if (g.height * g.width !== 1) throw invalid(`${name}: expected a single value, got a range of ${sizeText(g)}`);
    v = g.rows ? g.rows[0][0] : g.single;
  }
  if (typeof v === "number" && satisfies(v, rule)) return v;
  if (isBlank(v) && fallback !== undefined) return fallback;
  throw invalid(`${name}: expected ${ruleText(rule)}, got ${describeValue(v)}`);
}

/** An optional single value whose default is "none" (for example a cap): null when omitted or blank. */
export function readOptionalScalar(value: unknown, name: string, rule: NumberRule): number | null {
  const unwrapped = Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1;
  const v = unwrapped ? (value as unknown[][])[0][0] : value;
  if (isBlank(v)) return null;
  return readScalar(value, name, rule);
}

export interface ColumnSpec {
  name: string;
  value: unknown;
  rule: NumberRule;
  /** Set for an optional range argument: when omitted, every row takes this value and no column is read. */
  fallback?: number;
  /**
   * A blank cell in this column is a value of its own (reads as 0: "none"), so it never makes a row partly
   * blank; a row is still blank only when every column is (SPELL_PRICE's short-stay tariff).
   */
  blankAllowed?: boolean;
}

export interface Table {
  /** Rows after trailing blank rows are dropped. */
  n: number;
  /** One column per spec, in reading order; null for an omitted optional argument (use its fallback). */
  cols: (Float64Array | null)[];
  /** 1 where a row before `n` is entirely blank (it holds zeros in `cols`); null when there are none. */
  blankRows: Uint8Array | null;
  /** Where row i is, for messages: "row 4", "column 4", or "row 2, column 3" in a block. */
  at: (i: number) => string;
  /**
   * With `rowErrors`: the error of each row confined to that row (a cell that breaks its rule, a partly blank
   * row), null for a good row; the row's values are then 0. Null when every row is good or without the option.
   */
  rowErrors: (PayError | null)[] | null;
}

export interface TableOptions {
  /** Also drop trailing rows in which every cell is 0 (older Excel sends blanks as 0). Row 1 is always kept. */
  trimZeroRows?: boolean;
  /** Allow a table with no rows at all (otherwise #VALUE!). */
  allowEmpty?: boolean;
  /**
   * Report a problem confined to one row (a bad cell, a partly blank row) in `rowErrors` instead of throwing,
   * for functions whose result spills one value per row (docs/formula-contract.md: "Errors per row in spills").
   */
  rowErrors?: boolean;
}

/**
 * Read one value that is a `count`-cell range into `out`, in reading order. Blank cells read as 0 and are
 * marked in the returned mask (null when none is blank). Text or an out-of-rule number is #VALUE!.
 */
function readCells(spec: ColumnSpec, g: Grid, out: Float64Array, errors: (PayError | null)[] | null): Uint8Array | null {
  const { rule, name } = spec;
  const { lo, hi, excluded, whole } = ruleBounds(rule);
  let mask: Uint8Array | null = null;
  const slow = (i: number, x: unknown): void => {
    if (isBlank(x)) {
      if (mask === null) mask = new Uint8Array(out.length);
      mask[i] = 1;
      out[i] = 0;
      return;
    }
    const e = invalid(`${name}, ${cellPosition(g, i)}: expected ${ruleText(rule)}, got ${describeValue(x)}`);
    if (errors === null) throw e;
    errors[i] ??= e;
    out[i] = 0;
  };
  const rows = g.rows;
  if (rows === null) {
    const x = g.single;
    if (meets(x, lo, hi, excluded, whole)) out[0] = x;
    else slow(0, x);
  } else if (g.width === 1) {
    for (let i = 0; i < g.height; i++) {
      const x = rows[i][0];
      if (meets(x, lo, hi, excluded, whole)) out[i] = x;
      else slow(i, x);
    }
  } else {
    let i = 0;
    for (let r = 0; r < g.height; r++) {
      const row = rows[r];
      for (let c = 0; c < g.width; c++, i++) {
        const x = row[c];
        if (meets(x, lo, hi, excluded, whole)) out[i] = x;
        else slow(i, x);
      }
    }
  }
  return mask;
}

/**
 * Read range arguments that pair up cell by cell (a pathway's steps, a population by group) into columns of
 * equal length, applying every rule of the contract's conventions. The one place those rules live.
 */
export function readTable(specs: readonly ColumnSpec[], options: TableOptions = {}): Table {
  const grids: (Grid | null)[] = specs.map((s) => (s.fallback !== undefined && isBlankArgument(s.value) ? null : toGrid(s.value)));
  let count = -1;
  let first = -1;
  for (let k = 0; k < specs.length; k++) {
    const g = grids[k];
    if (g === null) continue;
    const cells = g.height * g.width;
    if (count < 0) {
      count = cells;
      first = k;
    } else if (cells !== count) {
      throw invalid(
        `${specs[first].name} has ${sizeText(grids[first] as Grid)} but ${specs[k].name} has ${sizeText(g)}: ` +
          "they pair up cell by cell, so they must be the same size",
      );
    }
  }
  if (count < 0) count = 0;
  const shape = grids.find((g) => g !== null) ?? { height: count, width: 1, rows: null, single: null };
  const at = (i: number): string => cellPosition(shape, i);
  const errors: (PayError | null)[] | null = options.rowErrors === true ? new Array<PayError | null>(count).fill(null) : null;
  const cols: (Float64Array | null)[] = [];
  const masks: (Uint8Array | null)[] = [];
  for (let k = 0; k < specs.length; k++) {
    const g = grids[k];
    if (g === null) {
      cols.push(null);
      masks.push(null);
      continue;
    }
    const out = new Float64Array(count);
    masks.push(readCells(specs[k], g, out, errors));
    cols.push(out);
  }

  const read = specs.map((_, k) => k).filter((k) => grids[k] !== null);
  const isRowBlank = (i: number): boolean => read.every((k) => masks[k] !== null && (masks[k] as Uint8Array)[i] === 1);
  const isRowZero = (i: number): boolean => (errors === null || errors[i] === null) && read.every((k) => (cols[k] as Float64Array)[i] === 0);

  // Trailing rows: blank (and, when asked, zero) rows at the end are not part of the table.
  const anyMask = masks.some((m) => m !== null);
  let n = count;
  if (anyMask || options.trimZeroRows) {
    while (n > 0 && ((anyMask && isRowBlank(n - 1)) || (options.trimZeroRows === true && n > 1 && isRowZero(n - 1)))) n--;
  }

  // Rows before that: partly blank is an error; wholly blank is a spacer.
  let blankRows: Uint8Array | null = null;
  if (anyMask) {
    for (let i = 0; i < n; i++) {
      let blanks = 0;
      let firstBlank = -1;
      let firstFilled = -1;
      for (const k of read) {
        if (masks[k] !== null && (masks[k] as Uint8Array)[i] === 1) {
          blanks++;
          if (firstBlank < 0 && specs[k].blankAllowed !== true) firstBlank = k;
        } else if (firstFilled < 0) firstFilled = k;
      }
      if (blanks === read.length) {
        if (blankRows === null) blankRows = new Uint8Array(n);
        blankRows[i] = 1;
      } else if (firstBlank >= 0) {
        const e = invalid(
          `${specs[firstBlank].name}, ${cellPosition(grids[firstBlank] as Grid, i)}: blank, but ${specs[firstFilled].name} has a value there; ` +
            `expected ${ruleText(specs[firstBlank].rule)}`,
        );
        if (errors === null) throw e;
        errors[i] ??= e;
      }
    }
  }
  if (n === 0 && options.allowEmpty !== true) {
    const names = read.map((k) => specs[k].name).join(", ");
    const word = shape.width === 1 ? "row" : shape.height === 1 ? "column" : "cell";
    throw invalid(`${names || specs.map((s) => s.name).join(", ")}: no values; expected at least one filled ${word}`);
  }
  const rowErrors = errors !== null && errors.slice(0, n).some((e) => e !== null) ? errors.slice(0, n) : null;
  return { n, cols, blankRows, at, rowErrors };
}

/** An omitted optional argument (null), or a single blank cell standing for it. */
export function isBlankArgument(value: unknown): boolean {
  if (isBlank(value)) return true;
  return Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 && isBlank(value[0][0]);
}

/** Height and width of an argument as Excel sent it (a single value is 1×1). */
export function dimensions(value: unknown): { height: number; width: number } {
  const g = toGrid(value);
  return { height: g.height, width: g.width };
}
