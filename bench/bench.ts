/**
 * `npm run bench`: speed of the PAY engine as ratios measured in one run against bare loops over the same
 * data (never a timed test: machines are shared and noisy). Each figure is the median of interleaved runs,
 * with min and max shown for the noise. Goals (issue "The PAY function library"): pathway_cost_1m ≤ 1.3,
 * spell_price_100k ≤ 1.5.
 */
import { pathwayCost, spellPrice } from "../src/engine/formulas";
import { fmt, ratio, report, sample, time } from "./timing";

const REPS = Number(process.env.BENCH_REPS ?? 9);

function column(n: number, f: (i: number) => number): unknown[][] {
  const out = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) out[i] = [f(i)];
  return out;
}

function pathwayBench(): void {
  const n = 1_000_000;
  // Excel's shape: a column range arrives as an array of one-cell rows.
  const costs = column(n, (i) => 50 + (i % 97) * 13.5);
  const volumes = column(n, (i) => 1 + (i % 5));
  const takeUp = column(n, (i) => ((i % 10) + 1) / 10);
  const bare = (): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (costs[i][0] as number) * (volumes[i][0] as number) * (takeUp[i][0] as number);
    return s * 100 * 1.05;
  };
  const ours = (): number => pathwayCost(costs, volumes, takeUp, 100, 1.05);
  if (Math.abs(ours() - bare()) > 1e-6 * Math.abs(bare())) throw new Error("PATHWAY_COST disagrees with the bare loop");
  const r = ratio(ours, bare, REPS);
  report(
    "pathway_cost_1m",
    `PATHWAY_COST over 1,000,000 rows (any[][]): ${fmt(r.ours.median)} ms vs bare loop ${fmt(r.bare.median)} ms; ` +
      `ratio median ${fmt(r.ratio.median)} (min ${fmt(r.ratio.min)}, max ${fmt(r.ratio.max)}; goal ≤ 1.3)`,
    r.ratio.median,
  );
}

function spellBench(): void {
  const n = 100_000;
  const base = column(n, (i) => 1000 + (i % 300) * 20);
  const los = column(n, (i) => i % 40);
  const trim = column(n, (i) => 5 + (i % 20));
  const perDay = column(n, (i) => 200 + (i % 7) * 25);
  const bare = (): unknown[][] => {
    const out = new Array<unknown[]>(n);
    for (let i = 0; i < n; i++) {
      const l = los[i][0] as number;
      const t = trim[i][0] as number;
      out[i] = [((base[i][0] as number) + (l > t ? l - t : 0) * (perDay[i][0] as number)) * 1.02];
    }
    return out;
  };
  const ours = (): unknown => spellPrice(base, los, trim, perDay, 1.02);
  const a = ours() as number[][];
  const b = bare() as number[][];
  if (a.length !== n || a.some((row, i) => row[0] !== b[i][0])) throw new Error("SPELL_PRICE disagrees with the bare loop");
  const r = ratio(ours, bare, REPS);
  report(
    "spell_price_100k",
    `SPELL_PRICE array form, 100,000 spells in one call: ${fmt(r.ours.median)} ms vs bare loop ${fmt(r.bare.median)} ms; ` +
      `ratio median ${fmt(r.ratio.median)} (min ${fmt(r.ratio.min)}, max ${fmt(r.ratio.max)}; goal ≤ 1.5)`,
    r.ratio.median,
  );

  // 100,000 separate scalar calls, as 100,000 cells each holding =PAY.SPELL_PRICE(B2, C2, D2, E2).
  const calls = (): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += spellPrice(base[i][0], los[i][0], trim[i][0], perDay[i][0], 1.02) as number;
    return s;
  };
  const ms = sample(time(calls, REPS));
  const us = (ms.median * 1000) / n;
  report(
    "spell_price_call_us",
    `SPELL_PRICE, 100,000 separate scalar calls: ${fmt(us)} µs per call (min ${fmt((ms.min * 1000) / n)}, max ${fmt((ms.max * 1000) / n)})`,
    us,
  );
}

const only = process.argv[2];
const benches: Record<string, () => void> = { pathway: pathwayBench, spell: spellBench };
for (const [name, run] of Object.entries(benches)) if (!only || only === name) run();
