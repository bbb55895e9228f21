/**
 * Investment appraisal (docs/formula-contract.md): PAYBACK, the periods until an investment pays back, with optional
 * discounting (HM Treasury Green Book: 3.5% a year).
 */
import { PayError, finite, invalid } from "./errors";
import { ANY_NUMBER, dimensions, readScalar, readTable } from "./cells";

/**
 * Periods until the cumulative discounted flow first reaches 0: t − 1 + (−cumulative before t) / discounted
 * flow at t; 0 when the first flow is already ≥ 0; null when it never does within the flows.
 */
export function paybackPeriod(flows: ArrayLike<number>, n: number, rate: number): number | null {
  let cumulative = 0;
  let factor = 1;
  for (let t = 0; t < n; t++) {
    const discounted = flows[t] / factor;
    const before = cumulative;
    cumulative += discounted;
    if (cumulative >= 0) return t === 0 ? 0 : t - 1 + -before / discounted;
    factor *= 1 + rate;
  }
  return null;
}

export function payback(cash_flows: unknown, discount_rate?: unknown): number {
  const d = dimensions(cash_flows);
  if (d.height > 1 && d.width > 1)
    throw invalid(`cash_flows: expected a column or a row of flows in period order, got a block of ${d.height}×${d.width}`);
  const rate = readScalar(discount_rate, "discount_rate", ANY_NUMBER, 0);
  if (!(rate > -1)) throw invalid(`discount_rate: expected a number greater than -1, got ${rate}`);
  const t = readTable([{ name: "cash_flows", value: cash_flows, rule: ANY_NUMBER }]);
  if (t.blankRows !== null) {
    const i = t.blankRows.indexOf(1);
    throw invalid(`cash_flows, ${t.at(i)}: blank between flows; expected a flow for every period (0 where there is none)`);
  }
  const years = paybackPeriod(t.cols[0] as Float64Array, t.n, rate);
  if (years === null) throw new PayError("#N/A", "never pays back within the flows given");
  return finite(years, "PAYBACK");
}
