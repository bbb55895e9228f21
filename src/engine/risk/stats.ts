/**
 * Summaries of simulated figures: mean, percentiles and the standard error of each, so a board paper can say
 * how precise a simulated figure is.
 *
 * Percentiles are exact order statistics, interpolated as Excel's PERCENTILE.INC does (rank (n − 1)·p), found
 * without sorting the whole sample: values are counted into buckets, and only the buckets that hold the
 * wanted ranks are sorted. The standard error of a percentile comes from the distribution-free confidence
 * interval for a quantile (the order statistics at ranks n·p ± 1.96·√(n·p·(1 − p)); e.g. Conover, Practical
 * Nonparametric Statistics, 3rd ed., §3.2): half its width divided by 1.96.
 *
 * One implementation, in TypeScript (issue 38: docs/developing.md, "The statistics: TypeScript only", has the
 * measurement and the decision).
 */

export interface Estimate {
  value: number;
  /** Standard error of the estimate from the simulation (0 when every trial gives the same figure). */
  se: number;
}

export interface Summary {
  mean: Estimate;
  sd: number;
  p5: Estimate;
  p50: Estimate;
  p95: Estimate;
  min: number;
  max: number;
}

export interface Histogram {
  /** Left edge of the first bar and width of every bar. The first and last bars also hold the tails. */
  from: number;
  width: number;
  counts: number[];
}

const Z95 = 1.959963984540054;
/** The buckets orderStatistics counts into. */
const BUCKETS = 4096;

/** Values at the given 0-based ranks of the first n entries of x (x is not changed). */
export function orderStatistics(
  x: Float64Array,
  n: number,
  ranks: readonly number[],
  centre: number,
  spread: number,
  min: number,
  max: number,
): number[] {
  if (n === 0) return ranks.map(() => NaN);
  if (min === max) return ranks.map(() => min);
  // Buckets over the central part of the distribution (±6 SD holds every rank from 2.7% to 97.3% whatever
  // the shape, by Cantelli's inequality); values beyond go into the end buckets. Bucketing is monotone, so
  // counts by bucket give every value's rank range exactly.
  const lo = Math.max(min, centre - 6 * spread);
  const hi = Math.min(max, centre + 6 * spread);
  const scale = hi > lo ? BUCKETS / (hi - lo) : 0;
  // Each value's bucket is kept from the counting pass for the gathering pass (a 2-byte index beats
  // recomputing it).
  const counts = new Int32Array(BUCKETS);
  const which = bucketScratch(n);
  for (let i = 0; i < n; i++) {
    const f = Math.floor((x[i] - lo) * scale);
    const b = f < 0 ? 0 : f >= BUCKETS ? BUCKETS - 1 : f;
    which[i] = b;
    counts[b]++;
  }
  const start = new Int32Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++) start[b + 1] = start[b] + counts[b];
  const bucketOfRank = (r: number): number => {
    let a = 0;
    let z = BUCKETS - 1;
    while (a < z) {
      const m = (a + z) >> 1;
      if (start[m + 1] <= r) a = m + 1;
      else z = m;
    }
    return a;
  };
  // Gather the values of just the buckets that hold a wanted rank, each bucket's together (from its place
  // onwards), then sort those alone.
  const place = new Int32Array(BUCKETS).fill(-1);
  const wanted: { bucket: number; from: number }[] = [];
  let total = 0;
  for (const r of ranks) {
    const b = bucketOfRank(r);
    if (place[b] < 0) {
      place[b] = total;
      wanted.push({ bucket: b, from: total });
      total += counts[b];
    }
  }
  const out = new Float64Array(total);
  for (let i = 0; i < n; i++) {
    const p = place[which[i]];
    if (p >= 0) {
      out[p] = x[i];
      place[which[i]] = p + 1;
    }
  }
  // A bucket split again below reuses the bucket scratch, never `out`: each bucket's values are split where they lie.
  const held = wanted.map((w) => out.subarray(w.from, w.from + counts[w.bucket]));
  // A bucket holding many values (a point mass, e.g. a bundle paid exactly its target in most years) is split
  // again by the same method rather than sorted whole; each level narrows the range 4096-fold.
  const found = new Map<number, number>();
  held.forEach((arr, k) => {
    const b = wanted[k].bucket;
    const local = ranks.filter((r) => bucketOfRank(r) === b).map((r) => r - start[b]);
    const at = arr.length > SORT_LIMIT ? selectIn(arr, local) : arr.sort();
    local.forEach((r, i) => found.set(r + start[b], arr.length > SORT_LIMIT ? (at as number[])[i] : (at as Float64Array)[r]));
  });
  return ranks.map((r) => found.get(r) as number);
}

const SORT_LIMIT = 20_000;

/** Scratch space for bucket indices, reused between calls (orderStatistics is not re-entrant across them). */
let scratch = new Uint16Array(0);
function bucketScratch(n: number): Uint16Array {
  if (scratch.length < n) scratch = new Uint16Array(n);
  return scratch;
}

/** Order statistics of a whole array, working out its own centre and spread. */
function selectIn(x: Float64Array, ranks: number[]): number[] {
  const m = moments(x, x.length);
  return orderStatistics(x, x.length, ranks, m.mean, m.sd, m.min, m.max);
}

/** Ranks needed for percentile p by PERCENTILE.INC and for its standard error. */
function percentileRanks(n: number, p: number): { lo: number; hi: number; h: number; ciLo: number; ciHi: number } {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const half = Z95 * Math.sqrt(n * p * (1 - p));
  const ciLo = Math.max(0, Math.min(n - 1, Math.floor(n * p - half)));
  const ciHi = Math.max(0, Math.min(n - 1, Math.ceil(n * p + half)));
  return { lo, hi, h, ciLo, ciHi };
}

export interface Moments {
  mean: number;
  sd: number;
  min: number;
  max: number;
}

const least = (m: number, v: number): number => (v < m ? v : m);
const most = (m: number, v: number): number => (v > m ? v : m);

/**
 * Sums of (x − x0) and its square, min, max and the count below 0 of x[from..to) over four lanes: the value at
 * from + i goes to lane i mod 4 (the last one to three to lanes 0, 1, 2), each lane sums on its own, and the lanes
 * are added (0 + 1) + (2 + 3). Four sums in flight at once instead of one chain (faster in V8, and the order every
 * figure saved so far was summed in).
 */
function fourLanes(x: Float64Array, from: number, to: number, x0: number) {
  let [s0, s1, s2, s3, q0, q1, q2, q3] = [0, 0, 0, 0, 0, 0, 0, 0];
  let [lo0, lo1, lo2, lo3] = [Infinity, Infinity, Infinity, Infinity];
  let [hi0, hi1, hi2, hi3] = [-Infinity, -Infinity, -Infinity, -Infinity];
  let below = 0;
  const whole = from + ((to - from) & ~3);
  let i = from;
  for (; i < whole; i += 4) {
    const [v0, v1, v2, v3] = [x[i], x[i + 1], x[i + 2], x[i + 3]];
    const [d0, d1, d2, d3] = [v0 - x0, v1 - x0, v2 - x0, v3 - x0];
    s0 += d0;
    s1 += d1;
    s2 += d2;
    s3 += d3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
    below += ((v0 < 0) as unknown as number) + ((v1 < 0) as unknown as number) + ((v2 < 0) as unknown as number) + ((v3 < 0) as unknown as number);
    lo0 = least(lo0, v0);
    lo1 = least(lo1, v1);
    lo2 = least(lo2, v2);
    lo3 = least(lo3, v3);
    hi0 = most(hi0, v0);
    hi1 = most(hi1, v1);
    hi2 = most(hi2, v2);
    hi3 = most(hi3, v3);
  }
  const tail = (v: number): number => {
    below += (v < 0) as unknown as number;
    return v - x0;
  };
  if (i < to) {
    const d = tail(x[i]);
    [s0, q0, lo0, hi0] = [s0 + d, q0 + d * d, least(lo0, x[i]), most(hi0, x[i])];
  }
  if (i + 1 < to) {
    const d = tail(x[i + 1]);
    [s1, q1, lo1, hi1] = [s1 + d, q1 + d * d, least(lo1, x[i + 1]), most(hi1, x[i + 1])];
  }
  if (i + 2 < to) {
    const d = tail(x[i + 2]);
    [s2, q2, lo2, hi2] = [s2 + d, q2 + d * d, least(lo2, x[i + 2]), most(hi2, x[i + 2])];
  }
  return { s01: s0 + s1, s23: s2 + s3, q01: q0 + q1, q23: q2 + q3, lo: [lo0, lo1, lo2, lo3], hi: [hi0, hi1, hi2, hi3], below };
}

/**
 * Mean and SD from sums of (x − x0) and (x − x0)² with x0 a typical value (the first), so the variance keeps
 * its precision; callers that already loop over the values (the simulation's settle loop) accumulate these.
 */
export function momentsFrom(n: number, x0: number, sum: number, sumSq: number, min: number, max: number): Moments {
  const shift = sum / n;
  const sd = n > 1 && max > min ? Math.sqrt(Math.max(0, (sumSq - n * shift * shift) / (n - 1))) : 0;
  return { mean: x0 + shift, sd, min, max };
}

export function moments(x: Float64Array, n: number): Moments {
  const sums = new MomentSums();
  sums.add(x, 0, n);
  return sums.moments(n);
}

/** Running sums for `moments`, added a block at a time (the simulation adds each block as it settles it); x0 is the first value added. */
export class MomentSums {
  private x0 = NaN;
  private sum = 0;
  private sumSq = 0;
  private min = Infinity;
  private max = -Infinity;

  /** Adds x[from..to) and returns how many of them are below 0 (counted without a branch: losses are often near half). */
  add(x: Float64Array, from: number, to: number): number {
    if (Number.isNaN(this.x0) && to > from) this.x0 = x[from];
    const x0 = this.x0;
    const lanes = fourLanes(x, from, to, x0);
    this.sum += lanes.s01 + lanes.s23;
    this.sumSq += lanes.q01 + lanes.q23;
    this.min = least(least(least(least(this.min, lanes.lo[0]), lanes.lo[1]), lanes.lo[2]), lanes.lo[3]);
    this.max = most(most(most(most(this.max, lanes.hi[0]), lanes.hi[1]), lanes.hi[2]), lanes.hi[3]);
    return lanes.below;
  }

  /**
   * The simulation's margins: into[i] = income[i] − cost[i] (into may be income itself), then added (the block
   * is still in the processor's cache); returns how many are below 0.
   */
  addDifference(income: Float64Array, cost: Float64Array, into: Float64Array, from: number, to: number): number {
    for (let i = from; i < to; i++) into[i] = income[i] - cost[i];
    return this.add(into, from, to);
  }

  moments(n: number): Moments {
    return momentsFrom(n, n > 0 ? this.x0 : 0, this.sum, this.sumSq, this.min, this.max);
  }
}

/** One percentile (PERCENTILE.INC) of the first n entries of x with its standard error: the cheaper summary. */
export function percentile(x: Float64Array, n: number, p: number, m: Moments = moments(x, n)): Estimate {
  const q = percentileRanks(n, p);
  const [a, b, c, d] = orderStatistics(x, n, [q.lo, q.hi, q.ciLo, q.ciHi], m.mean, m.sd, m.min, m.max);
  return { value: a + (q.h - q.lo) * (b - a) + 0, se: (d - c) / (2 * Z95) };
}

/**
 * One percentile (PERCENTILE.INC, with its standard error) of a figure found while the figure is being made,
 * block by block, so no pass over the whole of it is needed afterwards. The first block added is a pilot:
 * sorted, it brackets the wanted ranks between two of its values, 6 standard deviations of a sample quantile
 * apart; each block then counts its values below the bracket and keeps those inside it (a few per cent), and
 * the ranks are found among the kept. Exact whatever the pilot: if a rank falls outside the bracket, or the
 * bracket holds more than room was kept for (a point mass), `value` finds it from the whole figure instead.
 */
export class PercentileTally {
  private readonly ranks: ReturnType<typeof percentileRanks>;
  private lo = -Infinity;
  private hi = Infinity;
  private kept: Float64Array = new Float64Array(0);
  private held = 0;
  private under = 0;
  private full = false;
  private piloted = false;

  constructor(
    private readonly n: number,
    private readonly p: number,
    /** Where to keep the bracketed values (the simulation's work memory, columns.ts); by default an array of its own. */
    private readonly storage: Float64Array | null = null,
  ) {
    this.ranks = percentileRanks(n, p);
  }

  /** Adds x[from..to): the next block of the figure, in order. */
  add(x: Float64Array, from: number, to: number): void {
    if (!this.piloted) this.pilot(x.slice(from, to).sort());
    if (this.full) return;
    const { lo, hi, kept } = this;
    // Stop keeping before a block could run past the room (counted once per block, so the loop needs no check).
    if (this.held + (to - from) > kept.length) {
      this.full = true;
      return;
    }
    let under = 0;
    let held = this.held;
    for (let i = from; i < to; i++) {
      const v = x[i];
      under += (v < lo) as unknown as number;
      kept[held] = v;
      held += ((v >= lo) as unknown as number) & ((v <= hi) as unknown as number);
    }
    this.under += under;
    this.held = held;
  }

  private pilot(sorted: Float64Array): void {
    this.piloted = true;
    const m = sorted.length;
    const { lo, hi, ciLo, ciHi } = this.ranks;
    const at = (r: number, side: -1 | 1): number => {
      const q = this.n > 1 ? r / (this.n - 1) : 0;
      return q * (m - 1) + side * (6 * Math.sqrt(m * q * (1 - q)) + 2);
    };
    const a = Math.floor(at(Math.min(lo, ciLo), -1));
    const b = Math.ceil(at(Math.max(hi, ciHi), 1));
    this.lo = a <= 0 ? -Infinity : sorted[a];
    this.hi = b >= m - 1 ? Infinity : sorted[b];
    const share = (Math.min(m - 1, b) - Math.max(0, a) + 1) / m;
    const room = Math.min(this.n, Math.ceil(2 * share * this.n)) + m;
    // Less room than asked for only means `value` may find the percentile from the whole figure: as exact.
    this.kept = this.storage ? this.storage.subarray(0, Math.min(room, this.storage.length)) : new Float64Array(room);
  }

  /** The percentile of the whole figure x (its first n values), with its standard error. */
  value(x: Float64Array, m: Moments): Estimate {
    const q = this.ranks;
    const wanted = [q.lo, q.hi, q.ciLo, q.ciHi].map((r) => r - this.under);
    if (this.full || wanted.some((r) => r < 0 || r >= this.held)) return percentile(x, this.n, this.p, m);
    const kept = this.kept.subarray(0, this.held);
    const k = moments(kept, kept.length);
    const [a, b, c, d] = orderStatistics(kept, kept.length, wanted, k.mean, k.sd, k.min, k.max);
    return { value: a + (q.h - q.lo) * (b - a) + 0, se: (d - c) / (2 * Z95) };
  }
}

/** Mean, SD, percentiles and their standard errors of the first n entries of x. Extra percentiles: `extra`. */
export function summarise(x: Float64Array, n: number, extra: readonly number[] = [], m: Moments = moments(x, n)): Summary & { extra: number[] } {
  const { mean, sd, min, max } = m;
  const ps = [0.05, 0.5, 0.95, ...extra];
  const plans = ps.map((p) => percentileRanks(n, p));
  const ranks = plans.flatMap((q) => [q.lo, q.hi, q.ciLo, q.ciHi]);
  const at = orderStatistics(x, n, ranks, mean, sd, min, max);
  const values = plans.map((q, i) => {
    const [a, b, c, d] = at.slice(4 * i, 4 * i + 4);
    return { value: a + (q.h - q.lo) * (b - a) + 0, se: (d - c) / (2 * Z95) };
  });
  return {
    mean: { value: mean, se: n > 1 ? sd / Math.sqrt(n) : 0 },
    sd,
    p5: values[0],
    p50: values[1],
    p95: values[2],
    min,
    max,
    extra: values.slice(3).map((v) => v.value),
  };
}

/** A chance estimated from `hits` of `n` trials, with its binomial standard error. */
export function proportion(hits: number, n: number): Estimate {
  const p = hits / n;
  return { value: p, se: Math.sqrt((p * (1 - p)) / n) };
}

/** Counts of the first n entries of x in `bars` equal bars from `from` to `to`; the end bars hold the tails. */
export function histogram(x: Float64Array, n: number, from: number, to: number, bars: number): Histogram {
  const counts = new Array<number>(bars).fill(0);
  if (!(to > from)) {
    counts[0] = n;
    return { from, width: 0, counts };
  }
  const width = (to - from) / bars;
  for (let i = 0; i < n; i++) {
    const b = Math.floor((x[i] - from) / width);
    counts[b < 0 ? 0 : b >= bars ? bars - 1 : b]++;
  }
  return { from, width, counts };
}
