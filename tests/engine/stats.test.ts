import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { histogram, moments, orderStatistics, percentile, PercentileTally, proportion, summarise } from "../../src/engine/risk/stats";
import { Rng } from "../../src/engine/risk/random";

/** Excel's PERCENTILE.INC on a sorted copy, written out plainly. */
function percentileInc(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

describe("percentiles", () => {
  test("PERCENTILE.INC's own examples: {1,2,3,4} at 0.3 is 1.9; at 0.05 is 1.15", () => {
    // Microsoft's PERCENTILE.INC help page: =PERCENTILE.INC({1,3,2,4},0.3) → 1.9.
    const x = Float64Array.from([1, 3, 2, 4]);
    const s = summarise(x, 4, [0.3]);
    expect(s.extra[0]).toBeCloseTo(1.9, 12);
    expect(s.p5.value).toBeCloseTo(1.15, 12);
    expect(s.p50.value).toBeCloseTo(2.5, 12);
    expect(s.p95.value).toBeCloseTo(3.85, 12);
  });

  test("order statistics equal a full sort, for any data, including ties, point masses and outliers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom(0, 5, 5, 5, 1e12, -1e12)), {
          minLength: 1,
          maxLength: 3000,
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (values, ps) => {
          const x = Float64Array.from(values);
          const s = summarise(x, x.length, ps);
          // The engine never gives −0 (a sort may put −0 and 0 either way round), so the reference is read as +0 too.
          ps.forEach((p, i) => expect(s.extra[i]).toBe(percentileInc(values, p) + 0));
          expect(s.p50.value).toBe(percentileInc(values, 0.5) + 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a large sample with a point mass (a bundle paid exactly its target most years) is exact too", () => {
    const r = new Rng(1);
    const n = 300_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = r.uniform() < 0.9 ? 1000 : 1000 + (r.uniform() - 0.5) * 1e-9 * (i % 3 === 0 ? 1e12 : 1);
    const sorted = Float64Array.from(x).sort();
    const ranks = [0, 1, 15_000, 150_000, 269_999, 270_000, 299_999];
    const got = orderStatistics(x, n, ranks, 1000, 1e-3, sorted[0], sorted[n - 1]);
    expect(got).toEqual(ranks.map((k) => sorted[k]));
  });

  test("a percentile tallied block by block (PercentileTally) is percentile's, whatever the data: the pilot block unlike the rest, a point mass, ties", () => {
    const r = new Rng(7);
    const n = 200_000;
    const cases: Record<string, (i: number) => number> = {
      normal: () => 1000 * r.normal(),
      skewed: () => Math.exp(2 * r.normal()),
      "sorted (the first block is the lowest)": (i) => i * 0.5 - 3000,
      "reversed (the first block is the highest)": (i) => -i,
      "a point mass at the 5th percentile": () => (r.uniform() < 0.2 ? -50 : r.normal() * 100),
      "few values": () => Math.floor(r.uniform() * 3),
      constant: () => 42,
    };
    for (const [name, f] of Object.entries(cases)) {
      const x = Float64Array.from({ length: n }, (_, i) => f(i));
      for (const p of [0.05, 0.5, 0.95]) {
        const t = new PercentileTally(n, p);
        for (let from = 0; from < n; from += 4096) t.add(x, from, Math.min(n, from + 4096));
        expect(t.value(x, moments(x, n)), `${name}, ${p}`).toEqual(percentile(x, n, p));
      }
    }
    // Fewer values than a block: the pilot is the whole figure.
    const few = Float64Array.from([5, 1, 4, 2, 3]);
    const t = new PercentileTally(5, 0.05);
    t.add(few, 0, 5);
    expect(t.value(few, moments(few, 5))).toEqual(percentile(few, 5, 0.05));
  });

  test("the standard error of the median of normal data is close to √(π/2)·σ/√n", () => {
    const r = new Rng(9);
    const n = 200_000;
    const x = Float64Array.from({ length: n }, () => 100 + 15 * r.normal());
    const s = summarise(x, n);
    const theory = Math.sqrt(Math.PI / 2) * (15 / Math.sqrt(n));
    expect(s.p50.se / theory).toBeGreaterThan(0.85);
    expect(s.p50.se / theory).toBeLessThan(1.15);
    expect(s.mean.se).toBeCloseTo(s.sd / Math.sqrt(n), 12);
    expect(s.sd).toBeCloseTo(15, 0);
  });

  test("a constant sample has zero spread and zero standard errors", () => {
    const s = summarise(new Float64Array(1000).fill(42), 1000);
    expect([s.mean.value, s.p5.value, s.p50.value, s.p95.value]).toEqual([42, 42, 42, 42]);
    expect([s.sd, s.mean.se, s.p5.se, s.p95.se]).toEqual([0, 0, 0, 0]);
  });
});

describe("proportion and histogram", () => {
  test("a proportion's standard error is √(p(1 − p)/n)", () => {
    expect(proportion(25, 100)).toEqual({ value: 0.25, se: Math.sqrt((0.25 * 0.75) / 100) });
  });

  test("histogram counts every value once; the end bars hold the tails", () => {
    const x = Float64Array.from([-5, 0, 0.5, 1, 2.5, 9.99, 10, 50]);
    const h = histogram(x, x.length, 0, 10, 10);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(8);
    expect(h.counts[0]).toBe(3); // −5 (tail), 0, 0.5
    expect(h.counts[9]).toBe(3); // 9.99, 10, 50 (tail)
    expect(h.width).toBe(1);
  });
});
