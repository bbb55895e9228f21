/**
 * The WebAssembly statistics kernels (src/engine/risk/kernels.wat): the committed bytes are the .wat's, and every
 * kernel gives the TypeScript loop's figures to the last bit, so the simulation's results do not depend on
 * whether the host runs WebAssembly.
 */
import { afterEach, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { KERNELS_WASM } from "../../src/engine/risk/kernels-wasm";
import { Kernel, kernelOf, useKernels } from "../../src/engine/risk/kernels";
import { histogram, MomentSums, moments, orderStatistics, PercentileTally } from "../../src/engine/risk/stats";
import { Rng } from "../../src/engine/risk/random";
import { simulateRisk, type RiskSettings } from "../../src/engine/risk/simulate";
import { DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { benchPathway } from "../../bench/bench";

afterEach(() => {
  useKernels(true);
});

/** The same numbers on a kernel's memory and in a plain array. */
function both(values: number[], room = 0): { wasm: Float64Array; plain: Float64Array; kernel: Kernel } {
  const kernel = Kernel.create(2 * values.length + room, values.length) as Kernel;
  const wasm = kernel.doubles(values.length);
  wasm.set(values);
  return { wasm, plain: Float64Array.from(values), kernel };
}

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

describe("WebAssembly kernels", () => {
  test("the committed module is kernels.wat compiled (npm run build:kernels)", async () => {
    // @ts-expect-error: a plain ES module script without types
    const { compileKernels } = await import("../../scripts/build-kernels.mjs");
    const wat = readFileSync(new URL("../../src/engine/risk/kernels.wat", import.meta.url), "utf8");
    expect(await compileKernels(wat)).toBe(KERNELS_WASM);
  });

  test("moments and margins block by block: the same sums, min, max and count below 0", () => {
    for (let seed = 0; seed < 6; seed++) {
      const values = figures(seed, 10_000);
      const costs = figures(seed + 1, 10_000);
      const a = both(values, 2 * values.length);
      const cw = a.kernel.doubles(costs.length);
      cw.set(costs);
      const into = a.kernel.doubles(values.length);
      const [w, p, dw, dp] = [new MomentSums(), new MomentSums(), new MomentSums(), new MomentSums()];
      const intoPlain = new Float64Array(values.length);
      let below = [0, 0, 0, 0];
      for (let from = 0; from < values.length; from += 4096) {
        const to = Math.min(values.length, from + 4096);
        below = [
          below[0] + w.add(a.wasm, from, to),
          below[1] + p.add(a.plain, from, to),
          below[2] + dw.addDifference(a.wasm, cw, into, from, to),
          below[3] + dp.addDifference(a.plain, Float64Array.from(costs), intoPlain, from, to),
        ];
      }
      expect(kernelOf(a.wasm, cw, into)).toBe(a.kernel);
      expect(w.moments(values.length)).toEqual(p.moments(values.length));
      expect(dw.moments(values.length)).toEqual(dp.moments(values.length));
      expect(below[0]).toBe(below[1]);
      expect(below[2]).toBe(below[3]);
      expect(Array.from(into)).toEqual(Array.from(intoPlain));
    }
  });

  test("order statistics, a percentile tallied block by block and a histogram: the same values", () => {
    for (let seed = 0; seed < 6; seed++) {
      const n = 30_000;
      const values = figures(seed, n);
      const { wasm, plain, kernel } = both(values, 3 * n);
      const m = moments(plain, n);
      const ranks = [0, 1, 150, 1500, 14_999, 15_000, 28_500, 29_850, n - 1];
      expect(orderStatistics(wasm, n, ranks, m.mean, m.sd, m.min, m.max)).toEqual(orderStatistics(plain, n, ranks, m.mean, m.sd, m.min, m.max));
      for (const p of [0.005, 0.05, 0.95]) {
        const tw = new PercentileTally(n, p, kernel.doubles(n));
        const tp = new PercentileTally(n, p);
        for (let from = 0; from < n; from += 4096) {
          tw.add(wasm, from, Math.min(n, from + 4096));
          tp.add(plain, from, Math.min(n, from + 4096));
        }
        expect(tw.value(wasm, m)).toEqual(tp.value(plain, m));
      }
      const [lo, hi] = orderStatistics(plain, n, [150, 29_850], m.mean, m.sd, m.min, m.max);
      expect(histogram(wasm, n, lo, hi, 30)).toEqual(histogram(plain, n, lo, hi, 30));
    }
  });

  test("a point mass split again, twice, on the kernel's two gathering regions: the same order statistics", () => {
    // 90% of a bundle's payments within a few units in the last place of its target (kernels.ts splits that
    // bucket where it lies, then again in its other region), the rest spread wide.
    const r = new Rng(5);
    const n = 200_000;
    const values = Array.from({ length: n }, () =>
      r.uniform() < 0.9 ? 25_499_900 + 25_499_900 * 2 ** -52 * Math.floor(r.uniform() * 5) : 25_499_900 + 1e6 * r.normal(),
    );
    const { wasm, plain } = both(values);
    const m = moments(plain, n);
    const ranks = [0, 9_999, 10_000, 100_000, 189_999, 190_000, n - 1];
    expect(orderStatistics(wasm, n, ranks, m.mean, m.sd, m.min, m.max)).toEqual(orderStatistics(plain, n, ranks, m.mean, m.sd, m.min, m.max));
  });

  test("two point masses in one bucket, split again in the kernel's other region: the values read in order, never overwritten", () => {
    // 45% at 1000 and 45% at 1000.5 (each spread over a millionth), shuffled, and 10% spread wide: both masses share a first-level bucket, which
    // is split again into two wanted buckets. Gathered into the region it is read from, a value of the second mass
    // read early would be written over one not yet read.
    const r = new Rng(9);
    const n = 200_000;
    const values = Array.from({ length: n }, () => {
      const u = r.uniform();
      return u < 0.45 ? 1000 + 1e-6 * r.uniform() : u < 0.9 ? 1000.5 + 1e-6 * r.uniform() : 1000 + 1e5 * r.normal();
    });
    const { wasm, plain } = both(values);
    const m = moments(plain, n);
    const ranks = [0, 50_000, 50_001, 150_000, 150_001, n - 1];
    const sorted = Float64Array.from(values).sort();
    expect(orderStatistics(wasm, n, ranks, m.mean, m.sd, m.min, m.max)).toEqual(ranks.map((k) => sorted[k]));
  });

  test("a histogram of values on and beside its bars' edges: the same counts", () => {
    // Values at from + i × width, and a unit or two in the last place either side of each: where a bar is decided
    // by the last bit of the division.
    const [from, to, bars] = [-1234.5678, 98765.4321, 30];
    const width = (to - from) / bars;
    const near = (v: number, by: number): number => {
      const b = new Float64Array([v]);
      const bits = new BigInt64Array(b.buffer);
      bits[0] += BigInt(v >= 0 ? by : -by);
      return b[0];
    };
    const values: number[] = [];
    for (let i = -2; i <= bars + 2; i++) {
      const edge = from + i * width;
      for (const by of [-2, -1, 0, 1, 2]) values.push(near(edge, by));
    }
    values.push(...figures(1, 5000).map((v) => from + (v % 1) * (to - from)));
    const { wasm, plain } = both(values);
    for (const b of [bars, 7, 4096]) expect(histogram(wasm, values.length, from, to, b)).toEqual(histogram(plain, values.length, from, to, b));
  });

  test("a released kernel's memory goes to the next one that fits, cleared; one too small gets a memory of its own", () => {
    const a = Kernel.create(1000, 100) as Kernel;
    a.doubles(1000).fill(7);
    a.release();
    const b = Kernel.create(500, 100) as Kernel;
    expect(b).toBe(a);
    expect(b.doubles(1000).every((v) => v === 0)).toBe(true);
    b.release();
    const c = Kernel.create(100_000, 100) as Kernel;
    expect(c).not.toBe(a);
  });

  test("simulations one after another, each on the last one's memory, give the figures of a fresh one", () => {
    const inputs = { ...DEFAULT_TERMS, steps: benchPathway(), cohort: 1000 };
    const first: RiskSettings = { trials: 20_000, seed: 1, dispersion: { kind: "poisson" } };
    const second: RiskSettings = { trials: 12_288, seed: 2, dispersion: { kind: "overdispersed", shape: 3 } };
    const [a, b, again] = [simulateRisk(inputs, first), simulateRisk(inputs, second), simulateRisk(inputs, first)];
    useKernels(false);
    expect(b).toEqual(simulateRisk(inputs, second));
    expect(again).toEqual(a);
  });

  test("the simulation gives the same figures, to the last bit, with and without WebAssembly", () => {
    const inputs = { ...DEFAULT_TERMS, steps: benchPathway(), cohort: 1000 };
    const runs: RiskSettings[] = [
      { trials: 20_000, seed: 3, dispersion: { kind: "poisson" } },
      { trials: 20_000, seed: 4, dispersion: { kind: "overdispersed", shape: 2 }, delivery: { mean: 1, sd: 0.2 }, shock: { cv: 0.05 } },
    ];
    for (const settings of runs) {
      const fast = simulateRisk(inputs, settings);
      useKernels(false);
      expect(Kernel.create(10, 10)).toBeNull();
      const plain = simulateRisk(inputs, settings);
      useKernels(true);
      expect(fast).toEqual(plain);
    }
  });
});
