/**
 * The blended payment, as the settlement pays it and as the written sheet writes it, side by side: an
 * organisation's baseline, plus the rate above of its activity value above the baseline, less the rate below of
 * its shortfall below it (PAY.MARGINAL_RATE); with contracts signed above or below tariff, their premium is added
 * to the fixed part. tests/engine/rule-formulas.test.ts recomputes the formula in HyperFormula against the rule.
 */
import { marginalRatePayment } from "../../rules/payment-rules";

/** One organisation's blended income: `paid` is today's payment (its baseline as signed), `baseline` its value at tariff. */
export const blendedIncome = (value: number, baseline: number, above: number, below: number, paid: number): number =>
  marginalRatePayment(value, baseline, above, below) + (paid - baseline);

/** The same in Excel's terms, from the cells (or expressions) of each; `paid` absent: no contracts as signed. */
export function blendedFormula(c: { value: string; baseline: string; above: string; below: string; paid?: string }): string {
  const premium = c.paid === undefined ? "" : `+(${c.paid}-${c.baseline})`;
  return `PAY.MARGINAL_RATE(${c.value},${c.baseline},${c.above},${c.below})${premium}`;
}
