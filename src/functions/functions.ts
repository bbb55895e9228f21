/**
 * The PAY custom functions: thin adapters from Excel's arguments to the engine (src/engine/rules/formulas.ts).
 * custom-functions-metadata-plugin reads the JSDoc below to write functions.json and appends a
 * CustomFunctions.associate call for each function: do not call associate here.
 *
 * Types: ranges are any[][]; single values are `any` so the engine, not Excel, reports a wrong type with a
 * message naming the argument. Optional arguments arrive as null when omitted.
 * Help links point at help.html on the add-in's own host (built from README.md).
 */
import * as engine from "../engine/rules/formulas";
import * as quality from "../engine/rules/quality";
import { payback as paybackPeriods } from "../engine/rules/appraisal";
import { guard, spill } from "./errors";

/**
 * Expected cost of a care pathway: sum of unit cost × volume × take-up over its steps, × patients × MFF.
 * @customfunction PATHWAY_COST PATHWAY_COST
 * @helpurl https://localhost:3000/help.html#pathway_cost
 * @param unit_costs Price or cost per unit of each step, £ (≥ 0).
 * @param volumes Units per patient who takes the step (≥ 0).
 * @param [take_up] Share of the cohort taking each step, 0 to 1. Default 1 for every step.
 * @param [patients] Cohort size. Default 1 (cost per patient).
 * @param [mff] Market forces factor applied to the whole pathway (> 0). Default 1.
 * @returns Expected pathway cost, £.
 */
export function pathwayCost(unit_costs: any[][], volumes: any[][], take_up?: any[][], patients?: any, mff?: any): number {
  return guard(() => engine.pathwayCost(unit_costs, volumes, take_up, patients, mff));
}

/**
 * Risk-weighted capitated budget: sum of population × weight, × base rate × MFF × (1 − top slice).
 * @customfunction CAPITATION CAPITATION
 * @helpurl https://localhost:3000/help.html#capitation
 * @param population Head count of each group (age band, risk tier, practice), ≥ 0.
 * @param weights Relative need of each group (≥ 0); 1 = average need.
 * @param base_rate £ per weighted head per year.
 * @param [mff] Market forces factor (> 0). Default 1.
 * @param [top_slice] Share held back centrally, 0 to 1. Default 0.
 * @returns Capitated budget, £ per year.
 */
export function capitation(population: any[][], weights: any[][], base_rate: any, mff?: any, top_slice?: any): number {
  return guard(() => engine.capitation(population, weights, base_rate, mff, top_slice));
}

/**
 * Tiered risk-share settlement on a budget: + commissioner funds part of an overspend, − provider returns part of an underspend.
 * @customfunction RISK_SHARE RISK_SHARE
 * @helpurl https://localhost:3000/help.html#risk_share
 * @param actual Actual spend, £.
 * @param budget Budget paid, £ (> 0).
 * @param thresholds Ascending lower bound of each band, as a fraction of budget (first usually 0).
 * @param shares Commissioner's share of the variance in each band, 0 to 1. Optional 2nd column: share of underspend.
 * @param [cap] Largest settlement as a fraction of budget. Default: no cap.
 * @returns Settlement paid by the commissioner, £ (negative = repaid by the provider).
 */
export function riskShare(actual: any, budget: any, thresholds: any[][], shares: any[][], cap?: any): number {
  return guard(() => engine.riskShare(actual, budget, thresholds, shares, cap));
}

/**
 * Admitted spell price: (base tariff + excess bed days beyond the trimpoint × per-day payment) × MFF. Ranges give one price per row.
 * @customfunction SPELL_PRICE SPELL_PRICE
 * @helpurl https://localhost:3000/help.html#spell_price
 * @param base_tariff HRG base tariff, £ (a value or a column).
 * @param length_of_stay Length of stay in whole days.
 * @param trimpoint Trimpoint in days; days beyond it are paid per day.
 * @param per_day_payment Excess bed-day payment, £ per day.
 * @param [mff] Market forces factor (> 0). Default 1.
 * @param [short_stay_tariff] Reduced short-stay tariff, £, used instead of the base tariff for stays of 0 or 1 day. Default: none.
 * @returns Spell price, £ (a spilled column when any argument is a range).
 */
export function spellPrice(
  base_tariff: any[][],
  length_of_stay: any[][],
  trimpoint: any[][],
  per_day_payment: any[][],
  mff?: any[][],
  short_stay_tariff?: any[][],
): any[][] {
  return guard(() => {
    const result = engine.spellPrice(base_tariff, length_of_stay, trimpoint, per_day_payment, mff, short_stay_tariff);
    return typeof result === "number" ? [[result]] : spill(result);
  });
}

/**
 * Payment for activity against a baseline: baseline + rate above × activity above it − rate below × shortfall below it.
 * @customfunction MARGINAL_RATE MARGINAL_RATE
 * @helpurl https://localhost:3000/help.html#marginal_rate
 * @param actual_value Value of actual activity at full price, £.
 * @param baseline_value Value of baseline activity, £.
 * @param rate_above Share of price paid for activity above baseline (MRET 0.3; aligned payment 0.75).
 * @param [rate_below] Share of price deducted for activity below baseline. Default 1.
 * @returns Payment, £.
 */
export function marginalRate(actual_value: any, baseline_value: any, rate_above: any, rate_below?: any): number {
  return guard(() => engine.marginalRate(actual_value, baseline_value, rate_above, rate_below));
}

/**
 * Blended payment: fixed element + variable rate × sum of unit price × volume × MFF.
 * @customfunction BLENDED_PAYMENT BLENDED_PAYMENT
 * @helpurl https://localhost:3000/help.html#blended_payment
 * @param fixed Fixed element, £.
 * @param unit_prices Unit price of each activity line, £.
 * @param volumes Activity volume of each line.
 * @param [variable_rate] Share of unit prices paid for activity. Default 1.
 * @param [mff] Market forces factor on the variable element (> 0). Default 1.
 * @returns Total payment, £.
 */
export function blendedPayment(fixed: any, unit_prices: any[][], volumes: any[][], variable_rate?: any, mff?: any): number {
  return guard(() => engine.blendedPayment(fixed, unit_prices, volumes, variable_rate, mff));
}

/**
 * Shared-savings payment against a benchmark (negative = repayment of shared losses).
 * @customfunction SHARED_SAVINGS SHARED_SAVINGS
 * @helpurl https://localhost:3000/help.html#shared_savings
 * @param actual Actual spend, £.
 * @param benchmark Benchmark (expected) spend, £ (> 0).
 * @param sharing_rate Provider's share of savings, 0 to 1.
 * @param [min_savings_rate] Savings as a fraction of benchmark needed before any are shared. Default 0.
 * @param [cap] Largest payment as a fraction of benchmark. Default: no cap.
 * @param [loss_rate] Provider's share of losses, 0 to 1. Default: losses not shared.
 * @param [min_loss_rate] Losses as a fraction of benchmark before any are repaid. Default 0.
 * @param [loss_cap] Largest repayment as a fraction of benchmark. Default: no cap.
 * @returns Payment to the provider, £.
 */
export function sharedSavings(
  actual: any,
  benchmark: any,
  sharing_rate: any,
  min_savings_rate?: any,
  cap?: any,
  loss_rate?: any,
  min_loss_rate?: any,
  loss_cap?: any,
): number {
  return guard(() => engine.sharedSavings(actual, benchmark, sharing_rate, min_savings_rate, cap, loss_rate, min_loss_rate, loss_cap));
}

/**
 * Episode (bundle) reconciliation: target price × (1 − discount) × episodes − actual cost, within stop-gain and stop-loss.
 * @customfunction BUNDLE_RECONCILE BUNDLE_RECONCILE
 * @helpurl https://localhost:3000/help.html#bundle_reconcile
 * @param target_price Target price per episode, £.
 * @param episodes Number of episodes.
 * @param actual_cost Actual cost of all episodes, £.
 * @param [discount] Discount taken off the target, 0 to 1. Default 0.
 * @param [stop_gain] Largest gain as a fraction of target. Default: none.
 * @param [stop_loss] Largest loss as a fraction of target. Default: none.
 * @returns Reconciliation, £ (positive = paid to the provider, negative = repaid).
 */
export function bundleReconcile(target_price: any, episodes: any, actual_cost: any, discount?: any, stop_gain?: any, stop_loss?: any): number {
  return guard(() => engine.bundleReconcile(target_price, episodes, actual_cost, discount, stop_gain, stop_loss));
}

/**
 * Splits a saving (or, if negative, a loss) among a pathway's partners pro rata to weights; spills one row per partner.
 * @customfunction GAIN_SHARE GAIN_SHARE
 * @helpurl https://localhost:3000/help.html#gain_share
 * @param saving Saving to share, £ (negative = loss).
 * @param weights Each partner's weight (≥ 0, not all 0).
 * @param [loss_weights] Weights used instead when the saving is negative. Default: weights.
 * @returns Each partner's part, £ (a spilled column).
 */
export function gainShare(saving: any, weights: any[][], loss_weights?: any[][]): any[][] {
  return guard(() => spill(engine.gainShare(saving, weights, loss_weights)));
}

/**
 * Chance that a capitated budget set at expected cost is overspent by more than the tolerance.
 * @customfunction OVERSPEND_PROBABILITY OVERSPEND_PROBABILITY
 * @helpurl https://localhost:3000/help.html#overspend_probability
 * @param population Number of people covered (> 0).
 * @param cost_cv Coefficient of variation of one person's annual cost (standard deviation ÷ mean).
 * @param tolerance Overspend allowed, as a fraction of budget (0.05 = 5%).
 * @returns Probability, 0 to 1.
 */
export function overspendProbability(population: any, cost_cv: any, tolerance: any): number {
  return guard(() => engine.overspendProbability(population, cost_cv, tolerance));
}

/**
 * Smallest population for which the chance of overspending by more than the tolerance is at most 1 − confidence.
 * @customfunction MIN_POPULATION MIN_POPULATION
 * @helpurl https://localhost:3000/help.html#min_population
 * @param cost_cv Coefficient of variation of one person's annual cost.
 * @param tolerance Overspend allowed, as a fraction of budget (> 0).
 * @param [confidence] Required confidence, between 0 and 1. Default 0.95.
 * @returns Population (whole people).
 */
export function minPopulation(cost_cv: any, tolerance: any, confidence?: any): number {
  return guard(() => engine.minPopulation(cost_cv, tolerance, confidence));
}

/**
 * QOF payment for a set of indicators: points earned on the sliding scale between thresholds × point value × CPI × prevalence factor.
 * @customfunction QOF_PAYMENT QOF_PAYMENT
 * @helpurl https://localhost:3000/help.html#qof_payment
 * @param points_available Maximum points of each indicator (≥ 0).
 * @param achievement The practice's achievement on each indicator, 0 to 1.
 * @param lower_threshold Lower payment threshold, 0 to 1 (one value for all, or one per indicator).
 * @param upper_threshold Upper payment threshold, 0 to 1, above the lower (one value for all, or one per indicator).
 * @param point_value £ per point for a practice of average size and prevalence (> 0).
 * @param [cpi] Contractor population index: practice list ÷ national average list (> 0). Default 1.
 * @param [prevalence_factor] Practice prevalence ÷ national prevalence (≥ 0), one value or one per indicator. Default 1.
 * @returns QOF payment, £.
 */
export function qofPayment(
  points_available: any[][],
  achievement: any[][],
  lower_threshold: any[][],
  upper_threshold: any[][],
  point_value: any,
  cpi?: any[][],
  prevalence_factor?: any[][],
): number {
  return guard(() => quality.qofPayment(points_available, achievement, lower_threshold, upper_threshold, point_value, cpi, prevalence_factor));
}

/**
 * CQUIN earned from a contract: contract value × CQUIN rate × weighted share of the indicators achieved.
 * @customfunction CQUIN_PAYMENT CQUIN_PAYMENT
 * @helpurl https://localhost:3000/help.html#cquin_payment
 * @param contract_value The contract (or fixed element) the incentive is a share of, £ (≥ 0).
 * @param cquin_rate Share of it at stake, 0 to 1 (1.25% from 2019/20).
 * @param weights Each indicator's weight (≥ 0, not all 0).
 * @param achievement Each indicator's achievement, 0 to 1 (partial achievement pays pro rata).
 * @returns CQUIN payment, £.
 */
export function cquinPayment(contract_value: any, cquin_rate: any, weights: any[][], achievement: any[][]): number {
  return guard(() => quality.cquinPayment(contract_value, cquin_rate, weights, achievement));
}

/**
 * What a capitated provider gains a year from the risk mix of its list (cream skimming): positive when its list costs less than capitation pays.
 * @customfunction SELECTION_GAIN SELECTION_GAIN
 * @helpurl https://localhost:3000/help.html#selection_gain
 * @param list Head count of the provider's list in each risk group (≥ 0).
 * @param population Head count of the whole population in each group (≥ 0).
 * @param costs Expected annual cost per head in each group, £ (≥ 0).
 * @param [weights] The capitation's risk weight for each group (≥ 0). Default 1 (a flat rate per head).
 * @returns Gain (or, negative, loss) a year, £.
 */
export function selectionGain(list: any[][], population: any[][], costs: any[][], weights?: any[][]): number {
  return guard(() => quality.selectionGain(list, population, costs, weights));
}

/**
 * Periods until an investment pays back, from cash flows in period order (the first at time 0), optionally discounted.
 * @customfunction PAYBACK PAYBACK
 * @helpurl https://localhost:3000/help.html#payback
 * @param cash_flows Cash flows in period order, £ (any sign); the first is usually the negative investment.
 * @param [discount_rate] Discount rate per period (> −1; Green Book 0.035 a year). Default 0.
 * @returns Periods to pay back (a fraction where it turns within a period); #N/A when it never does.
 */
export function payback(cash_flows: any[][], discount_rate?: any): number {
  return guard(() => paybackPeriods(cash_flows, discount_rate));
}
