/**
 * `npm run bench`: speed of the PAY engine as ratios measured in one run against bare loops over the same
 * data (never a timed test: machines are shared and noisy). Each figure is the median of interleaved runs,
 * with min and max shown for the noise. Goals (issue "The PAY function library"): pathway_cost_1m ≤ 1.3,
 * spell_price_100k ≤ 1.5. Issue "Financial risk": 1,000,000 trials of a 20-step pathway in ≤ 1 s on one core.
 */
import { pathwayCost, spellPrice } from "../src/engine/rules/formulas";
import { execFileSync } from "node:child_process";
import { fmt, ratio, report, sample, time } from "./timing";
import { comparePaymentModels, DEFAULT_TERMS, stateActivity, type ComparisonInputs, type Step } from "../src/engine/comparison/compare";
import { volumeFactor } from "../src/engine/comparison/organisations";
import { RiskSimulation } from "../src/engine/risk/simulate";
import { sensitivity, sensitivityInputs } from "../src/engine/comparison/sensitivity";
import { DEFAULT_TRANSITION, defaultRamp, transition } from "../src/engine/comparison/transition";
import { PoissonSampler, PoissonTable, Rng, gamma } from "../src/engine/risk/random";
import { needBasedInputs, readPopulation } from "../src/engine/inputs/population";
import { appraiseScenarios, type OptionSpec } from "../src/engine/comparison/options";

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

/** A workbook of `rows` rows: three inputs and one formula per row. */
export function benchPathway(n = 20): Step[] {
  const settings = ["hospital", "community", "primary", "other"] as const;
  const organisation = { hospital: "Acute trust", community: "Community trust", primary: "PCN", other: "PCN" } as const;
  return Array.from({ length: n }, (_, i) => ({
    name: `Step ${i + 1}`,
    setting: settings[i % 4],
    organisation: organisation[settings[i % 4]],
    unitPrice: 60 + 140 * (i % 20),
    unitCost: 55 + 130 * (i % 20),
    volume: [0.05, 0.2, 1, 3][i % 4],
    takeUp: 0.3 + 0.035 * (i % 20),
  }));
}

function simulateBench(): void {
  const trials = 1_000_000;
  const inputs = { ...DEFAULT_TERMS, steps: benchPathway(), cohort: 1000 };
  const settings = { trials, seed: 20261125, dispersion: { kind: "poisson" as const } };
  // The whole simulation as the panel runs it: draws, all seven models settled per trial, every summary.
  const ours = (): number => {
    const sim = new RiskSimulation(inputs, settings);
    sim.run(trials);
    return sim.result().models.length;
  };
  // A bare loop drawing the same number of Poisson variates with the same means and the same sampler.
  const means = inputs.steps.map((s) => s.volume * s.takeUp * inputs.cohort);
  const bare = (): number => {
    const rng = new Rng(settings.seed);
    let sum = 0;
    for (const mean of means) {
      const table = new PoissonTable(mean);
      for (let t = 0; t < trials; t++) sum += table.draw(rng);
    }
    return sum;
  };
  const reps = Math.max(3, Math.min(REPS, 5));
  const r = ratio(ours, bare, reps);
  report(
    "simulate_1m_seconds",
    `Risk simulation, 1,000,000 trials of a 20-step, 3-organisation pathway (7 models, every summary, each organisation's risk), one core: ${fmt(r.ours.median / 1000)} s ` +
      `(min ${fmt(r.ours.min / 1000)}, max ${fmt(r.ours.max / 1000)}; goal ≤ 1.5 s since the statistics are TypeScript alone: docs/developing.md)`,
    r.ours.median / 1000,
  );
  report(
    "simulate_vs_draws",
    `  a bare loop drawing the same 20,000,000 Poisson variates: ${fmt(r.bare.median / 1000)} s; ratio median ${fmt(r.ratio.median)} (min ${fmt(r.ratio.min)}, max ${fmt(r.ratio.max)}; goal ≤ 4.5 since the statistics are TypeScript alone: docs/developing.md)`,
    r.ratio.median,
  );
  // Every source on: delivery uncertainty and a common shock move each step's mean every trial (no fixed tables).
  const all = { ...settings, delivery: { mean: 1, sd: 0.15 }, shock: { cv: 0.05 } };
  const moving = ratio(
    () => {
      const sim = new RiskSimulation(inputs, all);
      sim.run(trials);
      return sim.result().models.length;
    },
    () => bareMovingDraws(inputs, all, trials),
    reps,
  );
  const every = moving.ours;
  report(
    "simulate_1m_all_sources_seconds",
    `  the same with every source on (activity, delivery sd 15%, common shock cv 5%): ${fmt(every.median / 1000)} s (min ${fmt(every.min / 1000)}, max ${fmt(every.max / 1000)}); ratio to the plain bare draws ${fmt(every.median / r.bare.median)}`,
    every.median / 1000,
  );
  report(
    "simulate_all_sources_vs_draws",
    `  a bare loop drawing the same 20,000,000 Poisson variates at a mean that moves every trial (the same shock, delivery and sampler): ${fmt(moving.bare.median / 1000)} s; ratio median ${fmt(moving.ratio.median)} (min ${fmt(moving.ratio.min)}, max ${fmt(moving.ratio.max)}; goal ≤ 2.5)`,
    moving.ratio.median,
  );
}

/** The draws alone of a simulation with every source on: each trial's shock and delivery, then each step's events. */
function bareMovingDraws(
  inputs: ComparisonInputs,
  s: { seed: number; delivery: { mean: number; sd: number }; shock: { cv: number } },
  trials: number,
): number {
  const rng = new Rng(s.seed);
  const sampler = new PoissonSampler();
  const shape = 1 / (s.shock.cv * s.shock.cv);
  const rates = inputs.steps.map((x) => x.volume * x.takeUp * inputs.cohort);
  const after = stateActivity("shifted", inputs);
  const shift = inputs.steps.map((x) => volumeFactor(x, after) - 1);
  let sum = 0;
  for (let t = 0; t < trials; t++) {
    const S = gamma(rng, shape, 1 / shape);
    const A = Math.max(0, s.delivery.mean + s.delivery.sd * rng.normal());
    for (let i = 0; i < rates.length; i++) {
      sampler.setMean(Math.max(0, rates[i] * S * (1 + A * shift[i])));
      sum += sampler.draw(rng);
    }
  }
  return sum;
}

/** The whole sensitivity analysis (every term and step moved low and high, all seven models) of the 20-step pathway. */
function sensitivityBench(): void {
  const inputs = { ...DEFAULT_TERMS, steps: benchPathway(), cohort: 1000 };
  const runs = sample(time(() => sensitivity(inputs).models.length, Math.max(REPS, 9)));
  report(
    "sensitivity_ms",
    `Sensitivity of a 20-step, 3-organisation pathway (${sensitivityInputs(inputs).length} inputs × low and high, 7 models): ` +
      `${fmt(runs.median)} ms (min ${fmt(runs.min)}, max ${fmt(runs.max)}; goal ≤ 100 ms)`,
    runs.median,
  );
}

/**
 * At the sizes a real ICB file reaches: the sensitivity of 5,000 steps (each step's figures from its own
 * contribution), and the whole comparison of 5,000 steps and 100 organisations with a 10-year transition.
 */
function scaleBench(): void {
  const big = { ...DEFAULT_TERMS, steps: benchPathway(5000), cohort: 1000 };
  const s = sample(time(() => sensitivity(big).models.length, 3));
  report(
    "sensitivity_5000_ms",
    `Sensitivity of 5,000 steps × 3 organisations: ${fmt(s.median)} ms (min ${fmt(s.min)}, max ${fmt(s.max)}; goal ≤ 1,000 ms)`,
    s.median,
  );
  const hundred = { ...big, steps: big.steps.map((x, i) => ({ ...x, organisation: `Provider ${i % 100}` })) };
  const terms = { ...DEFAULT_TRANSITION, years: 10, shiftAchieved: defaultRamp(10) };
  const c = sample(
    time(() => {
      comparePaymentModels(hundred);
      sensitivity(hundred);
      return transition(hundred, terms).models.length;
    }, 3),
  );
  report(
    "compare_5000x100_ms",
    `The whole comparison of 5,000 steps × 100 organisations with its sensitivity and a 10-year transition: ${fmt(c.median)} ms (min ${fmt(c.min)}, max ${fmt(c.max)}; goal ≤ 2,000 ms)`,
    c.median,
  );
  // Issue 35: 5 options × 3 scenarios × 10 years on the same pathway, within 5× the comparison above.
  const options: OptionSpec[] = [
    { name: "Do minimum", model: "today", inputs: { shiftShare: 0.1 } },
    { name: "Capitation", model: "capitation", years: { setupCost: [250_000] } },
    { name: "Gain share", model: "gainshare", inputs: { gainShareRate: 0.4 } },
    { name: "Blended", model: "blended" },
    { name: "Bundle", model: "bundle" },
  ];
  const scenarios = [{ name: "Low", inputs: { shiftShare: 0.1 } }, { name: "Central" }, { name: "High", inputs: { shiftShare: 0.3 }, years: { demandGrowth: 0.03 } }];
  const o = sample(time(() => appraiseScenarios(hundred, terms, options, {}, scenarios).length, 3));
  report("options_5000_ms", `5 options × 3 scenarios × 10 years on the same pathway: ${fmt(o.median)} ms (min ${fmt(o.min)}, max ${fmt(o.max)})`, o.median);
  report("options_vs_compare", `  … ${fmt(o.median / c.median)}× the whole comparison (goal ≤ 5)`, o.median / c.median);
}

/**
 * 500 SUMIFS over 50,000 rows, each with its own criterion and a second one, as pay recalc computes them (the
 * workbook's engine built with the formulas, less the same engine built with the data alone), against the same
 * sums in a plain loop over the rows.
 */
function populationBench(): void {
  const rows: unknown[][] = [["Practice", "People", "Weight", "Cost per head"]];
  for (let i = 0; i < 20_000; i++) rows.push([`P${i}`, 5000 + (i % 300), 0.8 + (i % 7) / 10, 150 + (i % 50)]);
  const inputs = { ...DEFAULT_TERMS, steps: benchPathway(), cohort: 1000 };
  const runs = sample(time(() => needBasedInputs(inputs, readPopulation(rows, "Pop!A1:D20001"), null, 1e8).need.selectionGain?.length, 5));
  report(
    "population_20000_ms",
    `A population of 20,000 practices with costs per head: the budget by need and every practice's selection gain: ${fmt(runs.median)} ms (min ${fmt(runs.min)}, max ${fmt(runs.max)}; linear in the rows: 68 s before)`,
    runs.median,
  );
}

/** A 10-year transition of a 20-step pathway of five organisations, all seven models (the Years view's recompute). */
function transitionBench(): void {
  const five = ["Acute trust", "Community trust", "PCN", "Hospice", "Mental health trust"];
  const steps = benchPathway().map((s, i) => ({ ...s, organisation: five[i % 5] }));
  const inputs = { ...DEFAULT_TERMS, steps, cohort: 1000 };
  const terms = {
    ...DEFAULT_TRANSITION,
    years: 10,
    shiftAchieved: defaultRamp(10),
    priceUplift: [0.02],
    costUplift: [0.025],
    releaseYear: 4,
    backfillShare: 0.3,
    rebaseEvery: 3,
  };
  const runs = sample(time(() => transition(inputs, terms).models.length, Math.max(REPS, 9)));
  report(
    "transition_ms",
    `Transition of 10 years × 7 models × 5 organisations (20 steps): ${fmt(runs.median)} ms (min ${fmt(runs.min)}, max ${fmt(runs.max)}; goal ≤ 50 ms)`,
    runs.median,
  );
}

/**
 * `pay eval` of one formula against a bare Node start, each the median of several fresh processes. The formula
 * is one PAY function of literals, as the README's are, which pay eval answers without HyperFormula.
 */
import { memoryBench, payStartBench, recalcBench, sumifsBench, writeBench } from "./workbook-benches";

const BENCHES: Record<string, () => void | Promise<void>> = {
  start: payStartBench,
  transition: transitionBench,
  pathway: pathwayBench,
  spell: spellBench,
  simulate: simulateBench,
  sensitivity: sensitivityBench,
  scale: scaleBench,
  recalc: recalcBench,
  population: populationBench,
  sumifs: sumifsBench,
  memory: memoryBench,
  write: writeBench,
};

/**
 * One bench: `node bench.js <name>`. All of them: each in a fresh Node process, one after another, so no
 * bench inherits another's heap (the 1,000,000-row columns of one made the next one's collector slower).
 */
async function run(): Promise<void> {
  const only = process.argv[2];
  if (only) {
    const bench = BENCHES[only];
    if (!bench) throw new Error(`unknown bench '${only}': expected one of ${Object.keys(BENCHES).join(", ")}`);
    await bench();
    return;
  }
  for (const name of Object.keys(BENCHES)) execFileSync(process.execPath, [__filename, name], { stdio: "inherit" });
}

if (require.main === module) void run();
