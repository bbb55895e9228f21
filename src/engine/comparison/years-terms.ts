/**
 * The transition's terms (transition.ts): each by year or for every year, their defaults, how they are checked
 * (every problem named by its term and year), the NHS Payment Scheme's price path and the financial years the
 * transition's years are labelled by.
 */
import { invalid } from "../rules/errors";
import { findOrganisation } from "./organisations";
import { checkGlideYears } from "./signed";

export const MAX_YEARS = 10;

export interface TransitionTerms {
  /** Years of the transition, 1 to 10. */
  years: number;
  /** Share of the target care shift achieved in each year (a single value: every year). */
  shiftAchieved: number[];
  /** One-off set-up cost by year, £ (a single value: year 1 only). */
  setupCost: number[];
  /** Who bears the set-up cost: "commissioner" or an organisation's name. */
  setupBearer: string;
  /** The year from which stranded hospital fixed cost is released by decommissioning; null: never. */
  releaseYear: number | null;
  /** Share of the freed capacity backfilled with other work paid at unit prices instead of decommissioned, 0..1. */
  backfillShare: number;
  /**
   * Who pays for the backfilled work: "commissioner" (the pathway's), or another payer by name (NHS England,
   * another ICB), which then has a line of its own. Never a saving of the system: see ModelTransition.system.
   */
  backfillPayer: string;
  /**
   * Price uplift and cost uplift by year (a single value: every year). The price uplift applied: as typed, or,
   * where none is typed, the NHS Payment Scheme's cost uplift less its efficiency factor (priceUpliftFrom).
   */
  priceUplift: number[];
  costUplift: number[];
  /** The efficiency factor by year that took the price uplift below the cost uplift (recorded; 0 when absent). */
  efficiency?: number[];
  /** How cost uplift and efficiency were combined into the price uplift (priceUpliftFrom); absent: additive. */
  priceConvention?: PriceConvention;
  /** Years over which a signed contract's gap to its tariff valuation closes in equal steps (signed.ts); absent or null: never. */
  glideYears?: number | null;
  /** The financial year the transition starts in ("2026/27"): the years are labelled 2026/27, 2027/28, …; absent: Year 1, Year 2, … */
  start?: string;
  /** Contracts re-based every this many years on the last year's activity (1: every year). */
  rebaseEvery: number;
  /** Discount rate a year for net present value and payback (HM Treasury Green Book: 3.5%). */
  discountRate: number;
  /**
   * Yearly growth of demand (every step's volume), on the path of doing nothing and on each proposal's alike;
   * fixed payments move only when re-based. Optional: 0 (flat) when absent.
   */
  demandGrowth?: number;
}

/**
 * How the NHS Payment Scheme's cost uplift and efficiency factor make a price uplift. "additive" (the default):
 * 1 + uplift − efficiency, as the scheme states its net uplift (NHS England, NHS Payment Scheme 2025/27 and
 * 2026/27 consultation, "cost uplift factor less the efficiency factor"); "multiplicative": (1 + uplift)(1 −
 * efficiency), as some plans compound them. £2,000 at 4.83% and 2%: £2,056.60 additive, £2,054.67 multiplicative.
 */
export type PriceConvention = "additive" | "multiplicative";
export const PRICE_CONVENTIONS: readonly PriceConvention[] = ["additive", "multiplicative"];

/** A year's price uplift from its cost uplift and efficiency factor (PriceConvention). */
export function priceUpliftFrom(costUplift: number, efficiency: number, convention: PriceConvention = "additive"): number {
  return convention === "additive" ? costUplift - efficiency : (1 + costUplift) * (1 - efficiency) - 1;
}

/**
 * A financial year as typed ("2026/27", "2026-27", "2026/2027", "FY2026/27"): its first calendar year, or a
 * problem naming what was expected (the second year must follow the first).
 */
export function readFinancialYear(text: string): { first: number } | { problem: string } {
  const m = /^\s*(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/i.exec(text);
  const expected = `expected a financial year such as 2026/27, got '${text.trim()}'`;
  if (!m) return { problem: expected };
  const first = Number(m[1]);
  const second = Number(m[2]);
  const follows = m[2].length === 2 ? second === (first + 1) % 100 : second === first + 1;
  if (!follows || first < 1900 || first > 2200) return { problem: expected };
  return { first };
}

/** Labels of `years` financial years from `start` ("2026/27" → 2026/27, 2027/28, …); without one, Year 1, Year 2, …. */
export function yearLabels(years: number, start?: string): string[] {
  const fy = start === undefined ? null : readFinancialYear(start);
  if (fy !== null && "problem" in fy) throw invalid(`start: ${fy.problem}`);
  return Array.from({ length: years }, (_, i) =>
    fy === null ? `Year ${i + 1}` : `${fy.first + i}/${String((fy.first + i + 1) % 100).padStart(2, "0")}`,
  );
}

/** 25%, 50%, 75%, then 100% of the target shift. */
export function defaultRamp(years: number): number[] {
  return Array.from({ length: years }, (_, i) => Math.min(1, (i + 1) / 4));
}

export const DEFAULT_TRANSITION: TransitionTerms = {
  years: 5,
  shiftAchieved: defaultRamp(5),
  setupCost: [0],
  setupBearer: "commissioner",
  releaseYear: null,
  backfillShare: 0,
  backfillPayer: "commissioner",
  priceUplift: [0],
  costUplift: [0],
  rebaseEvery: 1,
  discountRate: 0.035,
};

/** A by-year term: one value per year, or a single value for every year (or, `firstOnly`, for year 1 alone). */
export function perYear(values: readonly number[], years: number, name: string, firstOnly = false): number[] {
  if (values.length === years) return [...values];
  if (values.length === 1) return Array.from({ length: years }, (_, i) => (firstOnly && i > 0 ? 0 : values[0]));
  throw invalid(`${name}: expected one value, or one value for each of the ${years} years, got ${values.length}`);
}

/** A rate as typed: −100%, 3.5%. */
export const pct = (x: number): string => `${x < 0 ? "−" : ""}${+(Math.abs(x) * 100).toPrecision(12)}%`;

export function checkTransition(t: TransitionTerms, orgs: readonly string[]): void {
  if (!Number.isInteger(t.years) || t.years < 1 || t.years > MAX_YEARS)
    throw invalid(`years: expected a whole number from 1 to ${MAX_YEARS}, got ${t.years}`);
  const share = (x: number) => x >= 0 && x <= 1;
  perYear(t.shiftAchieved, t.years, "shiftAchieved").forEach((x, i) => {
    if (!share(x)) throw invalid(`shiftAchieved, year ${i + 1}: expected a share from 0% to 100%, got ${pct(x)}`);
  });
  perYear(t.setupCost, t.years, "setupCost", true).forEach((x, i) => {
    if (!(x >= 0 && Number.isFinite(x))) throw invalid(`setupCost, year ${i + 1}: expected an amount of at least 0, got ${x}`);
  });
  for (const [name, v] of [
    ["priceUplift", t.priceUplift],
    ["costUplift", t.costUplift],
  ] as const) {
    perYear(v, t.years, name).forEach((x, i) => {
      if (!(x > -1 && x <= 1)) throw invalid(`${name}, year ${i + 1}: expected a yearly change above −100% and at most 100%, got ${pct(x)}`);
    });
  }
  perYear(t.efficiency ?? [0], t.years, "efficiency").forEach((x, i) => {
    if (!(x >= 0 && x <= 0.5)) throw invalid(`efficiency, year ${i + 1}: expected a yearly efficiency factor from 0% to 50%, got ${pct(x)}`);
  });
  if (t.priceConvention !== undefined && !PRICE_CONVENTIONS.includes(t.priceConvention))
    throw invalid(`priceConvention: expected ${PRICE_CONVENTIONS.join(" or ")}, got '${String(t.priceConvention)}'`);
  if (t.start !== undefined) yearLabels(1, t.start);
  checkGlideYears(t.glideYears);
  if (t.releaseYear !== null && !(Number.isInteger(t.releaseYear) && t.releaseYear >= 1 && t.releaseYear <= t.years)) {
    throw invalid(`releaseYear: expected a year from 1 to ${t.years} (or none), got ${t.releaseYear}`);
  }
  if (!share(t.backfillShare)) throw invalid(`backfillShare: expected a share from 0% to 100%, got ${pct(t.backfillShare)}`);
  if (!(Number.isInteger(t.rebaseEvery) && t.rebaseEvery >= 1))
    throw invalid(`rebaseEvery: expected a whole number of years of at least 1, got ${t.rebaseEvery}`);
  const g = t.demandGrowth ?? 0;
  if (!(g > -1 && g <= 1)) throw invalid(`demandGrowth: expected a yearly change above −100% and at most 100%, got ${pct(g)}`);
  if (!(t.discountRate > -1 && t.discountRate < 1))
    throw invalid(`discountRate: expected a yearly rate above −100% and below 100%, got ${pct(t.discountRate)}`);
  if (t.backfillPayer.trim() === "") throw invalid('backfillPayer: expected "commissioner" or the name of another payer, got nothing');
  if (findOrganisation(orgs, t.backfillPayer) >= 0)
    throw invalid(
      `backfillPayer: '${t.backfillPayer}' is an organisation of the pathway; the work it does on backfilled capacity is paid by the commissioner or another payer`,
    );
  if (!isCommissioner(t.setupBearer) && findOrganisation(orgs, t.setupBearer) < 0) {
    throw invalid(
      `setupBearer: expected "commissioner" or an organisation of the pathway (${orgs.map((o) => `'${o}'`).join(", ")}), got '${t.setupBearer}'`,
    );
  }
}

/** "commissioner", however typed: the pathway's commissioner as a bearer or payer (not an organisation). */
export const isCommissioner = (name: string): boolean => name.trim().toLowerCase() === "commissioner";
