/**
 * Every function of the formula contract (docs/formula-contract.md), one pure function each, named as there.
 * Each takes its arguments exactly as Excel sends them (see cells.ts), validates them through the shared
 * normaliser, and returns a finite number or a 2-D array, or throws a PayError. The typed cores beside them
 * (riskShareSettlement, spellPriceOne, …) are what the comparison and the simulation call.
 *
 * The core three (PATHWAY_COST, CAPITATION, RISK_SHARE) are here; the payment rules are in payment-rules.ts and
 * the population risk in population-risk.ts, re-exported here so every caller finds each function in one place.
 */
import { finite, invalid } from "./errors";
import { FRACTION, NON_NEGATIVE, POSITIVE, dimensions, readOptionalScalar, readScalar, readTable, type ColumnSpec } from "./cells";
import { sumOfProducts } from "./fast-columns";

export type { Spill } from "./spill";
export * from "./payment-rules";
import { readBudget } from "./payment-rules";
export * from "./population-risk";

// ---------------------------------------------------------------------------------------------------------
// PATHWAY_COST(unit_costs, volumes, [take_up], [patients], [mff])

export function pathwayCost(unit_costs: unknown, volumes: unknown, take_up?: unknown, patients?: unknown, mff?: unknown): number {
  const perPatient = sumOfProducts([
    { name: "unit_costs", value: unit_costs, rule: NON_NEGATIVE },
    { name: "volumes", value: volumes, rule: NON_NEGATIVE },
    { name: "take_up", value: take_up, rule: FRACTION, fallback: 1 },
  ]);
  const cohort = readScalar(patients, "patients", NON_NEGATIVE, 1);
  const factor = readScalar(mff, "mff", POSITIVE, 1);
  return finite(perPatient * cohort * factor, "PATHWAY_COST");
}

// ---------------------------------------------------------------------------------------------------------
// CAPITATION(population, weights, base_rate, [mff], [top_slice])

/** Σ population × weight: the weighted population (heads of weight 1). */
export function weightedPopulation(population: unknown, weights: unknown): number {
  return sumOfProducts([
    { name: "population", value: population, rule: NON_NEGATIVE },
    { name: "weights", value: weights, rule: NON_NEGATIVE },
  ]);
}

export function capitation(population: unknown, weights: unknown, base_rate: unknown, mff?: unknown, top_slice?: unknown): number {
  const heads = weightedPopulation(population, weights);
  const rate = readScalar(base_rate, "base_rate", NON_NEGATIVE);
  const factor = readScalar(mff, "mff", POSITIVE, 1);
  const slice = readScalar(top_slice, "top_slice", FRACTION, 0);
  return finite(heads * rate * factor * (1 - slice), "CAPITATION");
}

// ---------------------------------------------------------------------------------------------------------
// RISK_SHARE(actual, budget, thresholds, shares, [cap])

/** A corridor: ascending lower bounds (fractions of budget) and the commissioner's share in each band. */
export interface Corridor {
  thresholds: number[];
  overShares: number[];
  underShares: number[];
}

/**
 * The commissioner's settlement on a budget: + funds part of an overspend, − recovers part of an underspend.
 * The variance is cut into bands like income-tax bands; `cap` limits |settlement| to cap × budget.
 */
export function riskShareSettlement(actual: number, budget: number, corridor: Corridor, cap: number | null): number {
  return riskShareSettler(budget, corridor, cap)(actual);
}

/**
 * riskShareSettlement on one budget and corridor, for many actuals (a simulation's trials): the bands' edges in £
 * worked out once, the same products as ever.
 */
export function riskShareSettler(budget: number, corridor: Corridor, cap: number | null): (actual: number) => number {
  const { thresholds, overShares, underShares } = corridor;
  const lowers = thresholds.map((t) => t * budget);
  const uppers = lowers.map((_, k) => (k + 1 < lowers.length ? lowers[k + 1] : Infinity));
  const limit = cap === null ? Infinity : cap * budget;
  return (actual) => {
    const variance = actual - budget;
    const size = Math.abs(variance);
    const shares = variance >= 0 ? overShares : underShares;
    let settlement = 0;
    for (let k = 0; k < lowers.length; k++) {
      const lower = lowers[k];
      if (size <= lower) break;
      settlement += (Math.min(size, uppers[k]) - lower) * shares[k];
    }
    settlement = Math.min(settlement, limit);
    return (variance >= 0 ? settlement : -settlement) + 0; // + 0 turns −0 into 0
  };
}

/**
 * Read thresholds and a shares range into a validated corridor. The orientation of `thresholds` decides the
 * layout of `shares` (docs/formula-contract.md): thresholds in a column (or one cell) take shares as one column (both
 * directions) or two columns (overspend, then underspend); thresholds in a row take one row or two rows
 * (overspend above underspend). Any other shares range pairs with the thresholds cell by cell.
 */
export function readCorridor(thresholds: unknown, shares: unknown): Corridor {
  const td = dimensions(thresholds);
  const sd = dimensions(shares);
  const tCells = td.height * td.width;
  const asRow = td.height === 1 && td.width > 1;
  const asColumn = td.width === 1;
  const specs: ColumnSpec[] = [{ name: "thresholds", value: thresholds, rule: NON_NEGATIVE }];
  let twoWays = false;
  const rows = Array.isArray(shares) && Array.isArray(shares[0]) ? (shares as unknown[][]) : null;
  if (rows !== null && asColumn && sd.width === 2 && sd.height === tCells) {
    specs.push({ name: "shares (overspend column)", value: rows.map((r) => [r[0]]), rule: FRACTION });
    specs.push({ name: "shares (underspend column)", value: rows.map((r) => [r[1]]), rule: FRACTION });
    twoWays = true;
  } else if (rows !== null && asRow && sd.height === 2 && sd.width === tCells) {
    specs.push({ name: "shares (overspend row)", value: [rows[0]], rule: FRACTION });
    specs.push({ name: "shares (underspend row)", value: [rows[1]], rule: FRACTION });
    twoWays = true;
  } else if (sd.height * sd.width !== tCells && (asColumn || asRow)) {
    const n = `${tCells} ${asRow ? "column" : "row"}${tCells === 1 ? "" : "s"}`;
    throw invalid(
      asRow
        ? `shares: thresholds are a row of ${n}, so shares must be one row, or two rows (overspend above underspend), of ${n}; got ${sd.height}×${sd.width}`
        : `shares: thresholds are a column of ${n}, so shares must be one column, or two columns (overspend, then underspend), of ${n}; got ${sd.height}×${sd.width}`,
    );
  } else {
    specs.push({ name: "shares", value: shares, rule: FRACTION });
  }
  const t = readTable(specs, { trimZeroRows: true });
  const corridor: Corridor = { thresholds: [], overShares: [], underShares: [] };
  const th = t.cols[0] as Float64Array;
  const over = t.cols[1] as Float64Array;
  const under = twoWays ? (t.cols[2] as Float64Array) : over;
  for (let i = 0; i < t.n; i++) {
    if (t.blankRows !== null && t.blankRows[i] === 1) continue;
    const previous = corridor.thresholds[corridor.thresholds.length - 1];
    if (previous !== undefined && th[i] <= previous) {
      throw invalid(`thresholds, ${t.at(i)}: expected a number greater than ${previous} (thresholds must ascend), got ${th[i]}`);
    }
    corridor.thresholds.push(th[i]);
    corridor.overShares.push(over[i]);
    corridor.underShares.push(under[i]);
  }
  return corridor;
}

export function riskShare(actual: unknown, budget: unknown, thresholds: unknown, shares: unknown, cap?: unknown): number {
  const a = readScalar(actual, "actual", NON_NEGATIVE);
  const b = readBudget(budget, "budget");
  const corridor = readCorridor(thresholds, shares);
  const c = readOptionalScalar(cap, "cap", NON_NEGATIVE);
  return finite(riskShareSettlement(a, b, corridor, c), "RISK_SHARE");
}
