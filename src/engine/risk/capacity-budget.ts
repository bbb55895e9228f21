/**
 * What must be true of a capitated budget for its holder to bear its bad year (issue 35 B, on a simulated
 * figure): the budget, and the rate, at which the holder's 5th-percentile margin equals −what it can lose, on the
 * simulation's own draws.
 *
 * Under a capitated budget without a quality element the holder's margin in every trial is the budget less its
 * cost (a lead provider: the budget less its own cost and its subcontracts at unit prices; an alliance: the
 * budget less every partner's cost), so each trial's margin moves £ for £ with the budget and so does any
 * percentile of them: the budget wanted is exactly today's plus (−capacity − p5). No search and no new draws: the
 * same seed at that budget gives a 5th percentile of −capacity (tests/engine/capacity-budget.test.ts).
 */
import { capitationBudget, type Contract } from "../comparison/settlement";
import type { HolderAmount } from "../holder/economics";
import type { ModelRisk } from "./model-risk";

export interface CapacityBudget {
  /** The holder: the lead provider's name, or "The alliance" (every partner's margin together). */
  holder: string;
  /** Its 5th-percentile margin under the budget as it is, and what it can lose in a bad year (£). */
  p5: number;
  capacity: number;
  /** The budget as it is and the budget at which p5 = −capacity (null where none is, with the reason). */
  budget: number;
  budgetAtCapacity: number | null;
  /** The same as the capitation rate: per patient of the cohort, or per weighted patient with year-of-care tiers. */
  rate: number;
  rateAtCapacity: number | null;
  /** What the rate is per: a patient of the cohort, or a weighted patient (year-of-care tiers). */
  per: "patient" | "weighted patient";
  reason: string | null;
}

/** The capitated budget at which its holder's 5th-percentile margin equals −capacity (see the head of this file). */
export function capacityBudget(contract: Contract, capitation: ModelRisk): CapacityBudget {
  const { terms, orgs } = contract;
  const alliance = terms.holder === "alliance";
  const holder = alliance ? "The alliance" : orgs[contract.lead];
  const lead = capitation.organisations[contract.lead];
  const p5 = alliance ? capitation.margin.p5.value : lead.marginP5.value;
  const capacity = alliance ? capitation.organisations.reduce((a, o) => a + o.capacity, 0) : lead.capacity;
  const budget = capitationBudget(contract);
  const tiers = terms.capitationTiers;
  // The budget's divisor: patients, or weighted patients (PAY.CAPITATION over the tiers).
  const per = tiers ? tiers.counts.reduce((a, n, i) => a + n * tiers.weights[i], 0) : terms.cohort;
  const figures = {
    holder,
    p5,
    capacity,
    budget,
    rate: per > 0 ? budget / per : 0,
    per: tiers ? ("weighted patient" as const) : ("patient" as const),
  };
  if (terms.qualityShare > 0)
    return {
      ...figures,
      budgetAtCapacity: null,
      rateAtCapacity: null,
      reason: "a quality element is held back of the holder's income, so its margin does not move pound for pound with the budget",
    };
  const wanted = budget + (-capacity - p5);
  if (!(wanted >= 0) || !(per > 0))
    return {
      ...figures,
      budgetAtCapacity: null,
      rateAtCapacity: null,
      reason: `none: the holder bears its bad year at any budget of £0 or more (it would at ${Math.round(wanted).toLocaleString("en-GB")})`,
    };
  return { ...figures, budgetAtCapacity: wanted + 0, rateAtCapacity: wanted / per + 0, reason: null };
}

/**
 * The finding in words, for the pane, the sheet and pay compare: "the capitated budget at which Acute trust
 * bears its bad year (its 5th-percentile margin −£5,000, what it can lose): £897,312 (£897.31 a patient),
 * against £902,000 today".
 */
export function describeCapacityBudget(c: CapacityBudget, money: (x: number) => string): string {
  const who = c.holder === "The alliance" ? "the alliance (every partner together)" : c.holder;
  const head = `the capitated budget at which ${who} bears its bad year (a 5th-percentile margin of ${money(-c.capacity)}, all it can lose)`;
  if (c.budgetAtCapacity === null || c.rateAtCapacity === null) return `${head}: ${c.reason ?? "none"}`;
  const pence = (x: number) => `£${x.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `${head}: ${money(c.budgetAtCapacity)} (${pence(c.rateAtCapacity)} a ${c.per}), against ${money(c.budget)} (${pence(c.rate)}) today`;
}

/** The holder's risk reserve against its simulated bad year under the capitated budget (issue 36). */
export interface ReserveCheck {
  holder: string;
  /** The reserve: typed (a share of the budget or £), or sized `auto` at the bad year's distance below the mean. */
  reserve: number;
  auto: boolean;
  /** The holder's 5th-percentile margin, and whether the reserve covers that loss (reserve ≥ −p5). */
  p5: number;
  covers: boolean;
}

/** The reserve typed (ComparisonInputs.riskReserve) checked against the holder's bad year; null where none is typed. */
export function reserveCheck(contract: Contract, capitation: ModelRisk, term: HolderAmount | null | undefined): ReserveCheck | null {
  if (term === null || term === undefined) return null;
  const alliance = contract.terms.holder === "alliance";
  const lead = capitation.organisations[contract.lead];
  const p5 = alliance ? capitation.margin.p5.value : lead.marginP5.value;
  const mean = alliance ? capitation.margin.mean.value : lead.marginMean.value;
  const budget = capitationBudget(contract);
  const reserve = term === "auto" ? Math.max(0, mean - p5) : "share" in term ? term.share * budget : term.amount;
  return {
    holder: alliance ? "The alliance" : contract.orgs[contract.lead],
    reserve: reserve + 0,
    auto: term === "auto",
    p5,
    covers: reserve >= -p5,
  };
}

/** "The holder's risk reserve, £150,000, covers its bad year (a 5th-percentile margin of −£120,000)". */
export function describeReserve(r: ReserveCheck, money: (x: number) => string): string {
  return `${r.holder}'s risk reserve${r.auto ? " (sized from its bad year)" : ""}, ${money(r.reserve)}, ${r.covers ? "covers" : "does not cover"} its bad year (a 5th-percentile margin of ${money(r.p5)})`;
}
