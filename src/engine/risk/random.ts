/**
 * Seedable random numbers for the risk simulation: same seed, same figures.
 *
 * - Generator: xoshiro128** (Blackman and Vigna, 2018), 32-bit integer arithmetic only (Math.imul, shifts),
 *   so its stream is bit-identical in every JavaScript engine. Seeded through SplitMix32 so that nearby seeds
 *   (1, 2, 3…) give unrelated streams.
 * - Poisson, for a mean drawn many times: inversion of the cumulative distribution, tabulated once over
 *   mean ± 13 SD (the mass outside is below 1e-38, far under the resolution of a uniform) with a guide table
 *   (Chen and Asau, 1974), so a draw is one 32-bit word and about two comparisons (see PoissonTable.draw).
 * - Poisson, for a mean that changes every draw: inversion by sequential search below a mean of 10; above,
 *   Hörmann's transformed rejection with squeeze, "PTRS" (W. Hörmann, "The transformed rejection method for
 *   generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993) 39–45).
 * - Gamma: Marsaglia and Tsang, "A simple method for generating gamma variables", ACM TOMS 26 (2000) 363–372;
 *   the normal deviates come from Marsaglia's polar method.
 *
 * Determinism: the integer stream is exact everywhere. The samplers also use Math.log, Math.exp and
 * Math.sqrt; sqrt is exact in IEEE arithmetic, and log/exp are the same fdlibm code in every Chromium-based
 * host (Excel on Windows and on the web in Edge or Chrome). In another engine a draw could differ only if a
 * uniform fell within one rounding of an acceptance boundary — of the order of 1e-16 per draw.
 */
import { invalid } from "../rules/errors";

const TWO32 = 4294967296;
const TWO_M53 = 1 / 9007199254740992;
const TWO_M32 = 1 / TWO32;

/** SplitMix32 step: the seeding function recommended by the xoshiro authors for 32-bit state. */
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export const MAX_SEED = TWO32 - 1;

/** Seeds are whole numbers from 0 to 4,294,967,295 (one 32-bit word: every seed gives its own stream). */
export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw invalid(`seed: expected a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  return seed;
}

export class Rng {
  /** xoshiro128** state, four 32-bit words (a typed array keeps them unboxed: about 3× faster than fields). */
  private readonly s = new Int32Array(4);
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    checkSeed(seed);
    const st = { x: seed | 0 };
    for (let i = 0; i < 4; i++) this.s[i] = splitMix32(st);
  }

  /** A generator in a given state (for checking against the published xoshiro128** sequence). */
  static fromState(state: readonly [number, number, number, number]): Rng {
    const r = new Rng(0);
    state.forEach((w, i) => (r.s[i] = w));
    return r;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2] ^ a;
    const d = s[3] ^ b;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    s[0] = a ^ d;
    s[1] = b ^ c;
    s[2] = c ^ (b << 9);
    s[3] = rotl(d, 11);
    return result >>> 0;
  }

  /** Uniform on the open interval (0, 1) with 53 random bits: never 0, so its logarithm is always finite. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo + 0.5) * TWO_M53;
  }

  /** Standard normal deviate (Marsaglia's polar method; the second deviate of each pair is kept). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      this.spare = v * f;
      this.hasSpare = true;
      return u * f;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// ln(k!) for small k exactly by summation, above by Stirling's series (error < 1e-14 for k ≥ 256).
const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k];
  const x = k + 1;
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}

/**
 * A Poisson sampler for one mean, with the mean's constants worked out once (the simulation draws each
 * pathway step with the same mean over and over when activity is plain Poisson).
 */
export class PoissonSampler {
  private mu = 0;
  private expMinusMu = 1;
  private logMu = 0;
  private b = 0;
  private a = 0;
  private logInvAlpha = 0;
  private vr = 0;
  private logsFor = -1;

  constructor(mean = 0) {
    this.setMean(mean);
  }

  setMean(mu: number): void {
    this.mu = mu;
    if (mu < 10) {
      this.expMinusMu = Math.exp(-mu);
      return;
    }
    const s = Math.sqrt(mu);
    this.b = 0.931 + 2.53 * s;
    this.a = -0.059 + 0.02483 * this.b;
    this.vr = 0.9277 - 3.6224 / (this.b - 2);
    // The two logarithms are needed only past the squeeze (about one draw in eight): worked out then.
    this.logsFor = -1;
  }

  /** ln μ and ln(1/α) for the current mean, worked out on the first draw that needs them. */
  private logs(): void {
    if (this.logsFor === this.mu) return;
    this.logMu = Math.log(this.mu);
    this.logInvAlpha = Math.log(1.1239 + 1.1328 / (this.b - 3.4));
    this.logsFor = this.mu;
  }

  draw(rng: Rng): number {
    const mu = this.mu;
    if (mu < 10) {
      if (mu === 0) return 0;
      // Inversion: walk up the cumulative distribution until it passes one uniform.
      const u = rng.uniform();
      let k = 0;
      let p = this.expMinusMu;
      let cdf = p;
      while (u > cdf && k < 200) {
        k++;
        p = (p * mu) / k;
        cdf += p;
      }
      return k;
    }
    const { a, b, vr } = this;
    for (;;) {
      const u = rng.uniform() - 0.5;
      const v = rng.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mu + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      this.logs();
      if (Math.log(v) + this.logInvAlpha - Math.log(a / (us * us) + b) <= -mu + k * this.logMu - logFactorial(k)) return k;
    }
  }
}

/** Gamma deviate with the given shape and scale (mean shape × scale). */
export function gamma(rng: Rng, shape: number, scale: number): number {
  if (shape < 1) {
    // Boost: Gamma(shape) = Gamma(shape + 1) × U^(1/shape).
    return gamma(rng, shape + 1, scale) * Math.pow(rng.uniform(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Tables wider than this fall back to PTRS (a mean above about 15 million). */
const MAX_TABLE = 100_000;

/**
 * A Poisson sampler for a fixed mean, by inversion of its tabulated cumulative distribution. Each draw is
 * the smallest k with F(k) ≥ u, exactly as inversion defines it (to the double-precision rounding of F).
 */
export class PoissonTable {
  private readonly lo: number;
  private readonly cdf: Float64Array;
  private readonly guide: Int32Array;
  private readonly fallback: PoissonSampler | null = null;

  constructor(mu: number) {
    if (!(mu >= 0) || !Number.isFinite(mu)) throw invalid(`Poisson mean: expected a number of at least 0, got ${mu}`);
    const spread = 13 * Math.sqrt(mu) + 20;
    this.lo = Math.max(0, Math.floor(mu - spread));
    const hi = Math.ceil(mu + spread);
    const width = hi - this.lo + 1;
    if (width > MAX_TABLE) {
      this.fallback = new PoissonSampler(mu);
      this.cdf = new Float64Array(0);
      this.guide = new Int32Array(0);
      return;
    }
    const cdf = new Float64Array(width);
    const logMu = mu > 0 ? Math.log(mu) : 0;
    let total = 0;
    for (let i = 0; i < width; i++) {
      const k = this.lo + i;
      total += mu === 0 ? (k === 0 ? 1 : 0) : Math.exp(-mu + k * logMu - logFactorial(k));
      cdf[i] = total;
    }
    cdf[width - 1] = Infinity; // every uniform stops by the last entry
    const guide = new Int32Array(width);
    let i = 0;
    for (let j = 0; j < width; j++) {
      while (cdf[i] < j / width) i++;
      guide[j] = i;
    }
    this.cdf = cdf;
    this.guide = guide;
  }

  draw(rng: Rng): number {
    if (this.fallback) return this.fallback.draw(rng);
    // One 32-bit word fixes u to an interval of width 2^-32; that decides the draw unless an entry of the
    // table falls inside the interval (chance about 2^-31 per draw), when a second word refines u. The result
    // is inversion of a 64-bit uniform, at the cost of one word per draw.
    const cdf = this.cdf;
    const from = rng.nextUint32() * TWO_M32;
    let i = this.guide[Math.floor(from * cdf.length)];
    while (cdf[i] < from) i++;
    if (cdf[i] >= from + TWO_M32) return this.lo + i;
    const u = from + (rng.nextUint32() + 0.5) * TWO_M32 * TWO_M32;
    while (cdf[i] < u) i++;
    return this.lo + i;
  }
}
