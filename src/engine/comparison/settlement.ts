/**
 * Each payment model's contracts, organisation by organisation (docs/design.md, "Contracts per organisation"): the
 * one place each model's rule lives. The comparison's states, every trial of the risk simulation and the
 * command line all settle through `settlement`; the written sheet's formulas are the same rules in Excel's
 * terms (plan.ts), tested equal.
 *
 * Given each organisation's activity value (unit prices × MFF) and cost in a state of activity, a model's
 * settlement fills each organisation's income and returns what the commissioner pays. Always:
 * Σ organisations' income = what the commissioner pays.
 */
import { invalid } from "../rules/errors";
import { capitation, riskShareSettler, splitByWeights, type Corridor } from "../rules/formulas";
import { findOrganisation, sum } from "./organisations";
import { qualityEarned, withQuality } from "./paired/quality";
import { blendedIncome } from "./paired/blended";
import { blockShare } from "./paired/block";
import { bundlePayment, riskSharePayment } from "./paired/held";
import { gainShareIncome, sharedSaving } from "./paired/gain-share";
import { partnersFor, vatLoss, type PartnerTerms } from "../holder/partners";

export const MODEL_IDS = ["activity", "block", "blended", "bundle", "capitation", "riskshare", "gainshare"] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const MODEL_NAMES: Record<ModelId, string> = {
  activity: "Activity-based (PbR)",
  block: "Block contract",
  blended: "Blended payment",
  bundle: "Pathway bundle",
  capitation: "Capitated budget",
  riskshare: "Capitation + risk share",
  gainshare: "Gain share",
};

/** Who holds a bundle or a capitated budget: a lead provider subcontracting the others, or an alliance. */
export type Holder = "lead" | "alliance";

export interface ContractTerms {
  cohort: number;
  /** Block contract value; null: each organisation's baseline activity value. */
  blockValue: number | null;
  /** Blended: share of unit prices paid for activity above the baseline (and below it, unless blendedRateBelow). */
  blendedVariableRate: number;
  /** Blended: share of unit prices deducted for activity below the baseline; null: blendedVariableRate. */
  blendedRateBelow: number | null;
  /** Bundle price per patient; null: the baseline activity value per patient. */
  bundlePrice: number | null;
  stopGain: number;
  stopLoss: number;
  /** Capitation: £ per patient a year; null: the baseline activity value per patient. */
  capitationRate: number | null;
  corridor: Corridor;
  /** Gain share: the providers' share of the saving against the budget (the rest stays with the commissioner). */
  gainShareRate: number;
  holder: Holder;
  /** The lead provider (an organisation's name); null: the one with the largest baseline value. */
  leadProvider: string | null;
  /** Alliance and gain-share partners' weights by organisation; null (or an organisation left out): baseline cost. */
  partnerWeights: Record<string, number> | null;
  /**
   * Year of care: the capitated budget over complexity tiers (patients per tier × tier weight × a base price
   * per weighted patient, as PAY.CAPITATION), instead of one rate per patient; null: one rate per patient.
   */
  capitationTiers: { counts: number[]; weights: number[] } | null;
  /** Quality element (CQUIN-style): the share of each organisation's payment held back, 0..1 (0: none). */
  qualityShare: number;
  /** The achievement on which the held-back share is earned, 0..1. */
  qualityAchievement: number;
  /**
   * A lead provider's partners by name (holder/partners.ts): how each is subcontracted and the VAT it cannot
   * recover once subcontracted; absent or null: every partner at unit prices, no VAT lost.
   */
  partners?: Record<string, PartnerTerms> | null;
}

/** A contract as settled: its terms and the baseline (today's activity) they were set on. */
export interface Contract {
  terms: ContractTerms;
  orgs: readonly string[];
  /** Each organisation's baseline activity value and cost. */
  baseValue: Float64Array;
  baseCost: Float64Array;
  totalValue: number;
  totalCost: number;
  /**
   * Each organisation's baseline at today's payment: its activity value with the premium (or discount) of the
   * contracts as signed (signed.ts paidBaseline); the activity value itself without a contracts table. Every
   * term left "at today's value" starts from it: the block, the bundle price, the capitated budget, the gain
   * share's budget and the blended payment's fixed part.
   */
  paid: Float64Array;
  totalPaid: number;
  /** Index of the lead provider in `orgs`. */
  lead: number;
  /** Alliance and gain-share parts, adding to 1 (GAIN_SHARE's split of 1 by the partner weights). */
  parts: Float64Array;
  /** Each organisation's subcontract terms (the lead's own are not used). */
  partners: PartnerTerms[];
  /** The share each organisation's cost rises by in VAT it cannot recover under a lead provider's bundle or budget (0: none). */
  vat: Float64Array;
}

/**
 * Typed partner weights in the order of `orgs`: names matched as everywhere (TRIM, any case); an organisation
 * not named weighs 0 (`unnamed` lists them, for the output to say so). Null when no weights are typed (every
 * partner is then weighted by its baseline cost). A name that is no organisation, a weight below 0, or every
 * weight 0 is an error naming it.
 */
export function partnerWeightsFor(typed: Record<string, number> | null, orgs: readonly string[]): { weights: number[]; unnamed: string[] } | null {
  if (typed === null) return null;
  const weights = orgs.map(() => 0);
  const named = orgs.map(() => false);
  for (const [name, w] of Object.entries(typed)) {
    const o = findOrganisation(orgs, name);
    if (o < 0) throw invalid(`partner weights: '${name}' is not an organisation of the pathway (${orgs.map((x) => `'${x}'`).join(", ")})`);
    if (!(w >= 0 && Number.isFinite(w))) throw invalid(`partner weight of '${orgs[o]}': expected a number of at least 0, got ${w}`);
    weights[o] = w;
    named[o] = true;
  }
  if (!weights.some((w) => w > 0)) throw invalid("partner weights: every weight is 0; give at least one partner a weight above 0");
  return { weights, unnamed: orgs.filter((_, o) => !named[o]) };
}

export function makeContract(
  terms: ContractTerms,
  orgs: readonly string[],
  baseValue: Float64Array,
  baseCost: Float64Array,
  paid: Float64Array = baseValue,
): Contract {
  const totalValue = sum(baseValue);
  const totalPaid = paid === baseValue ? totalValue : sum(paid);
  const totalCost = sum(baseCost);
  let lead = 0;
  if (terms.leadProvider !== null) {
    lead = findOrganisation(orgs, terms.leadProvider);
    if (lead < 0)
      throw invalid(`lead provider: '${terms.leadProvider}' is not an organisation of the pathway (${orgs.map((o) => `'${o}'`).join(", ")})`);
  } else {
    for (let o = 1; o < orgs.length; o++) if (baseValue[o] > baseValue[lead]) lead = o;
  }
  const typed = partnerWeightsFor(terms.partnerWeights, orgs);
  const weights: ArrayLike<number> = typed ? typed.weights : baseCost;
  let some = false;
  for (let o = 0; o < weights.length && !some; o++) some = weights[o] > 0;
  // Baseline costs all 0 (no typed weights): equal parts; typed weights all 0 were refused above.
  const parts = some
    ? Float64Array.from(splitByWeights(1, weights, weights.length, "partner weights"))
    : new Float64Array(orgs.length).fill(1 / orgs.length);
  const partners = partnersFor(terms.partners, orgs);
  const vat = terms.holder === "alliance" ? new Float64Array(orgs.length) : vatLoss(partners, lead);
  return { terms, orgs, baseValue, baseCost, totalValue, totalCost, paid, totalPaid, lead, parts, partners, vat };
}

/**
 * One model's settlement over a run of trials (or states): from each organisation's activity value and cost
 * in trial t (`value[o][t]`, `cost[o][t]`), fills each organisation's income (`income[o][t]`) and what the
 * commissioner pays (`payment[t]` = Σ income) for t from 0 to n − 1. The comparison settles its four states
 * as runs of one; the simulation settles its trials a block at a time, each model's loops on their own.
 */
export type Settle = (
  value: readonly Float64Array[],
  cost: readonly Float64Array[],
  income: Float64Array[],
  payment: Float64Array,
  n: number,
  /** Where given: each organisation's quality payment (CQUIN earned), part of its income. */
  quality?: Float64Array[],
) => void;

/**
 * The capitated budget. One rate per patient: rate × cohort. Year-of-care tiers: PAY.CAPITATION over the tiers
 * at the rate per weighted patient. Without a rate, today's payment (budget-neutral today): the baseline activity
 * value, or the contracts as signed where a contracts table gives them.
 */
export function capitationBudget(c: Contract): number {
  const { capitationRate: rate, capitationTiers: tiers, cohort } = c.terms;
  if (rate === null) return c.totalPaid;
  if (tiers === null) return rate * cohort;
  return capitation(
    tiers.counts.map((x) => [x]),
    tiers.weights.map((x) => [x]),
    rate,
  );
}

/** The bundle price per patient: the given price, or today's payment per patient. */
export function bundlePrice(c: Contract): number {
  return c.terms.bundlePrice ?? c.totalPaid / c.terms.cohort;
}

/**
 * A model's settlement with the quality element: the model's contract pays each organisation (contractIncome),
 * a share of that is held back and earned on achievement as CQUIN_PAYMENT does, and the commissioner pays
 * what the organisations then receive. With no share held back, the contract's payment as it is.
 */
export function settlement(id: ModelId, c: Contract): Settle {
  const contract = contractSettlement(id, c);
  const q = c.terms.qualityShare;
  const a = c.terms.qualityAchievement;
  if (q === 0) {
    return (value, cost, income, payment, n, quality) => {
      contract(value, cost, income, payment, n);
      if (quality) for (const x of quality) x.fill(0, 0, n);
    };
  }
  const k = c.orgs.length;
  return (value, cost, income, payment, n, quality) => {
    contract(value, cost, income, payment, n);
    for (let t = 0; t < n; t++) {
      let p = 0;
      for (let o = 0; o < k; o++) {
        // Held back from what the organisation is paid (a lead provider paying out more than it receives
        // has nothing held back), and earned on achievement as CQUIN_PAYMENT does.
        const gross = income[o][t];
        const earned = qualityEarned(gross, q, a);
        if (quality) quality[o][t] = earned;
        p += income[o][t] = withQuality(gross, q, earned);
      }
      payment[t] = p;
    }
  };
}

/**
 * The organisations a model pays exactly their activity value, whatever the trial: every one under payment by
 * activity, and a lead provider's subcontractors (paid at unit prices) under a bundle or a capitated budget; none
 * where a quality element is held back. Stated beside the rules above, and tested against them: their margins
 * are then the same under each such model, so the simulation works out their figures once.
 */
export function paysActivityValue(id: ModelId, c: Contract): boolean[] {
  const all = c.terms.qualityShare === 0 && id === "activity";
  const subcontracted = c.terms.qualityShare === 0 && c.terms.holder === "lead" && (id === "bundle" || id === "capitation" || id === "riskshare");
  // A partner subcontracted otherwise than at unit prices, or losing VAT, has margins of its own under the holder.
  return c.orgs.map((_, o) => all || (subcontracted && o !== c.lead && c.partners[o].basis.kind === "tariff" && c.vat[o] === 0));
}

/**
 * Two scratch columns of trials, grown as needed and shared by every settlement (a settlement never runs inside
 * another, and the comparison settles millions of runs of one, where allocating them each time would cost more
 * than the settling): the loops below run organisation by organisation down a column, not trial by trial.
 */
let scratch: [Float64Array, Float64Array] = [new Float64Array(1), new Float64Array(1)];
function columns(n: number): [Float64Array, Float64Array] {
  if (scratch[0].length < n) scratch = [new Float64Array(n), new Float64Array(n)];
  return scratch;
}

/** into[t] = Σ over o (in order, but `skip`) of xs[o][t], for t < n: 0 + the first, + the next, … */
function addUp(into: Float64Array, xs: readonly Float64Array[], n: number, skip = -1): void {
  let first = true;
  for (let o = 0; o < xs.length; o++) {
    if (o === skip) continue;
    const x = xs[o];
    if (first) for (let t = 0; t < n; t++) into[t] = 0 + x[t];
    else for (let t = 0; t < n; t++) into[t] += x[t];
    first = false;
  }
  if (first) into.fill(0, 0, n);
}

/**
 * into[t] = x[t] for t < n: a native copy where x is exactly the run (the simulation's blocks of trials), a loop
 * otherwise (the comparison settles runs of one, where making a view to copy would cost more than the copy).
 */
function copy(x: Float64Array, into: Float64Array, n: number): void {
  if (x.length === n && n > 16) into.set(x);
  else for (let t = 0; t < n; t++) into[t] = x[t];
}

/** What each model's contract pays each organisation, before the quality element. */
function contractSettlement(id: ModelId, c: Contract): Settle {
  const k = c.orgs.length;
  const { terms, baseValue, paid, totalPaid, lead, parts, partners } = c;
  const alliance = terms.holder === "alliance";
  const atUnitPrices = partners.every((p, o) => o === lead || p.basis.kind === "tariff");
  /** What a lead provider pays partner o (holder/partners.ts): its value, its cost (plus a margin), or today's payment fixed. */
  const subcontract = (o: number, v: Float64Array, cst: Float64Array, into: Float64Array, n: number): void => {
    const b = partners[o].basis;
    if (b.kind === "tariff") copy(v, into, n);
    else if (b.kind === "block") into.fill(paid[o], 0, n);
    else for (let t = 0; t < n; t++) into[t] = cst[t] * (1 + b.markup);
  };
  /**
   * A bundle or budget: `pay(holderCost, payment, n)` fills what the commissioner pays on the holder's cost in
   * each trial (the lead's own cost and its subcontracts at unit prices, or the alliance's costs); the payment
   * is then passed on — subcontracts at unit prices and the rest to the lead, or each partner its cost and its
   * share of the surplus.
   */
  const held =
    (pay: (holderCost: Float64Array, payment: Float64Array, n: number) => void): Settle =>
    (value, cost, income, payment, n) => {
      const [costs, others] = columns(n);
      if (alliance) {
        addUp(costs, cost, n);
        pay(costs, payment, n);
        for (let o = 0; o < k; o++) {
          const x = income[o];
          const c = cost[o];
          const part = parts[o];
          for (let t = 0; t < n; t++) x[t] = c[t] + (payment[t] - costs[t]) * part;
        }
        return;
      }
      // Each partner's subcontract (at unit prices unless its terms say otherwise), the holder's cost with them.
      if (atUnitPrices) addUp(others, value, n, lead);
      else {
        for (let o = 0; o < k; o++) if (o !== lead) subcontract(o, value[o], cost[o], income[o], n);
        addUp(others, income, n, lead);
      }
      const own = cost[lead];
      for (let t = 0; t < n; t++) costs[t] = own[t] + others[t];
      pay(costs, payment, n);
      if (atUnitPrices) for (let o = 0; o < k; o++) if (o !== lead) copy(value[o], income[o], n);
      const x = income[lead];
      for (let t = 0; t < n; t++) x[t] = payment[t] - others[t];
    };
  switch (id) {
    case "activity":
      return (value, _cost, income, payment, n) => {
        for (let o = 0; o < k; o++) copy(value[o], income[o], n);
        addUp(payment, value, n);
      };
    case "block": {
      // A given block value is split pro rata to today's payment; by default each is paid what it is paid today.
      const block = terms.blockValue ?? totalPaid;
      const each = new Float64Array(k);
      for (let o = 0; o < k; o++) each[o] = blockShare(block, paid[o], totalPaid, k);
      return (_value, _cost, income, payment, n) => {
        for (let o = 0; o < k; o++) income[o].fill(each[o], 0, n);
        payment.fill(block, 0, n);
      };
    }
    case "blended": {
      // MARGINAL_RATE per organisation: its baseline value, plus the rate above of its activity value above
      // the baseline, less the rate below of its shortfall below it. With one rate both ways this is
      // BLENDED_PAYMENT's (1 − rate) × baseline + rate × activity value. The fixed part is today's payment: with
      // contracts signed above (or below) tariff, their premium is added (0 without a contracts table).
      const above = terms.blendedVariableRate;
      const below = terms.blendedRateBelow ?? above;
      return (value, _cost, income, payment, n) => {
        for (let o = 0; o < k; o++) {
          const x = income[o];
          const v = value[o];
          const base = baseValue[o];
          const today = paid[o];
          for (let t = 0; t < n; t++) x[t] = blendedIncome(v[t], base, above, below, today);
        }
        addUp(payment, income, n);
      };
    }
    case "bundle": {
      // BUNDLE_RECONCILE: the holder is paid its cost, reconciled to the target within stop-gain and stop-loss.
      const price = bundlePrice(c);
      const { cohort, stopGain, stopLoss } = terms;
      return held((h, payment, n) => {
        for (let t = 0; t < n; t++) payment[t] = bundlePayment(h[t], price, cohort, stopGain, stopLoss);
      });
    }
    case "capitation": {
      const budget = capitationBudget(c);
      return held((_h, payment, n) => payment.fill(budget, 0, n));
    }
    case "riskshare": {
      // The budget and RISK_SHARE's settlement on the holder's cost against it.
      const budget = capitationBudget(c);
      const settle = riskShareSettler(budget, terms.corridor, null);
      return held((h, payment, n) => {
        for (let t = 0; t < n; t++) payment[t] = riskSharePayment(budget, settle(h[t]));
      });
    }
    case "gainshare": {
      // Budget = today's payment; the providers' share of the saving against it (or of a loss) is
      // split among the partners by weight (GAIN_SHARE); each partner is also paid its cost.
      const rate = terms.gainShareRate;
      return (_value, cost, income, payment, n) => {
        const [costs, shared] = columns(n);
        addUp(costs, cost, n);
        for (let t = 0; t < n; t++) shared[t] = sharedSaving(rate, totalPaid, costs[t]);
        for (let o = 0; o < k; o++) {
          const x = income[o];
          const c = cost[o];
          const part = parts[o];
          for (let t = 0; t < n; t++) x[t] = gainShareIncome(c[t], shared[t], part);
        }
        for (let t = 0; t < n; t++) payment[t] = costs[t] + shared[t];
      };
    }
  }
}
