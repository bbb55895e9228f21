/**
 * The PAY functions inside HyperFormula (a real spreadsheet engine: parsing, references, Excel's built-in
 * functions), so formulas and whole workbooks can be evaluated outside Excel exactly as the add-in does.
 * One thin binding: each PAY.X calls the engine's function through the contract registry.
 *
 * HyperFormula is GPL-3.0-only; this module and everything that imports it (the `pay` command line and the
 * preview host's workbook) are kept out of the add-in's own bundles (functions.js, taskpane.js).
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ConfigParams,
  type ImplementedFunctions,
} from "hyperformula";
import { isPayError, type PayErrorCode } from "../engine/rules/errors";
import { CONTRACT_FUNCTIONS } from "../engine/rules/registry";
import { registerExcelFunctions } from "./excel-functions";

// HyperFormula does not export its AST and interpreter-state types; they are passed through untouched.
type Ast = unknown;
interface ProcedureAst {
  args: Ast[];
}
type State = unknown;

const ERROR_TYPES: Record<PayErrorCode, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#N/A": ErrorType.NA,
};

/** Thrown inside a conversion to hand a referenced cell's error straight back, as Excel does. */
class Propagate {
  constructor(readonly error: CellError) {}
}

/** One cell of HyperFormula's into what Excel sends a custom function: blank → null, rich number → number. */
function toExcelValue(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof CellError) throw new Propagate(v);
  if (typeof v === "object" && v !== null && "val" in v && typeof (v as { val: unknown }).val === "number") return (v as { val: number }).val;
  return v;
}

function toExcelArgument(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(toExcelValue));
  return toExcelValue(v);
}

const METHOD = (name: string): string => `pay_${name}`;
const SIZE_METHOD = (name: string): string => `paySize_${name}`;

export class PayPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(CONTRACT_FUNCTIONS).map(([name, f]) => [
      `PAY.${name}`,
      {
        method: METHOD(name),
        parameters: f.params.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.endsWith("?") })),
        ...(f.spillFrom ? { sizeOfResultArrayMethod: SIZE_METHOD(name) } : {}),
      },
    ]),
  );

  /** Evaluate the arguments, call the engine, and turn its answer or error into HyperFormula's. */
  callPay(name: string, ast: ProcedureAst, state: State): unknown {
    const f = CONTRACT_FUNCTIONS[name];
    if (ast.args.length > f.params.length) return new CellError(ErrorType.NA, `PAY.${name} takes at most ${f.params.length} arguments`);
    const required = f.params.filter((p) => !p.endsWith("?")).length;
    if (ast.args.length < required) return new CellError(ErrorType.NA, `PAY.${name} needs at least ${required} arguments`);
    let args: unknown[];
    try {
      args = ast.args.map((a) => toExcelArgument(this.evaluateAst(a as never, state as never)));
    } catch (e) {
      if (e instanceof Propagate) return e.error;
      throw e;
    }
    try {
      const result = f.fn(...args);
      if (typeof result === "number") return result;
      const size = this.spillSize(name, ast, state);
      // A row's own error stays in its cell; the other rows keep their values.
      const rows = result.map((r) => [r[0] === "" ? EmptyValue : isPayError(r[0]) ? new CellError(ERROR_TYPES[r[0].code], r[0].message) : r[0]]);
      while (rows.length < size.height) rows.push([EmptyValue]); // trailing blank rows of the inputs
      return SimpleRangeValue.onlyValues(rows as never);
    } catch (e) {
      if (isPayError(e)) return new CellError(ERROR_TYPES[e.code], e.message);
      return new CellError(ErrorType.VALUE, `PAY internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** A spilled column as tall as the largest range argument (a single value everywhere: one cell). */
  spillSize(name: string, ast: ProcedureAst, state: State): ArraySize {
    const from = CONTRACT_FUNCTIONS[name].spillFrom ?? [];
    let height = 1;
    for (const k of from) {
      const a = ast.args[k];
      if (a === undefined) continue;
      const s = this.arraySizeForAst(a as never, state as never);
      height = Math.max(height, s.width * s.height);
    }
    return height === 1 ? ArraySize.scalar() : new ArraySize(1, height);
  }
}

for (const name of Object.keys(CONTRACT_FUNCTIONS)) {
  const proto = PayPlugin.prototype as unknown as Record<string, unknown>;
  proto[METHOD(name)] = function (this: PayPlugin, ast: ProcedureAst, state: State) {
    return this.callPay(name, ast, state);
  };
  proto[SIZE_METHOD(name)] = function (this: PayPlugin, ast: ProcedureAst, state: State) {
    return this.spillSize(name, ast, state);
  };
}

const TRANSLATIONS = {
  enGB: Object.fromEntries(Object.keys(CONTRACT_FUNCTIONS).map((n) => [`PAY.${n}`, `PAY.${n}`])),
  enUS: Object.fromEntries(Object.keys(CONTRACT_FUNCTIONS).map((n) => [`PAY.${n}`, `PAY.${n}`])),
};

let registered = false;
function register(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(PayPlugin as never, TRANSLATIONS);
  registered = true;
}

/** Settings that make HyperFormula answer as Excel does: full precision, Excel's separators. */
export const EXCEL_LIKE: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  // Every result keeps every bit of its double (HyperFormula's smart rounding would round each to 15 digits);
  // Excel's 15-digit comparisons are set apart (excelComparisons).
  smartRounding: false,
  functionArgSeparator: ",",
  decimalSeparator: ".",
  thousandSeparator: "",
  arrayColumnSeparator: ",",
  arrayRowSeparator: ";",
  useArrayArithmetic: true,
  evaluateNullToZero: true,
  // Excel compares text with its accents: "é" is not "e" (HyperFormula's default ignores them).
  accentSensitive: true,
  // Excel's sheet size (HyperFormula's default stops at 40,000 rows).
  maxRows: 1_048_576,
  maxColumns: 16_384,
};

/**
 * A HyperFormula instance with the PAY functions and Excel's values for the built-ins where HyperFormula's differ
 * (excel-functions.ts). `date1904`: the workbook counts dates from 1 January 1904, so its serials (and what DATE,
 * YEAR … give) are read and written in that system, as Excel does.
 */
export function createWorkbookEngine(sheets: Record<string, unknown[][]> = {}, options: { date1904?: boolean } = {}): HyperFormula {
  register();
  registerExcelFunctions();
  rangesLinkedOnce();
  // Smart rounding on while HyperFormula builds its arithmetic (which takes Excel's 15-digit epsilon from it), then
  // off, so no result is rounded as it is read (excelComparisons).
  const hf = HyperFormula.buildFromSheets(sheets as never, {
    ...EXCEL_LIKE,
    smartRounding: true,
    precisionEpsilon: 1e-15,
    ...(options.date1904 ? { nullDate: { year: 1904, month: 1, day: 1 } } : {}),
  });
  excelComparisons(hf);
  return hf;
}

/**
 * Excel compares numbers to its 15 significant digits, so 0.1+0.2=0.3 is TRUE, and a sum or difference that
 * agrees with its operand to 15 digits is 0 (Microsoft, "Floating-point arithmetic may give inaccurate results in
 * Excel"; Excel zeroes only a formula's final operation, HyperFormula each one). HyperFormula does both with a
 * relative epsilon, taken from its smart rounding when the engine is built; read later, smart rounding would also
 * round every result to 15 digits, so it is turned off once the engine is built (only the reading of results
 * consults it then). A test holds both (tests/cli/excel-values.test.ts): 0.1+0.2=0.3 is TRUE and 1/3 keeps all
 * its digits; should a HyperFormula upgrade move either, that test fails.
 */
function excelComparisons(hf: HyperFormula): void {
  const config = (hf as unknown as { _config?: { smartRounding: boolean } })._config;
  if (config) config.smartRounding = false;
}

interface RangeDependency {
  start: unknown;
  end: unknown;
  isFinite(): boolean;
}
interface DependencyGraphInternals {
  getRange(start: unknown, end: unknown): { idInGraph?: number } | undefined;
  graph: { addEdge(from: number, to: number): void };
  processCellDependencies(deps: unknown[], end: { idInGraph?: number }): void;
}
let linkedOnce = false;

/**
 * A range many formulas share (500 SUMIFS over the same 50,000 rows) is linked to its cells once. HyperFormula
 * keeps one vertex per range in its dependency graph, but for every formula that names an existing range it walks
 * the range's cells again to add edges it already has: 50,000 cells × 500 formulas, most of a minute. A formula
 * naming a range that already has its vertex now gains just the edge from that vertex; a new range and every
 * other dependency go through HyperFormula as before. (Its edges from the cells were all added when the vertex was
 * made, every cell's vertex existing by then, so the graph, and so the order of evaluation, is the same. A whole
 * column, A:A, was marked infinite when its vertex was made, and HyperFormula links a cell added below the data to
 * every infinite range as it adds the cell: 15,000 SUMIFS over whole columns took 33 s, 30 of them here.)
 */
function rangesLinkedOnce(): void {
  if (linkedOnce) return;
  const graph = (HyperFormula.buildEmpty(EXCEL_LIKE) as unknown as { _dependencyGraph?: DependencyGraphInternals })._dependencyGraph;
  const proto = graph ? (Object.getPrototypeOf(graph) as DependencyGraphInternals) : undefined;
  if (!proto || typeof proto.processCellDependencies !== "function") return;
  const original = proto.processCellDependencies;
  proto.processCellDependencies = function (this: DependencyGraphInternals, deps: unknown[], end: { idInGraph?: number }): void {
    const rest: unknown[] = [];
    for (const dep of deps) {
      const range = dep as Partial<RangeDependency>;
      const existing = range.start !== undefined && typeof range.isFinite === "function" ? this.getRange(range.start, range.end) : undefined;
      if (existing?.idInGraph !== undefined && end.idInGraph !== undefined) this.graph.addEdge(existing.idInGraph, end.idInGraph);
      else rest.push(dep);
    }
    original.call(this, rest, end);
  };
  linkedOnce = true;
}
