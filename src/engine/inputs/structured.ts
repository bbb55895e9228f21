/**
 * Excel tables (ListObjects) and their structured references: `Pathway[Unit price £]` names a column of the
 * table `Pathway` and follows the rows added to it or removed from it. The add-in writes structured
 * references when the pathway is a table; HyperFormula (the command line's and the preview's calculator) has
 * no tables, so there each reference is resolved to the table's current range here, in one place.
 *
 * Syntax: ECMA-376 / [MS-OE376] 3.2.3.1.1 "Structure References", and Microsoft's "Using structured references
 * with Excel tables": a column name with a special character other than a space goes in double brackets, and
 * `'`, `[`, `]` and `#` in a name are escaped with `'`.
 */
import { absoluteRange } from "../rules/address";
import type { ColumnMap, PathwayField } from "./pathway-table";

export interface TableDef {
  name: string;
  sheet: string;
  /** Top-left cell of the header row (0-based) and the table's size: header row + data rows, columns. */
  row: number;
  col: number;
  /** Data rows (below the header, above any totals row). */
  dataRows: number;
  columns: string[];
  /** False for a table whose Header Row is turned off: `row` is then the row above its first data row. */
  headers?: boolean;
  /** Rows of its Total Row below the data (0 or 1; none when absent). */
  totals?: number;
}

/** The table's whole range (header and data), as Excel gives a table's `getRange()` address. */
export function tableAddress(t: TableDef): string {
  return absoluteRange({ sheet: t.sheet, row: t.row, col: t.col }, 0, 0, t.dataRows + 1, t.columns.length).replace(/\$/g, "");
}

/**
 * A structured reference Excel answers with an error in the cell: #REF! where it names no part of the table,
 * #VALUE! where "this row" meets no row of the table.
 */
export class StructuredReferenceError extends Error {
  constructor(
    message: string,
    readonly code: "#REF!" | "#VALUE!" = "#REF!",
  ) {
    super(message);
  }
}

const SPECIAL = /[\t\n\r,:.[\]#'"{}$^&*+=\-<>/]/;

/** A column as a structured reference: Pathway[Unit price £], Pathway[[Cost (£/unit)]]…, escaping ' [ ] #. */
export function columnReference(table: string, column: string): string {
  const escaped = column.replace(/['[\]#]/g, "'$&");
  return SPECIAL.test(column) ? `${table}[[${escaped}]]` : `${table}[${escaped}]`;
}

/** Read one bracketed group from `s` at `i` (s[i] === "["), honouring the ' escape; returns its inside and the end. */
function bracket(s: string, i: number): { inner: string; end: number } | null {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const ch = s[j];
    if (ch === "'" && depth > 0) {
      j++;
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]") {
      depth--;
      if (depth === 0) return { inner: s.slice(i + 1, j), end: j + 1 };
    }
  }
  return null;
}

const unescape = (name: string): string => name.trim().replace(/'(.)/g, "$1");

/**
 * The range a structured reference names, for the given table: `[Col]`, `[[Col]]`, `[[Col1]:[Col2]]`,
 * `[#Data]`, `[#All]`, `[#Headers]`, `[#Totals]`, `[[#Headers],[#Data],[Col]]`, `[[#All],[Col]]`, `[]` (the
 * data), and — for a formula in the table's own row `at` (a calculated column) — `[[#This Row],[Col]]`,
 * `[@Col]`, `[@[Col name]]`. Throws, with the reason, where Excel shows #REF!: no such column, a Total Row or
 * Header Row the table does not have, "this row" outside the table.
 */
export function resolveSpecifier(t: TableDef, inner: string, at?: { sheet: string; row: number }): string {
  // Excel shows "this row" as @: Table[@Col], Table[@[Col name]], Table[@] (the file stores [#This Row]).
  const spelt = inner
    .trim()
    .replace(/^@\[?/, "[#This Row],[")
    .replace(/^\[#This Row\],\[$/, "[#This Row]");
  const s = /^\[#This Row\],\[/.test(spelt) && !spelt.endsWith("]") ? `${spelt}]` : spelt;
  const parts: string[] = [];
  if (s.startsWith("[")) {
    for (let i = 0; i < s.length;) {
      const ch = s[i];
      if (ch === "[") {
        const b = bracket(s, i);
        if (!b) throw new StructuredReferenceError(`${t.name}[${inner}]: unbalanced brackets`);
        parts.push(b.inner);
        i = b.end;
      } else if (ch === ":") {
        parts.push(":");
        i++;
      } else i++;
    }
  } else parts.push(s);
  // The rows named: any of headers, data and totals (contiguous), or the formula's own row.
  const want = { headers: false, data: false, totals: false };
  let thisRow = false;
  const cols: string[] = [];
  let range = false;
  for (const p of parts) {
    const k = p.trim().toLowerCase();
    if (p === ":") range = true;
    else if (k === "#data") want.data = true;
    else if (k === "#all") want.headers = want.data = want.totals = true;
    else if (k === "#headers") want.headers = true;
    else if (k === "#totals") want.totals = true;
    else if (k === "#this row") thisRow = true;
    else if (k.startsWith("#")) throw new StructuredReferenceError(`${t.name}[${inner}]: ${p.trim()} is not a part of a table`);
    else if (k !== "") cols.push(unescape(p));
  }
  const index = (name: string): number => {
    const k = t.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
    if (k < 0) throw new StructuredReferenceError(`the table ${t.name} has no column '${name}' (its columns: ${t.columns.join(", ")})`);
    return k;
  };
  const c0 = cols.length === 0 ? 0 : index(cols[0]);
  const c1 = cols.length === 0 ? t.columns.length - 1 : index(cols[range ? cols.length - 1 : 0]);
  const at0 = { sheet: t.sheet, row: t.row, col: t.col };
  if (thisRow) {
    // The formula's own row of the table (a calculated column): only from a cell in the table's data rows.
    const r = at && at.sheet.toLowerCase() === t.sheet.toLowerCase() ? at.row - t.row : -1;
    if (r < 1 || r > t.dataRows)
      throw new StructuredReferenceError(`${t.name}[${inner}]: "this row" needs the formula in a data row of the table`, "#VALUE!");
    return absoluteRange(at0, r, Math.min(c0, c1), 1, Math.abs(c1 - c0) + 1);
  }
  if (!want.headers && !want.totals) want.data = true;
  const hasHeaders = t.headers !== false;
  const totals = t.totals ?? 0;
  if (want.headers && !hasHeaders) throw new StructuredReferenceError(`${t.name}[${inner}]: the table's Header Row is turned off`);
  if (want.totals && totals === 0 && !want.data) throw new StructuredReferenceError(`${t.name}[${inner}]: the table has no Total Row`);
  const first = want.headers && hasHeaders ? 0 : want.data ? 1 : t.dataRows + 1;
  const last = want.totals && totals > 0 ? t.dataRows + totals : want.data ? t.dataRows : 0;
  if (last < first) throw new StructuredReferenceError(`the table ${t.name} has no data rows`);
  return absoluteRange(at0, first, Math.min(c0, c1), last - first + 1, Math.abs(c1 - c0) + 1);
}

/**
 * A formula with every structured reference to one of `tables` replaced by the table's current range
 * (absolute, sheet-qualified). Text in double quotes is left alone; names that are not tables are left alone.
 */
export function resolveStructuredReferences(formula: string, tables: readonly TableDef[], at?: { sheet: string; row: number }): string {
  if (tables.length === 0 || !formula.includes("[")) return formula;
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  let out = "";
  for (let i = 0; i < formula.length;) {
    const ch = formula[i];
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const m = /^[\p{L}_\\][\p{L}\p{N}_.\\]*\[/u.exec(formula.slice(i));
    const before = i === 0 ? "" : formula[i - 1];
    if (m && !/[\p{L}\p{N}_.!'$]/u.test(before)) {
      const name = m[0].slice(0, -1);
      const t = byName.get(name.toLowerCase());
      const b = t ? bracket(formula, i + name.length) : null;
      if (t && b) {
        out += resolveSpecifier(t, b.inner, at);
        i = b.end;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Whether a formula holds a structured reference to one of the tables. */
export function usesTables(formula: string, tables: readonly TableDef[]): boolean {
  return resolveStructuredReferences(formula, tables) !== formula;
}

/** The table a cell (0-based) falls in, if any. */
export function tableAt(tables: readonly TableDef[], sheet: string, row: number, col: number): TableDef | undefined {
  return tables.find(
    (t) =>
      t.sheet.toLowerCase() === sheet.toLowerCase() && row >= t.row && row <= t.row + t.dataRows && col >= t.col && col < t.col + t.columns.length,
  );
}

/** The pathway table's fields as structured references to the Excel table's columns (by their headers). */
export function structuredColumns(table: string, headers: readonly string[], fields: ColumnMap): Partial<Record<PathwayField, string>> {
  const out: Partial<Record<PathwayField, string>> = {};
  for (const [f, i] of Object.entries(fields) as [PathwayField, number | undefined][])
    if (i !== undefined && headers[i] !== undefined) out[f] = columnReference(table, headers[i]);
  return out;
}
