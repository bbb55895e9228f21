/**
 * The population sweep: how the risk of a capitated budget falls as the population grows, simulated beside the
 * closed form (PAY.OVERSPEND_PROBABILITY, PAY.MIN_POPULATION).
 */
import { invalid } from "../rules/errors";
import { type Step } from "../comparison/organisations";
import { minPopulationFor, overspendChance } from "../rules/formulas";
import { Rng } from "./random";
import { proportion, summarise, type Estimate } from "./stats";

import { checkRiskSettings, type Dispersion } from "./settings";
import { profile, TrialDrawer, type Profile } from "./draw";

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
