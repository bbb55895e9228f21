/**
 * Quality incentives and risk selection (docs/formula-contract.md): QOF_PAYMENT, CQUIN_PAYMENT and SELECTION_GAIN.
 * Each reads its arguments through the shared normaliser (cells.ts), so blanks, shapes and errors follow the
 * contract's conventions exactly as the other functions do.
 */
import { divZero, finite, invalid } from "./errors";
import { FRACTION, NON_NEGATIVE, POSITIVE, dimensions, isBlankArgument, readScalar, readTable, type ColumnSpec, type NumberRule } from "./cells";

/** A range argument, or a single value that applies to every row (contract: "a single value applies to every row"). */
interface PerRow {
  name: string;
  value: unknown;
  rule: NumberRule;
  /** When omitted: this value for every row. */
  fallback?: number;
}

const isSingle = (v: unknown): boolean => {
  const d = dimensions(v);
  return d.height * d.width === 1;
};

/**
 * Read range arguments that pair row by row, where some may instead be one value for every row (or omitted
 * with a default). Returns each argument's value per row; a single value is read with its rule once.
 */
function readRows(
  ranges: readonly ColumnSpec[],
  perRow: readonly PerRow[],
): { n: number; at: (i: number) => string; cols: ((i: number) => number)[]; blank: (i: number) => boolean } {
  const spread = perRow.filter((p) => !isBlankArgument(p.value) && !isSingle(p.value));
  const t = readTable([...ranges, ...spread.map((p) => ({ name: p.name, value: p.value, rule: p.rule }))]);
  const cols: ((i: number) => number)[] = ranges.map((_, k) => (i: number) => (t.cols[k] as Float64Array)[i]);
  for (const p of perRow) {
    const k = spread.indexOf(p);
    if (k >= 0) {
      const c = t.cols[ranges.length + k] as Float64Array;
      cols.push((i) => c[i]);
    } else {
      const x = readScalar(p.value, p.name, p.rule, p.fallback);
      cols.push(() => x);
    }
  }
  return { n: t.n, at: t.at, cols, blank: (i) => t.blankRows !== null && t.blankRows[i] === 1 };
}

// ---------------------------------------------------------------------------------------------------------
// QOF_PAYMENT(points_available, achievement, lower_threshold, upper_threshold, point_value, [cpi], [prevalence_factor])

/** Points earned on one indicator on the sliding scale between its thresholds. */
export function qofPoints(points: number, achievement: number, lower: number, upper: number): number {
  return points * Math.min(1, Math.max(0, (achievement - lower) / (upper - lower)));
}

export function qofPayment(
  points_available: unknown,
  achievement: unknown,
  lower_threshold: unknown,
  upper_threshold: unknown,
  point_value: unknown,
  cpi?: unknown,
  prevalence_factor?: unknown,
): number {
  const value = readScalar(point_value, "point_value", POSITIVE);
  const r = readRows(
    [
      { name: "points_available", value: points_available, rule: NON_NEGATIVE },
      { name: "achievement", value: achievement, rule: FRACTION },
    ],
    [
      { name: "lower_threshold", value: lower_threshold, rule: FRACTION },
      { name: "upper_threshold", value: upper_threshold, rule: FRACTION },
      { name: "cpi", value: cpi, rule: POSITIVE, fallback: 1 },
      { name: "prevalence_factor", value: prevalence_factor, rule: NON_NEGATIVE, fallback: 1 },
    ],
  );
  const [points, achieved, lower, upper, index, prevalence] = r.cols;
  let total = 0;
  for (let i = 0; i < r.n; i++) {
    if (r.blank(i)) continue;
    if (!(lower(i) < upper(i))) {
      throw invalid(`lower_threshold, ${r.at(i)}: expected a threshold below upper_threshold (${upper(i)}), got ${lower(i)}`);
    }
    total += qofPoints(points(i), achieved(i), lower(i), upper(i)) * value * index(i) * prevalence(i);
  }
  return finite(total, "QOF_PAYMENT");
}

// ---------------------------------------------------------------------------------------------------------
// CQUIN_PAYMENT(contract_value, cquin_rate, weights, achievement)

/** CQUIN earned on one contract value at one achievement (a single indicator): contract × rate × achievement. */
export function cquinEarned(contract: number, rate: number, achievement: number): number {
  return contract * rate * achievement;
}

/** contract × rate × Σ weight × achievement / Σ weight; #DIV/0! when the weights add up to 0. */
export function cquinPayment(contract_value: unknown, cquin_rate: unknown, weights: unknown, achievement: unknown): number {
  const contract = readScalar(contract_value, "contract_value", NON_NEGATIVE);
  const rate = readScalar(cquin_rate, "cquin_rate", FRACTION);
  const t = readTable([
    { name: "weights", value: weights, rule: NON_NEGATIVE },
    { name: "achievement", value: achievement, rule: FRACTION },
  ]);
  const w = t.cols[0] as Float64Array;
  const a = t.cols[1] as Float64Array;
  let largest = 0;
  for (let i = 0; i < t.n; i++) if (w[i] > largest) largest = w[i];
  if (largest === 0) throw divZero("weights add up to 0: expected at least one indicator weight above 0");
  // Weights scaled by the largest first, so their total can neither overflow nor underflow.
  let sw = 0;
  let swa = 0;
  for (let i = 0; i < t.n; i++) {
    const x = w[i] / largest;
    sw += x;
    swa += x * a[i];
  }
  return finite(cquinEarned(contract, rate, swa / sw), "CQUIN_PAYMENT");
}

// ---------------------------------------------------------------------------------------------------------
// SELECTION_GAIN(list, population, costs, [weights])

/**
 * The capitation's base rate that breaks even on the whole population: Σ pop × cost / Σ pop × weight (one group
 * a row; `weight(i)` each group's need weight).
 */
export function breakEvenBase(n: number, population: ArrayLike<number>, costs: ArrayLike<number>, weight: (i: number) => number): number {
  let spendAll = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    spendAll += population[i] * costs[i];
    weighted += population[i] * weight(i);
  }
  if (weighted === 0) throw divZero("population × weights add up to 0: the capitation's base rate cannot be set");
  return spendAll / weighted;
}

/** One group's part of a list's selection gain: its people on the list × (weight × base − cost). */
export const groupGain = (people: number, weight: number, cost: number, base: number): number => people * (weight * base - cost);

/**
 * What a capitated provider gains a year from its list's risk mix: Σ list × (weight × base − cost), with the
 * base rate set so the capitation breaks even on the whole population (breakEvenBase).
 */
export function selectionGain(list: unknown, population: unknown, costs: unknown, weights?: unknown): number {
  const t = readTable([
    { name: "list", value: list, rule: NON_NEGATIVE },
    { name: "population", value: population, rule: NON_NEGATIVE },
    { name: "costs", value: costs, rule: NON_NEGATIVE },
    { name: "weights", value: weights, rule: NON_NEGATIVE, fallback: 1 },
  ]);
  const [l, p, c] = t.cols as Float64Array[];
  const w = t.cols[3];
  const weight = (i: number): number => (w === null ? 1 : w[i]);
  const base = breakEvenBase(t.n, p, c, weight);
  let gain = 0;
  for (let i = 0; i < t.n; i++) gain += groupGain(l[i], weight(i), c[i], base);
  return finite(gain, "SELECTION_GAIN");
}
