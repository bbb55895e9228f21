/**
 * What the commissioner pays a holder of a bundle or a risk-shared budget, as the settlement pays it and as the
 * written sheet writes it, side by side: the bundle pays the holder's cost reconciled to its target within the
 * stop-gain and stop-loss (PAY.BUNDLE_RECONCILE, no discount); the risk share pays the budget and RISK_SHARE's
 * settlement of the holder's cost against it. (How a holder passes either on to its partners stays in
 * settlement.ts `held` and contracts.ts.) tests/engine/rule-formulas.test.ts recomputes both in HyperFormula.
 */
import { bundleReconciliation } from "../../rules/formulas";

/** The bundle's payment for a year in which the holder's cost is `cost`. */
export const bundlePayment = (cost: number, price: number, patients: number, stopGain: number, stopLoss: number): number =>
  cost + bundleReconciliation(price, patients, cost, 0, stopGain, stopLoss);

/** The risk share's payment: the budget and its settlement (riskShareSettler's, on the corridor) of the holder's cost. */
export const riskSharePayment = (budget: number, settled: number): number => budget + settled;

/** The same in Excel's terms, from the cells of the holder's cost, the terms and the corridor's ranges. */
export function heldPaymentFormulas(c: {
  cost: string;
  price: string;
  patients: string;
  stopGain: string;
  stopLoss: string;
  budget: string;
  thresholds: string;
  shares: string;
}): { bundle: string; riskshare: string } {
  return {
    bundle: `${c.cost}+PAY.BUNDLE_RECONCILE(${c.price},${c.patients},${c.cost},0,${c.stopGain},${c.stopLoss})`,
    riskshare: `${c.budget}+PAY.RISK_SHARE(${c.cost},${c.budget},${c.thresholds},${c.shares})`,
  };
}
