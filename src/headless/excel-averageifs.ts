/**
 * AVERAGEIFS, which HyperFormula lacks (#NAME?): the mean of the cells of the first range whose rows meet every
 * criterion, as Excel gives it (only numbers averaged; #DIV/0! when no number is left). Built on HyperFormula's
 * own conditional aggregation (the plugin behind SUMIFS and COUNTIFS: its criteria, wildcards and caches), so
 * the criteria are read exactly as SUMIFS reads them.
 */
import { FunctionPlugin, HyperFormula, CellError, ErrorType, type ImplementedFunctions } from "hyperformula";

type Ast = unknown;
interface ProcedureAst {
  args: Ast[];
}
type State = unknown;

interface Mean {
  sum: number;
  count: number;
}

/** HyperFormula's conditional aggregation, as this plugin calls it (not part of its public types). */
interface ConditionalAggregation {
  computeConditionalAggregationFunction(
    values: unknown,
    conditions: unknown[],
    functionName: string,
    empty: Mean,
    compose: (a: Mean, b: Mean) => Mean,
    map: (v: unknown) => Mean,
  ): Mean | CellError;
}

const numberOf = (v: unknown): number | null =>
  typeof v === "number"
    ? v
    : typeof v === "object" && v !== null && "val" in v && typeof (v as { val: unknown }).val === "number"
      ? (v as { val: number }).val
      : null;

/** The AVERAGEIFS plugin, a subclass of the plugin HyperFormula registers for SUMIFS; null where there is none. */
export function averageIfsPlugin(): typeof FunctionPlugin | null {
  const Base = HyperFormula.getFunctionPlugin("SUMIFS") as unknown as
    (typeof FunctionPlugin & { implementedFunctions: ImplementedFunctions }) | undefined;
  if (!Base) return null;
  const sumifs = Base.implementedFunctions.SUMIFS;
  class AverageIfsPlugin extends Base {
    static override implementedFunctions: ImplementedFunctions = { AVERAGEIFS: { ...sumifs, method: "averageifs" } };

    averageifs(ast: ProcedureAst, state: State): unknown {
      const self = this as unknown as ConditionalAggregation;
      return this.runFunction(ast.args as never, state as never, this.metadata("AVERAGEIFS"), (values: unknown, ...conditions: unknown[]) => {
        const mean = self.computeConditionalAggregationFunction(
          values,
          conditions,
          "AVERAGEIFS",
          { sum: 0, count: 0 },
          (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
          (v) => {
            const x = numberOf(v);
            return x === null ? { sum: 0, count: 0 } : { sum: x, count: 1 };
          },
        );
        if (mean instanceof CellError) return mean;
        return mean.count === 0 ? new CellError(ErrorType.DIV_BY_ZERO, "AVERAGEIFS: no cell meets every criterion") : mean.sum / mean.count;
      });
    }
  }
  return AverageIfsPlugin;
}
