/** One model's simulated risk, and each organisation's under it, with its reading for a board paper. */
import { gbp } from "../comparison/compare";
import { type ModelId } from "../comparison/settlement";
import { type Estimate, type Histogram, type Summary } from "./stats";

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
