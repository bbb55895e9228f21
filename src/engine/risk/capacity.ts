/**
 * Can each organisation bear its risk (issue "Capitation set by need, a holder that can bear its risk")? Its
 * capacity is what it can lose in a bad year: typed per organisation, or by default its margin today (today's
 * contracts at today's activity; 0 if that is a loss). A model asks too much of it when the simulation's 5th
 * percentile of its margin loses more than that: p5 < −capacity. And the population at which it would not
 * (populationToBear).
 */
import { invalid } from "../rules/errors";
import { findOrganisation } from "../comparison/organisations";

export interface Capacity {
  /** £ each organisation can lose in a bad year. */
  amount: number[];
  /** Typed, or its margin today. */
  source: ("typed" | "margin today")[];
}

/** Each organisation's capacity: as typed (by name, matched as Excel's TRIM and any case), else its margin today (≥ 0). */
export function capacities(orgs: readonly string[], marginToday: ArrayLike<number>, typed: Record<string, number> | null | undefined): Capacity {
  const amount = Array.from(orgs, (_, o) => Math.max(0, marginToday[o]) + 0);
  const source: Capacity["source"] = orgs.map(() => "margin today");
  for (const [name, v] of Object.entries(typed ?? {})) {
    const o = findOrganisation(orgs, name);
    if (o < 0) throw invalid(`riskCapacity: '${name}' is not an organisation of the pathway; expected one of ${orgs.join(", ")}`);
    if (!(v >= 0 && Number.isFinite(v))) throw invalid(`riskCapacity: ${name}: expected an amount of £0 or more, got ${v}`);
    amount[o] = v;
    source[o] = "typed";
  }
  return { amount, source };
}

/**
 * The smallest cohort at which the 5th percentile of a margin no longer loses more than the capacity: null when
 * it already does not at this cohort; "never" when no larger cohort would (the margin falls as the cohort
 * grows). The 5th percentile is taken as mean − z × sd, with z the simulation's own ((mean − p5) / sd, so the
 * answer at this cohort is the simulation's, skew included), the mean and a capacity of margin today growing
 * with the cohort and the spread with its square root; a typed capacity stays as typed. Beyond MAX_POPULATION
 * it is "never": no commissioner's population is that large.
 */
/** More people than England has (about 57 million in 2021): a population that large is "never". */
export const MAX_POPULATION = 60_000_000;

export function populationToBear(
  m: { mean: number; sd: number; p5: number },
  cohort: number,
  capacity: number,
  typed: boolean,
): number | "never" | null {
  if (m.p5 >= -capacity) return null;
  const z = m.sd > 0 ? Math.max(0, (m.mean - m.p5) / m.sd) : 0;
  const m1 = m.mean / cohort; // per person
  const s1 = m.sd / Math.sqrt(cohort); // per √person
  if (!typed) {
    // Capacity grows with the cohort too: (m1 + c1)·N ≥ z·s1·√N.
    const net = m1 + capacity / cohort;
    return net > 0 ? plausible(Math.max(Math.ceil(((z * s1) / net) ** 2), Math.ceil(cohort) + 1)) : "never";
  }
  // A fixed capacity C: m1·x² − z·s1·x + C ≥ 0 with x = √N, which holds beyond the larger root when m1 > 0.
  if (!(m1 > 0)) return "never";
  const disc = (z * s1) ** 2 - 4 * m1 * capacity;
  const root = disc < 0 ? 0 : ((z * s1 + Math.sqrt(disc)) / (2 * m1)) ** 2;
  return plausible(Math.max(Math.ceil(root), Math.ceil(cohort) + 1));
}

const plausible = (n: number): number | "never" => (n > MAX_POPULATION ? "never" : n);

/** A population to bear a bad year larger than this many times the cohort is shown as out of reach, not as a number. */
export const POPULATION_REACH = 10;

/**
 * Whether an organisation can bear its bad year, in words a board reads: the chance of a loss, how much of what
 * it can lose its 1-in-20 year uses, and, where it cannot, the population at which it could, or why none within
 * reach (POPULATION_REACH × the cohort) would. `money` formats £.
 */
export function describeBearing(
  o: {
    lossChance: { value: number };
    marginP5: { value: number };
    capacity: number;
    exceedsCapacity: boolean;
    populationToBear: number | "never" | null;
  },
  cohort: number,
  money: (x: number) => string,
): string {
  const pct = chanceText;
  const bad = o.marginP5.value;
  const used =
    bad >= 0
      ? "its 1-in-20 year makes no loss"
      : o.capacity > 0
        ? `its 1-in-20 year (${money(bad)}) uses ${pct(-bad / o.capacity)} of the ${money(o.capacity)} it can lose`
        : `its 1-in-20 year (${money(bad)}) loses money it has no margin for`;
  const chance = `loses money in ${pct(o.lossChance.value)} of years; ${used}`;
  if (!o.exceedsCapacity) return `can bear its bad year: ${chance}`;
  return `cannot bear its bad year: ${chance}; ${populationWords(o.populationToBear, cohort)}`;
}

/**
 * A chance as text, never a non-zero chance shown as 0: `digits` decimals from 1% up, one more below 1%, and
 * "<0.01%" (or "<0.1%" with no decimals) for a chance that would still round to nothing. The default (one
 * decimal) is the readings'; the Risk view's matrix shows whole per cent: 24%, 0.4%, <0.1%, 0%.
 */
export function chanceText(x: number, digits = 1): string {
  const smallest = 10 ** -(digits + 1) / 100;
  if (x > 0 && x < smallest) return `<${(smallest * 100).toFixed(digits + 1)}%`;
  return `${(x * 100).toFixed(x > 0 && x < 0.01 ? digits + 1 : digits)}%`;
}

/** The population at which an organisation could bear its bad year, in words (never an absurd number). */
export function populationWords(p: number | "never" | null, cohort: number): string {
  if (p === null) return "it bears it at this cohort";
  if (p === "never") return "no larger population bears it (its margin does not grow with the population)";
  const reach = POPULATION_REACH * cohort;
  if (p > reach)
    return `not within ${POPULATION_REACH}× the cohort (${Math.round(reach).toLocaleString("en-GB")} people): its margin per person is too small against the year-to-year spread, which shrinks only with the square root of the population`;
  return `bears it from about ${p.toLocaleString("en-GB")} people`;
}
