/**
 * The Risk view's figures in words a board reads first (issue 37: "the capitated budget's chance of
 * overspending and its minimum population leading"), its chances as capacity.ts's chanceText writes them.
 */
import { chanceText } from "./capacity";
import type { Sweep } from "./sweep";

/**
 * The population sweep in one sentence: the chance that a capitated budget for the cohort, set at its expected
 * cost, overspends by more than the tolerance in a year, and the population that brings that chance within
 * what the confidence allows (the normal formula's, PAY.MIN_POPULATION, and the simulation's among the sizes
 * tried). Null when the sweep has no row for the cohort.
 */
export function describePopulationRisk(sweep: Sweep, cohort: number | null): string | null {
  const row = cohort === null ? undefined : sweep.rows.find((r) => r.population === Math.round(cohort));
  if (!row) return null;
  const allowed = chanceText(1 - sweep.confidence, 0);
  const people = (n: number) => n.toLocaleString("en-GB");
  const simulated =
    sweep.minPopulationSimulated === null ? "more than the largest size tried" : `${people(sweep.minPopulationSimulated)} of the sizes tried`;
  return (
    `A capitated budget for ${people(row.population)} people, set at expected cost, has a ${chanceText(row.overspend.value, 1)} chance ` +
    `of overspending by more than ${chanceText(sweep.tolerance, 1)} in a year; for a ${allowed} chance it needs ` +
    `${people(sweep.minPopulationNormal)} people (PAY.MIN_POPULATION; the simulation: ${simulated})`
  );
}
