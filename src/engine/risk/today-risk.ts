/**
 * Today's contracts in the simulation: each step paid as today (the engine's today.ts incomeToday, trial by trial),
 * so the risk of doing nothing sits beside every model's and an options appraisal can be simulated from "Do
 * nothing". A step's payment today is its value where it was set (its plan, or today's expected activity; a
 * contract as signed scales a fixed step's) plus the share paid of each event above that, or of each event below
 * it. The drawer counts the second part as it draws (simulate.ts paidOn); this file gives it each step's figures and
 * adds the first part, which no draw moves.
 */
import { signedFactors, type ComparisonInputs } from "../comparison/compare";
import { organisationIndex, stepMff, type Step } from "../comparison/organisations";
import type { Settle } from "../comparison/settlement";
import { asPlanned, changeShare, paymentTodayOf } from "../comparison/today";

export interface TodaysPayment {
  /** Per step: the events its payment is set on, and £ per event paid above and below them. */
  set: (s: Step) => number;
  up: (s: Step) => number;
  down: (s: Step) => number;
  /** Each organisation's payment where it was set: Σ price × MFF × set events × the signed factor. */
  fixed: Float64Array;
}

/** Each step's part in today's payment, for the drawer, and what each organisation is paid where set. */
export function todaysPayment(inputs: ComparisonInputs, orgs: readonly string[]): TodaysPayment {
  const rule = inputs.todaysRule ?? null;
  const factors = signedFactors(inputs, orgs);
  const set = (s: Step) => {
    const p = asPlanned(s, inputs.cohort);
    return p.volume * p.takeUp * inputs.cohort;
  };
  const price = (s: Step) => s.unitPrice * stepMff(s, inputs);
  const fixed = new Float64Array(orgs.length);
  inputs.steps.forEach((s, i) => {
    const o = organisationIndex(orgs, s);
    if (o >= 0) fixed[o] += price(s) * set(s) * (factors?.[i] ?? 1);
  });
  return {
    set,
    up: (s) => price(s) * changeShare(paymentTodayOf(s, rule), true),
    down: (s) => price(s) * changeShare(paymentTodayOf(s, rule), false),
    fixed,
  };
}

/**
 * Today's contracts as a settlement over trials: each organisation's income is its payment where set plus what
 * the drawer counted of its events (already in `income`, the columns the drawer filled); the commissioner pays the
 * sum. Run before any model's settlement writes over those columns.
 */
export function todaySettlement(fixed: Float64Array): Settle {
  return (_value, _cost, income, payment, n) => {
    for (let t = 0; t < n; t++) payment[t] = 0;
    income.forEach((x, o) => {
      const f = fixed[o];
      for (let t = 0; t < n; t++) payment[t] += x[t] += f;
    });
  };
}
