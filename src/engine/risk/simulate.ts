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
import { invalid } from "../rules/errors";
import { capacities, populationToBear } from "./capacity";
import { contractFor, gbp, stateActivity, type ComparisonInputs } from "../comparison/compare";
import { organisationIndex, stepMff, variableShareOf, volumeFactor, type Step } from "../comparison/organisations";
import { MODEL_IDS, MODEL_NAMES, paysActivityValue, settlement, type ModelId } from "../comparison/settlement";
import { minPopulationFor, overspendChance } from "../rules/formulas";
import { byteAt, columns, Kernel, kernelOf } from "./kernels";
import { PoissonSampler, PoissonTable, Rng, checkSeed, gamma } from "./random";
import {
  histogram,
  moments,
  MomentSums,
  PercentileTally,
  proportion,
  summarise,
  type Estimate,
  type Histogram,
  type Moments,
  type Summary,
} from "./stats";

export type Dispersion = { kind: "poisson" } | { kind: "overdispersed"; shape: number };

/** The activity model in words, as the panel and the written sheet state it. */
export function describeDispersion(d: Dispersion): string {
  return d.kind === "poisson" ? "Poisson activity (events independent)" : `over-dispersed activity (negative binomial, shape k = ${d.shape})`;
}

export interface RiskSettings {
  trials: number;
  seed: number;
  dispersion: Dispersion;
  /** What each organisation can lose in a bad year, by name (capacity.ts); the rest: its margin today. */
  capacity?: Record<string, number> | null;
  /**
   * Delivery uncertainty: the simulated year is the year after the care shift, the share of the shift achieved
   * drawn each year from a normal distribution (mean: the plan's share, 1 = the whole shift; sd), never below 0.
   * Null or absent: today's activity, as the comparison's today.
   */
  delivery?: { mean: number; sd: number } | null;
  /**
   * A common shock: every step's volume moved together each year by one factor drawn from a gamma distribution
   * with mean 1 and this coefficient of variation (a bad winter lifts everything at once). Null or 0: none.
   */
  shock?: { cv: number } | null;
}

/**
 * The year after the whole care shift, achieved for certain: the year simulated (not a source of uncertainty), the
 * Risk view's default and `pay compare --delivery 0%`.
 */
export const AFTER_THE_SHIFT: Readonly<{ mean: number; sd: number }> = { mean: 1, sd: 0 };

/** The sources of uncertainty a simulation draws, in words (the panel, the sheet, pay compare). */
export function describeSources(s: Pick<RiskSettings, "delivery" | "shock">): string {
  const parts = ["each step's activity drawn independently"];
  if (s.delivery && s.delivery.sd === 0) parts.push(`the year after the care shift, ${pctText(s.delivery.mean)} of it achieved`);
  else if (s.delivery) parts.push(`the share of the care shift achieved drawn around ${pctText(s.delivery.mean)} (sd ${pctText(s.delivery.sd)})`);
  if (s.shock && s.shock.cv > 0) parts.push(`a common shock to every step's volume (coefficient of variation ${pctText(s.shock.cv)})`);
  return parts.join("; ");
}
const pctText = (x: number): string => `${+(x * 100).toFixed(2)}%`;

/**
 * The simulations that show how each year-level source changes each organisation's chance of a loss: activity
 * alone, then each source on its own beside it (the run with every source on is the main one). None when no
 * year-level source is on. Same seed and trials, so the differences are the sources', not the draws'.
 */
export function sourceVariants(s: RiskSettings): { label: string; settings: RiskSettings }[] {
  // The year after a shift achieved for certain (sd 0) is the year simulated, not a source: every variant keeps it.
  const certain = s.delivery && s.delivery.sd === 0 ? s.delivery : null;
  const delivery = certain ? null : (s.delivery ?? null);
  const shock = s.shock && s.shock.cv > 0 ? s.shock : null;
  if (!delivery && !shock) return [];
  const none = { ...s, delivery: certain, shock: null };
  return [
    { label: "Activity alone", settings: none },
    ...(delivery && shock
      ? [
          { label: "+ delivery", settings: { ...none, delivery } },
          { label: "+ common shock", settings: { ...none, shock } },
        ]
      : []),
  ];
}

export const MAX_TRIALS = 2_000_000;
export const GENERATOR = "xoshiro128** seeded by SplitMix32";

/** One organisation's risk under one model. */
export interface OrganisationRisk {
  name: string;
  /** Chance that the organisation's margin is below zero. */
  lossChance: Estimate;
  /** Its margin in a bad year: the 5th percentile, with its standard error; and the mean. */
  marginP5: Estimate;
  marginMean: Estimate;
  /** The spread of its margin over the simulated years (standard deviation). */
  marginSd: number;
  /** What it can lose in a bad year (capacity.ts), typed or its margin today. */
  capacity: number;
  capacitySource: "typed" | "margin today";
  /** Its 5th percentile loses more than its capacity: p5 < −capacity. */
  exceedsCapacity: boolean;
  /** The cohort at which it would not (normal approximation): null if it already does not; "never" if no larger one. */
  populationToBear: number | "never" | null;
}

export interface ModelRisk {
  /** A model of the comparison, or today's contracts ("today": each step paid as today). */
  id: ModelId | "today";
  name: string;
  /** What the commissioner pays. */
  payment: Summary;
  /** The providers' margins added together. */
  margin: Summary;
  /** Chance that the providers' margins together are below zero. */
  lossChance: Estimate;
  /** The providers' margin, 30 bars from its 0.5th to its 99.5th percentile. */
  marginHistogram: Histogram;
  organisations: OrganisationRisk[];
  /** The figures in a sentence for a board paper. */
  reading: string;
}

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

export function checkRiskSettings(s: RiskSettings): void {
  if (!Number.isInteger(s.trials) || s.trials < 2 || s.trials > MAX_TRIALS) {
    throw invalid(`trials: expected a whole number from 2 to ${MAX_TRIALS.toLocaleString("en-GB")}, got ${s.trials}`);
  }
  checkSeed(s.seed);
  if (s.delivery) {
    const { mean, sd } = s.delivery;
    if (!(mean >= 0 && mean <= 2)) throw invalid(`delivery: the plan's share of the shift achieved: expected a share from 0% to 200%, got ${mean}`);
    if (!(sd >= 0 && sd <= 1)) throw invalid(`delivery: its standard deviation: expected a share from 0% to 100%, got ${sd}`);
  }
  if (s.shock && !(s.shock.cv >= 0 && s.shock.cv <= 1))
    throw invalid(`common shock: coefficient of variation: expected from 0% to 100%, got ${s.shock.cv}`);
  if (s.dispersion.kind === "overdispersed" && !(s.dispersion.shape > 0 && Number.isFinite(s.dispersion.shape))) {
    throw invalid(`over-dispersion shape k: expected a number greater than 0 (smaller = longer tail), got ${s.dispersion.shape}`);
  }
}

/** What one trial needs of a pathway: each step's expected events per patient-year, £ weights and organisation. */
interface Profile {
  rates: Float64Array;
  /** £ per event counted into the trial's first and second totals (e.g. price × MFF and variable unit cost). */
  first: Float64Array;
  second: Float64Array;
  /** The total (organisation) each step's events count into. */
  group: Uint16Array;
  groups: number;
  /** Each step's change in volume after the whole care shift (volumeFactor − 1), for delivery uncertainty. */
  shift: Float64Array;
  /**
   * Today's contracts (today.ts incomeToday): the events each step's payment is set on (its plan, or today's
   * expected count) and the £ paid for each event above it and each below it (price × MFF × the share paid on a
   * rise or on a fall; 0 for a fixed payment), counted into the trial's third total.
   */
  setEvents: Float64Array;
  paidUp: Float64Array;
  paidDown: Float64Array;
}

function profile(
  steps: Step[],
  first: (s: Step) => number,
  second: (s: Step) => number,
  group: (s: Step) => number = () => 0,
  shift: (s: Step) => number = () => 0,
  today: { set: (s: Step) => number; up: (s: Step) => number; down: (s: Step) => number } | null = null,
): Profile {
  const g = Uint16Array.from(steps, group);
  return {
    rates: Float64Array.from(steps, (s) => s.volume * s.takeUp),
    first: Float64Array.from(steps, first),
    second: Float64Array.from(steps, second),
    group: g,
    groups: g.length === 0 ? 0 : Math.max(...g) + 1,
    shift: Float64Array.from(steps, shift),
    setEvents: Float64Array.from(steps, (s) => today?.set(s) ?? 0),
    paidUp: Float64Array.from(steps, (s) => today?.up(s) ?? 0),
    paidDown: Float64Array.from(steps, (s) => today?.down(s) ?? 0),
  };
}

/** A step's events into today's payment's total: £ up per event above `set`, £ down per event below it. */
const paidOn = (events: number, set: number, up: number, down: number): number => {
  const d = events - set;
  return (d >= 0 ? up : down) * d;
};

/** The year-level draws that move every step together: the share of the shift achieved and a common shock. */
interface YearDraws {
  delivery: { mean: number; sd: number } | null;
  /** The gamma shape (1 / cv²) of the common shock, or 0 for none. */
  shockShape: number;
}

/** Trials drawn together, step by step (see TrialDrawer.draw); work is split into chunks at multiples of it. */
export const BLOCK = 4096;

/**
 * Draws trials of a profile for a population: each trial's two £ totals. One generator, used in trial order,
 * so the figures depend only on the seed and the inputs, not on how the work is split into chunks.
 */
class TrialDrawer {
  private readonly tables: PoissonTable[];
  private readonly samplers: PoissonSampler[];
  /** Each trial's share of the shift achieved and common shock factor, when drawn (for tests and the figures). */
  readonly achieved: Float64Array | null;
  readonly shock: Float64Array | null;
  constructor(
    private readonly p: Profile,
    private readonly population: number,
    private readonly dispersion: Dispersion,
    private readonly rng: Rng,
    private readonly year: YearDraws = { delivery: null, shockShape: 0 },
    trials = 0,
  ) {
    this.achieved = year.delivery ? new Float64Array(trials) : null;
    this.shock = year.shockShape > 0 ? new Float64Array(trials) : null;
    // With a draw that moves every step's mean each year, every step is drawn at its own mean (no fixed tables).
    const fixed = dispersion.kind === "poisson" && !this.moving;
    this.tables = fixed ? Array.from(p.rates, (r) => new PoissonTable(r * population)) : [];
    this.samplers = fixed ? [] : Array.from(p.rates, () => new PoissonSampler());
  }

  private get moving(): boolean {
    return this.year.delivery !== null || this.year.shockShape > 0;
  }

  /**
   * Fill each group's out1/out2 (and out3, today's payment's change: paidOn) from index `from` for `count` trials.
   * The draws are the same whatever out3 is: it only counts what they already are.
   */
  draw(out1: Float64Array[], out2: Float64Array[], out3: Float64Array[] | null, from: number, count: number): void {
    const { rates, first, second, group, setEvents, paidUp, paidDown } = this.p;
    const rng = this.rng;
    const m = rates.length;
    if (out3) for (const o of out3) o.fill(0, from, from + count);
    // Whether step s counts into today's payment's total (a fixed payment does not move with its events).
    const paying = (s: number) => out3 !== null && (paidUp[s] !== 0 || paidDown[s] !== 0);
    if (this.moving) {
      this.drawMoving(out1, out2, out3, from, count);
      return;
    }
    if (this.dispersion.kind === "poisson") {
      // Step by step within blocks of BLOCK trials, so each step's table stays in the processor's cache.
      // The order of draws is fixed by BLOCK (callers split work only at block boundaries), and each
      // trial's totals are still summed over the steps in order.
      const tables = this.tables;
      for (let start = from; start < from + count; start += BLOCK) {
        const end = Math.min(start + BLOCK, from + count);
        for (const o of out1) o.fill(0, start, end);
        for (const o of out2) o.fill(0, start, end);
        for (let s = 0; s < m; s++) {
          const table = tables[s];
          const f = first[s];
          const g = second[s];
          const a = out1[group[s]];
          const b = out2[group[s]];
          if (paying(s)) {
            const c = (out3 as Float64Array[])[group[s]];
            const [k, up, down] = [setEvents[s], paidUp[s], paidDown[s]];
            for (let t = start; t < end; t++) {
              const events = table.draw(rng);
              a[t] += f * events;
              b[t] += g * events;
              c[t] += paidOn(events, k, up, down);
            }
            continue;
          }
          for (let t = start; t < end; t++) {
            const events = table.draw(rng);
            a[t] += f * events;
            b[t] += g * events;
          }
        }
      }
      return;
    }
    const k = this.dispersion.shape;
    const samplers = this.samplers;
    for (let t = from; t < from + count; t++) {
      const pooled = gamma(rng, this.population * k, 1 / k);
      for (const o of out1) o[t] = 0;
      for (const o of out2) o[t] = 0;
      for (let s = 0; s < m; s++) {
        samplers[s].setMean(rates[s] * pooled);
        const events = samplers[s].draw(rng);
        out1[group[s]][t] += first[s] * events;
        out2[group[s]][t] += second[s] * events;
        if (paying(s)) (out3 as Float64Array[])[group[s]][t] += paidOn(events, setEvents[s], paidUp[s], paidDown[s]);
      }
    }
  }

  /**
   * Trials whose year moves every step together. Within each block of BLOCK trials: first, trial by trial, the
   * common shock S (gamma, mean 1), the share of the shift achieved A (normal, never below 0) and the
   * over-dispersion's pooled frailty; then step by step (one sampler, hot in the cache), each trial's events,
   * Poisson with mean N·λs·S·(1 + A·Δs) (Δs: the step's change after the whole shift).
   */
  private drawMoving(out1: Float64Array[], out2: Float64Array[], out3: Float64Array[] | null, from: number, count: number): void {
    const { rates, first, second, group, shift, setEvents, paidUp, paidDown } = this.p;
    const rng = this.rng;
    const m = rates.length;
    const { delivery, shockShape } = this.year;
    const k = this.dispersion.kind === "overdispersed" ? this.dispersion.shape : 0;
    const sampler = this.samplers[0] ?? new PoissonSampler();
    const scale = new Float64Array(BLOCK);
    const achieved = new Float64Array(BLOCK);
    for (let start = from; start < from + count; start += BLOCK) {
      const end = Math.min(start + BLOCK, from + count);
      for (let t = start; t < end; t++) {
        const S = shockShape > 0 ? gamma(rng, shockShape, 1 / shockShape) : 1;
        const A = delivery ? Math.max(0, delivery.mean + delivery.sd * rng.normal()) : 0;
        if (this.shock) this.shock[t] = S;
        if (this.achieved) this.achieved[t] = A;
        const pooled = k > 0 ? gamma(rng, this.population * k, 1 / k) : this.population;
        scale[t - start] = pooled * S;
        achieved[t - start] = A;
      }
      for (const o of out1) o.fill(0, start, end);
      for (const o of out2) o.fill(0, start, end);
      for (let s = 0; s < m; s++) {
        const rate = rates[s];
        const d = shift[s];
        const f = first[s];
        const g = second[s];
        const a = out1[group[s]];
        const b = out2[group[s]];
        const c = out3 !== null && (paidUp[s] !== 0 || paidDown[s] !== 0) ? out3[group[s]] : null;
        for (let t = start; t < end; t++) {
          sampler.setMean(Math.max(0, rate * scale[t - start] * (1 + achieved[t - start] * d)));
          const events = sampler.draw(rng);
          a[t] += f * events;
          b[t] += g * events;
          if (c) c[t] += paidOn(events, setEvents[s], paidUp[s], paidDown[s]);
        }
      }
    }
  }
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
  /** How the statistics loops run: in WebAssembly (kernels.ts), or in TypeScript where it cannot be had. */
  readonly arithmetic: "webassembly" | "typescript";

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
    this.arithmetic = this.work.kernel ? "webassembly" : "typescript";
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
   * The figures, worked out once every trial is drawn (and kept: asked again, the same object); the columns'
   * memory then goes to the next simulation (kernels.ts).
   */
  result(): RiskResult {
    if (this.done < this.total) throw new Error(`the simulation has run ${this.done} of ${this.total} trials`);
    if (this.figures === null) {
      this.figures = this.summarised();
      this.work.kernel?.release();
    }
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
    const kernel = kernelOf(costs, ...cost);
    cost.forEach((c, o) => {
      const fixed = this.fixedCost[o];
      if (kernel) kernel.wasm.accumulate(byteAt(c), byteAt(costs), n, fixed, o === 0 ? 1 : 0);
      else if (o === 0) for (let t = 0; t < n; t++) costs[t] = 0 + (c[t] += fixed);
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
 * "Block contract: in 1 year in 20 the providers' margin together is −£12,000 or worse; they lose money in 31%
 * of years; Acute trust is most at risk: it loses money in 40% of years; the commissioner's bill is fixed."
 */
export function riskReading(m: Omit<ModelRisk, "reading">): string {
  const pct = (chance: number): string => (chance < 0.001 ? "under 0.1%" : `${(chance * 100).toFixed(chance < 0.1 ? 1 : 0)}%`);
  const chance = m.lossChance.value;
  const loss = chance === 0 ? "they never lose money in the simulated years" : `they lose money in ${pct(chance)} of years`;
  const worst = [...m.organisations].sort((a, b) => b.lossChance.value - a.lossChance.value || a.marginP5.value - b.marginP5.value)[0];
  const who =
    m.organisations.length < 2 || worst === undefined
      ? ""
      : worst.lossChance.value === 0
        ? "; no organisation loses money in any simulated year"
        : `; ${worst.name} is most at risk: it loses money in ${pct(worst.lossChance.value)} of years (1 year in 20: ${gbp(worst.marginP5.value)} or worse)`;
  const bill =
    m.payment.sd === 0
      ? "the commissioner's bill is fixed"
      : `the commissioner's bill ranges from ${gbp(m.payment.p5.value)} to ${gbp(m.payment.p95.value)} (5th to 95th percentile)`;
  return `${m.name}: in 1 year in 20 the providers' margin together is ${gbp(m.margin.p5.value)} or worse; ${loss}${who}; ${bill}.`;
}

/**
 * Every column of trials a simulation needs: each organisation's drawn value and cost, what the commissioner pays,
 * the margins, the costs together and each organisation's percentile tally's room (its PercentileTally's
 * storage). All on one kernel's memory, so the statistics loops run in WebAssembly (kernels.ts); plain arrays
 * where no kernel can be had. Made once, with the simulation: a kernel's memory never grows.
 */
interface WorkColumns {
  value: Float64Array[];
  cost: Float64Array[];
  payment: Float64Array;
  margin: Float64Array;
  costs: Float64Array;
  orgMargin: Float64Array[];
  tallies: Float64Array[];
  /** The kernel they are on, or null (plain arrays). */
  kernel: Kernel | null;
}
function workColumns(k: number, n: number): WorkColumns {
  const room = Math.ceil(n / 8) + BLOCK;
  const kernel = Kernel.create((3 * n + room) * k + 3 * n, n);
  const [payment, margin, costs] = columns(kernel, 3, n);
  const [value, cost, orgMargin, tallies] = [columns(kernel, k, n), columns(kernel, k, n), columns(kernel, k, n), columns(kernel, k, room)];
  return { value, cost, payment, margin, costs, orgMargin, tallies, kernel };
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

// ——— Population size ———

export interface SweepSettings {
  /** Populations to simulate; default: DEFAULT_POPULATIONS with the cohort and the closed-form minimum added. */
  populations?: number[];
  trials: number;
  seed: number;
  dispersion: Dispersion;
  /** Overspend tolerance as a fraction of the budget (as PAY.OVERSPEND_PROBABILITY). */
  tolerance: number;
  /** As PAY.MIN_POPULATION (default 0.95). */
  confidence: number;
}

export interface SweepRow {
  population: number;
  /** Spread of the provider's result (budget − cost) as a fraction of the budget: SD, 5th and 95th percentile. */
  sdShare: number;
  p5Share: number;
  p95Share: number;
  /** Chance that cost exceeds the budget by more than the tolerance: simulated, and by the normal formula. */
  overspend: Estimate;
  overspendNormal: number;
}

export interface Sweep {
  seed: number;
  trials: number;
  dispersion: Dispersion;
  tolerance: number;
  confidence: number;
  /** Expected cost per person-year and its coefficient of variation, from the pathway's steps. */
  costPerPerson: number;
  costCv: number;
  /** PAY.MIN_POPULATION(costCv, tolerance, confidence). */
  minPopulationNormal: number;
  /** Smallest simulated population from which on every simulated overspend chance is ≤ 1 − confidence. */
  minPopulationSimulated: number | null;
  rows: SweepRow[];
}

/** Practice lists to districts; includes Crump et al.'s 9,000 and 179,400 and Bachmann and Bevan's 7,000 and 30,000. */
export const DEFAULT_POPULATIONS = [1000, 2000, 3000, 5000, 7000, 9000, 15000, 24000, 30000, 50000, 100000, 180000, 500000];

/**
 * Cost per person-year and its coefficient of variation under the activity model (unit costs): Poisson,
 * Var = Σ c²·λ; with a shared frailty of shape k, Var = Σ c²·λ + (Σ c·λ)²/k.
 */
export function costPerPersonCv(steps: Step[], dispersion: Dispersion): { mean: number; cv: number } {
  let mean = 0;
  let second = 0;
  for (const s of steps) {
    const rate = s.volume * s.takeUp;
    mean += s.unitCost * rate;
    second += s.unitCost * s.unitCost * rate;
  }
  if (!(mean > 0)) throw invalid("pathway: expected some cost (unit cost × volume × take-up is 0 for every step)");
  const extra = dispersion.kind === "overdispersed" ? 1 / dispersion.shape : 0;
  return { mean, cv: Math.sqrt(second / (mean * mean) + extra) };
}

export function sweepPopulations(cohort: number | null, minimum: number, extra: number[] = DEFAULT_POPULATIONS): number[] {
  const all = [...extra, ...(cohort !== null ? [Math.round(cohort)] : []), ...(minimum <= 10_000_000 ? [minimum] : [])];
  return [...new Set(all.filter((n) => n >= 1))].sort((a, b) => a - b);
}

/**
 * The population sweep: for each N, a capitated budget set at the expected cost of N people, and the
 * simulated result (budget − cost) over `trials` years beside the closed-form PAY.OVERSPEND_PROBABILITY.
 * Run in chunks like RiskSimulation.
 */
export class PopulationSweep {
  readonly total: number;
  private done = 0;
  private readonly populations: number[];
  private readonly rng: Rng;
  private readonly prof: Profile;
  private readonly per: { mean: number; cv: number };
  private readonly minimum: number;
  private readonly rows: SweepRow[] = [];
  private readonly costs: Float64Array;
  private readonly unused: Float64Array;

  constructor(
    steps: Step[],
    private readonly settings: SweepSettings,
    cohort: number | null = null,
  ) {
    if (steps.length === 0) throw invalid("pathway: expected at least one step");
    checkRiskSettings(settings);
    if (!(settings.tolerance > 0)) throw invalid(`tolerance: expected a fraction greater than 0, got ${settings.tolerance}`);
    if (!(settings.confidence > 0 && settings.confidence < 1))
      throw invalid(`confidence: expected a fraction between 0 and 1, got ${settings.confidence}`);
    this.per = costPerPersonCv(steps, settings.dispersion);
    this.minimum = minPopulationFor(this.per.cv, settings.tolerance, settings.confidence);
    this.populations = settings.populations ?? sweepPopulations(cohort, this.minimum);
    if (this.populations.some((n) => !(n > 0))) throw invalid("populations: expected numbers greater than 0");
    this.total = this.populations.length * settings.trials;
    this.rng = new Rng(settings.seed);
    this.prof = profile(
      steps,
      (s) => s.unitCost,
      () => 0,
    );
    this.costs = new Float64Array(settings.trials);
    this.unused = new Float64Array(settings.trials);
  }

  get completed(): number {
    return this.done;
  }

  /** Simulate up to `budget` more trials (whole populations at a time, at least one). */
  run(budget: number): number {
    const T = this.settings.trials;
    let spent = 0;
    while (this.rows.length < this.populations.length && (spent === 0 || spent + T <= budget)) {
      this.rows.push(this.one(this.populations[this.rows.length]));
      spent += T;
      this.done += T;
    }
    return this.done;
  }

  private one(population: number): SweepRow {
    const { trials, tolerance, dispersion } = this.settings;
    new TrialDrawer(this.prof, population, dispersion, this.rng).draw([this.costs], [this.unused], null, 0, trials);
    const budget = this.per.mean * population;
    const share = new Float64Array(trials);
    let over = 0;
    for (let t = 0; t < trials; t++) {
      share[t] = (budget - this.costs[t]) / budget;
      if (this.costs[t] > budget * (1 + tolerance)) over++;
    }
    const s = summarise(share, trials);
    return {
      population,
      sdShare: s.sd,
      p5Share: s.p5.value,
      p95Share: s.p95.value,
      overspend: proportion(over, trials),
      overspendNormal: overspendChance(population, this.per.cv, tolerance),
    };
  }

  result(): Sweep {
    if (this.rows.length < this.populations.length) throw new Error("the population sweep has not finished");
    const allowed = 1 - this.settings.confidence;
    let simulated: number | null = null;
    for (let i = this.rows.length - 1; i >= 0 && this.rows[i].overspend.value <= allowed; i--) simulated = this.rows[i].population;
    const { seed, trials, dispersion, tolerance, confidence } = this.settings;
    return {
      seed,
      trials,
      dispersion,
      tolerance,
      confidence,
      costPerPerson: this.per.mean,
      costCv: this.per.cv,
      minPopulationNormal: this.minimum,
      minPopulationSimulated: simulated,
      rows: this.rows,
    };
  }
}

export function populationSweep(steps: Step[], settings: SweepSettings, cohort: number | null = null): Sweep {
  const s = new PopulationSweep(steps, settings, cohort);
  s.run(s.total);
  return s.result();
}
