/**
 * Excel's own values for built-in functions where HyperFormula's differ (issue 33), registered in place of
 * HyperFormula's so `pay recalc`, `pay eval` and the preview write what Excel would:
 * - INT rounds down (HyperFormula truncates: INT(-2.5) is −3 in Excel, −2 there);
 * - EDATE keeps a month-end within the target month, leap years included (31 Jan 2024 + 1 month is 29 Feb);
 * - DATEDIF takes its unit in any case ("m", "d", "ym"), as Excel does;
 * - VALUE reads text as Excel reads a typed entry ("1,200", "£1,200", "25%", "1.5E3");
 * - TEXT formats with Excel's number-format language, through numfmt (see below);
 * - CONCAT joins every cell of its ranges (HyperFormula lacks it);
 * - SUMIFS, COUNTIFS and AVERAGEIFS read each range once, not once a formula, and AVERAGEIFS exists
 *   (excel-ifs.ts);
 * - VLOOKUP, HLOOKUP and MATCH find text with its accents, and look up in an array as in a range
 *   (excel-lookups.ts; HyperFormula strips accents in lookups and refuses an array: #VALUE!).
 *
 * TEXT and VALUE use numfmt (MIT; Borgar Þorsteinsson), a maintained implementation of Excel's number formats
 * (sections, thousands and scaling commas, percent, fractions, dates and elapsed times) tested against Excel's
 * output: a format language is outside our domain, and a library kept by people who test it against Excel beats
 * our own. Version 3.2.6 is pinned: 4.0.1's package names a CommonJS entry it does not ship, which `pay` needs.
 *
 * The names in EXCEL_OVERRIDES are the functions computed with our own code; `pay recalc` reports them.
 */
import { format as formatNumber, isDateFormat, parseValue } from "numfmt";
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from "hyperformula";
import { excelNumber } from "./excel-number";
import { lookupIndex, plain } from "./excel-lookups";
import { conditionalPlugin } from "./excel-ifs";

type Ast = unknown;
interface ProcedureAst {
  args: Ast[];
}
type State = unknown;

/** HyperFormula's date helper as this plugin uses it (not exported by HyperFormula). */
interface DateHelper {
  numberToSimpleDate(n: number): { year: number; month: number; day: number };
  dateToNumber(d: { year: number; month: number; day: number }): number;
  daysInMonth(year: number, month: number): number;
}

const num = { argumentType: FunctionArgumentType.NUMBER };
const LOOKUP_PARAMETERS = [
  { argumentType: FunctionArgumentType.NOERROR },
  { argumentType: FunctionArgumentType.RANGE },
  num,
  { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: true },
];
const text = { argumentType: FunctionArgumentType.STRING };

/** A cell's value as CONCAT (and Excel's &) shows it: text as it is, TRUE/FALSE, a number as a General cell. */
function asText(v: unknown): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return excelNumber(v);
  if (typeof v === "object" && v !== null && "val" in v) return asText((v as { val: unknown }).val);
  if (typeof v === "string") return v;
  return "";
}

type SimpleDate = { year: number; month: number; day: number };

/**
 * Excel's DATEDIF between two dates (whole days apart), its unit in any case; #NUM! for an unknown unit or a
 * start after the end. `dates` are the calendar's month lengths and date serials (the workbook's date system).
 */
export function datedif(
  start: SimpleDate,
  end: SimpleDate,
  days: number,
  unit: string,
  dates: { daysInMonth: (y: number, m: number) => number; serial: (d: SimpleDate) => number },
): number | CellError {
  const u = unit.trim().toUpperCase();
  if (days < 0) return new CellError(ErrorType.NUM, "DATEDIF: the start date is after the end date");
  const months = (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0);
  const sameYear = end.month > start.month || (end.month === start.month && end.day >= start.day);
  switch (u) {
    case "D":
      return days;
    case "M":
      return months;
    case "Y":
      return Math.floor(months / 12);
    case "YM":
      return months % 12;
    case "MD": {
      if (end.day >= start.day) return end.day - start.day;
      const m = end.month === 1 ? 12 : end.month - 1;
      const y = end.month === 1 ? end.year - 1 : end.year;
      return dates.daysInMonth(y, m) - start.day + end.day;
    }
    case "YD": {
      // Days from the start's day and month in the end's year (or the year before), as Excel counts them.
      const year = sameYear ? end.year : end.year - 1;
      const day = Math.min(start.day, dates.daysInMonth(year, start.month));
      return dates.serial(end) - dates.serial({ year, month: start.month, day });
    }
    default:
      return new CellError(ErrorType.NUM, `DATEDIF: unit '${unit}' is none of Y, M, D, YM, YD, MD`);
  }
}

export class ExcelPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    INT: { method: "int", parameters: [num] },
    EDATE: { method: "edate", parameters: [{ ...num, minValue: 0 }, num] },
    DATEDIF: { method: "datedif", parameters: [num, num, text] },
    VALUE: { method: "value", parameters: [{ argumentType: FunctionArgumentType.SCALAR }] },
    TEXT: { method: "text", parameters: [{ argumentType: FunctionArgumentType.SCALAR }, text] },
    CONCAT: { method: "concat", parameters: [{ argumentType: FunctionArgumentType.ANY }], repeatLastArgs: 1, expandRanges: true },
    VLOOKUP: { method: "vlookup", parameters: LOOKUP_PARAMETERS },
    HLOOKUP: { method: "hlookup", parameters: LOOKUP_PARAMETERS },
    MATCH: {
      method: "match",
      parameters: [
        { argumentType: FunctionArgumentType.NOERROR },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.NUMBER, defaultValue: 1 },
      ],
    },
  };

  /** VLOOKUP and HLOOKUP: the key, the table (a range or an array), the row or column to return, and whether sorted. */
  private lookup(ast: ProcedureAst, state: State, name: "VLOOKUP" | "HLOOKUP"): unknown {
    return this.runFunction(
      ast.args as never,
      state as never,
      this.metadata(name),
      (key: unknown, table: SimpleRangeValue, index: number, sorted: boolean) => {
        const rows = table.data.map((row) => row.map(plain));
        const lines = name === "VLOOKUP" ? rows : (rows[0] ?? []).map((_, c) => rows.map((row) => row[c]));
        const n = Math.trunc(index);
        if (n < 1) return new CellError(ErrorType.VALUE, `${name}: the index must be 1 or more`);
        if (n > (lines[0]?.length ?? 0)) return new CellError(ErrorType.REF, `${name}: the index is beyond the table`);
        const at = lookupIndex(
          lines.map((line) => line[0]),
          plain(key) ?? 0,
          sorted ? 1 : 0,
        );
        if (at < 0) return new CellError(ErrorType.NA, `${name}: no match`);
        const v = lines[at][n - 1];
        return (v === null || v === undefined ? 0 : v) as number | string | boolean;
      },
    );
  }

  vlookup(ast: ProcedureAst, state: State): unknown {
    return this.lookup(ast, state, "VLOOKUP");
  }

  hlookup(ast: ProcedureAst, state: State): unknown {
    return this.lookup(ast, state, "HLOOKUP");
  }

  match(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("MATCH"), (key: unknown, list: SimpleRangeValue, type: number) => {
      const rows = list.data;
      if (rows.length > 1 && (rows[0]?.length ?? 0) > 1) return new CellError(ErrorType.NA, "MATCH: the lookup array must be one row or one column");
      const mode = type > 0 ? 1 : type < 0 ? -1 : 0;
      const at = lookupIndex(rows.flat().map(plain), plain(key) ?? 0, mode);
      return at < 0 ? new CellError(ErrorType.NA, "MATCH: no match") : at + 1;
    });
  }

  private get dates(): DateHelper {
    return (this as unknown as { dateTimeHelper: DateHelper }).dateTimeHelper;
  }

  int(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("INT"), (x: number) => Math.floor(x) + 0);
  }

  edate(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("EDATE"), (serial: number, delta: number) => {
      const d = this.dates.numberToSimpleDate(serial);
      const total = d.year * 12 + (d.month - 1) + Math.trunc(delta);
      const year = Math.floor(total / 12);
      const month = (total % 12) + 1;
      return this.dates.dateToNumber({ year, month, day: Math.min(d.day, this.dates.daysInMonth(year, month)) });
    });
  }

  datedif(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("DATEDIF"), (a: number, b: number, unit: string) =>
      datedif(this.dates.numberToSimpleDate(Math.floor(a)), this.dates.numberToSimpleDate(Math.floor(b)), Math.floor(b) - Math.floor(a), unit, {
        daysInMonth: (y, m) => this.dates.daysInMonth(y, m),
        serial: (d) => this.dates.dateToNumber(d),
      }),
    );
  }

  value(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("VALUE"), (v: unknown) => {
      if (typeof v === "number") return v;
      if (typeof v === "object" && v !== null && "val" in v) return (v as { val: number }).val;
      if (typeof v === "boolean") return new CellError(ErrorType.VALUE, "VALUE: TRUE and FALSE are not text of a number");
      const parsed = parseValue(String(v ?? "").trim(), { locale: "en-GB" });
      return parsed && typeof parsed.v === "number" ? parsed.v : new CellError(ErrorType.VALUE, `VALUE: '${String(v)}' is not a number Excel reads`);
    });
  }

  text(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("TEXT"), (v: unknown, pattern: string) => {
      const raw = typeof v === "object" && v !== null && "val" in v ? (v as { val: unknown }).val : v;
      let value = typeof raw === "string" && raw.trim() !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
      // numfmt counts dates from 1900: a 1904 workbook's serial is moved by the 1,462 days between the systems.
      const from1904 = (this as unknown as { config: { nullDate: { year: number } } }).config.nullDate.year === 1904;
      if (from1904 && typeof value === "number" && isDateFormat(pattern)) value += 1462;
      try {
        return formatNumber(pattern, value as number | string | boolean, { locale: "en-GB", throws: true });
      } catch (e) {
        return new CellError(
          ErrorType.VALUE,
          `TEXT: '${pattern}' is not a number format Excel reads (${e instanceof Error ? e.message : String(e)})`,
        );
      }
    });
  }

  concat(ast: ProcedureAst, state: State): unknown {
    return this.runFunction(ast.args as never, state as never, this.metadata("CONCAT"), (...parts: unknown[]) => {
      for (const p of parts) if (p instanceof CellError) return p;
      const out = parts.map((p) => (p instanceof SimpleRangeValue ? p.valuesFromTopLeftCorner().map(asText).join("") : asText(p))).join("");
      return out.length > 32767 ? new CellError(ErrorType.VALUE, "CONCAT: more than Excel's 32,767 characters") : out;
    });
  }
}

/** The built-in functions computed with our own code, where HyperFormula's value differs from Excel's (or it has none). */
export const EXCEL_OVERRIDES = [...Object.keys(ExcelPlugin.implementedFunctions), "SUMIFS", "COUNTIFS", "AVERAGEIFS"];

let registered = false;
/** Registers the plugin once, in place of HyperFormula's functions of the same names. */
export function registerExcelFunctions(): void {
  if (registered) return;
  const names = (list: readonly string[]) => ({
    enGB: Object.fromEntries(list.map((n) => [n, n])),
    enUS: Object.fromEntries(list.map((n) => [n, n])),
  });
  HyperFormula.registerFunctionPlugin(ExcelPlugin as never, names(Object.keys(ExcelPlugin.implementedFunctions)));
  const conditional = conditionalPlugin();
  if (conditional) HyperFormula.registerFunctionPlugin(conditional as never, names(["SUMIFS", "COUNTIFS", "AVERAGEIFS"]));
  registered = true;
}
