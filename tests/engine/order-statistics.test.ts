/**
 * The statistics' hard cases, against the truth (a full sort, a count by hand): order statistics of awkward
 * figures, point masses split again, a histogram's bars decided by the last bit of a division; and simulations
 * one after another, each as a fresh one.
 */
import { describe, expect, test } from "vitest";
import { histogram, moments, orderStatistics, PercentileTally } from "../../src/engine/risk/stats";
import { Rng } from "../../src/engine/risk/random";
import { simulateRisk, type RiskSettings } from "../../src/engine/risk/simulate";
import { DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { benchPathway } from "../../bench/bench";

/** Awkward figures: normal, skewed, a point mass, outliers far beyond ±6 SD, ties, zeros of both signs. */
function figures(seed: number, n: number): number[] {
  const r = new Rng(seed);
  const kinds = [
    () => 1000 * r.normal(),
    () => Math.exp(3 * r.normal()),
    () => (r.uniform() < 0.7 ? 250 : 250 + r.normal()),
    () => (r.uniform() < 0.001 ? (r.uniform() < 0.5 ? -1e12 : 1e12) : r.normal()),
    () => Math.floor(r.uniform() * 4) - 2,
    () => (r.uniform() < 0.5 ? 0 : -0),
  ];
  return Array.from({ length: n }, () => kinds[seed % kinds.length]());
}

/** The sorted values at the ranks (as numbers: −0 and +0 are one value, as a rank cannot tell them apart). */
const sortedAt = (values: number[], ranks: number[]) => {
  const s = Float64Array.from(values).sort();
  return ranks.map((k) => s[k] + 0);
};
const plus0 = (xs: number[]) => xs.map((x) => x + 0);

describe("order statistics and tallies", () => {
  test("of awkward figures (skew, point masses, outliers, ties, ±0): the sorted values at each rank", () => {
    for (let seed = 0; seed < 6; seed++) {
      const values = figures(seed, 50_000);
      const x = Float64Array.from(values);
      const n = values.length;
      const m = moments(x, n);
      const ranks = [0, 1, 2_499, 2_500, 24_999, 25_000, 47_499, 47_500, n - 1];
      expect(plus0(orderStatistics(x, n, ranks, m.mean, m.sd, m.min, m.max)), `seed ${seed}`).toEqual(sortedAt(values, ranks));
      // The 5th percentile tallied block by block, as the simulation makes it, is the one found from the whole.
      const tally = new PercentileTally(n, 0.05);
      for (let from = 0; from < n; from += 4096) tally.add(x, from, Math.min(n, from + 4096));
      const whole = sortedAt(values, [2_499, 2_500]);
      const h = 0.05 * (n - 1) - 2_499;
      expect(tally.value(x, m).value, `seed ${seed} tally`).toBe(whole[0] + h * (whole[1] - whole[0]) + 0);
    }
  });

  test("a point mass split again, twice (90% within a few units in the last place of a target)", () => {
    const r = new Rng(5);
    const n = 200_000;
    const values = Array.from({ length: n }, () =>
      r.uniform() < 0.9 ? 25_499_900 + 25_499_900 * 2 ** -52 * Math.floor(r.uniform() * 5) : 25_499_900 + 1e6 * r.normal(),
    );
    const x = Float64Array.from(values);
    const m = moments(x, n);
    const ranks = [0, 9_999, 10_000, 100_000, 189_999, 190_000, n - 1];
    expect(orderStatistics(x, n, ranks, m.mean, m.sd, m.min, m.max)).toEqual(sortedAt(values, ranks));
  });

  test("two point masses in one bucket, split again: the values read in order, never overwritten", () => {
    const r = new Rng(9);
    const n = 200_000;
    const values = Array.from({ length: n }, () => {
      const u = r.uniform();
      return u < 0.45 ? 1000 + 1e-6 * r.uniform() : u < 0.9 ? 1000.5 + 1e-6 * r.uniform() : 1000 + 1e5 * r.normal();
    });
    const x = Float64Array.from(values);
    const m = moments(x, n);
    const ranks = [0, 50_000, 50_001, 150_000, 150_001, n - 1];
    expect(orderStatistics(x, n, ranks, m.mean, m.sd, m.min, m.max)).toEqual(sortedAt(values, ranks));
  });

  test("a histogram of values on and beside its bars' edges: each value in the bar its division gives", () => {
    const [from, to, bars] = [-1234.5678, 98765.4321, 30];
    const width = (to - from) / bars;
    const near = (v: number, by: number): number => {
      const b = new Float64Array([v]);
      const bits = new BigInt64Array(b.buffer);
      bits[0] += BigInt(v >= 0 ? by : -by);
      return b[0];
    };
    const values: number[] = [];
    for (let i = -2; i <= bars + 2; i++) for (const by of [-2, -1, 0, 1, 2]) values.push(near(from + i * width, by));
    const byHand = new Array<number>(bars).fill(0);
    for (const v of values) byHand[Math.min(bars - 1, Math.max(0, Math.floor((v - from) / width)))]++;
    expect(histogram(Float64Array.from(values), values.length, from, to, bars).counts).toEqual(byHand);
  });
});

describe("the simulation", () => {
  test("one after another, each gives the figures of a fresh one", () => {
    const inputs = { ...DEFAULT_TERMS, steps: benchPathway(), cohort: 1000 };
    const first: RiskSettings = { trials: 20_000, seed: 1, dispersion: { kind: "poisson" } };
    const second: RiskSettings = { trials: 12_288, seed: 2, dispersion: { kind: "overdispersed", shape: 3 } };
    const a = simulateRisk(inputs, first);
    const b = simulateRisk(inputs, second);
    expect(simulateRisk(inputs, first)).toEqual(a);
    expect(simulateRisk(inputs, second)).toEqual(b);
  });
});
