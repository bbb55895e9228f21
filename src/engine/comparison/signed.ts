/**
 * Today as signed (issue 34 B): contracts as the organisations signed them, reconciled to the tariff valuation.
 * A signed value for an organisation at a point of delivery (or "all" of it) replaces the tariff valuation of
 * its fixed steps there, shared pro rata to their tariff value; its blended and activity steps are untouched.
 * The tariff valuation is price × MFF × planned activity (or today's activity without a plan). A glide path
 * closes the gap in equal steps over `glideYears` years of a transition (£22m signed against £20m at tariff over
 * 3 years: £21.33m, £20.67m, £20m).
 */
import { invalid } from "../rules/errors";
import {
  findOrganisation,
  organisationIndex,
  organisationOf,
  stepMff,
  stepState,
  type Activity,
  type PathwayTerms,
  type Step,
} from "./organisations";
import { asPlanned, paymentTodayOf, pointOfDeliveryOf, type PointOfDelivery, type TodaysRule } from "./today";

export interface SignedContract {
  organisation: string;
  /** The point of delivery the value covers, or "all" of the organisation's fixed steps not covered by another row. */
  pointOfDelivery: PointOfDelivery | "all";
  /** The value signed for the year, £. */
  signed: number;
}

/** One contract row reconciled: the tariff valuation of the steps it covers, what was signed, and the gap. */
export interface ReconciliationRow {
  organisation: string;
  pointOfDelivery: PointOfDelivery | "all";
  tariff: number;
  signed: number;
  /** signed − tariff (£): above 0, the organisation is paid more than tariff for the same activity. */
  gap: number;
  /** gap ÷ tariff; null where the tariff valuation is 0. */
  gapShare: number | null;
  /** The steps whose payment the signed value sets. */
  steps: string[];
}

export interface SignedToday {
  /** Per step, the factor on its fixed payment's value (signed ÷ tariff of the steps its contract covers; 1 elsewhere). */
  factors: number[];
  /** Per step, the row of `reconciliation` whose contract covers it; −1 for a step no contract covers. */
  rowOf: number[];
  reconciliation: ReconciliationRow[];
}

/**
 * The contracts reconciled against the steps: each row's fixed steps (a row for a point of delivery before the
 * organisation's "all" row), their tariff valuation and the factor that makes them the signed value. Refused,
 * naming the row: an organisation not in the pathway, two rows for the same organisation and point of delivery,
 * a signed value where no fixed step carries it.
 */
export function reconcile(
  steps: readonly Step[],
  orgs: readonly string[],
  t: PathwayTerms,
  rule: TodaysRule | null,
  contracts: readonly SignedContract[],
): SignedToday {
  const factors = steps.map(() => 1);
  const coveredBy = steps.map(() => -1);
  const taken = new Set<number>();
  const seen = new Set<string>();
  const tariffOf = (s: Step) => tariffValuation(s, t);
  // Rows for a point of delivery first, then each organisation's "all" (its fixed steps not yet covered).
  const order = contracts.map((c, i) => ({ c, i })).sort((a, b) => Number(a.c.pointOfDelivery === "all") - Number(b.c.pointOfDelivery === "all"));
  const rows: (ReconciliationRow & { at: number })[] = [];
  for (const { c, i } of order) {
    const row = `contracts, row ${i + 1}`;
    const o = findOrganisation(orgs, c.organisation);
    if (o < 0) throw invalid(`${row}: '${c.organisation}' is not an organisation of the pathway (${orgs.map((x) => `'${x}'`).join(", ")})`);
    const key = `${o}|${c.pointOfDelivery}`;
    if (seen.has(key))
      throw invalid(`${row}: ${orgs[o]} at ${c.pointOfDelivery} is signed twice; give one value for each organisation and point of delivery`);
    seen.add(key);
    if (!(c.signed >= 0 && Number.isFinite(c.signed))) throw invalid(`${row}: expected a signed value of at least £0, got ${c.signed}`);
    const covered = steps
      .map((s, k) => ({ s, k }))
      .filter(
        ({ s, k }) =>
          !taken.has(k) &&
          findOrganisation(orgs, organisationOf(s)) === o &&
          paymentTodayOf(s, rule).kind === "fixed" &&
          (c.pointOfDelivery === "all" || pointOfDeliveryOf(s) === c.pointOfDelivery),
      );
    const tariff = covered.reduce((x, { s }) => x + tariffOf(s), 0);
    if (tariff === 0 && c.signed !== 0)
      throw invalid(
        `${row}: ${orgs[o]} has no step paid by a fixed payment today at ${c.pointOfDelivery === "all" ? "any point of delivery" : c.pointOfDelivery} (with a tariff value) to carry the signed £${c.signed.toLocaleString("en-GB")}`,
      );
    for (const { k } of covered) {
      taken.add(k);
      coveredBy[k] = i;
      factors[k] = tariff === 0 ? 1 : c.signed / tariff;
    }
    const gap = c.signed - tariff;
    rows.push({
      at: i,
      organisation: orgs[o],
      pointOfDelivery: c.pointOfDelivery,
      tariff,
      signed: c.signed,
      gap,
      gapShare: tariff === 0 ? null : gap / tariff,
      steps: covered.map(({ s }) => s.name),
    });
  }
  rows.sort((a, b) => a.at - b.at);
  return {
    factors,
    rowOf: coveredBy,
    reconciliation: rows.map(({ organisation, pointOfDelivery, tariff, signed, gap, gapShare, steps: covers }) => ({
      organisation,
      pointOfDelivery,
      tariff,
      signed,
      gap,
      gapShare,
      steps: covers,
    })),
  };
}

/** A step's tariff valuation: price × MFF × its planned activity (or today's activity without a plan). */
export function tariffValuation(s: Step, t: PathwayTerms): number {
  const p = asPlanned(s, t.cohort);
  return p.unitPrice * stepMff(s, t) * p.volume * p.takeUp * t.cohort;
}

/**
 * The factor on a step's fixed payment in year `y` of a transition (0: today) with the gap closed in equal steps
 * over `glideYears` years (null: never, the signed premium kept): 1 + (f − 1) × max(0, 1 − y ÷ glideYears).
 */
export function glided(factor: number, y: number, glideYears: number | null): number {
  if (glideYears === null) return factor;
  return 1 + (factor - 1) * glideShare(y, glideYears);
}

export function checkGlideYears(g: number | null | undefined): void {
  if (g === null || g === undefined) return;
  if (!(Number.isInteger(g) && g >= 1 && g <= 10)) throw invalid(`glideYears: expected a whole number of years from 1 to 10 (or none), got ${g}`);
}

/**
 * Each organisation's baseline at today's payment (settlement.ts Contract.paid): its activity value in `a` plus,
 * step by step, its value × (factor − 1) × `glide`: the premium (or discount) of the contracts as signed, on
 * today's activity valued at the prices signed; `glide` is the share of the gap still open (1 as signed, 0 at
 * tariff). Without factors, `value` itself, so every figure is as without a contracts table.
 */
export function paidBaseline(
  steps: readonly Step[],
  orgs: readonly string[],
  t: PathwayTerms,
  a: Activity,
  value: Float64Array,
  factors: readonly number[] | null,
  glide = 1,
): Float64Array {
  if (factors === null) return value;
  const paid = Float64Array.from(value);
  steps.forEach((s, k) => {
    const o = organisationIndex(orgs, s);
    if (o >= 0 && factors[k] !== 1) paid[o] += stepState(s, t, a).value * (factors[k] - 1) * glide;
  });
  return paid;
}

/** The share of a signed gap to tariff still open in year `y` (glided's weight on factor − 1). */
export const glideShare = (y: number, glideYears: number | null): number => (glideYears === null ? 1 : Math.max(0, 1 - y / glideYears));

/**
 * Today's payment by organisation (settlement.ts Contract.paid) for stepOutcomes, and how one step's move changes
 * it as a full re-run would: a step no contract covers adds its change of value; a step a signed contract covers
 * changes its row's tariff valuation, so the row's premium V × (signed ÷ tariff − 1) is worked out again.
 * Without a contracts table `value` is the activity values themselves, already moved by the caller.
 */
export function todaysPayment(
  inp: PathwayTerms & { steps: Step[]; contracts?: SignedContract[] | null; todaysRule?: TodaysRule | null },
  orgs: readonly string[],
  today: Activity,
  values: Float64Array,
): { value: Float64Array; move: (i: number, o: number, was: Step, now: Step, dValue: number) => void } {
  const signed = inp.contracts && inp.contracts.length > 0 ? reconcile(inp.steps, orgs, inp, inp.todaysRule ?? null, inp.contracts) : null;
  if (!signed) return { value: values, move: () => undefined };
  const value = paidBaseline(inp.steps, orgs, inp, today, values, signed.factors);
  const rowValue = signed.reconciliation.map(() => 0);
  inp.steps.forEach((s, k) => {
    if (signed.rowOf[k] >= 0) rowValue[signed.rowOf[k]] += stepState(s, inp, today).value;
  });
  const premium = (v: number, signedValue: number, tariff: number) => (tariff === 0 ? 0 : v * (signedValue / tariff - 1));
  return {
    value,
    move: (i, o, was, now, dValue) => {
      const c = signed.rowOf[i];
      if (c < 0) {
        value[o] += dValue;
        return;
      }
      const row = signed.reconciliation[c];
      const tariff = row.tariff - tariffValuation(was, inp) + tariffValuation(now, inp);
      value[o] += dValue + premium(rowValue[c] + dValue, row.signed, tariff) - premium(rowValue[c], row.signed, row.tariff);
    },
  };
}
