/**
 * The payment-rule functions of the formula contract (docs/formula-contract.md, "Payment-rule functions"):
 * SPELL_PRICE, MARGINAL_RATE, BLENDED_PAYMENT, SHARED_SAVINGS, BUNDLE_RECONCILE and GAIN_SHARE, each with the typed
 * core the comparison and the simulation call (spellPriceOne, marginalRatePayment, …). As formulas.ts: Excel's
 * arguments in, a finite number or a spill out, or a PayError.
 */
import { PayError, divZero, finite } from "./errors";
import {
  ANY_NUMBER,
  FRACTION,
  NON_NEGATIVE,
  POSITIVE,
  WHOLE_NON_NEGATIVE,
  dimensions,
  isBlankArgument,
  readOptionalScalar,
  readScalar,
  readTable,
  type ColumnSpec,
} from "./cells";
import { cleanCell, cleanColumns, sumOfProducts } from "./fast-columns";
import type { Spill } from "./spill";

/** Read a budget that others are measured against: > 0, with 0 as #DIV/0!. */
export function readBudget(value: unknown, name: string): number {
  const budget = readScalar(value, name, NON_NEGATIVE);
  if (budget === 0) throw divZero(`${name} is 0: the variance cannot be measured against a zero ${name}`);
  return budget;
}

// ---------------------------------------------------------------------------------------------------------
// SPELL_PRICE(base_tariff, length_of_stay, trimpoint, per_day_payment, [mff], [short_stay_tariff])

/** One admitted spell's price; `shortStay` null when the HRG has no reduced short-stay tariff. */
export function spellPriceOne(base: number, los: number, trimpoint: number, perDay: number, mff: number, shortStay: number | null): number {
  const tariff = shortStay !== null && los <= 1 ? shortStay : base;
  const excessDays = los > trimpoint ? los - trimpoint : 0;
  return (tariff + excessDays * perDay) * mff;
}

/**
 * A short-stay tariff cell as the tariff workbooks write it (docs/formula-contract.md): blank, 0 (older Excel sends
 * blanks as 0) or the text "-" mean "this HRG has no reduced short-stay tariff".
 */
function shortStayOrNone(x: number): number | null {
  return x > 0 ? x : null;
}

const isDash = (v: unknown): boolean => typeof v === "string" && v.trim() === "-";

/** The short-stay argument with "-" read as blank, so the one normaliser judges every other cell. */
function dashesAsBlank(value: unknown): unknown {
  if (isDash(value)) return null;
  if (!Array.isArray(value)) return value;
  return value.map((row: unknown) => (Array.isArray(row) ? row.map((v: unknown) => (isDash(v) ? null : v)) : isDash(row) ? null : row));
}

const SPELL_ARGS: readonly ColumnSpec[] = [
  { name: "base_tariff", value: null, rule: NON_NEGATIVE },
  { name: "length_of_stay", value: null, rule: WHOLE_NON_NEGATIVE },
  { name: "trimpoint", value: null, rule: WHOLE_NON_NEGATIVE },
  { name: "per_day_payment", value: null, rule: NON_NEGATIVE },
  { name: "mff", value: null, rule: POSITIVE },
  { name: "short_stay_tariff", value: null, rule: NON_NEGATIVE, blankAllowed: true },
];

function isRange(value: unknown): boolean {
  const d = dimensions(value);
  return Array.isArray(value) && d.height * d.width !== 1;
}

export function spellPrice(
  base_tariff: unknown,
  length_of_stay: unknown,
  trimpoint: unknown,
  per_day_payment: unknown,
  mff?: unknown,
  short_stay_tariff?: unknown,
): number | Spill {
  const values = [base_tariff, length_of_stay, trimpoint, per_day_payment, mff, dashesAsBlank(short_stay_tariff)];
  if (!values.some(isRange)) {
    const price = spellPriceOne(
      readScalar(base_tariff, "base_tariff", NON_NEGATIVE),
      readScalar(length_of_stay, "length_of_stay", WHOLE_NON_NEGATIVE),
      readScalar(trimpoint, "trimpoint", WHOLE_NON_NEGATIVE),
      readScalar(per_day_payment, "per_day_payment", NON_NEGATIVE),
      readScalar(mff, "mff", POSITIVE, 1),
      shortStayOrNone(readOptionalScalar(values[5], "short_stay_tariff", NON_NEGATIVE) ?? 0),
    );
    return finite(price, "SPELL_PRICE");
  }
  // Array form: ranges pair row by row; a single value applies to every row. A bad single value is an error
  // for the whole call; a bad cell in a range is an error in its own row only.
  const rangeIdx = values.map((v, k) => k).filter((k) => isRange(values[k]));
  const specs = rangeIdx.map((k) => ({ ...SPELL_ARGS[k], value: values[k] }));
  const scalar = values.map((v, k) => {
    if (rangeIdx.includes(k)) return NaN;
    if (k === 4) return readScalar(v, "mff", POSITIVE, 1);
    if (k === 5) return readOptionalScalar(v, "short_stay_tariff", NON_NEGATIVE) ?? 0;
    return readScalar(v, SPELL_ARGS[k].name, SPELL_ARGS[k].rule);
  });
  const [sb, sl, st, sp, sm, ss] = scalar;
  // Columns of clean numbers (the usual tariff table): one pass. At the first cell that is not clean (a
  // blank, a "-", text) the whole call goes the full way below, which judges every rule in one place.
  const clean = cleanColumns(specs);
  if (clean !== null && rangeIdx.length === 4 && rangeIdx.every((k, j) => k === j)) {
    // The tariff table's usual shape: base, length of stay, trimpoint and per-day as columns, MFF and short
    // stay single values. The same rules (cleanColumns' bounds), read once into locals for the hot loop.
    const [B, L, T, P] = clean.rows;
    const { lo, hi, excluded, whole } = clean;
    const short = shortStayOrNone(ss);
    const out: Spill = new Array(clean.n);
    let i = 0;
    for (; i < clean.n; i++) {
      const b = B[i][0];
      const l = L[i][0];
      const t = T[i][0];
      const p = P[i][0];
      if (typeof b !== "number" || typeof l !== "number" || typeof t !== "number" || typeof p !== "number") break;
      if (!(b >= lo[0] && b <= hi[0] && b !== excluded[0] && (whole[0] === 0 || Math.floor(b) === b))) break;
      if (!(l >= lo[1] && l <= hi[1] && l !== excluded[1] && (whole[1] === 0 || Math.floor(l) === l))) break;
      if (!(t >= lo[2] && t <= hi[2] && t !== excluded[2] && (whole[2] === 0 || Math.floor(t) === t))) break;
      if (!(p >= lo[3] && p <= hi[3] && p !== excluded[3] && (whole[3] === 0 || Math.floor(p) === p))) break;
      const price = spellPriceOne(b, l, t, p, sm, short);
      if (!Number.isFinite(price)) break;
      out[i] = [price + 0];
    }
    if (i === clean.n) return out;
  } else if (clean !== null) {
    const [jb, jl, jt, jp, jm, js] = [0, 1, 2, 3, 4, 5].map((k) => rangeIdx.indexOf(k));
    const out: Spill = new Array(clean.n);
    let i = 0;
    for (; i < clean.n; i++) {
      // A cell that is not clean reads as NaN.
      const b = jb >= 0 ? cleanCell(clean, jb, i) : sb;
      const l = jl >= 0 ? cleanCell(clean, jl, i) : sl;
      const t = jt >= 0 ? cleanCell(clean, jt, i) : st;
      const p = jp >= 0 ? cleanCell(clean, jp, i) : sp;
      const m = jm >= 0 ? cleanCell(clean, jm, i) : sm;
      const short = js >= 0 ? cleanCell(clean, js, i) : ss;
      if (Number.isNaN(b) || Number.isNaN(l) || Number.isNaN(t) || Number.isNaN(p) || Number.isNaN(m) || Number.isNaN(short)) break;
      const price = spellPriceOne(b, l, t, p, m, shortStayOrNone(short));
      if (!Number.isFinite(price)) break;
      out[i] = [price + 0];
    }
    if (i === clean.n) return out;
  }
  const t = readTable(specs, { rowErrors: true });
  const col = (k: number): Float64Array | null => {
    const at = rangeIdx.indexOf(k);
    return at < 0 ? null : (t.cols[at] as Float64Array);
  };
  const [cb, cl, ct, cp, cm, cs] = [0, 1, 2, 3, 4, 5].map(col);
  const out: Spill = new Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const rowError = t.rowErrors?.[i] ?? null;
    if (rowError !== null) {
      out[i] = [rowError];
      continue;
    }
    if (t.blankRows !== null && t.blankRows[i] === 1) {
      out[i] = [""];
      continue;
    }
    const price = spellPriceOne(
      cb !== null ? cb[i] : sb,
      cl !== null ? cl[i] : sl,
      ct !== null ? ct[i] : st,
      cp !== null ? cp[i] : sp,
      cm !== null ? cm[i] : sm,
      shortStayOrNone(cs !== null ? cs[i] : ss),
    );
    out[i] = [Number.isFinite(price) ? price + 0 : new PayError("#NUM!", `SPELL_PRICE, ${t.at(i)}: the result is too large to represent`)];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// MARGINAL_RATE(actual_value, baseline_value, rate_above, [rate_below])

export function marginalRatePayment(actual: number, baseline: number, rateAbove: number, rateBelow: number): number {
  if (actual >= baseline) return baseline + rateAbove * (actual - baseline);
  return baseline - rateBelow * (baseline - actual);
}

export function marginalRate(actual_value: unknown, baseline_value: unknown, rate_above: unknown, rate_below?: unknown): number {
  const a = readScalar(actual_value, "actual_value", NON_NEGATIVE);
  const b = readScalar(baseline_value, "baseline_value", NON_NEGATIVE);
  const up = readScalar(rate_above, "rate_above", NON_NEGATIVE);
  const down = readScalar(rate_below, "rate_below", NON_NEGATIVE, 1);
  return finite(marginalRatePayment(a, b, up, down), "MARGINAL_RATE");
}

// ---------------------------------------------------------------------------------------------------------
// BLENDED_PAYMENT(fixed, unit_prices, volumes, [variable_rate], [mff])

/** Σ unit_price × volume over paired ranges (an activity value); an all-blank table is worth 0. */
export function activityValue(unit_prices: unknown, volumes: unknown, allowEmpty: boolean): number {
  return sumOfProducts(
    [
      { name: "unit_prices", value: unit_prices, rule: NON_NEGATIVE },
      { name: "volumes", value: volumes, rule: NON_NEGATIVE },
    ],
    { allowEmpty },
  );
}

export function blendedPayment(fixed: unknown, unit_prices: unknown, volumes: unknown, variable_rate?: unknown, mff?: unknown): number {
  const f = readScalar(fixed, "fixed", NON_NEGATIVE);
  const value = activityValue(unit_prices, volumes, true);
  const rate = readScalar(variable_rate, "variable_rate", NON_NEGATIVE, 1);
  const factor = readScalar(mff, "mff", POSITIVE, 1);
  return finite(f + rate * value * factor, "BLENDED_PAYMENT");
}

// ---------------------------------------------------------------------------------------------------------
// SHARED_SAVINGS(actual, benchmark, sharing_rate, [min_savings_rate], [cap], [loss_rate], [min_loss_rate], [loss_cap])

export interface SavingsTerms {
  sharingRate: number;
  minSavingsRate: number;
  cap: number | null;
  /** null: one-sided (losses are not repaid). */
  lossRate: number | null;
  minLossRate: number;
  lossCap: number | null;
}

export function sharedSavingsPayment(actual: number, benchmark: number, terms: SavingsTerms): number {
  const savings = benchmark - actual;
  if (savings > 0) {
    if (savings / benchmark < terms.minSavingsRate) return 0;
    const earned = terms.sharingRate * savings;
    return terms.cap === null ? earned : Math.min(earned, terms.cap * benchmark);
  }
  if (savings < 0 && terms.lossRate !== null) {
    const loss = -savings;
    if (loss / benchmark < terms.minLossRate) return 0;
    const owed = terms.lossRate * loss;
    return -(terms.lossCap === null ? owed : Math.min(owed, terms.lossCap * benchmark));
  }
  return 0;
}

export function sharedSavings(
  actual: unknown,
  benchmark: unknown,
  sharing_rate: unknown,
  min_savings_rate?: unknown,
  cap?: unknown,
  loss_rate?: unknown,
  min_loss_rate?: unknown,
  loss_cap?: unknown,
): number {
  const a = readScalar(actual, "actual", NON_NEGATIVE);
  const b = readBudget(benchmark, "benchmark");
  const terms: SavingsTerms = {
    sharingRate: readScalar(sharing_rate, "sharing_rate", FRACTION),
    minSavingsRate: readScalar(min_savings_rate, "min_savings_rate", FRACTION, 0),
    cap: readOptionalScalar(cap, "cap", NON_NEGATIVE),
    lossRate: readOptionalScalar(loss_rate, "loss_rate", FRACTION),
    minLossRate: readScalar(min_loss_rate, "min_loss_rate", FRACTION, 0),
    lossCap: readOptionalScalar(loss_cap, "loss_cap", NON_NEGATIVE),
  };
  return finite(sharedSavingsPayment(a, b, terms) + 0, "SHARED_SAVINGS");
}

// ---------------------------------------------------------------------------------------------------------
// BUNDLE_RECONCILE(target_price, episodes, actual_cost, [discount], [stop_gain], [stop_loss])

export function bundleReconciliation(
  targetPrice: number,
  episodes: number,
  actualCost: number,
  discount: number,
  stopGain: number | null,
  stopLoss: number | null,
): number {
  const target = targetPrice * (1 - discount) * episodes;
  let result = target - actualCost;
  if (stopGain !== null) result = Math.min(result, stopGain * target);
  if (stopLoss !== null) result = Math.max(result, -stopLoss * target);
  return result + 0;
}

export function bundleReconcile(
  target_price: unknown,
  episodes: unknown,
  actual_cost: unknown,
  discount?: unknown,
  stop_gain?: unknown,
  stop_loss?: unknown,
): number {
  return finite(
    bundleReconciliation(
      readScalar(target_price, "target_price", NON_NEGATIVE),
      readScalar(episodes, "episodes", NON_NEGATIVE),
      readScalar(actual_cost, "actual_cost", NON_NEGATIVE),
      readScalar(discount, "discount", FRACTION, 0),
      readOptionalScalar(stop_gain, "stop_gain", NON_NEGATIVE),
      readOptionalScalar(stop_loss, "stop_loss", NON_NEGATIVE),
    ),
    "BUNDLE_RECONCILE",
  );
}

// ---------------------------------------------------------------------------------------------------------
// GAIN_SHARE(saving, weights, [loss_weights])

/** Split `saving` pro rata to `weights` (zeros for spacer rows). Throws #DIV/0! when the weights sum to 0. */
export function splitByWeights(saving: number, weights: ArrayLike<number>, n: number, name: string): number[] {
  // Weights are scaled by the largest first, so their total can never overflow (1e308 + 1e308) or underflow;
  // each part is then saving × (weight / total) with weight / total in [0, 1].
  let largest = 0;
  for (let i = 0; i < n; i++) if (weights[i] > largest) largest = weights[i];
  if (largest === 0) throw divZero(`${name} add up to 0: expected at least one weight above 0`);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] / largest;
  const parts = new Array<number>(n);
  for (let i = 0; i < n; i++) parts[i] = saving * (weights[i] / largest / total) + 0;
  return parts;
}

export function gainShare(saving: unknown, weights: unknown, loss_weights?: unknown): Spill {
  const s = readScalar(saving, "saving", ANY_NUMBER);
  const t = readTable([
    { name: "weights", value: weights, rule: NON_NEGATIVE },
    { name: "loss_weights", value: loss_weights, rule: NON_NEGATIVE, fallback: 0 },
  ]);
  const useLoss = s < 0 && !isBlankArgument(loss_weights);
  const w = (useLoss ? t.cols[1] : t.cols[0]) as Float64Array;
  const parts = splitByWeights(s, w, t.n, useLoss ? "loss_weights" : "weights");
  return parts.map((p, i) => [t.blankRows !== null && t.blankRows[i] === 1 ? "" : finite(p, `GAIN_SHARE, ${t.at(i)}`)]);
}
