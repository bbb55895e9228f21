import { describe, expect, test } from "vitest";
import { PoissonSampler, PoissonTable, Rng, gamma, logFactorial } from "../../src/engine/risk/random";

/** Upper 0.1% point of chi-square (Wilson–Hilferty), generous enough for a fixed-seed check. */
function chiSquareCritical(df: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + 3.09 * Math.sqrt(a)) ** 3;
}

/** Pearson chi-square of draws against the Poisson pmf (computed here, independently of the engine's tables), bins with expected count ≥ 20, tails pooled. */
function chiSquare(draws: number[], mu: number): { stat: number; df: number } {
  const n = draws.length;
  const counts = new Map<number, number>();
  for (const d of draws) counts.set(d, (counts.get(d) ?? 0) + 1);
  const bins: { lo: number; hi: number; p: number }[] = [];
  let lo = 0;
  let p = 0;
  let below = 0;
  let logP = -mu; // log pmf(0), then by the recurrence pmf(k) = pmf(k − 1)·mu/k
  for (let k = 0; below < 1 - 1e-12 && k < mu + 50 * Math.sqrt(mu) + 50; k++) {
    if (k > 0) logP += Math.log(mu) - Math.log(k);
    p += Math.exp(logP);
    below += Math.exp(logP);
    if (p * n >= 20) {
      bins.push({ lo, hi: k, p });
      lo = k + 1;
      p = 0;
    }
  }
  bins[bins.length - 1].hi = Infinity;
  bins[bins.length - 1].p += p + (1 - below); // the pooled upper tail
  let stat = 0;
  for (const b of bins) {
    let observed = 0;
    for (const [k, c] of counts) if (k >= b.lo && k <= b.hi) observed += c;
    stat += (observed - n * b.p) ** 2 / (n * b.p);
  }
  return { stat, df: bins.length - 1 };
}

function meanVar(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) };
}

describe("generator", () => {
  test("xoshiro128** gives the reference sequence from the state {1, 2, 3, 4}", () => {
    // The published test vector of xoshiro128** (Blackman and Vigna's reference C code, as used by the
    // rand_xoshiro crate's tests): state words 1, 2, 3, 4.
    const rng = Rng.fromState([1, 2, 3, 4]);
    const got = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  test("same seed, same stream; another seed, another stream", () => {
    const a = new Rng(20261125);
    const b = new Rng(20261125);
    const c = new Rng(20261126);
    const xa = Array.from({ length: 1000 }, () => a.uniform());
    expect(Array.from({ length: 1000 }, () => b.uniform())).toEqual(xa);
    const xc = Array.from({ length: 1000 }, () => c.uniform());
    expect(xc.filter((x, i) => x === xa[i]).length).toBe(0);
  });

  test("uniforms are in (0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new Rng(7);
    const xs = Array.from({ length: 200_000 }, () => r.uniform());
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThan(0);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThan(1);
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 200_000));
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  test("seeds outside 0 … 2^32 − 1 are refused by name", () => {
    expect(() => new Rng(-1)).toThrow(/seed: expected a whole number/);
    expect(() => new Rng(1.5)).toThrow(/seed/);
    expect(() => new Rng(2 ** 32)).toThrow(/seed/);
  });
});

describe("Poisson", () => {
  test("log factorial matches summed logs on both sides of the table", () => {
    for (const k of [0, 1, 2, 10, 255, 256, 257, 1000, 100_000]) {
      let exact = 0;
      for (let i = 2; i <= k; i++) exact += Math.log(i);
      expect(Math.abs(logFactorial(k) - exact)).toBeLessThan(1e-9 * Math.max(1, exact));
    }
  });

  for (const mu of [0.3, 3, 9.5, 10, 40, 250, 5000]) {
    test(`table inversion and PTRS both fit Poisson(${mu}) (chi-square, 1e5 draws each)`, () => {
      const table = new PoissonTable(mu);
      const sampler = new PoissonSampler(mu);
      const r = new Rng(11);
      for (const draw of [() => table.draw(r), () => sampler.draw(r)]) {
        const xs = Array.from({ length: 100_000 }, draw);
        const { stat, df } = chiSquare(xs, mu);
        expect(stat).toBeLessThan(chiSquareCritical(df));
        const { mean, variance } = meanVar(xs);
        expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(mu / 100_000));
        expect(variance / mu).toBeGreaterThan(0.97);
        expect(variance / mu).toBeLessThan(1.03);
      }
    });
  }

  test("a zero mean draws zeros; a huge mean falls back to PTRS and keeps mean and variance", () => {
    const r = new Rng(3);
    const zero = new PoissonTable(0);
    expect(Array.from({ length: 100 }, () => zero.draw(r)).every((x) => x === 0)).toBe(true);
    const mu = 5e10;
    const huge = new PoissonTable(mu);
    const xs = Array.from({ length: 20_000 }, () => huge.draw(r));
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(mu / 20_000));
    expect(variance / mu).toBeGreaterThan(0.95);
    expect(variance / mu).toBeLessThan(1.05);
  });

  test("the table refuses a negative or infinite mean", () => {
    expect(() => new PoissonTable(-1)).toThrow(/Poisson mean/);
    expect(() => new PoissonTable(Infinity)).toThrow(/Poisson mean/);
  });
});

describe("gamma", () => {
  for (const shape of [0.4, 1, 2.5, 3000]) {
    test(`Gamma(${shape}, 2) has mean 2·shape and variance 4·shape`, () => {
      const r = new Rng(5);
      const xs = Array.from({ length: 100_000 }, () => gamma(r, shape, 2));
      const { mean, variance } = meanVar(xs);
      expect(Math.abs(mean - 2 * shape)).toBeLessThan(5 * Math.sqrt((4 * shape) / 100_000));
      expect(variance / (4 * shape)).toBeGreaterThan(0.95);
      expect(variance / (4 * shape)).toBeLessThan(1.05);
      expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThan(0);
    });
  }
});
