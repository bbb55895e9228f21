/**
 * The payment-model comparison (docs/design.md, "The question the comparison answers"): for one pathway and
 * cohort, what the commissioner pays and what each organisation earns, spends and keeps under each model,
 * how that moves when activity is 10% lower or higher, and who gains and who loses when care moves out of
 * hospital. Each organisation's value and cost come from organisations.ts (PATHWAY_COST with cost
 * behaviour); each model's incomes from settlement.ts, the one place its rule lives.
 */
import { withVat } from "../holder/vat";
import { invalid } from "../rules/errors";
import {
  CURRENT_ACTIVITY,
  DEFAULT_VARIABLE_SHARES,
  checkVariableShares,
  organisationState,
  organisationsOf,
  sum,
  type Activity,
  type OrganisationState,
  type Step,
  type VariableShares,
} from "./organisations";
import {
  incomeToday,
  paymentTodayOf,
  paymentTodaySource,
  pointOfDeliveryOf,
  type PaymentToday,
  type PointOfDelivery,
  type TodaysRule,
  wordList,
} from "./today";
import { modelHolder, type HolderAmount, type HolderFigures } from "../holder/economics";
import { paidBaseline, reconcile, type ReconciliationRow, type SignedContract } from "./signed";
import { MODEL_IDS, MODEL_NAMES, makeContract, partnerWeightsFor, settlement, type Contract, type ContractTerms, type ModelId } from "./settlement";

import { STATE_IDS, STATE_NAMES, type OrgFigures, type StateFigures, type StateId } from "./states";

export { CURRENT_ACTIVITY, MODEL_IDS, MODEL_NAMES, STATE_IDS, STATE_NAMES };
export type { OrgFigures, StateFigures, StateId };
export type { Activity, ModelId, Step };
export type { Setting } from "./organisations";

export interface ComparisonInputs extends ContractTerms {
  steps: Step[];
  mff: number;
  /** Variable-cost share by setting, for steps whose row gives none. */
  variableShares: VariableShares;
  /** Share of hospital activity avoided in the care-shift scenario. */
  shiftShare: number;
  /** How much community activity rises to replace it, as a share of current community activity. */
  shiftCommunityUplift: number;
  /** A named NHS rule (a preset) paying today the points of delivery it covered; null or absent: none. */
  todaysRule?: TodaysRule | null;
  /** The contracts as signed (signed.ts): each replaces the tariff valuation of its fixed steps; null or absent: none. */
  contracts?: SignedContract[] | null;
  /** A single holder's management fee and risk reserve (holder/economics.ts); null or absent: none. */
  managementFee?: HolderAmount | null;
  riskReserve?: HolderAmount | null;
}

export function stateActivity(id: StateId, inp: Pick<ComparisonInputs, "shiftShare" | "shiftCommunityUplift">): Activity {
  switch (id) {
    case "base":
      return CURRENT_ACTIVITY;
    case "lower":
      return { ...CURRENT_ACTIVITY, scale: 0.9 };
    case "higher":
      return { ...CURRENT_ACTIVITY, scale: 1.1 };
    case "shifted":
      return { scale: 1, shift: inp.shiftShare, uplift: inp.shiftCommunityUplift, achieved: 1 };
  }
}

/** Totals in one state: what the commissioner pays, the organisations' cost and their margins together. */
export interface Outcome {
  payment: number;
  cost: number;
  margin: number;
}

export interface SwitchShift {
  switch: number;
  shift: number;
  total: number;
}

export interface VersusToday {
  commissioner: SwitchShift;
  organisations: (SwitchShift & { name: string })[];
  system: SwitchShift;
}

/** Today's contracts: each organisation's income, cost and margin, and what the commissioner pays, per state. */
export interface Baseline {
  name: string;
  states: Record<StateId, StateFigures>;
  /** How each step is paid today: typed in the table, by the named rule for its point of delivery, or the default. */
  /** Each step's point of delivery (null: a hospital step with none typed) and how it is paid today, and from where. */
  steps: { name: string; pointOfDelivery: PointOfDelivery | null; paymentToday: PaymentToday; source: "typed" | "rule" | "default" }[];
  /** The named NHS rule paying today the points of delivery it covered, if any. */
  rule: TodaysRule | null;
  /** When care moves with today's contracts left as they are: as a model's shift (organisations' margins, savings). */
  shift: { organisations: number[]; commissionerSaving: number; systemSaving: number };
  /** Each signed contract against its tariff valuation (signed.ts); empty without a contracts table. */
  reconciliation: ReconciliationRow[];
}

export interface ModelResult {
  id: ModelId;
  name: string;
  /** Totals per state (payment = the commissioner's; cost and margin summed over the organisations). */
  base: Outcome;
  lower: Outcome;
  higher: Outcome;
  shifted: Outcome;
  /** Each organisation's income, cost and margin, and the commissioner's payment, per state. */
  states: Record<StateId, StateFigures>;
  /** When care moves out of hospital: each organisation's change in margin, the commissioner's saving, the system's. */
  /**
   * When care moves out of hospital: each organisation's change in margin; the commissioner's saving (positive:
   * it pays less); systemSaving = commissionerSaving + Σ organisations (positive: the system saves), which is
   * the transition's year 1 at the whole shift; systemChange = the change in the real cost of the care
   * (negative when the system saves), so systemSaving = −systemChange.
   */
  shift: { organisations: number[]; commissionerSaving: number; systemSaving: number; systemChange: number };
  /**
   * Against today's contracts (today.ts): switch = this model at today's activity − today's contracts; shift =
   * this model after the care shift − at today's activity; total = switch + shift. Each organisation's figures
   * are changes in margin; the commissioner's are savings (positive: it pays less); the system's switch is 0.
   */
  versusToday: VersusToday;
  /** Change in the organisations' total margin and in what the commissioner pays when care shifts. */
  shiftMarginChange: number;
  shiftSystemChange: number;
  reading: string;
  /**
   * Under a bundle or a capitated budget, the holder's economics (holder/economics.ts) at today's activity and
   * after the care shift; null under every other model.
   */
  holder: (HolderFigures & { shifted: Pick<HolderFigures, "budget" | "margin" | "fee" | "reserve" | "freeMargin" | "vat"> }) | null;
}

export interface OrganisationBaseline {
  name: string;
  value: number;
  cost: number;
  shiftedValue: number;
  shiftedCost: number;
  /** Cost that stays when its activity falls in the care shift: shifted cost − the cost were all of it variable. */
  strandedOnShift: number;
  /** Its share of the alliance's and gain share's surplus or deficit. */
  part: number;
}

export interface Comparison {
  organisations: string[];
  byOrganisation: OrganisationBaseline[];
  /** The lead provider (holder "lead") of the bundle and capitation models. */
  lead: string;
  holder: ContractTerms["holder"];
  activityValue: number;
  cost: number;
  shiftedActivityValue: number;
  shiftedCost: number;
  models: ModelResult[];
  /** Today's contracts, the baseline every model is measured against (versusToday). */
  baseline: Baseline;
  /** What the figures rest on that a reader should know (e.g. partners not named in the weights weigh 0). */
  notes: string[];
  /** A single holder's fee and reserve as typed (holder/economics.ts), for a simulated bad year to size an `auto` reserve. */
  holderTerms: { managementFee: HolderAmount | null; riskReserve: HolderAmount | null };
}

export function validateInputs(inp: ComparisonInputs): void {
  if (inp.steps.length === 0) throw invalid("pathway: expected at least one step");
  if (!(inp.cohort > 0)) throw invalid(`cohort: expected a number greater than 0, got ${inp.cohort}`);
  checkVariableShares(inp.variableShares);
}

/** The contract every model settles on: the terms and each organisation's baseline value and cost. */
export function contractFor(inp: ComparisonInputs): Contract {
  validateInputs(inp);
  const orgs = organisationsOf(inp.steps);
  const base = organisationState(inp.steps, orgs, inp, CURRENT_ACTIVITY);
  return makeContract(inp, orgs, base.value, base.cost, paidBaseline(inp.steps, orgs, inp, CURRENT_ACTIVITY, base.value, signedFactors(inp, orgs)));
}

/** Each step's factor on its fixed payment from the contracts as signed (signed.ts); null without a contracts table. */
export function signedFactors(inp: ComparisonInputs, orgs: readonly string[]): number[] | null {
  return inp.contracts && inp.contracts.length > 0 ? reconcile(inp.steps, orgs, inp, inp.todaysRule ?? null, inp.contracts).factors : null;
}

/** Whole pounds with a true minus sign, for reading lines. */
/** Pounds as a board paper prints them, to the pound with a true minus sign; an amount that rounds to 0 is £0, never −£0. */
export const gbp = (x: number): string => {
  const pounds = Math.round(x);
  return `${pounds < 0 ? "−" : ""}£${Math.abs(pounds).toLocaleString("en-GB")}`;
};

function totals(s: StateFigures): Outcome {
  const cost = s.organisations.reduce((t, o) => t + o.cost, 0);
  return { payment: s.commissioner, cost, margin: s.commissioner - cost };
}

/** Who carries the volume risk, from how payment and margins move when activity is 10% higher. */
function volumeRisk(r: Pick<ModelResult, "base" | "higher">): string {
  const up = r.higher.margin - r.base.margin;
  if (Math.abs(up) < 1e-6 * Math.max(1, Math.abs(r.base.payment))) return "the commissioner carries the volume risk";
  return Math.abs(r.higher.payment - r.base.payment) < 1e-9 * Math.max(1, Math.abs(r.base.payment))
    ? "the providers carry the volume risk"
    : "volume risk is shared";
}

const why: Record<ModelId, (lead: string, holder: ContractTerms["holder"]) => string> = {
  activity: () => "paid by activity, a provider loses the price of each avoided unit but saves only its variable cost",
  block: () => "block income does not move with activity",
  blended: () => "the fixed element holds while the variable element follows activity",
  bundle: (lead, h) =>
    h === "lead"
      ? `${lead} holds the bundle and pays the others for their steps at unit prices`
      : "the alliance holds the bundle and shares its result by weight",
  capitation: (lead, h) =>
    h === "lead"
      ? `${lead} holds the budget and pays the others for their steps at unit prices`
      : "the alliance holds the budget and shares its surplus by weight",
  riskshare: (lead, h) =>
    h === "lead"
      ? `${lead} holds the budget, subcontracts at unit prices and shares a large variance with the commissioner`
      : "the alliance holds the budget and shares its result by weight",
  gainshare: () => "every partner is paid its cost plus its share of the saving against the budget",
};

/** A reading line that names organisations: who loses income, how much of it they save in cost, and why. */
function reading(
  r: Omit<ModelResult, "reading" | "holder">,
  orgs: readonly OrganisationBaseline[],
  lead: string,
  holder: ContractTerms["holder"],
): string {
  const base = r.states.base.organisations;
  const after = r.states.shifted.organisations;
  const signed = (x: number): string => `${x >= 0 ? "+" : ""}${gbp(x)}`;
  // Organisations whose position moves, each with its change of income and cost; fixed cost left behind is
  // named where the income falls with the activity (the trap activity payment sets for a hospital).
  const phrases = orgs.flatMap((org, o) => {
    const dIncome = after[o].income - base[o].income;
    const dCost = after[o].cost - base[o].cost;
    const dMargin = r.shift.organisations[o];
    if (Math.abs(dMargin) <= 0.5 && Math.abs(dIncome) <= 0.5 && Math.abs(dCost) <= 0.5) return [];
    const margin = dMargin > 0.5 ? `gains ${gbp(dMargin)}` : dMargin < -0.5 ? `loses ${gbp(-dMargin)}` : "breaks even";
    const stranded = dIncome < -0.5 && org.strandedOnShift > 0.5 ? `: ${gbp(org.strandedOnShift)} of fixed cost stranded` : "";
    return [`${org.name} ${margin} (income ${signed(dIncome)}, cost ${signed(dCost)}${stranded})`];
  });
  if (phrases.length === 0) phrases.push("no organisation's position changes");
  const c = r.shift.commissionerSaving;
  const commissioner =
    c > 0.5 ? `the commissioner saves ${gbp(c)}` : c < -0.5 ? `the commissioner pays ${gbp(-c)} more` : "the commissioner pays the same";
  const s = r.shift.systemChange;
  const system = s < -0.5 ? `the system saves ${gbp(-s)}` : s > 0.5 ? `the system's cost rises by ${gbp(s)}` : "the system's cost is unchanged";
  return `${r.name}: ${volumeRisk(r)}. When care moves out of hospital, ${phrases.join("; ")}; ${commissioner}; ${system} (${why[r.id](lead, holder)}).`;
}

/**
 * One model's figures in some states of activity: each state is a run of one trial of the settlement (the
 * comparison settles all four states; the sensitivity analysis settles the care shift alone).
 */
export function settleStates(
  settle: ReturnType<typeof settlement>,
  orgs: readonly string[],
  state: Partial<Record<StateId, ReturnType<typeof organisationState>>>,
): Partial<Record<StateId, StateFigures>> {
  const out: Partial<Record<StateId, StateFigures>> = {};
  for (const s of STATE_IDS) {
    const st = state[s];
    if (!st) continue;
    const { value, cost } = st;
    const income = orgs.map(() => new Float64Array(1));
    const quality = orgs.map(() => new Float64Array(1));
    const payment = new Float64Array(1);
    settle(
      orgs.map((_, o) => Float64Array.of(value[o])),
      orgs.map((_, o) => Float64Array.of(cost[o])),
      income,
      payment,
      1,
      quality,
    );
    out[s] = {
      commissioner: payment[0],
      organisations: orgs.map((_, o) => ({ income: income[o][0], cost: cost[o], margin: income[o][0] - cost[o], quality: quality[o][0] })),
    };
  }
  return out;
}

export function comparePaymentModels(inp: ComparisonInputs): Comparison {
  const contract = contractFor(inp);
  const orgs = contract.orgs;
  const state = Object.fromEntries(STATE_IDS.map((s) => [s, organisationState(inp.steps, orgs, inp, stateActivity(s, inp))])) as Record<
    StateId,
    ReturnType<typeof organisationState>
  >;
  const lead = orgs[contract.lead];
  // Were every cost variable, the shifted cost would fall with the activity: the difference is stranded.
  const allVariableSteps = inp.steps.map((s) => ({ ...s, variableShare: 1 }));
  const allVariable = organisationState(allVariableSteps, orgs, inp, stateActivity("shifted", inp));
  const byOrganisation = orgs.map((name, o) => ({
    name,
    value: state.base.value[o],
    cost: state.base.cost[o],
    shiftedValue: state.shifted.value[o],
    shiftedCost: state.shifted.cost[o],
    strandedOnShift: Math.max(0, state.shifted.cost[o] - allVariable.cost[o]),
    part: contract.parts[o],
  }));
  const baseline = todaysContracts(inp, orgs, state);
  const models = MODEL_IDS.map((id): ModelResult => {
    // A held model's costs with the VAT its subcontracted partners cannot recover (holder/partners.ts): a real cost.
    const states = settleStates(
      settlement(id, contract),
      orgs,
      Object.fromEntries(STATE_IDS.map((st) => [st, withVat(id, contract, state[st])])),
    ) as Record<StateId, StateFigures>;
    const t = Object.fromEntries(STATE_IDS.map((s) => [s, totals(states[s])])) as Record<StateId, Outcome>;
    const organisations = orgs.map((_, o) => states.shifted.organisations[o].margin - states.base.organisations[o].margin);
    const commissionerSaving = states.base.commissioner - states.shifted.commissioner;
    const shift = {
      organisations,
      commissionerSaving,
      systemSaving: commissionerSaving + sum(organisations),
      systemChange: t.shifted.cost - t.base.cost,
    };
    const r = {
      id,
      name: MODEL_NAMES[id],
      ...t,
      states,
      shift,
      versusToday: versusToday(baseline, states, orgs),
      shiftMarginChange: t.shifted.margin - t.base.margin,
      shiftSystemChange: t.shifted.payment - t.base.payment,
    };
    return { ...r, reading: reading(r, byOrganisation, lead, inp.holder), holder: modelHolder(id, contract, states, state, inp) };
  });
  return {
    organisations: [...orgs],
    byOrganisation,
    lead,
    holder: inp.holder,
    activityValue: contract.totalValue,
    cost: contract.totalCost,
    shiftedActivityValue: sum(state.shifted.value),
    shiftedCost: sum(state.shifted.cost),
    models,
    baseline,
    notes: comparisonNotes(inp, orgs, baseline),
    holderTerms: { managementFee: inp.managementFee ?? null, riskReserve: inp.riskReserve ?? null },
  };
}

/** Today's contracts in every state: each step paid as it is today (today.ts), organisation by organisation. */
function todaysContracts(inp: ComparisonInputs, orgs: readonly string[], state: Record<StateId, OrganisationState>): Baseline {
  const rule = inp.todaysRule ?? null;
  const signed = inp.contracts && inp.contracts.length > 0 ? reconcile(inp.steps, orgs, inp, rule, inp.contracts) : null;
  const states = Object.fromEntries(
    STATE_IDS.map((st) => {
      const income = incomeToday(inp.steps, orgs, inp, stateActivity(st, inp), CURRENT_ACTIVITY, rule, true, signed?.factors ?? null);
      const organisations = orgs.map((_, o) => ({ income: income[o], cost: state[st].cost[o], margin: income[o] - state[st].cost[o], quality: 0 }));
      return [st, { commissioner: sum(income), organisations }];
    }),
  ) as Record<StateId, StateFigures>;
  const steps = inp.steps.map((x) => ({
    name: x.name,
    pointOfDelivery: pointOfDeliveryOf(x),
    paymentToday: paymentTodayOf(x, rule),
    source: paymentTodaySource(x, rule),
  }));
  const organisations = orgs.map((_, o) => states.shifted.organisations[o].margin - states.base.organisations[o].margin);
  const commissionerSaving = states.base.commissioner - states.shifted.commissioner;
  return {
    name: "Today's contracts",
    rule,
    states,
    steps,
    shift: { organisations, commissionerSaving, systemSaving: commissionerSaving + sum(organisations) },
    reconciliation: signed?.reconciliation ?? [],
  };
}

function versusToday(today: Baseline, states: Record<StateId, StateFigures>, orgs: readonly string[]): VersusToday {
  const part = (sw: number, sh: number): SwitchShift => ({ switch: sw, shift: sh, total: sw + sh });
  const organisations = orgs.map((name, o) => ({
    name,
    ...part(
      states.base.organisations[o].margin - today.states.base.organisations[o].margin,
      states.shifted.organisations[o].margin - states.base.organisations[o].margin,
    ),
  }));
  const commissioner = part(today.states.base.commissioner - states.base.commissioner, states.base.commissioner - states.shifted.commissioner);
  // The system: every party together. Payments between them cancel, so its switch is 0: what is left of the
  // sum is the last binary digits of the money handled (each margin is an income less a cost, so it carries
  // the rounding of both), and is shown as the 0 it is (never −0).
  const handled = (f: StateFigures): number => sum(f.organisations.map((x) => Math.abs(x.income) + Math.abs(x.cost)));
  const moved = Math.abs(commissioner.switch) + sum(organisations.map((x) => Math.abs(x.switch)));
  const scale = Math.max(1, moved, handled(today.states.base), handled(states.base));
  const parties = commissioner.switch + sum(organisations.map((x) => x.switch));
  const system = part(Math.abs(parties) <= 1e-9 * scale ? 0 : parties, commissioner.shift + sum(organisations.map((x) => x.shift)));
  return { commissioner, organisations, system };
}

function comparisonNotes(inp: ComparisonInputs, orgs: readonly string[], baseline: Baseline): string[] {
  const typed = partnerWeightsFor(inp.partnerWeights, orgs);
  const notes: string[] = [];
  const defaulted = baseline.steps.filter((x) => x.source === "default").length;
  const ruled = baseline.steps.filter((x) => x.source === "rule").length;
  if (baseline.rule)
    notes.push(
      `Today's contracts: ${baseline.rule.name} pays ${ruled === 1 ? "1 step" : `${ruled} steps`} today (${wordList(baseline.rule.covers)}${ruled === 0 ? ": none in this pathway" : ""}); a payment typed in the table wins.`,
    );
  if (defaulted > 0)
    notes.push(
      `Today's contracts: ${defaulted === baseline.steps.length ? "every step" : `${defaulted} of ${baseline.steps.length} steps`} without a payment today ${defaulted === 1 || defaulted === baseline.steps.length ? "takes" : "take"} the 2025/26 NHS Payment Scheme's default (elective, first outpatient attendances, outpatient procedures and independent-sector activity by activity; everything else fixed).`,
    );
  const noMff = inp.steps.filter((x) => x.setting === "primary" && x.mff === undefined).length;
  if (noMff > 0 && inp.mff !== 1)
    notes.push(
      `MFF: ${noMff === 1 ? "1 primary care step is" : `${noMff} primary care steps are`} priced without the market forces factor of ${inp.mff} (a practice's or PCN's capitation carries none); an MFF column typed for a step applies its own.`,
    );
  const unplaced = baseline.steps.filter((x) => x.pointOfDelivery === null && x.source !== "typed");
  if (unplaced.length > 0)
    notes.push(
      `Today's contracts: ${unplaced.length === 1 ? "1 hospital step has" : `${unplaced.length} hospital steps have`} no point of delivery (${unplaced
        .slice(0, 5)
        .map((x) => x.name)
        .join(
          ", ",
        )}${unplaced.length > 5 ? ", …" : ""}): paid as the hospital's default today (fixed), and no NHS rule for a point of delivery applies; give each its point of delivery (elective, non-elective, A&E, OPFA, OPFU, OPPROC …) to pay it by its rule.`,
    );
  if (typed && typed.unnamed.length > 0)
    notes.push(
      `Partner weights: ${typed.unnamed.join(", ")} ${typed.unnamed.length === 1 ? "is" : "are"} not named, so weighted 0 in the alliance's and the gain share's split.`,
    );
  return notes;
}

export const DEFAULT_TERMS: Omit<ComparisonInputs, "steps" | "cohort"> = {
  mff: 1,
  variableShares: DEFAULT_VARIABLE_SHARES,
  blockValue: null,
  blendedVariableRate: 0.5,
  blendedRateBelow: null,
  bundlePrice: null,
  stopGain: 0.1,
  stopLoss: 0.1,
  capitationRate: null,
  corridor: { thresholds: [0, 0.03, 0.08], overShares: [0, 0.5, 0.8], underShares: [0, 0.5, 0.8] },
  gainShareRate: 0.5,
  holder: "lead",
  leadProvider: null,
  partnerWeights: null,
  capitationTiers: null,
  qualityShare: 0,
  qualityAchievement: 1,
  shiftShare: 0.2,
  shiftCommunityUplift: 0.2,
};
