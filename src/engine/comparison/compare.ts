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
} from "./organisations";
import { incomeToday, paymentTodayOf, paymentTodaySource, pointOfDeliveryOf, wordList } from "./today";
import { modelHolder } from "../holder/economics";
import { paidBaseline, reconcile } from "./signed";
import { MODEL_IDS, MODEL_NAMES, makeContract, partnerWeightsFor, settlement, type Contract, type ModelId } from "./settlement";

import { STATE_IDS, STATE_NAMES, type OrgFigures, type StateFigures, type StateId } from "./states";

export { CURRENT_ACTIVITY, MODEL_IDS, MODEL_NAMES, STATE_IDS, STATE_NAMES };
export type { OrgFigures, StateFigures, StateId };
export type * from "./types";
import { defaultValue, NUMBER_TERMS } from "../inputs/term-table";
import type { Baseline, Comparison, ComparisonInputs, ModelResult, Outcome, SwitchShift, VersusToday } from "./types";
export { gbp } from "./readings";
import { reading } from "./readings";
export type { Activity, ModelId, Step };
export type { Setting } from "./organisations";

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

function totals(s: StateFigures): Outcome {
  const cost = s.organisations.reduce((t, o) => t + o.cost, 0);
  return { payment: s.commissioner, cost, margin: s.commissioner - cost };
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

/**
 * The comparison's terms when none is typed: each number term's default from the table of terms (term-table.ts,
 * where a new term's default is written once), and the terms given otherwise.
 */
export const DEFAULT_TERMS = {
  ...Object.fromEntries(NUMBER_TERMS.filter((t) => t.goes === "input").map((t) => [t.key, defaultValue(t)])),
  variableShares: DEFAULT_VARIABLE_SHARES,
  corridor: { thresholds: [0, 0.03, 0.08], overShares: [0, 0.5, 0.8], underShares: [0, 0.5, 0.8] },
  holder: "lead",
  leadProvider: null,
  partnerWeights: null,
  capitationTiers: null,
} as Omit<ComparisonInputs, "steps" | "cohort">;
