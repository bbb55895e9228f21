/**
 * The payment-model comparison (DESIGN.md, "The question the comparison answers"): for one pathway and
 * cohort, what the commissioner pays and the provider earns under each model, how that moves when activity
 * is 10% lower or higher, and who gains when care moves out of hospital. Every payment is computed by the
 * contract's own rules (formulas.ts), so the panel, the written sheet and the functions agree.
 */
import { invalid } from "./errors";
import { bundleReconciliation, pathwayCost, riskShareSettlement, splitByWeights, type Corridor } from "./formulas";

export type Setting = "hospital" | "community" | "primary" | "other";

export interface Step {
  name: string;
  setting: Setting;
  unitPrice: number;
  unitCost: number;
  volume: number;
  takeUp: number;
}

export interface ComparisonInputs {
  steps: Step[];
  cohort: number;
  mff: number;
  /** Block contract value; null: the activity-based payment at the pathway's current activity. */
  blockValue: number | null;
  /** Blended: share of unit prices paid for activity; the fixed element makes the baseline pay in full. */
  blendedVariableRate: number;
  /** Bundle price per patient; null: the activity-based price per patient. */
  bundlePrice: number | null;
  stopGain: number;
  stopLoss: number;
  /** Capitation: £ per patient a year; null: the activity-based payment per patient. */
  capitationRate: number | null;
  corridor: Corridor;
  /** Gain share: the providers' share of the saving against the budget (the rest stays with the commissioner). */
  gainShareRate: number;
  /** Share of hospital activity avoided in the care-shift scenario. */
  shiftShare: number;
  /** How much community activity rises to replace it, as a share of current community activity. */
  shiftCommunityUplift: number;
}

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

/** What one model pays for one state of activity. */
export interface Outcome {
  payment: number;
  cost: number;
  margin: number;
}

export interface ModelResult {
  id: ModelId;
  name: string;
  base: Outcome;
  lower: Outcome; // activity −10%
  higher: Outcome; // activity +10%
  shifted: Outcome; // care moved out of hospital
  /** Change in provider margin and in system cost (what the commissioner pays) when care shifts. */
  shiftMarginChange: number;
  shiftSystemChange: number;
  reading: string;
}

export interface Comparison {
  activityValue: number;
  cost: number;
  shiftedActivityValue: number;
  shiftedCost: number;
  models: ModelResult[];
  /** Each setting's share of a gain-share saving (weights: each setting's share of pathway cost). */
  partnerSplit: { setting: Setting; weight: number; share: number }[];
}

/** Activity state: every volume × `scale`, hospital volumes × (1 − shift), community × (1 + uplift). */
export interface Activity {
  scale: number;
  shift: number;
  uplift: number;
}

/** The pathway's activity as it stands: the state contracts are set on. */
export const CURRENT_ACTIVITY: Activity = { scale: 1, shift: 0, uplift: 0 };

function volumeFactor(s: Step, a: Activity): number {
  const setting = s.setting === "hospital" ? 1 - a.shift : s.setting === "community" ? 1 + a.uplift : 1;
  return a.scale * setting;
}

/** The pathway's steps as PATHWAY_COST's ranges, with each volume changed for the activity state. */
function columns(inp: ComparisonInputs, a: Activity, unit: (s: Step) => number): [number[][], number[][], number[][]] {
  return [inp.steps.map((s) => [unit(s)]), inp.steps.map((s) => [s.volume * volumeFactor(s, a)]), inp.steps.map((s) => [s.takeUp])];
}

/** What activity-based payment pays: PATHWAY_COST at unit prices, for the cohort, with the MFF. */
export function activityPayment(inp: ComparisonInputs, a: Activity): number {
  return pathwayCost(...columns(inp, a, (s) => s.unitPrice), inp.cohort, inp.mff);
}

/** What the care costs the provider: PATHWAY_COST at unit costs, for the cohort (no MFF). */
export function providerCost(inp: ComparisonInputs, a: Activity): number {
  return pathwayCost(...columns(inp, a, (s) => s.unitCost), inp.cohort);
}

function outcome(payment: number, cost: number): Outcome {
  return { payment, cost, margin: payment - cost };
}

/**
 * What one model pays, as a function of the activity value (at prices, with the MFF) and the provider's cost
 * of the activity actually delivered, for a contract set on the baseline activity value. The one place each
 * model's payment rule lives: the comparison's scenarios and every trial of the risk simulation use it (the
 * simulation makes each model's function once and calls it per trial).
 */
export function settler(id: ModelId, inp: ComparisonInputs, baseValue: number): (value: number, cost: number) => number {
  switch (id) {
    case "activity":
      return (value) => value;
    case "block": {
      const contract = inp.blockValue ?? baseValue;
      return () => contract;
    }
    case "blended": {
      // BLENDED_PAYMENT: fixed + rate × activity value; the fixed element pays the baseline in full.
      const rate = inp.blendedVariableRate;
      const fixed = (1 - rate) * baseValue;
      return (value) => fixed + rate * value;
    }
    case "bundle": {
      const price = inp.bundlePrice ?? baseValue / inp.cohort;
      // Paid actual cost, reconciled to the bundle target within stop-gain and stop-loss (BUNDLE_RECONCILE).
      return (_value, cost) => cost + bundleReconciliation(price, inp.cohort, cost, 0, inp.stopGain, inp.stopLoss);
    }
    case "capitation": {
      const budget = capitationBudget(inp, baseValue);
      return () => budget;
    }
    case "riskshare": {
      const budget = capitationBudget(inp, baseValue);
      return (_value, cost) => budget + riskShareSettlement(cost, budget, inp.corridor, null);
    }
    case "gainshare": {
      // Budget = baseline activity value; providers keep their share of any saving (or bear it of a loss).
      const rate = inp.gainShareRate;
      return (_value, cost) => cost + rate * (baseValue - cost);
    }
  }
}

/** One model's payment for an activity state, given the baseline activity value. */
function pay(id: ModelId, inp: ComparisonInputs, a: Activity, baseValue: number): Outcome {
  const cost = providerCost(inp, a);
  return outcome(settler(id, inp, baseValue)(activityPayment(inp, a), cost), cost);
}

export function capitationBudget(inp: ComparisonInputs, baseValue: number): number {
  return inp.capitationRate === null ? baseValue : inp.capitationRate * inp.cohort;
}

/** Whole pounds with a true minus sign, for reading lines. */
export const gbp = (x: number): string => `${x < 0 ? "−" : ""}£${Math.round(Math.abs(x)).toLocaleString("en-GB")}`;

function reading(r: Omit<ModelResult, "reading">): string {
  const up = r.higher.margin - r.base.margin;
  const risk =
    Math.abs(up) < 1e-6 * Math.max(1, Math.abs(r.base.payment))
      ? "the commissioner carries the volume risk"
      : r.higher.payment === r.base.payment
        ? "the provider carries the volume risk"
        : "volume risk is shared";
  const shift =
    r.shiftMarginChange > 0
      ? `moving care out of hospital raises the provider's margin by ${gbp(r.shiftMarginChange)}`
      : r.shiftMarginChange < 0
        ? `moving care out of hospital costs the provider ${gbp(-r.shiftMarginChange)}`
        : "moving care out of hospital leaves the provider's margin unchanged";
  const system =
    r.shiftSystemChange < 0
      ? `saves the commissioner ${gbp(-r.shiftSystemChange)}`
      : r.shiftSystemChange > 0
        ? `costs the commissioner ${gbp(r.shiftSystemChange)} more`
        : "does not change what the commissioner pays";
  return `${r.name}: ${risk}; ${shift} and ${system}.`;
}

export function validateInputs(inp: ComparisonInputs): void {
  if (inp.steps.length === 0) throw invalid("pathway: expected at least one step");
  if (!(inp.cohort > 0)) throw invalid(`cohort: expected a number greater than 0, got ${inp.cohort}`);
}

export function comparePaymentModels(inp: ComparisonInputs): Comparison {
  validateInputs(inp);
  const base = CURRENT_ACTIVITY;
  const shifted: Activity = { scale: 1, shift: inp.shiftShare, uplift: inp.shiftCommunityUplift };
  const baseValue = activityPayment(inp, base);
  const baseCost = providerCost(inp, base);
  const models = MODEL_IDS.map((id) => {
    const r = {
      id,
      name: MODEL_NAMES[id],
      base: pay(id, inp, base, baseValue),
      lower: pay(id, inp, { ...base, scale: 0.9 }, baseValue),
      higher: pay(id, inp, { ...base, scale: 1.1 }, baseValue),
      shifted: pay(id, inp, shifted, baseValue),
    };
    const full = { ...r, shiftMarginChange: r.shifted.margin - r.base.margin, shiftSystemChange: r.shifted.payment - r.base.payment };
    return { ...full, reading: reading(full) };
  });
  const settings: Setting[] = ["hospital", "community", "primary", "other"];
  const weights = settings.map((st) => inp.steps.filter((s) => s.setting === st).reduce((t, s) => t + s.unitCost * s.volume * s.takeUp, 0));
  const saving = inp.gainShareRate * (baseValue - baseCost);
  const shares = weights.some((w) => w > 0) ? splitByWeights(saving, weights, weights.length, "weights") : weights.map(() => 0);
  return {
    activityValue: baseValue,
    cost: baseCost,
    shiftedActivityValue: activityPayment(inp, shifted),
    shiftedCost: providerCost(inp, shifted),
    models,
    partnerSplit: settings.map((setting, i) => ({ setting, weight: weights[i], share: shares[i] })).filter((p) => p.weight > 0),
  };
}

export const DEFAULT_TERMS: Omit<ComparisonInputs, "steps" | "cohort"> = {
  mff: 1,
  blockValue: null,
  blendedVariableRate: 0.5,
  bundlePrice: null,
  stopGain: 0.1,
  stopLoss: 0.1,
  capitationRate: null,
  corridor: { thresholds: [0, 0.03, 0.08], overShares: [0, 0.5, 0.8], underShares: [0, 0.5, 0.8] },
  gainShareRate: 0.5,
  shiftShare: 0.2,
  shiftCommunityUplift: 0.2,
};
