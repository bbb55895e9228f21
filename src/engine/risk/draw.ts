/**
 * Drawing trials: a pathway's profile (each step's expected events, £ weights and organisation) and the drawer that
 * turns a generator into each trial's events, step by step, in blocks (simulate.ts and sweep.ts use it).
 */
import { type Step } from "../comparison/organisations";
import { PoissonSampler, PoissonTable, Rng, gamma } from "./random";
import type { Dispersion } from "./settings";

/** What one trial needs of a pathway: each step's expected events per patient-year, £ weights and organisation. */
export interface Profile {
  rates: Float64Array;
  /** £ per event counted into the trial's first and second totals (e.g. price × MFF and variable unit cost). */
  first: Float64Array;
  second: Float64Array;
  /** The total (organisation) each step's events count into. */
  group: Uint16Array;
  groups: number;
  /** Each step's change in volume after the whole care shift (volumeFactor − 1), for delivery uncertainty. */
  shift: Float64Array;
  /**
   * Today's contracts (today.ts incomeToday): the events each step's payment is set on (its plan, or today's
   * expected count) and the £ paid for each event above it and each below it (price × MFF × the share paid on a
   * rise or on a fall; 0 for a fixed payment), counted into the trial's third total.
   */
  setEvents: Float64Array;
  paidUp: Float64Array;
  paidDown: Float64Array;
}

export function profile(
  steps: Step[],
  first: (s: Step) => number,
  second: (s: Step) => number,
  group: (s: Step) => number = () => 0,
  shift: (s: Step) => number = () => 0,
  today: { set: (s: Step) => number; up: (s: Step) => number; down: (s: Step) => number } | null = null,
): Profile {
  const g = Uint16Array.from(steps, group);
  return {
    rates: Float64Array.from(steps, (s) => s.volume * s.takeUp),
    first: Float64Array.from(steps, first),
    second: Float64Array.from(steps, second),
    group: g,
    groups: g.length === 0 ? 0 : Math.max(...g) + 1,
    shift: Float64Array.from(steps, shift),
    setEvents: Float64Array.from(steps, (s) => today?.set(s) ?? 0),
    paidUp: Float64Array.from(steps, (s) => today?.up(s) ?? 0),
    paidDown: Float64Array.from(steps, (s) => today?.down(s) ?? 0),
  };
}

/** A step's events into today's payment's total: £ up per event above `set`, £ down per event below it. */
export const paidOn = (events: number, set: number, up: number, down: number): number => {
  const d = events - set;
  return (d >= 0 ? up : down) * d;
};

/** The year-level draws that move every step together: the share of the shift achieved and a common shock. */
export interface YearDraws {
  delivery: { mean: number; sd: number } | null;
  /** The gamma shape (1 / cv²) of the common shock, or 0 for none. */
  shockShape: number;
}

/** Trials drawn together, step by step (see TrialDrawer.draw); work is split into chunks at multiples of it. */
export const BLOCK = 4096;

/**
 * Draws trials of a profile for a population: each trial's two £ totals. One generator, used in trial order,
 * so the figures depend only on the seed and the inputs, not on how the work is split into chunks.
 */
export class TrialDrawer {
  private readonly tables: PoissonTable[];
  private readonly samplers: PoissonSampler[];
  /** Each trial's share of the shift achieved and common shock factor, when drawn (for tests and the figures). */
  readonly achieved: Float64Array | null;
  readonly shock: Float64Array | null;
  constructor(
    private readonly p: Profile,
    private readonly population: number,
    private readonly dispersion: Dispersion,
    private readonly rng: Rng,
    private readonly year: YearDraws = { delivery: null, shockShape: 0 },
    trials = 0,
  ) {
    this.achieved = year.delivery ? new Float64Array(trials) : null;
    this.shock = year.shockShape > 0 ? new Float64Array(trials) : null;
    // With a draw that moves every step's mean each year, every step is drawn at its own mean (no fixed tables).
    const fixed = dispersion.kind === "poisson" && !this.moving;
    this.tables = fixed ? Array.from(p.rates, (r) => new PoissonTable(r * population)) : [];
    this.samplers = fixed ? [] : Array.from(p.rates, () => new PoissonSampler());
  }

  private get moving(): boolean {
    return this.year.delivery !== null || this.year.shockShape > 0;
  }

  /**
   * Fill each group's out1/out2 (and out3, today's payment's change: paidOn) from index `from` for `count` trials.
   * The draws are the same whatever out3 is: it only counts what they already are.
   */
  draw(out1: Float64Array[], out2: Float64Array[], out3: Float64Array[] | null, from: number, count: number): void {
    const { rates, first, second, group, setEvents, paidUp, paidDown } = this.p;
    const rng = this.rng;
    const m = rates.length;
    if (out3) for (const o of out3) o.fill(0, from, from + count);
    // Whether step s counts into today's payment's total (a fixed payment does not move with its events).
    const paying = (s: number) => out3 !== null && (paidUp[s] !== 0 || paidDown[s] !== 0);
    if (this.moving) {
      this.drawMoving(out1, out2, out3, from, count);
      return;
    }
    if (this.dispersion.kind === "poisson") {
      // Step by step within blocks of BLOCK trials, so each step's table stays in the processor's cache.
      // The order of draws is fixed by BLOCK (callers split work only at block boundaries), and each
      // trial's totals are still summed over the steps in order.
      const tables = this.tables;
      for (let start = from; start < from + count; start += BLOCK) {
        const end = Math.min(start + BLOCK, from + count);
        for (const o of out1) o.fill(0, start, end);
        for (const o of out2) o.fill(0, start, end);
        for (let s = 0; s < m; s++) {
          const table = tables[s];
          const f = first[s];
          const g = second[s];
          const a = out1[group[s]];
          const b = out2[group[s]];
          if (paying(s)) {
            const c = (out3 as Float64Array[])[group[s]];
            const [k, up, down] = [setEvents[s], paidUp[s], paidDown[s]];
            for (let t = start; t < end; t++) {
              const events = table.draw(rng);
              a[t] += f * events;
              b[t] += g * events;
              c[t] += paidOn(events, k, up, down);
            }
            continue;
          }
          for (let t = start; t < end; t++) {
            const events = table.draw(rng);
            a[t] += f * events;
            b[t] += g * events;
          }
        }
      }
      return;
    }
    const k = this.dispersion.shape;
    const samplers = this.samplers;
    for (let t = from; t < from + count; t++) {
      const pooled = gamma(rng, this.population * k, 1 / k);
      for (const o of out1) o[t] = 0;
      for (const o of out2) o[t] = 0;
      for (let s = 0; s < m; s++) {
        samplers[s].setMean(rates[s] * pooled);
        const events = samplers[s].draw(rng);
        out1[group[s]][t] += first[s] * events;
        out2[group[s]][t] += second[s] * events;
        if (paying(s)) (out3 as Float64Array[])[group[s]][t] += paidOn(events, setEvents[s], paidUp[s], paidDown[s]);
      }
    }
  }

  /**
   * Trials whose year moves every step together. Within each block of BLOCK trials: first, trial by trial, the
   * common shock S (gamma, mean 1), the share of the shift achieved A (normal, never below 0) and the
   * over-dispersion's pooled frailty; then step by step (one sampler, hot in the cache), each trial's events,
   * Poisson with mean N·λs·S·(1 + A·Δs) (Δs: the step's change after the whole shift).
   */
  private drawMoving(out1: Float64Array[], out2: Float64Array[], out3: Float64Array[] | null, from: number, count: number): void {
    const { rates, first, second, group, shift, setEvents, paidUp, paidDown } = this.p;
    const rng = this.rng;
    const m = rates.length;
    const { delivery, shockShape } = this.year;
    const k = this.dispersion.kind === "overdispersed" ? this.dispersion.shape : 0;
    const sampler = this.samplers[0] ?? new PoissonSampler();
    const scale = new Float64Array(BLOCK);
    const achieved = new Float64Array(BLOCK);
    for (let start = from; start < from + count; start += BLOCK) {
      const end = Math.min(start + BLOCK, from + count);
      for (let t = start; t < end; t++) {
        const S = shockShape > 0 ? gamma(rng, shockShape, 1 / shockShape) : 1;
        const A = delivery ? Math.max(0, delivery.mean + delivery.sd * rng.normal()) : 0;
        if (this.shock) this.shock[t] = S;
        if (this.achieved) this.achieved[t] = A;
        const pooled = k > 0 ? gamma(rng, this.population * k, 1 / k) : this.population;
        scale[t - start] = pooled * S;
        achieved[t - start] = A;
      }
      for (const o of out1) o.fill(0, start, end);
      for (const o of out2) o.fill(0, start, end);
      for (let s = 0; s < m; s++) {
        const rate = rates[s];
        const d = shift[s];
        const f = first[s];
        const g = second[s];
        const a = out1[group[s]];
        const b = out2[group[s]];
        const c = out3 !== null && (paidUp[s] !== 0 || paidDown[s] !== 0) ? out3[group[s]] : null;
        for (let t = start; t < end; t++) {
          sampler.setMean(Math.max(0, rate * scale[t - start] * (1 + achieved[t - start] * d)));
          const events = sampler.draw(rng);
          a[t] += f * events;
          b[t] += g * events;
          if (c) c[t] += paidOn(events, setEvents[s], paidUp[s], paidDown[s]);
        }
      }
    }
  }
}
