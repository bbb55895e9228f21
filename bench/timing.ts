/** Timing helpers for `npm run bench`: repeated runs, medians and ratios measured in one process. */
import { performance } from "node:perf_hooks";

export interface Sample {
  min: number;
  median: number;
  max: number;
}

export function sample(values: number[]): Sample {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/** Milliseconds per run of `fn`, `reps` times after `warm` warm-up runs. Keeps the result alive. */
export function time(fn: () => unknown, reps: number, warm = 2): number[] {
  let sink = 0;
  for (let i = 0; i < warm; i++) sink += Number(fn() !== undefined);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    sink += Number(fn() !== undefined);
    out.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink);
  return out;
}

/** Interleaved runs of ours and a baseline; the ratio of each pair, so drift on a shared machine cancels. */
export function ratio(ours: () => unknown, bare: () => unknown, reps: number): { ratio: Sample; ours: Sample; bare: Sample } {
  const o: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  time(ours, 0, 2);
  time(bare, 0, 2);
  for (let i = 0; i < reps; i++) {
    const [bt] = time(bare, 1, 0);
    const [ot] = time(ours, 1, 0);
    o.push(ot);
    b.push(bt);
    r.push(ot / bt);
  }
  return { ratio: sample(r), ours: sample(o), bare: sample(b) };
}

export function fmt(x: number, digits = 3): string {
  return x.toPrecision(digits);
}

/** The machine-readable line the issues ask for, after a readable one. */
export function report(name: string, readable: string, value: number): void {
  console.log(readable);
  console.log(`BENCH ${name} ${Number(value.toPrecision(4))}`);
}
