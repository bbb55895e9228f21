/**
 * An options appraisal (issue 35 A): the options a board decides between — "Do nothing" (today's contracts
 * with demand growing) always first, then each option a model of the comparison (or today's contracts left as
 * they are while care moves) with its own terms — and for each, each party and financial year: income, cost and
 * margin, recurrent and non-recurrent apart (set-up, double running, transitional funding), the position
 * without non-recurrent support, against each organisation's plan; NPV of each party's position against doing
 * nothing (HM Treasury Green Book: year 1 at time 0), and with optimism bias added to costs and set-up.
 * Every year is the transition's (transition.ts), so an option is settled by the same rules as the comparison.
 */
import { invalid } from "../rules/errors";
import { contractFor, type ComparisonInputs } from "./compare";
import { holds, type HolderAmount } from "../holder/economics";
import { findOrganisation } from "./organisations";
import { MODEL_IDS, type ModelId } from "./settlement";
import { isCommissioner, npv, perYear, transition, type Levels, type TransitionTerms } from "./transition";

export const DO_NOTHING = "Do nothing";

export interface OptionSpec {
  name: string;
  /** A model of the comparison, or "today": today's contracts left as they are while care moves. */
  model: ModelId | "today";
  /** The option's own terms, over the comparison's and the transition's. */
  inputs?: Partial<ComparisonInputs>;
  years?: Partial<TransitionTerms>;
  /** Non-recurrent: the cost of running old and new services side by side, £ by year, and who bears it. */
  doubleRunning?: number[];
  doubleRunningBearer?: string;
  /** Non-recurrent support: transitional funding, £ by year, from the commissioner to an organisation. */
  transitionalFunding?: number[];
  fundingTo?: string;
}

/** A scenario: a named set of terms applied to the comparison and the years before every option (issue 35 C). */
export interface Scenario {
  name: string;
  inputs?: Partial<ComparisonInputs>;
  years?: Partial<TransitionTerms>;
}

/** Each scenario's options: each party's NPV against doing nothing, and with optimism bias (a scenario summary). */
export interface ScenarioResult {
  name: string;
  options: { name: string; npv: OptionResult["npv"] }[];
}

/**
 * The options under each scenario, as Excel's Scenario Manager summarises them: the scenario's terms over the
 * comparison's and the years', then each option's own over them; every problem named by the scenario.
 */
export function appraiseScenarios(
  inp: ComparisonInputs,
  terms: TransitionTerms,
  options: readonly OptionSpec[],
  settings: OptionsSettings,
  scenarios: readonly Scenario[],
): ScenarioResult[] {
  return scenarios.map((sc) => {
    try {
      const results = appraiseOptions({ ...inp, ...sc.inputs }, { ...terms, ...sc.years, years: terms.years }, options, settings);
      return { name: sc.name, options: results.map((o) => ({ name: o.name, npv: o.npv })) };
    } catch (e) {
      throw e instanceof Error ? invalid(`scenarios, '${sc.name}': ${e.message}`) : e;
    }
  });
}

export interface OptionParty {
  name: string;
  income: number;
  cost: number;
  margin: number;
  /** Recurrent income less recurrent cost. */
  recurrent: number;
  /** Non-recurrent income (support) less non-recurrent cost (set-up, double running, support paid). */
  nonRecurrent: number;
  /** The margin without non-recurrent support received (with the support it paid, for the commissioner, back). */
  withoutSupport: number;
  /** The organisation's planned margin for the year, £ (the organisations table); null where none is typed. */
  plan: number | null;
  /** Whether the margin is at or above the plan; null without one. */
  withinPlan: boolean | null;
  /** The parts the figures above are made of (the written sheet's options section rebuilds them from these). */
  recurrentIncome: number;
  recurrentCost: number;
  /** Set-up and double running borne; transitional funding received and paid. */
  nonRecurrentCost: number;
  supportIn: number;
  supportOut: number;
}

export interface OptionResult {
  name: string;
  model: ModelId | "today";
  years: { label: string; parties: OptionParty[] }[];
  /** Each party's NPV against doing nothing, and with optimism bias on its costs and set-up. */
  npv: { name: string; npv: number; npvAdjusted: number }[];
  /** Under a model a holder holds: the holder's margin, fee, reserve and free margin by year; null otherwise. */
  holder: OptionHolder | null;
}

/**
 * Under an option whose model a holder holds (a bundle, a capitated budget, a risk share): the holder's margin by
 * year (its recurrent margin; the alliance's partners' together), its management fee and risk reserve (a share of
 * what the commissioner pays it, or £; `auto` needs the simulation: null) and its free margin (holder/economics.ts).
 */
export interface OptionHolder {
  name: string;
  years: { label: string; budget: number; margin: number; fee: number; reserve: number | null; freeMargin: number | null }[];
}

function optionHolder(inp: ComparisonInputs, model: OptionSpec["model"], flows: Flows[][], labels: readonly string[]): OptionHolder | null {
  if (model === "today" || !holds(model)) return null;
  const c = contractFor(inp);
  const alliance = inp.holder === "alliance";
  const orgs = c.orgs.length;
  const part = (a: HolderAmount | null | undefined, budget: number) =>
    a === null || a === undefined ? 0 : a === "auto" ? null : "share" in a ? a.share * budget : a.amount;
  return {
    name: alliance ? "The alliance" : c.orgs[c.lead],
    years: flows.map((parties, y) => {
      const budget = (parties.find((p) => isCommissioner(p.name)) as Flows).cost;
      const recurrent = (f: Flows) => f.income - f.cost;
      const margin = alliance ? parties.slice(0, orgs).reduce((a, f) => a + recurrent(f), 0) : recurrent(parties[c.lead]);
      const fee = part(inp.managementFee === "auto" ? null : inp.managementFee, budget) as number;
      const reserve = part(inp.riskReserve, budget);
      return { label: labels[y], budget, margin, fee, reserve, freeMargin: reserve === null ? null : margin - fee - reserve + 0 };
    }),
  };
}

export interface OptionsSettings {
  /** Each organisation's planned margin a year, £, by name (the organisations table); null: none. */
  plans?: Record<string, number> | null;
  /** A share added to each party's non-recurrent costs and to any rise of its recurrent cost over doing nothing. */
  optimismBias?: number;
}

/** One party's year before the plan: recurrent and non-recurrent income and cost. */
interface Flows {
  name: string;
  income: number;
  cost: number;
  supportIn: number;
  nonRecurrentCost: number;
  supportOut: number;
}

/** The options appraised, "Do nothing" first; every problem named by the option and its term. */
export function appraiseOptions(
  inp: ComparisonInputs,
  terms: TransitionTerms,
  options: readonly OptionSpec[],
  settings: OptionsSettings = {},
): OptionResult[] {
  const bias = settings.optimismBias ?? 0;
  if (!(bias >= 0 && bias <= 2)) throw invalid(`optimismBias: expected a share from 0% to 200%, got ${bias}`);
  const base = transition(inp, terms);
  const orgs = base.organisations;
  for (const o of options)
    if (o.name.trim().toLowerCase() === DO_NOTHING.toLowerCase())
      throw invalid(`options: '${o.name}' is always the first option; name yours otherwise`);
  const plans = orgs.map((name) => {
    const key = Object.keys(settings.plans ?? {}).find((k) => findOrganisation([name], k) === 0);
    return key === undefined ? null : (settings.plans as Record<string, number>)[key];
  });
  for (const k of Object.keys(settings.plans ?? {}))
    if (findOrganisation(orgs, k) < 0)
      throw invalid(`organisations: '${k}' has a plan but is not an organisation of the pathway (${orgs.map((x) => `'${x}'`).join(", ")})`);
  const doNothing = flowsOf(base.levels.doNothing, orgs, terms.years, { ...terms, setupCost: [0] }, {});
  const results: { spec: Pick<OptionSpec, "name" | "model" | "inputs">; flows: Flows[][] }[] = [
    { spec: { name: DO_NOTHING, model: "today" }, flows: doNothing },
  ];
  for (const spec of options) {
    if (spec.model !== "today" && !MODEL_IDS.includes(spec.model))
      throw invalid(`options, '${spec.name}': model '${String(spec.model)}' is not one of today, ${MODEL_IDS.join(", ")}`);
    const t: TransitionTerms = { ...terms, ...spec.years, years: terms.years };
    let tr;
    try {
      tr = transition({ ...inp, ...spec.inputs }, t);
    } catch (e) {
      throw e instanceof Error ? invalid(`options, '${spec.name}': ${e.message}`) : e;
    }
    if (tr.organisations.join("|") !== orgs.join("|")) throw invalid(`options, '${spec.name}': its terms change the pathway's organisations`);
    const levels = spec.model === "today" ? tr.levels.todayAsCareMoves : (tr.models.find((m) => m.id === spec.model) as { levels: Levels }).levels;
    results.push({ spec: { name: spec.name, model: spec.model, inputs: spec.inputs }, flows: flowsOf(levels, orgs, terms.years, t, spec) });
  }
  const labels = base.labels;
  const rate = terms.discountRate;
  return results.map(({ spec, flows }) => {
    const years = flows.map((parties, y) => ({
      label: labels[y],
      parties: parties.map((f, q) => party(f, q < orgs.length ? plans[q] : null)),
    }));
    const names = flows[0].map((f) => f.name);
    return {
      name: spec.name,
      model: spec.model,
      holder: optionHolder({ ...inp, ...spec.inputs }, spec.model, flows, labels),
      years,
      npv: names.map((name, q) => {
        // Against the same party doing nothing (none there, as another payer an option names: nothing).
        const none: Flows = { name, income: 0, cost: 0, supportIn: 0, nonRecurrentCost: 0, supportOut: 0 };
        const dn = (y: number): Flows => doNothing[y].find((f) => f.name === name) ?? none;
        const against = (y: number, biased: boolean) => margin(flows[y][q], biased ? bias : 0, dn(y)) - margin(dn(y), 0, dn(y));
        return {
          name,
          npv: npv(
            rate,
            flows.map((_, y) => against(y, false)),
          ),
          npvAdjusted: npv(
            rate,
            flows.map((_, y) => against(y, true)),
          ),
        };
      }),
    };
  });
}

/** A party's margin, its non-recurrent costs and any rise of its recurrent cost over doing nothing raised by `bias`. */
function margin(f: Flows, bias: number, doNothing: Flows): number {
  const rise = Math.max(0, f.cost - doNothing.cost);
  return f.income + f.supportIn - f.cost - f.nonRecurrentCost - f.supportOut - bias * (f.nonRecurrentCost + rise);
}

function party(f: Flows, plan: number | null): OptionParty {
  const income = f.income + f.supportIn;
  const cost = f.cost + f.nonRecurrentCost + f.supportOut;
  const m = income - cost;
  const z = (x: number) => x + 0; // never −0
  return {
    name: f.name,
    income: z(income),
    cost: z(cost),
    margin: z(m),
    recurrent: z(f.income - f.cost),
    nonRecurrent: z(f.supportIn - f.nonRecurrentCost - f.supportOut),
    withoutSupport: z(m - f.supportIn + f.supportOut),
    plan,
    withinPlan: plan === null ? null : m >= plan,
    recurrentIncome: z(f.income),
    recurrentCost: z(f.cost),
    nonRecurrentCost: z(f.nonRecurrentCost),
    supportIn: z(f.supportIn),
    supportOut: z(f.supportOut),
  };
}

/**
 * Each year's flows by party: the organisations (their income and cost from the levels), the commissioner (what
 * it pays, recurrent), any other payer of backfilled work, and the system (the sum: payments between parties
 * cancel, support too). Set-up and double running fall on their bearers; transitional funding passes from the
 * commissioner to the organisation named.
 */
function flowsOf(l: Levels, orgs: readonly string[], N: number, t: TransitionTerms, spec: Partial<OptionSpec>): Flows[][] {
  const who = (name: string | undefined, what: string): number => {
    if (name === undefined || isCommissioner(name)) return -1;
    const o = findOrganisation(orgs, name);
    if (o < 0) throw invalid(`options, '${spec.name ?? DO_NOTHING}': ${what} '${name}' is not the commissioner or an organisation of the pathway`);
    return o;
  };
  const setup = perYear(t.setupCost, N, "setupCost", true);
  const setupBy = who(t.setupBearer, "setupBearer");
  const running = perYear(spec.doubleRunning ?? [0], N, "doubleRunning", true);
  const runningBy = who(spec.doubleRunningBearer, "doubleRunningBearer");
  const funding = perYear(spec.transitionalFunding ?? [0], N, "transitionalFunding", true);
  const fundedO = spec.fundingTo === undefined ? -2 : who(spec.fundingTo, "fundingTo");
  if (funding.some((x) => x !== 0) && fundedO < 0)
    throw invalid(`options, '${spec.name}': transitionalFunding needs fundingTo, an organisation of the pathway`);
  return Array.from({ length: N }, (_, y) => {
    const nonRecurrent = (q: number) => (setupBy === q ? setup[y] : 0) + (runningBy === q ? running[y] : 0);
    const parties: Flows[] = orgs.map((name, o) => ({
      name,
      income: l.income[o][y],
      cost: l.cost[o][y],
      supportIn: fundedO === o ? funding[y] : 0,
      nonRecurrentCost: nonRecurrent(o),
      supportOut: 0,
    }));
    const paidByOthers = l.income.reduce((a, row) => a + row[y], 0) - l.commissioner[y];
    parties.push({
      name: "Commissioner",
      income: 0,
      cost: l.commissioner[y],
      supportIn: 0,
      nonRecurrentCost: nonRecurrent(-1),
      supportOut: funding[y],
    });
    if (!isCommissioner(t.backfillPayer))
      parties.push({ name: t.backfillPayer.trim(), income: 0, cost: paidByOthers, supportIn: 0, nonRecurrentCost: 0, supportOut: 0 });
    const nonRecurrentAll = parties.reduce((a, f) => a + f.nonRecurrentCost, 0);
    // The system: payments between parties cancel (support too), so its margin is minus the real cost of the
    // care and of the set-up and double running: the sum of every party's margin.
    parties.push({ name: "System", income: 0, cost: realCost(l, y), supportIn: 0, nonRecurrentCost: nonRecurrentAll, supportOut: 0 });
    return parties;
  });
}

/** The real cost of the care in year `y`: the organisations' costs (payments between parties cancel). */
function realCost(l: Levels, y: number): number {
  return l.cost.reduce((a, row) => a + row[y], 0);
}
