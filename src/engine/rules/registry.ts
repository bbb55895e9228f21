/**
 * The contract's functions by name, for the faces that call them generically (the headless spreadsheet
 * binding, the command line, the panel's formula writer). Excel's own binding is src/functions/functions.ts,
 * which the metadata plugin needs written out one by one.
 */
import * as F from "./formulas";
import * as Q from "./quality";
import { payback } from "./appraisal";

export interface ContractFunction {
  /** Engine implementation: arguments as Excel sends them. */
  fn: (...args: unknown[]) => number | F.Spill;
  /** Argument names in contract order; optional ones end in "?". */
  params: readonly string[];
  /** Spills a column: the argument indexes whose cell count gives its height (the largest wins). */
  spillFrom?: readonly number[];
}

export const CONTRACT_FUNCTIONS: Readonly<Record<string, ContractFunction>> = {
  PATHWAY_COST: { fn: F.pathwayCost, params: ["unit_costs", "volumes", "take_up?", "patients?", "mff?"] },
  CAPITATION: { fn: F.capitation, params: ["population", "weights", "base_rate", "mff?", "top_slice?"] },
  RISK_SHARE: { fn: F.riskShare, params: ["actual", "budget", "thresholds", "shares", "cap?"] },
  SPELL_PRICE: {
    fn: F.spellPrice,
    params: ["base_tariff", "length_of_stay", "trimpoint", "per_day_payment", "mff?", "short_stay_tariff?"],
    spillFrom: [0, 1, 2, 3, 4, 5],
  },
  MARGINAL_RATE: { fn: F.marginalRate, params: ["actual_value", "baseline_value", "rate_above", "rate_below?"] },
  BLENDED_PAYMENT: { fn: F.blendedPayment, params: ["fixed", "unit_prices", "volumes", "variable_rate?", "mff?"] },
  SHARED_SAVINGS: {
    fn: F.sharedSavings,
    params: ["actual", "benchmark", "sharing_rate", "min_savings_rate?", "cap?", "loss_rate?", "min_loss_rate?", "loss_cap?"],
  },
  BUNDLE_RECONCILE: { fn: F.bundleReconcile, params: ["target_price", "episodes", "actual_cost", "discount?", "stop_gain?", "stop_loss?"] },
  GAIN_SHARE: { fn: F.gainShare, params: ["saving", "weights", "loss_weights?"], spillFrom: [1] },
  OVERSPEND_PROBABILITY: { fn: F.overspendProbability, params: ["population", "cost_cv", "tolerance"] },
  MIN_POPULATION: { fn: F.minPopulation, params: ["cost_cv", "tolerance", "confidence?"] },
  QOF_PAYMENT: {
    fn: Q.qofPayment,
    params: ["points_available", "achievement", "lower_threshold", "upper_threshold", "point_value", "cpi?", "prevalence_factor?"],
  },
  CQUIN_PAYMENT: { fn: Q.cquinPayment, params: ["contract_value", "cquin_rate", "weights", "achievement"] },
  SELECTION_GAIN: { fn: Q.selectionGain, params: ["list", "population", "costs", "weights?"] },
  PAYBACK: { fn: payback, params: ["cash_flows", "discount_rate?"] },
};
