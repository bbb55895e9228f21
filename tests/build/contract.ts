/**
 * The formula contract's signatures (docs/formula-contract.md, copied here so tests run from a clone alone):
 * names and argument order are a public API and must never change; optional arguments are marked "?".
 */
export const CONTRACT: Record<string, string[]> = {
  PATHWAY_COST: ["unit_costs", "volumes", "take_up?", "patients?", "mff?"],
  CAPITATION: ["population", "weights", "base_rate", "mff?", "top_slice?"],
  RISK_SHARE: ["actual", "budget", "thresholds", "shares", "cap?"],
  SPELL_PRICE: ["base_tariff", "length_of_stay", "trimpoint", "per_day_payment", "mff?", "short_stay_tariff?"],
  MARGINAL_RATE: ["actual_value", "baseline_value", "rate_above", "rate_below?"],
  BLENDED_PAYMENT: ["fixed", "unit_prices", "volumes", "variable_rate?", "mff?"],
  SHARED_SAVINGS: ["actual", "benchmark", "sharing_rate", "min_savings_rate?", "cap?", "loss_rate?", "min_loss_rate?", "loss_cap?"],
  BUNDLE_RECONCILE: ["target_price", "episodes", "actual_cost", "discount?", "stop_gain?", "stop_loss?"],
  GAIN_SHARE: ["saving", "weights", "loss_weights?"],
  OVERSPEND_PROBABILITY: ["population", "cost_cv", "tolerance"],
  MIN_POPULATION: ["cost_cv", "tolerance", "confidence?"],
  QOF_PAYMENT: ["points_available", "achievement", "lower_threshold", "upper_threshold", "point_value", "cpi?", "prevalence_factor?"],
  CQUIN_PAYMENT: ["contract_value", "cquin_rate", "weights", "achievement"],
  SELECTION_GAIN: ["list", "population", "costs", "weights?"],
  PAYBACK: ["cash_flows", "discount_rate?"],
};
