/**
 * SUMIFS, COUNTIFS and AVERAGEIFS over large ranges, and AVERAGEIFS at all (HyperFormula lacks it: #NAME?).
 * Built on HyperFormula's own conditional aggregation (the plugin behind SUMIFS), so every criterion is read
 * exactly as HyperFormula reads it (its criterion builder: operators, wildcards, numbers typed as text, TRUE);
 * what changes is how the ranges are read. HyperFormula lists a range's cell addresses and values afresh for
 * every formula, so 500 SUMIFS over 50,000 rows took over a minute; here each range's values are read once and
 * kept on the range's own vertex in HyperFormula's dependency graph (its function cache, which HyperFormula
 * clears whenever a cell of the range changes), with its distinct values, so each formula tests its criteria once
 * per distinct value (with HyperFormula's own test) and then makes one pass over plain arrays.
 * Excel's rules kept: ranges of one shape (#VALUE! otherwise), only numbers summed or averaged, an error in a
 * row that meets the criteria is the result, #DIV/0! for an average of nothing.
 */
import { CellError, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from "hyperformula";

type Ast = unknown;
interface ProcedureAst {
  args: Ast[];
}
type State = unknown;

/** What this plugin uses of HyperFormula's conditional aggregation plugin (not part of its public types). */
interface Internals {
  interpreter: { criterionBuilder: { fromCellValue(raw: unknown, arithmetic: unknown): { lambda: (v: unknown) => boolean } | undefined } };
  arithmeticHelper: unknown;
  dependencyGraph: {
    getRange(start: unknown, end: unknown): { getFunctionValue(k: string): unknown; setFunctionValue(k: string, v: unknown): void } | undefined;
  };
}

const CACHE_KEY = "PAY_RANGE_VALUES";

/** A value as HyperFormula's criteria see it: a rich number (a date, a currency) as its number. */
const raw = (v: unknown): unknown => (typeof v === "object" && v !== null && "val" in v ? (v as { val: unknown }).val : v);

/** A range's values as read once: each cell's, the distinct ones, and each cell's place among them. */
interface Column {
  values: unknown[];
  distinct: unknown[];
  codes: Int32Array;
}

type Accumulate = { add(v: unknown): CellError | null; result(): number | CellError };

/** The plugin: a subclass of the one HyperFormula registers for SUMIFS; null where there is none. */
export function conditionalPlugin(): typeof FunctionPlugin | null {
  const Base = HyperFormula.getFunctionPlugin("SUMIFS") as unknown as
    (typeof FunctionPlugin & { implementedFunctions: ImplementedFunctions }) | undefined;
  if (!Base) return null;
  const builtIn = Base.implementedFunctions;
  class ConditionalPlugin extends Base {
    static override implementedFunctions: ImplementedFunctions = {
      SUMIFS: { ...builtIn.SUMIFS, method: "paySumifs" },
      COUNTIFS: { ...builtIn.COUNTIFS, method: "payCountifs" },
      AVERAGEIFS: { ...builtIn.SUMIFS, method: "payAverageifs" },
    };

    /**
     * A range's values, read once while its cells are unchanged (kept on its vertex), or an array's: each cell's
     * value, the range's distinct values, and each cell's place among them (so a criterion is tested once per
     * distinct value, with HyperFormula's own test, not once per cell).
     */
    private valuesOf(r: SimpleRangeValue): Column {
      const self = this as unknown as Internals;
      const vertex = r.range ? self.dependencyGraph.getRange(r.range.start, r.range.end) : undefined;
      const kept = vertex?.getFunctionValue(CACHE_KEY) as Column | undefined;
      if (kept) return kept;
      const values = r.valuesFromTopLeftCorner().map(raw);
      const place = new Map<unknown, number>();
      const distinct: unknown[] = [];
      const codes = new Int32Array(values.length);
      values.forEach((v, i) => {
        let k = place.get(v);
        if (k === undefined) {
          k = distinct.length;
          place.set(v, k);
          distinct.push(v);
        }
        codes[i] = k;
      });
      const column = { values, distinct, codes };
      vertex?.setFunctionValue(CACHE_KEY, column);
      return column;
    }

    /** One pass over the rows meeting every criterion; `values` null counts rows (COUNTIFS). */
    private aggregate(values: SimpleRangeValue | null, conditions: unknown[], acc: Accumulate): number | CellError {
      const self = this as unknown as Internals;
      const shape = (r: SimpleRangeValue) => `${r.width()}x${r.height()}`;
      const ranges: SimpleRangeValue[] = [];
      const tests: ((v: unknown) => boolean)[] = [];
      for (let i = 0; i < conditions.length; i += 2) {
        const test = self.interpreter.criterionBuilder.fromCellValue(conditions[i + 1], self.arithmeticHelper);
        if (test === undefined) return new CellError(ErrorType.VALUE, "a criterion that cannot be read");
        ranges.push(conditions[i] as SimpleRangeValue);
        tests.push(test.lambda);
      }
      const first = values ?? ranges[0];
      if (ranges.some((r) => shape(r) !== shape(first))) return new CellError(ErrorType.VALUE, "the ranges must be of one size");
      const columns = ranges.map((r) => this.valuesOf(r));
      // Each criterion tested once per distinct value of its range.
      const passes = columns.map((c, k) => Uint8Array.from(c.distinct, (v) => (tests[k](v) ? 1 : 0)));
      const codes = columns.map((c) => c.codes);
      const sums = values ? this.valuesOf(values).values : null;
      const n = codes[0]?.length ?? 0;
      rows: for (let i = 0; i < n; i++) {
        for (let k = 0; k < codes.length; k++) if (passes[k][codes[k][i]] === 0) continue rows;
        const error = acc.add(sums ? sums[i] : 1);
        if (error) return error;
      }
      return acc.result();
    }

    paySumifs(ast: ProcedureAst, state: State): unknown {
      return this.runFunction(ast.args as never, state as never, this.metadata("SUMIFS"), (values: SimpleRangeValue, ...conditions: unknown[]) => {
        let sum = 0;
        return this.aggregate(values, conditions, {
          add: (v) => (v instanceof CellError ? v : ((sum += typeof v === "number" ? v : 0), null)),
          result: () => sum,
        });
      });
    }

    payCountifs(ast: ProcedureAst, state: State): unknown {
      return this.runFunction(ast.args as never, state as never, this.metadata("COUNTIFS"), (...conditions: unknown[]) => {
        let count = 0;
        return this.aggregate(null, conditions, { add: () => (count++, null), result: () => count });
      });
    }

    payAverageifs(ast: ProcedureAst, state: State): unknown {
      return this.runFunction(
        ast.args as never,
        state as never,
        this.metadata("AVERAGEIFS"),
        (values: SimpleRangeValue, ...conditions: unknown[]) => {
          let sum = 0;
          let count = 0;
          return this.aggregate(values, conditions, {
            add: (v) => {
              if (v instanceof CellError) return v;
              if (typeof v === "number") {
                sum += v;
                count++;
              }
              return null;
            },
            result: () => (count === 0 ? new CellError(ErrorType.DIV_BY_ZERO, "AVERAGEIFS: no number meets every criterion") : sum / count),
          });
        },
      );
    }
  }
  return ConditionalPlugin;
}
