/** A simulation's settings (the activity model, the year-level sources, trials and seed), in words and checked. */
import { invalid } from "../rules/errors";
import { checkSeed } from "./random";

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
