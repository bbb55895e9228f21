/**
 * Financial risk by simulation (docs/design.md: "who carries volume risk, and how big that risk is for the
 * population size"). Each trial is one year of the pathway for the cohort: every step's activity is drawn at
 * random, then every payment model of the comparison settles that year by its own rule (compare.ts `settle`),
 * so the simulated figures and the comparison can never disagree about a rule.
 *
 * Activity model, per patient-year and pathway step s with expected events λs = volume × take-up:
 * - "poisson": each patient's events are Poisson(λs), independent. The cohort's total for the step is then
 *   exactly Poisson(N·λs), which is what is drawn (one draw per step per trial, whatever N is).
 * - "overdispersed": each patient has a frailty G ~ Gamma(k, 1/k) (mean 1, variance 1/k) shared by all of
 *   their steps, and events Poisson(λs·G). A step's events per patient are then negative binomial (variance
 *   λs + λs²/k), and a heavy user is heavy across the whole pathway: the long tail of high-cost patients.
 *   For the cohort, ΣG ~ Gamma(N·k, 1/k) and each step's total is Poisson(λs·ΣG), drawn exactly.
 * Smaller k means a longer tail; k → ∞ is the Poisson case.
 */
import { vatFactors } from "../holder/vat";
import { capacityBudget, reserveCheck, type CapacityBudget, type ReserveCheck } from "./capacity-budget";
import { todaySettlement, todaysPayment, type TodaysPayment } from "./today-risk";
import { capacities, populationToBear } from "./capacity";
import { contractFor, stateActivity, type ComparisonInputs } from "../comparison/compare";
import { organisationIndex, stepMff, variableShareOf, volumeFactor, type Step } from "../comparison/organisations";
import { MODEL_IDS, MODEL_NAMES, paysActivityValue, settlement, type ModelId } from "../comparison/settlement";
import { Rng } from "./random";
import { histogram, moments, MomentSums, PercentileTally, proportion, summarise, type Estimate, type Moments } from "./stats";

import { checkRiskSettings, GENERATOR, type Dispersion, type RiskSettings } from "./settings";
import { riskReading, type ModelRisk, type OrganisationRisk } from "./model-risk";
import { profile, TrialDrawer, BLOCK } from "./draw";

export * from "./settings";
export * from "./model-risk";
export { BLOCK } from "./draw";

export interface RiskResult {
  seed: number;
  trials: number;
  dispersion: Dispersion;
  /** The year-level sources drawn (null: off), and what was drawn: the mean and spread of each over the trials. */
  delivery: { mean: number; sd: number } | null;
  shock: { cv: number } | null;
  drawn: { achieved: Moments | null; shock: Moments | null };
  generator: string;
  cohort: number;
  expectedValue: number;
  expectedCost: number;
  /** Today's contracts in the same draws: the risk of doing nothing beside each model's (today-risk.ts). */
  today: ModelRisk;
  models: ModelRisk[];
  /** What must be true: the capitated budget at which its holder's bad year uses all it can lose (capacity-budget.ts). */
  capacityBudget: CapacityBudget;
  /** The holder's risk reserve, where one is typed, against its bad year under the capitated budget (issue 36). */
  reserve: ReserveCheck | null;
}

/**
 * The simulation of the comparison's models, run in chunks (the panel's Web Worker reports progress and can
 * be cancelled between chunks). `run` draws up to `budget` more trials; `result` summarises when complete.
 * Each trial draws every step's events, adds them up by organisation into activity value (unit prices × MFF)
 * and variable cost (unit cost × variable share), adds each organisation's fixed cost (the part of its cost
 * that does not move in-year, at today's activity), and settles every model through settlement.ts.
 */
export class RiskSimulation {
  readonly total: number;
  private done = 0;
  private readonly value: Float64Array[];
  private readonly variableCost: Float64Array[];
  private readonly fixedCost: Float64Array;
  /** Today's contracts: each step's part for the drawer, each organisation's payment where set (today-risk.ts). */
  private readonly today: TodaysPayment;
  /** The figures, once worked out. */
  private figures: RiskResult | null = null;
  private readonly drawer: TrialDrawer;
  private readonly contract: ReturnType<typeof contractFor>;
  /** The columns result() settles into and tallies from (workColumns), made with the draws' own. */
  private readonly work: WorkColumns;

  constructor(
    private readonly inputs: ComparisonInputs,
    private readonly settings: RiskSettings,
  ) {
    this.contract = contractFor(inputs);
    checkRiskSettings(settings);
    this.total = settings.trials;
    const orgs = this.contract.orgs;
    this.work = workColumns(orgs.length, this.total);
    this.value = this.work.value;
    this.variableCost = this.work.cost;
    const share = (s: Step) => variableShareOf(s, inputs.variableShares);
    this.fixedCost = new Float64Array(orgs.length);
    for (const s of inputs.steps) this.fixedCost[organisationIndex(orgs, s)] += s.unitCost * (1 - share(s)) * s.volume * s.takeUp * inputs.cohort;
    const after = stateActivity("shifted", inputs);
    this.today = todaysPayment(inputs, orgs);
    const p = profile(
      inputs.steps,
      (s) => s.unitPrice * stepMff(s, inputs),
      (s) => s.unitCost * share(s),
      (s) => organisationIndex(orgs, s),
      (s) => volumeFactor(s, after) - 1,
      this.today,
    );
    const cv = settings.shock?.cv ?? 0;
    const year = { delivery: settings.delivery ?? null, shockShape: cv > 0 ? 1 / (cv * cv) : 0 };
    this.drawer = new TrialDrawer(p, inputs.cohort, settings.dispersion, new Rng(settings.seed), year, this.total);
  }

  get completed(): number {
    return this.done;
  }

  /** Draw about `budget` more trials (rounded to whole blocks, so the figures never depend on the chunking). */
  run(budget: number): number {
    const count = Math.min(Math.max(1, Math.ceil(budget / BLOCK)) * BLOCK, this.total - this.done);
    // Today's payment's change counted into the organisations' margin columns, free until result() settles.
    this.drawer.draw(this.value, this.variableCost, this.work.orgMargin, this.done, count);
    this.done += count;
    return this.done;
  }

  /**
   * The figures, worked out once every trial is drawn (and kept: asked again, the same object).
   */
  result(): RiskResult {
    if (this.done < this.total) throw new Error(`the simulation has run ${this.done} of ${this.total} trials`);
    if (this.figures === null) this.figures = this.summarised();
    return this.figures;
  }

  private summarised(): RiskResult {
    const { inputs, contract } = this;
    const n = this.total;
    const orgs = contract.orgs;
    // Each organisation's cost in each trial: its fixed cost and the variable cost of the trial's activity (added
    // in place: the variable costs are not needed again); and every organisation's cost together, what the
    // providers' margin is taken from: 0 + the first's, + the next's, … (one pass an organisation for both).
    const { value, cost, payment, margin, orgMargin, costs, tallies } = this.work;
    cost.forEach((c, o) => {
      const fixed = this.fixedCost[o];
      if (o === 0) for (let t = 0; t < n; t++) costs[t] = 0 + (c[t] += fixed);
      else for (let t = 0; t < n; t++) costs[t] += c[t] += fixed;
    });
    if (cost.length === 0) costs.fill(0);
    const capacity = capacities(
      orgs,
      Float64Array.from(orgs, (_, o) => contract.baseValue[o] - contract.baseCost[o]),
      this.settings.capacity,
    );
    const riskOf = (id: ModelId | "today", name: string, settled: ReturnType<typeof settleTrials>, figures: OrgFigures[]): ModelRisk => {
      const m = summarise(margin, n, [0.005, 0.995], settled.margin);
      const risk = {
        id,
        name,
        payment: summarise(payment, n, [], settled.payment),
        margin: m,
        lossChance: proportion(settled.losses, n),
        marginHistogram: histogram(margin, n, m.extra[0], m.extra[1], 30),
        organisations: orgs.map((org, o): OrganisationRisk => {
          const { losses, moments: mo, p5: marginP5 } = figures[o];
          const cap = capacity.amount[o];
          return {
            name: org,
            lossChance: proportion(losses, n),
            marginP5,
            marginMean: { value: mo.mean, se: n > 1 ? mo.sd / Math.sqrt(n) : 0 },
            marginSd: mo.sd,
            capacity: cap,
            capacitySource: capacity.source[o],
            exceedsCapacity: marginP5.value < -cap,
            populationToBear: populationToBear({ mean: mo.mean, sd: mo.sd, p5: marginP5.value }, inputs.cohort, cap, capacity.source[o] === "typed"),
          };
        }),
      };
      return { ...risk, reading: riskReading(risk) };
    };
    // Today's contracts first: the drawer counted each event's part of today's payment into the margin columns,
    // which today's settlement makes each organisation's income (before any model writes over them).
    const all = orgs.map(() => false);
    const settledToday = settleTrials(todaySettlement(this.today.fixed), value, cost, costs, payment, margin, orgMargin, n, all, tallies);
    const today = riskOf(
      "today",
      "Today's contracts",
      settledToday,
      orgs.map((_, o) => orgFigures(settledToday.orgs[o], orgMargin[o])),
    );
    // An organisation paid its activity value (under PbR; a lead provider's subcontractor) has the same margins
    // under every model that pays it so: its figures are worked out under the first and kept for the rest.
    const onValue: (OrgFigures | undefined)[] = orgs.map(() => undefined);
    // A lead provider's bundle or budget settles on costs with the VAT its partners cannot recover (settlement.ts
    // vatFactors, the same for the three): those models go last, after the cost columns take the VAT in place.
    const vat = vatFactors("capitation", contract);
    const held = (id: ModelId) => id === "bundle" || id === "capitation" || id === "riskshare";
    const order = vat ? [...MODEL_IDS.filter((id) => !held(id)), ...MODEL_IDS.filter(held)] : MODEL_IDS;
    const risks = new Map<ModelId, ModelRisk>();
    for (const id of order) {
      if (vat && held(id) && !risks.has("bundle") && !risks.has("capitation") && !risks.has("riskshare")) addVat(cost, costs, vat, n);
      const paysValue = paysActivityValue(id, contract);
      const known = paysValue.map((p, o) => p && onValue[o] !== undefined);
      const settled = settleTrials(settlement(id, contract), value, cost, costs, payment, margin, orgMargin, n, known, tallies);
      const figures = orgs.map((_, o) => (known[o] ? (onValue[o] as OrgFigures) : orgFigures(settled.orgs[o], orgMargin[o])));
      paysValue.forEach((p, o) => p && (onValue[o] ??= figures[o]));
      risks.set(id, riskOf(id, MODEL_NAMES[id], settled, figures));
    }
    const models = MODEL_IDS.map((id) => risks.get(id) as ModelRisk);
    const drawer = this.drawer;
    return {
      seed: this.settings.seed,
      trials: n,
      dispersion: this.settings.dispersion,
      delivery: this.settings.delivery ?? null,
      shock: this.settings.shock && this.settings.shock.cv > 0 ? this.settings.shock : null,
      drawn: {
        achieved: drawer.achieved ? moments(drawer.achieved, n) : null,
        shock: drawer.shock ? moments(drawer.shock, n) : null,
      },
      generator: GENERATOR,
      cohort: inputs.cohort,
      expectedValue: contract.totalValue,
      expectedCost: contract.totalCost,
      today,
      models,
      capacityBudget: capacityBudget(contract, models.find((m) => m.id === "capitation") as ModelRisk),
      reserve: reserveCheck(contract, models.find((m) => m.id === "capitation") as ModelRisk, inputs.riskReserve),
    };
  }
}

/**
 * Every column of trials a simulation needs: each organisation's drawn value and cost, what the commissioner pays,
 * the margins, the costs together and each organisation's percentile tally's room (its PercentileTally's
 * storage). Made once, with the simulation, each its own array: fresh arrays measured faster than reusing the last
 * simulation's (`npm run bench -- simulate`: 1.2–1.4 s against 1.6–1.9 s), as did separate arrays against views
 * into one buffer.
 */
interface WorkColumns {
  value: Float64Array[];
  cost: Float64Array[];
  payment: Float64Array;
  margin: Float64Array;
  costs: Float64Array;
  orgMargin: Float64Array[];
  tallies: Float64Array[];
}
function workColumns(k: number, n: number): WorkColumns {
  const room = Math.ceil(n / 8) + BLOCK;
  const columns = (count: number, length: number) => Array.from({ length: count }, () => new Float64Array(length));
  const [payment, margin, costs] = columns(3, n);
  return { value: columns(k, n), cost: columns(k, n), payment, margin, costs, orgMargin: columns(k, n), tallies: columns(k, room) };
}

/** One organisation's margin under one model, as it was tallied: its moments, its losses, its 5th percentile. */
interface OrgTally {
  moments: MomentSums;
  losses: number;
  p5: PercentileTally;
}
interface OrgFigures {
  moments: Moments;
  losses: number;
  p5: Estimate;
}
const orgFigures = (t: OrgTally, margins: Float64Array): OrgFigures => {
  const moments = t.moments.moments(margins.length);
  return { moments, losses: t.losses, p5: t.p5.value(margins, moments) };
};

/**
 * Every trial settled under one model (settlement.ts), then each organisation's margin (its income less its cost,
 * in place), the providers' margin together (what the commissioner pays less every organisation's cost), their
 * moments (about trial 0's values, numerically steady), losses and each organisation's 5th percentile. Done a
 * block of trials at a time, so each block's figures are still in the processor's cache when its margins and
 * moments are worked out. An organisation whose figures are `known` (paid its activity value, as under an
 * earlier model) is settled but not tallied again.
 */
function settleTrials(
  settle: ReturnType<typeof settlement>,
  value: Float64Array[],
  cost: Float64Array[],
  costs: Float64Array,
  payment: Float64Array,
  margin: Float64Array,
  orgMargin: Float64Array[],
  n: number,
  known: readonly boolean[],
  tallies: readonly Float64Array[],
): { losses: number; payment: Moments; margin: Moments; orgs: OrgTally[] } {
  const k = value.length;
  const pay = new MomentSums();
  const all = new MomentSums();
  const orgs = orgMargin.map((_, o): OrgTally => ({ moments: new MomentSums(), losses: 0, p5: new PercentileTally(n, 0.05, tallies[o]) }));
  let losses = 0;
  const view = (xs: Float64Array[], from: number, to: number): Float64Array[] => xs.map((x) => x.subarray(from, to));
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(from + BLOCK, n);
    settle(view(value, from, to), view(cost, from, to), view(orgMargin, from, to), payment.subarray(from, to), to - from);
    pay.add(payment, from, to);
    for (let o = 0; o < k; o++) {
      if (known[o]) continue;
      const t = orgs[o];
      t.losses += t.moments.addDifference(orgMargin[o], cost[o], orgMargin[o], from, to);
      t.p5.add(orgMargin[o], from, to);
    }
    losses += all.addDifference(payment, costs, margin, from, to);
  }
  return { losses, payment: pay.moments(n), margin: all.moments(n), orgs };
}

/** Each organisation's cost in every trial raised by the VAT it loses (factor ≥ 1), and the costs together again. */
function addVat(cost: Float64Array[], costs: Float64Array, vat: Float64Array, n: number): void {
  cost.forEach((c, o) => {
    const f = vat[o];
    if (f !== 1) for (let t = 0; t < n; t++) c[t] *= f;
  });
  for (let t = 0; t < n; t++) costs[t] = 0;
  for (const c of cost) for (let t = 0; t < n; t++) costs[t] += c[t];
}

/** The whole simulation in one call (tests, the command line, the benchmark). */
export function simulateRisk(inputs: ComparisonInputs, settings: RiskSettings): RiskResult {
  const sim = new RiskSimulation(inputs, settings);
  sim.run(sim.total);
  return sim.result();
}
