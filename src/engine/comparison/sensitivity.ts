/**
 * What drives the answer: for each model, each organisation's margin and what the commissioner pays after the
 * care shift (the proposal a board decides on), when one input at a time moves between a low and a high value
 * — every term of the comparison and each step's volume, take-up, price and cost. Each point is the
 * comparison's own settlement (settlement.ts) run with that one input changed, sorted by swing.
 */
import { vatFactors } from "../holder/vat";
import { contractFor, gbp, stateActivity, type ComparisonInputs } from "./compare";
import { invalid } from "../rules/errors";
import { organisationIndex, organisationState, stepState, type OrganisationState, type Step } from "./organisations";
import { todaysPayment } from "./signed";
import { sensitivityInputs, type DriverGroup, type Input } from "./sensitivity-inputs";

export { DRIVER_GROUP_NAMES, sensitivityInputs, type DriverGroup, type Input } from "./sensitivity-inputs";
import { MODEL_IDS, MODEL_NAMES, makeContract, settlement, type Contract, type ModelId } from "./settlement";

/** How far each input moves: money and counts by ±relative; shares by ±points, kept within their range. */
export interface SensitivityRanges {
  /** e.g. 0.1: a value moves to 90% and 110% of itself. */
  relative: number;
  /** e.g. 0.1: a share moves 10 percentage points down and up, within 0 to 1. */
  share: number;
}

export const DEFAULT_RANGES: SensitivityRanges = { relative: 0.1, share: 0.1 };

/** After the care shift, under one model: each organisation's margin, the commissioner's payment, the system margin. */
export interface ShiftedOutcome {
  organisations: number[];
  commissioner: number;
  /** The organisations' margins together. */
  system: number;
}

export interface SensitivityRow {
  /** The term's key, as `pay compare --term` takes it, or steps[i].field for a step's figure. */
  input: string;
  label: string;
  group: DriverGroup;
  base: number;
  low: number;
  high: number;
  atLow: ShiftedOutcome;
  atHigh: ShiftedOutcome;
}

export interface ModelSensitivity {
  id: ModelId;
  name: string;
  base: ShiftedOutcome;
  /** Sorted by the swing of the system margin, largest first. */
  rows: SensitivityRow[];
}

export interface Sensitivity {
  organisations: string[];
  ranges: SensitivityRanges;
  models: ModelSensitivity[];
}

/** Each model's figures after the care shift, through the comparison's settlement. */
export function shiftedOutcomes(inp: ComparisonInputs): ShiftedOutcome[] {
  const contract = contractFor(inp);
  const orgs = contract.orgs;
  return shiftedSettler(orgs.length)(contract, organisationState(inp.steps, orgs, inp, stateActivity("shifted", inp)));
}

function bounds(x: Input, r: SensitivityRanges): [number, number] {
  if (x.kind === "relative") return [x.base * (1 - r.relative), x.base * (1 + r.relative)];
  if (x.kind === "share") return [Math.max(0, x.base - r.share), Math.min(1, x.base + r.share)];
  return [Math.max(x.input === "shiftCommunityUplift" ? 0 : -1, x.base - r.share), x.base + r.share];
}

export interface SensitivityOptions {
  /** Move the market forces factor too (a published constant, not an uncertainty): off unless asked. */
  includeMff?: boolean;
}

/** The sensitivity of every model to every input, each model's rows sorted by the swing of the system margin. */
export function sensitivity(inp: ComparisonInputs, ranges: SensitivityRanges = DEFAULT_RANGES, options: SensitivityOptions = {}): Sensitivity {
  if (!(ranges.relative >= 0 && ranges.relative < 1))
    throw invalid(`sensitivity range: expected a relative change from 0% to 99%, got ${ranges.relative}`);
  if (!(ranges.share >= 0 && ranges.share <= 1)) throw invalid(`sensitivity range for shares: expected 0 to 100 points, got ${ranges.share}`);
  const base = shiftedOutcomes(inp);
  const orgs = contractFor(inp).orgs;
  const inputs = sensitivityInputs(inp).filter((x) => options.includeMff === true || x.group !== "published");
  const byStep = stepOutcomes(inp, orgs);
  const points = inputs.map((x) => {
    const [low, high] = bounds(x, ranges);
    const at = (v: number) => (x.step ? byStep(x.step.index, x.step.field, v) : shiftedOutcomes(x.set(inp, v)));
    return { x, low, high, atLow: at(low), atHigh: at(high) };
  });
  return {
    organisations: [...orgs],
    ranges,
    models: MODEL_IDS.map((id, m) => ({
      id,
      name: MODEL_NAMES[id],
      base: base[m],
      rows: points
        .map((p) => ({
          input: p.x.input,
          label: p.x.label,
          group: p.x.group,
          base: p.x.base,
          low: p.low,
          high: p.high,
          atLow: p.atLow[m],
          atHigh: p.atHigh[m],
        }))
        .sort((a, b) => Math.abs(b.atHigh.system - b.atLow.system) - Math.abs(a.atHigh.system - a.atLow.system)),
    })),
  };
}

/**
 * A step's own figure moved, settled without re-running the pathway: organisations' value and cost are sums
 * of each step's contribution (linear in its volume, take-up, price and cost within a state), so the moved
 * pathway's totals are today's less the step's old contribution plus its new one; only the contracts
 * (O(organisations) for each of the models) are settled again. The same figures as a full re-run, to rounding
 * (a test holds them within 1e-9).
 */
function stepOutcomes(inp: ComparisonInputs, orgs: readonly string[]): (i: number, field: keyof Step, v: number) => ShiftedOutcome[] {
  const today = stateActivity("base", inp);
  const after = stateActivity("shifted", inp);
  const base = organisationState(inp.steps, orgs, inp, today);
  const shifted = organisationState(inp.steps, orgs, inp, after);
  // Today's totals with one step's old contribution taken out and its new one put in. A step counts into its
  // own organisation only, so only that entry moves: in place for the time of the settling, then put back
  // exactly. No arrays per point (100 organisations × 40,000 points made garbage collection the cost).
  const states = [base.value, base.cost, shifted.value, shifted.cost];
  const paid = todaysPayment(inp, orgs, today, base.value);
  const saved = new Float64Array(4);
  // A step's own contribution today and after the shift, once for all eight of its points (four figures, low and high).
  const own = new Map<number, number[]>();
  const contribution = (s: Step): number[] => {
    const t = stepState(s, inp, today);
    const a = stepState(s, inp, after);
    return [t.value, t.cost, a.value, a.cost];
  };
  const settle = shiftedSettler(orgs.length);
  return (i, field, v) => {
    const step = inp.steps[i];
    const o = organisationIndex(orgs, step);
    let was = own.get(i);
    if (!was) own.set(i, (was = contribution(step)));
    const now = contribution({ ...step, [field]: v });
    for (let j = 0; j < 4; j++) {
      saved[j] = states[j][o];
      states[j][o] = states[j][o] - was[j] + now[j];
    }
    const paidWas = paid.value[o];
    paid.move(i, o, step, { ...step, [field]: v }, now[0] - was[0]);
    try {
      return settle(makeContract(inp, orgs, base.value, base.cost, paid.value), shifted);
    } finally {
      // (Today's payment first: without a contracts table it is the activity values themselves, restored next.)
      paid.value[o] = paidWas;
      for (let j = 0; j < 4; j++) states[j][o] = saved[j];
    }
  };
}

/**
 * Every model settled after the care shift (settlement.ts, one state as a run of one trial), its one-trial columns
 * allocated once and reused (and no quality columns, which only report the quality part of the income), so a step's point costs O(organisations × models) arithmetic and no allocation
 * beyond its own figures (100 organisations × 20,000 points made some 10⁸ small arrays otherwise).
 */
function shiftedSettler(k: number): (contract: Contract, shifted: OrganisationState) => ShiftedOutcome[] {
  const column = () => Array.from({ length: k }, () => new Float64Array(1));
  const [value, cost, income] = [column(), column(), column()];
  const payment = new Float64Array(1);
  return (contract, shifted) => {
    for (let o = 0; o < k; o++) {
      value[o][0] = shifted.value[o];
      cost[o][0] = shifted.cost[o];
    }
    return MODEL_IDS.map((id) => {
      // A held model's costs with the VAT its partners cannot recover (settlement.ts vatFactors).
      const vat = vatFactors(id, contract);
      for (let o = 0; o < k; o++) cost[o][0] = vat ? shifted.cost[o] * vat[o] : shifted.cost[o];
      // Without the quality columns: an organisation's income is the same with or without them (settlement.ts).
      settlement(id, contract)(value, cost, income, payment, 1);
      const margins = new Array<number>(k);
      let system = 0;
      for (let o = 0; o < k; o++) system += margins[o] = income[o][0] - cost[o][0];
      return { organisations: margins, commissioner: payment[0], system };
    });
  };
}

/** The swing of one target (an organisation's margin by index, or the commissioner's payment) in a row. */
export function swing(row: SensitivityRow, target: number | "commissioner" | "system"): [number, number] {
  const at = (o: ShiftedOutcome) => (target === "commissioner" ? o.commissioner : target === "system" ? o.system : o.organisations[target]);
  return [at(row.atLow), at(row.atHigh)];
}

/** What the tornado shows: an organisation (by index), the commissioner, or the providers together. */
export type DriverTarget = number | "commissioner" | "system";

export function targetName(s: Sensitivity, t: DriverTarget): string {
  return t === "commissioner" ? "what the commissioner pays" : t === "system" ? "the providers' margin together" : `${s.organisations[t]}'s margin`;
}

/** The rows sorted by the swing of the chosen target, largest first. */
export function byTarget(rows: readonly SensitivityRow[], t: DriverTarget): SensitivityRow[] {
  const width = (r: SensitivityRow) => {
    const [a, b] = swing(r, t);
    return Math.abs(b - a);
  };
  return [...rows].sort((a, b) => width(b) - width(a));
}

/**
 * The n inputs that move a target most, largest first: only those that move it at all (by more than 50p), so
 * an input with no effect never fills a place among the top drivers.
 */
export function topDrivers(rows: readonly SensitivityRow[], t: DriverTarget, n: number): SensitivityRow[] {
  return byTarget(rows, t)
    .filter((r) => {
      const [a, b] = swing(r, t);
      return Math.abs(b - a) > 0.5;
    })
    .slice(0, n);
}

/** "Under Block contract, the acute trust's margin after the care shift moves most with …" */
export function driversReading(s: Sensitivity, model: string, t: DriverTarget): string {
  const m = s.models.find((x) => x.id === model) ?? s.models[0];
  const top = topDrivers(m.rows, t, 3);
  if (top.length === 0) return `Under ${m.name}, no input moves ${targetName(s, t)} after the care shift.`;
  const parts = top.map((r) => {
    const [a, b] = swing(r, t);
    return `${r.label} (${gbp(a)} to ${gbp(b)})`;
  });
  return `Under ${m.name}, ${targetName(s, t)} after the care shift moves most with ${parts.join("; ")}, each moved ±${s.ranges.relative * 100}% (shares ±${s.ranges.share * 100} points).`;
}

/** Inputs up to which a sensitivity is kept whole; above, largestDrivers keeps what any view can show. */
export const WHOLE_UP_TO = 200;

/**
 * What the Drivers view and the written sheet can show of a large sensitivity: for each model, the rows among
 * the `n` largest swings of any result (each organisation's margin, the commissioner's payment, the providers'
 * margin together) among all inputs or within a group, in the order they had (by the swing of the system
 * margin). A sensitivity of at most WHOLE_UP_TO inputs is returned whole. (5,000 steps make 20,000 rows a
 * model, of which a tornado shows 12.)
 */
export function largestDrivers(s: Sensitivity, n: number): Sensitivity {
  if ((s.models[0]?.rows.length ?? 0) <= WHOLE_UP_TO) return s;
  const targets: DriverTarget[] = [...s.organisations.map((_, o) => o), "commissioner", "system"];
  const groups: (DriverGroup | "all")[] = ["all", "uncertain", "negotiated", "published"];
  return {
    ...s,
    models: s.models.map((m) => {
      const keep = new Set<SensitivityRow>();
      for (const g of groups) {
        const rows = g === "all" ? m.rows : m.rows.filter((r) => r.group === g);
        for (const t of targets) for (const r of widest(rows, t, n)) keep.add(r);
      }
      return { ...m, rows: m.rows.filter((r) => keep.has(r)) };
    }),
  };
}

/** The n rows of widest swing for a target, in one pass (a small sorted list of the best so far), ties by order. */
function widest(rows: readonly SensitivityRow[], t: DriverTarget, n: number): SensitivityRow[] {
  const best: { row: SensitivityRow; width: number }[] = [];
  for (const row of rows) {
    const [a, b] = swing(row, t);
    const width = Math.abs(b - a);
    if (best.length === n && width <= best[n - 1].width) continue;
    let i = best.length;
    while (i > 0 && best[i - 1].width < width) i--;
    best.splice(i, 0, { row, width });
    if (best.length > n) best.pop();
  }
  return best.map((x) => x.row);
}
