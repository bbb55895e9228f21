/**
 * The population-risk functions of the formula contract: OVERSPEND_PROBABILITY and MIN_POPULATION (the normal
 * approximation a capitated budget's holder can check a simulation against).
 */
import { PayError, divZero, finite, invalid } from "./errors";
import { FRACTION, NON_NEGATIVE, readScalar } from "./cells";
import { normalQuantile, normalSf } from "./normal";

// ---------------------------------------------------------------------------------------------------------
// OVERSPEND_PROBABILITY(population, cost_cv, tolerance) and MIN_POPULATION(cost_cv, tolerance, [confidence])

/** 1 − Φ(tolerance·√population / cost_cv); 0 when costs do not vary. */
export function overspendChance(population: number, costCv: number, tolerance: number): number {
  if (costCv === 0) return 0;
  return normalSf((tolerance * Math.sqrt(population)) / costCv);
}

export function overspendProbability(population: unknown, cost_cv: unknown, tolerance: unknown): number {
  const n = readScalar(population, "population", NON_NEGATIVE);
  if (n === 0) throw divZero("population is 0: the spread of a mean cost over no people is undefined");
  const cv = readScalar(cost_cv, "cost_cv", NON_NEGATIVE);
  const tol = readScalar(tolerance, "tolerance", NON_NEGATIVE);
  return finite(overspendChance(n, cv, tol), "OVERSPEND_PROBABILITY");
}

/**
 * ⌈(z·cv/tol)²⌉, checked against overspendChance so that rounding in the square can never make it one
 * off: the result is the smallest whole population whose overspend chance is at most 1 − confidence.
 * At or below a confidence of 0.5 every population meets the test, so the answer is 1.
 * The check is a bracketing search from the closed form (the chance falls as the population grows), so it
 * takes at most a few hundred steps for any input, never a walk of millions (docs/formula-contract.md: no hangs).
 */
export function minPopulationFor(costCv: number, tolerance: number, confidence: number): number {
  const z = normalQuantile(confidence);
  if (z <= 0 || costCv === 0) return 1;
  const guess = Math.max(1, Math.ceil(((z * costCv) / tolerance) ** 2));
  if (!Number.isFinite(guess) || guess > Number.MAX_SAFE_INTEGER) return guess;
  const allowed = 1 - confidence;
  const ok = (n: number): boolean => overspendChance(n, costCv, tolerance) <= allowed;
  // Bracket: bad < answer ≤ good, with bad = 0 standing for "no population".
  let good = guess;
  let bad = 0;
  if (ok(guess)) {
    for (let step = 1; guess - step >= 1; step *= 2) {
      if (!ok(guess - step)) {
        bad = guess - step;
        break;
      }
      good = guess - step;
    }
  } else {
    bad = guess;
    for (let step = 1; ; step *= 2) {
      if (guess + step > Number.MAX_SAFE_INTEGER) return Infinity;
      if (ok(guess + step)) {
        good = guess + step;
        break;
      }
      bad = guess + step;
    }
  }
  while (good - bad > 1) {
    const mid = bad + Math.floor((good - bad) / 2);
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

export function minPopulation(cost_cv: unknown, tolerance: unknown, confidence?: unknown): number {
  const cv = readScalar(cost_cv, "cost_cv", NON_NEGATIVE);
  const tol = readScalar(tolerance, "tolerance", NON_NEGATIVE);
  if (tol === 0) throw divZero("tolerance is 0: no population makes an overspend of more than 0 unlikely");
  const conf = readScalar(confidence, "confidence", FRACTION, 0.95);
  if (conf === 0 || conf === 1) throw invalid(`confidence: expected a number between 0 and 1 (not 0 or 1 itself), got ${conf}`);
  const n = minPopulationFor(cv, tol, conf);
  if (n > Number.MAX_SAFE_INTEGER)
    throw new PayError("#NUM!", "MIN_POPULATION: the population needed is beyond any real population (tolerance too small)");
  return finite(n, "MIN_POPULATION");
}
