/**
 * What must be true (issue 35 B): for each option and party, the value of one input at which the party's NPV
 * against doing nothing crosses zero — the share of the planned shift achieved, the unit price of a step, the
 * gain-share rate, the capitation rate, demand growth. The position is found over a range in 16 pieces; where a
 * piece is straight (its midpoint on the line between its ends, to the penny) the crossing is solved on it
 * exactly, otherwise by bisection to within £1. Where it does not cross, the range and the reason are said.
 */
import { invalid } from "../rules/errors";
import { gbp, type ComparisonInputs } from "./compare";
import { appraiseOptions, type OptionSpec, type OptionsSettings } from "./options";
import type { TransitionTerms } from "./transition";

export interface SwitchingValue {
  option: string;
  party: string;
  input: string;
  /** The input's value at which the position crosses zero; null where it does not between `from` and `to`. */
  value: number | null;
  from: number;
  to: number;
  /** Why there is no value (null where there is one). */
  reason: string | null;
}

/** An input a switching value can be found for, and the range it is sought over. */
interface Lever {
  name: string;
  from: number;
  to: number;
  /** A value of the input as a reader writes it (a share as a percentage, money in gbp). */
  show: (x: number) => string;
  /** The appraisal's inputs with the lever at `x`. */
  set: (x: number, inp: ComparisonInputs, t: TransitionTerms, o: OptionSpec) => [ComparisonInputs, TransitionTerms, OptionSpec];
}

const PIECES = 16;
const pct = (x: number): string => `${x < 0 ? "−" : ""}${+Math.abs(x * 100).toFixed(2)}%`;

/** The levers a switching value is sought for: the names pay compare --switching and the JSON use. */
export function lever(name: string, inp: ComparisonInputs): Lever {
  if (name === "shiftAchieved")
    return {
      name,
      from: 0,
      to: 1,
      show: pct,
      set: (x, i, tt, o) => [i, tt, { ...o, years: { ...o.years, shiftAchieved: (o.years?.shiftAchieved ?? tt.shiftAchieved).map((s) => s * x) } }],
    };
  if (name === "demandGrowth")
    return {
      name,
      from: -0.1,
      to: 0.1,
      show: pct,
      set: (x, i, tt, o) => [i, { ...tt, demandGrowth: x }, { ...o, years: { ...o.years, demandGrowth: x } }],
    };
  if (name === "gainShareRate")
    return { name, from: 0, to: 1, show: pct, set: (x, i, tt, o) => [i, tt, { ...o, inputs: { ...o.inputs, gainShareRate: x } }] };
  if (name === "capitationRate") {
    const perPatient = inp.steps.reduce((a, s) => a + s.unitPrice * s.volume * s.takeUp, 0) * inp.mff;
    return { name, from: 0, to: 2 * perPatient, show: gbp, set: (x, i, tt, o) => [i, tt, { ...o, inputs: { ...o.inputs, capitationRate: x } }] };
  }
  const price = /^unitPrice:(.+)$/.exec(name);
  if (price) {
    const k = inp.steps.findIndex((s) => s.name.trim().toLowerCase() === price[1].trim().toLowerCase());
    if (k < 0) throw invalid(`switching values: '${price[1]}' is not a step of the pathway`);
    const at = (i: ComparisonInputs, x: number): ComparisonInputs => ({ ...i, steps: i.steps.map((s, j) => (j === k ? { ...s, unitPrice: x } : s)) });
    return { name, from: 0, to: 2 * inp.steps[k].unitPrice, show: gbp, set: (x, i, tt, o) => [at(i, x), tt, o] };
  }
  throw invalid(
    `switching values: '${name}' is not an input; expected shiftAchieved, demandGrowth, gainShareRate, capitationRate or unitPrice:<step>`,
  );
}

/** The levers sought by default for an option: the shift achieved, demand growth, and its model's own rate. */
export function defaultLevers(o: OptionSpec): string[] {
  const own = o.model === "gainshare" ? ["gainShareRate"] : o.model === "capitation" || o.model === "riskshare" ? ["capitationRate"] : [];
  return ["shiftAchieved", "demandGrowth", ...own];
}

/** Every option's (Do nothing aside) and party's switching value for each lever named (null: defaultLevers). */
export function switchingValues(
  inp: ComparisonInputs,
  t: TransitionTerms,
  options: readonly OptionSpec[],
  settings: OptionsSettings,
  levers: readonly string[] | null = null,
): SwitchingValue[] {
  const out: SwitchingValue[] = [];
  for (const o of options)
    for (const name of levers ?? defaultLevers(o)) {
      const l = lever(name, inp);
      // Each party's NPV against doing nothing with the lever at x (the option alone appraised again).
      const cache = new Map<number, { name: string; npv: number }[]>();
      const partiesAt = (x: number) => {
        const hit = cache.get(x);
        if (hit) return hit;
        const [i, tt, spec] = l.set(x, inp, t, o);
        const got = appraiseOptions(i, tt, [spec], settings)[1].npv;
        cache.set(x, got);
        return got;
      };
      const npvAt = (x: number): number[] => partiesAt(x).map((p) => p.npv);
      const xs = Array.from({ length: PIECES + 1 }, (_, k) => l.from + ((l.to - l.from) * k) / PIECES);
      const ys = xs.map(npvAt);
      const names = partiesAt(xs[0]).map((p) => p.name);
      names.forEach((party, q) => {
        const c = crossing(
          xs,
          ys.map((y) => y[q]),
          (x) => npvAt(x)[q],
          l.show,
        );
        out.push({ option: o.name, party, input: l.name, value: c.value, from: l.from, to: l.to, reason: c.reason });
      });
    }
  return out;
}

/**
 * Where f crosses zero on the grid (xs, ys): solved on a straight piece, else by bisection to within £1. A zero
 * only at an end of the range, with the position on one side of zero everywhere else, is that end, said so.
 */
function crossing(
  xs: number[],
  ys: number[],
  f: (x: number) => number,
  show: (x: number) => string,
): { value: number | null; reason: string | null } {
  const range = `between ${show(xs[0])} and ${show(xs[xs.length - 1])}`;
  const zero = (y: number) => Math.abs(y) < 0.005;
  if (ys.every(zero))
    return { value: null, reason: `none: the NPV against doing nothing is £0 at every value ${range} (this input does not move it)` };
  for (let k = 1; k + 1 < xs.length; k++) if (zero(ys[k])) return { value: xs[k], reason: null };
  for (let k = 0; k + 1 < xs.length; k++) {
    if (zero(ys[k]) || zero(ys[k + 1]) || Math.sign(ys[k]) === Math.sign(ys[k + 1])) continue;
    return { value: solve(xs[k], xs[k + 1], ys[k], ys[k + 1], f), reason: null };
  }
  const inner = ys.filter((y) => !zero(y));
  const side = inner.every((y) => y > 0) ? "above" : "below";
  const lo = Math.min(...inner);
  const hi = Math.max(...inner);
  const end = zero(ys[0]) ? xs[0] : zero(ys[ys.length - 1]) ? xs[xs.length - 1] : null;
  if (end !== null)
    return { value: end, reason: `only at ${show(end)}: the NPV against doing nothing is ${side} zero at every other value ${range}` };
  return { value: null, reason: `none ${range}: the NPV against doing nothing stays ${side} zero (${gbp(lo)} to ${gbp(hi)})` };
}

/** The zero of f between a and b (f(a), f(b) of opposite signs): on a straight piece exactly, else by bisection to £1. */
function solve(a: number, b: number, fa: number, fb: number, f: (x: number) => number): number {
  if (Math.abs(f((a + b) / 2) - (fa + fb) / 2) < 0.005) {
    const x = a - (fa * (b - a)) / (fb - fa);
    if (Math.abs(f(x)) < 1) return x;
  }
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    const m = (a + b) / 2;
    const fm = f(m);
    if (Math.abs(fm) < 1) return m;
    if (Math.sign(fm) === Math.sign(fa)) [a, fa] = [m, fm];
    else b = m;
  }
  return (a + b) / 2;
}

/** What must be true, in words: "Acute trust breaks even under Capitated budget if 62% of the shift is achieved". */
export function describeSwitching(v: SwitchingValue): string {
  if (v.value === null || v.reason !== null) return `${v.party} under ${v.option}, ${v.input}: ${v.reason ?? "none"}`;
  const pct = (x: number) => `${+(x * 100).toFixed(1)}%`;
  const at =
    v.input === "shiftAchieved"
      ? `if ${pct(v.value)} of the planned shift is achieved`
      : v.input === "demandGrowth"
        ? `at demand growth of ${pct(v.value)} a year`
        : v.input === "gainShareRate"
          ? `at a providers' share of ${pct(v.value)}`
          : v.input === "capitationRate"
            ? `at a capitation rate of £${Math.round(v.value).toLocaleString("en-GB")} per patient`
            : `at a unit price of £${v.value.toLocaleString("en-GB", { maximumFractionDigits: 2 })} (${v.input.slice("unitPrice:".length)})`;
  return `${v.party} breaks even under ${v.option} ${at}`;
}
