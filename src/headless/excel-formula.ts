/**
 * Excel formulas as a file stores them, read token by token (ECMA-376 Part 1, 18.17 "Formulas"), so that a
 * formula can be handed to HyperFormula meaning what it means in Excel:
 * - a shared formula (`<f t="shared" si="0"/>`) is the anchor's formula moved to the cell, relative references
 *   shifted and absolute ones kept (18.3.1.40);
 * - a bare TRUE or FALSE is Excel's logical constant (HyperFormula knows only TRUE() and FALSE());
 * - `_xlfn.` and `_xlws.` prefixes are dropped and `_xldudf_PAY_X(` is `PAY.X(`;
 * - a number in E notation (Excel writes 1E+21) is written with a lower-case e, the only one HyperFormula reads;
 * - a defined name is replaced by the name of the right scope (a sheet's own name before the workbook's);
 * - a structured reference (`Steps[Unit price]`) is the table's current range; one that names nothing makes
 *   that cell #REF!, as in Excel, and never the whole workbook;
 * - a chain of hundreds of + and − terms is grouped so it can be evaluated at any length (long-chains.ts).
 * Text in quotes and quoted sheet names are never changed.
 */
import { columnIndex, columnLetters } from "../engine/rules/address";
import { tokenize, type Token } from "./formula-tokens";
import { balanceLongChains } from "./long-chains";

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

// Columns counted from 1 here (A = 1), as references are shifted and checked against XFD = 16,384.
const colNumber = (letters: string): number => columnIndex(letters) + 1;
const colLetters = (n: number): string => columnLetters(n - 1);

/** A1 cell reference (with $ where absolute); not a function name like LOG10. */
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)(\d+)$/;

function isCell(text: string): boolean {
  const m = CELL.exec(text);
  return m !== null && colNumber(m[2]) <= MAX_COL && Number(m[4]) >= 1 && Number(m[4]) <= MAX_ROW;
}

/** A column in a whole-column reference (the A or C of A:C); a lone MFF is a name. */
function isColumnEnd(tokens: Token[], i: number): boolean {
  return COLUMN.test(tokens[i].text) && (tokens[i + 1]?.text === ":" || tokens[i - 1]?.text === ":");
}

/** The next token that is not white space, from index i. */
function nextSolid(tokens: Token[], i: number): Token | undefined {
  for (let j = i; j < tokens.length; j++) if (tokens[j].kind !== "space") return tokens[j];
  return undefined;
}

function shiftCell(text: string, dr: number, dc: number): string | null {
  const m = CELL.exec(text) as RegExpExecArray;
  const col = m[1] ? colNumber(m[2]) : colNumber(m[2]) + dc;
  const row = m[3] ? Number(m[4]) : Number(m[4]) + dr;
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return null;
  return `${m[1]}${colLetters(col)}${m[3]}${row}`;
}

/**
 * The formula of a shared formula's anchor as it stands `dr` rows and `dc` columns away: every relative row
 * and column moved, absolute ones kept, as Excel fills a formula. A reference moved off the sheet is #REF!.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const tokens = tokenize(formula);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = nextSolid(tokens, i + 1);
    if (t.kind === "name" && isCell(t.text) && next?.text !== "(" && next?.kind !== "bracket") {
      out.push(shiftCell(t.text, dr, dc) ?? "#REF!");
      continue;
    }
    // Whole columns (A:C) and whole rows (1:3): both ends of the colon.
    const after = tokens[i + 2];
    if (tokens[i + 1]?.text === ":" && after) {
      const c0 = COLUMN.exec(t.text);
      const c1 = COLUMN.exec(after.text);
      if (t.kind === "name" && after.kind === "name" && c0 && c1) {
        const a = c0[1] ? colNumber(c0[2]) : colNumber(c0[2]) + dc;
        const b = c1[1] ? colNumber(c1[2]) : colNumber(c1[2]) + dc;
        out.push(a < 1 || b < 1 || a > MAX_COL || b > MAX_COL ? "#REF!" : `${c0[1]}${colLetters(a)}:${c1[1]}${colLetters(b)}`);
        i += 2;
        continue;
      }
      const r0 = ROW.exec(t.text);
      const r1 = ROW.exec(after.text);
      if (t.kind === "number" && after.kind === "number" && r0 && r1) {
        const a = r0[1] ? Number(r0[2]) : Number(r0[2]) + dr;
        const b = r1[1] ? Number(r1[2]) : Number(r1[2]) + dr;
        out.push(a < 1 || b < 1 || a > MAX_ROW || b > MAX_ROW ? "#REF!" : `${r0[1]}${a}:${r1[1]}${b}`);
        i += 2;
        continue;
      }
    }
    out.push(t.text);
  }
  return out.join("");
}

/** What the rewriting of a formula needs to know about the workbook. */
export interface FormulaContext {
  /** The sheet the formula is on (for its own defined names and [#This Row]). */
  sheet: string;
  row: number;
  /** A defined name as HyperFormula holds it, by scope: the name (lower case) on `sheet`, or null. */
  name(name: string, sheet: string | null): string | null;
  /** A structured reference (`Table[…]`) as the range it names; throws with Excel's reason when it names none. */
  structured(table: string, specifier: string): string | null;
  /** Whether the workbook defines any name (when it does not, a formula with nothing else to rewrite is kept as it is). */
  hasNames?: boolean;
}

/** What only the token-by-token rewriting handles: a logical constant, a prefix, brackets, a sheet prefix. */
const NEEDS_REWRITE = /true|false|_xl|\[|!|\dE[+-]?\d/i;

/** A formula's structured reference that names nothing: the cell is #REF! (or #VALUE!), with the reason. */
export class UnresolvedReference extends Error {
  constructor(
    message: string,
    readonly code: string = "#REF!",
  ) {
    super(message);
  }
}

const PREFIXES = /^_xl(?:fn|ws)\./i;
const UDF = /^_xldudf_PAY[._]([A-Za-z_]+)$/i;

function quoteSheet(prefix: string): string {
  // Every sheet prefix quoted: a sheet name HyperFormula could misread (non-ASCII, a cell-like name) is safe so.
  const body = prefix.slice(0, -1);
  if (body.startsWith("'") || body.startsWith("[") || body.includes(":")) return prefix;
  return `'${body}'!`;
}

/** One token of a formula rewritten for HyperFormula (see the file's comment), or null to keep it. */
function rewriteName(tokens: Token[], i: number, ctx: FormulaContext, sheetPrefix: string | null): string | null {
  const t = tokens[i];
  const next = nextSolid(tokens, i + 1);
  const bare = t.text.replace(PREFIXES, "");
  const udf = UDF.exec(bare);
  if (udf && next?.text === "(") return `PAY.${udf[1].toUpperCase()}`;
  if (next?.text === "(") return bare === t.text ? null : bare;
  if (t.kind === "name" && tokens[i + 1]?.kind === "bracket") {
    const r = ctx.structured(t.text, tokens[i + 1].text.slice(1, -1));
    if (r === null) throw new UnresolvedReference(`${t.text}${tokens[i + 1].text}: there is no table called '${t.text}'`);
    return r;
  }
  if (isCell(t.text) || isColumnEnd(tokens, i)) return null;
  if (sheetPrefix === null && /^(TRUE|FALSE)$/i.test(t.text)) return `${t.text.toUpperCase()}()`;
  const sheet = sheetPrefix === null ? null : sheetPrefix.slice(0, -1).replace(/^'|'$/g, "").replace(/''/g, "'");
  return ctx.name(t.text, sheet === null ? ctx.sheet : sheet);
}

/** Numbers in E notation with a lower-case e, the only one HyperFormula reads (Excel reads 1E3 and 1e3 alike). */
export function lowerCaseExponents(formula: string): string {
  if (!/\dE[+-]?\d/.test(formula)) return formula;
  return tokenize(formula)
    .map((t) => (t.kind === "number" ? t.text.toLowerCase() : t.text))
    .join("");
}

/** A formula from the file (no leading =) as HyperFormula must read it. Throws UnresolvedReference for #REF!. */
export function forHyperFormula(written: string, ctx: FormulaContext): string {
  // A chain of thousands of terms, grouped so HyperFormula's evaluation does not run out of stack (long-chains.ts).
  const formula = balanceLongChains(written);
  // Most formulas of a large workbook have nothing to rewrite: kept as they are, without tokenising.
  if (ctx.hasNames === false && !NEEDS_REWRITE.test(formula)) return formula;
  const tokens = tokenize(formula);
  const out: string[] = [];
  let inArrayConstant = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === "{") inArrayConstant++;
    if (t.text === "}") inArrayConstant--;
    if (t.kind === "sheet") {
      const name = tokens[i + 1];
      if (name?.kind === "name" && !isCell(name.text) && !isColumnEnd(tokens, i + 1) && nextSolid(tokens, i + 2)?.text !== "(") {
        const local = rewriteName(tokens, i + 1, ctx, t.text);
        if (local !== null) {
          out.push(local);
          i++;
          continue;
        }
      }
      out.push(quoteSheet(t.text));
      continue;
    }
    if (t.kind === "number") {
      out.push(t.text.toLowerCase());
      continue;
    }
    if (t.kind === "name" && inArrayConstant === 0) {
      const r = rewriteName(tokens, i, ctx, null);
      if (r !== null) {
        out.push(r);
        if (tokens[i + 1]?.kind === "bracket") i++;
        continue;
      }
    }
    out.push(t.text);
  }
  return out.join("");
}
