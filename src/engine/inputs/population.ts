/**
 * A capitated budget set by the population's need (issue "Capitation set by need"): a population table — a
 * group or practice, its people and a need or risk weight — feeds the capitated budget as PAY.CAPITATION does,
 * Σ people × weight × rate × MFF. The rate is typed (£ per weighted person), or calibrated so that the budget
 * equals what the commissioner pays today (today's contracts at today's activity), so that need, not
 * yesterday's activity, sets the budget from then on: the transition moves it with prices, never re-bases it.
 */
import { absoluteRange, offsetAddress, parseAddress } from "../rules/address";
import { isBlank } from "../rules/cells";
import { finite, invalid } from "../rules/errors";
import type { ComparisonInputs } from "../comparison/compare";
import { normaliseHeader, type Problem } from "./pathway-table";
import { breakEvenBase, groupGain } from "../rules/quality";

export interface PopulationTable {
  groups: string[];
  people: number[];
  weights: number[];
  /** Each row's practice and its group's expected cost per head, where the table has those columns. */
  practices: string[] | null;
  costs: number[] | null;
  /** Absolute addresses of the people and weights (no header), for live formulas. */
  columns: { counts: string; weights: string } | null;
  problems: Problem[];
}

/** Header spellings, after normaliseHeader (lower case, no spaces or punctuation). */
const POPULATION_HEADERS = {
  group: ["group", "segment", "ageband", "agegroup", "riskgroup", "tier", "yearofcaretier", "complexity", "band", "name"],
  practice: ["practice", "practicename", "gppractice", "practicecode", "odscode"],
  cost: ["cost", "costperhead", "costperperson", "expectedcost", "annualcost", "costperpatient"],
  people: [
    "people",
    "population",
    "patients",
    "persons",
    "listsize",
    "registered",
    "registeredpatients",
    "registeredpopulation",
    "registeredlist",
    "registeredlistsize",
    "headcount",
    "count",
    "number",
  ],
  weight: ["weight", "need", "needweight", "riskweight", "weighting", "needindex", "riskscore", "weightedshare", "relativeneed"],
};

/** Read a population table whose first row is headers: people and a weight required, a group or practice optional. */
export function readPopulation(values: unknown[][], address: string): PopulationTable {
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const problems: Problem[] = [];
  const none = (message: string): PopulationTable => ({
    groups: [],
    people: [],
    weights: [],
    practices: null,
    costs: null,
    columns: null,
    problems: [{ input: "population", address, message }],
  });
  if (values.length < 2) return none("expected a header row (a group or practice, people, and a need weight) and at least one group");
  const heads = values[0].map(normaliseHeader);
  const find = (names: string[]) => heads.findIndex((h) => names.includes(h));
  // Two columns for one thing (People and Registered population; two weights) are never resolved silently.
  for (const [what, names] of [
    ["people", POPULATION_HEADERS.people],
    ["a need weight", POPULATION_HEADERS.weight],
    ["a cost per head", POPULATION_HEADERS.cost],
  ] as const) {
    const twins = heads.flatMap((h, i) => (names.includes(h) ? [i] : []));
    if (twins.length > 1)
      return none(
        `${twins.length} columns hold ${what}: ${twins.map((i) => `'${String(values[0][i])}' (${offsetAddress(ref, 0, i)})`).join(" and ")}; keep one in the range`,
      );
  }
  const col = {
    group: find(POPULATION_HEADERS.group),
    practice: find(POPULATION_HEADERS.practice),
    people: find(POPULATION_HEADERS.people),
    weight: find(POPULATION_HEADERS.weight),
    cost: find(POPULATION_HEADERS.cost),
  };
  if (col.people < 0 || col.weight < 0)
    return none(
      `expected headers for people (${POPULATION_HEADERS.people.slice(0, 4).join(", ")}, …) and a need weight (${POPULATION_HEADERS.weight.slice(0, 4).join(", ")}, …); got ${values[0].map((h) => `'${String(h ?? "")}'`).join(", ")}`,
    );
  let last = values.length;
  while (last > 1 && values[last - 1].every(isBlank)) last--;
  const out: PopulationTable = {
    groups: [],
    people: [],
    weights: [],
    practices: col.practice >= 0 ? [] : null,
    costs: col.cost >= 0 ? [] : null,
    columns: null,
    problems,
  };
  for (let r = 1; r < last; r++) {
    const row = values[r];
    const number = (c: number, what: string): number => {
      const v = row[c];
      const x = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
      if (Number.isFinite(x) && x >= 0) return x;
      problems.push({
        input: "population",
        address: offsetAddress(ref, r, c),
        message: `${what}, row ${r}: expected a number of at least 0, got ${isBlank(v) ? "a blank cell" : `'${String(v)}'`}`,
      });
      return 0;
    };
    // Without a group column, each practice (or row) is its own group.
    const groupCol = col.group >= 0 ? col.group : col.practice;
    out.groups.push(groupCol >= 0 && !isBlank(row[groupCol]) ? String(row[groupCol]).trim() : `Group ${r}`);
    out.practices?.push(isBlank(row[col.practice]) ? `Practice ${r}` : String(row[col.practice]).trim());
    out.costs?.push(number(col.cost, "Cost per head"));
    out.people.push(number(col.people, "People"));
    out.weights.push(number(col.weight, "Need weight"));
  }
  if (out.people.length === 0) return none("no groups: expected at least one row of people and a need weight");
  out.columns = { counts: absoluteRange(ref, 1, col.people, last - 1, 1), weights: absoluteRange(ref, 1, col.weight, last - 1, 1) };
  return out;
}

export interface NeedBudget {
  source: "need";
  /** £ per weighted person a year, before the market forces factor. */
  rate: number;
  calibrated: boolean;
  weightedPeople: number;
  budget: number;
  /** Each practice's selection gain under these weights, where the table has practices and costs per head. */
  selectionGain: { practice: string; gain: number }[] | null;
}

/**
 * The comparison's inputs with the capitated budget set by need: the population's people and weights as the
 * budget's groups, and the rate (typed, or calibrated to what the commissioner pays today) with the MFF in it,
 * so PAY.CAPITATION(people, weights, rate × MFF) is the budget. `todaysPayment` is Σ today's activity value.
 */
export function needBasedInputs(
  inp: ComparisonInputs,
  pop: Pick<PopulationTable, "people" | "weights"> & Partial<PopulationTable>,
  typedRate: number | null,
  todaysPayment: number,
): { inputs: ComparisonInputs; need: NeedBudget } {
  const weighted = pop.people.reduce((t, p, i) => t + p * pop.weights[i], 0);
  if (!(weighted > 0)) throw invalid("population: Σ people × need weight is 0, so no budget can be set by need");
  const rate = typedRate ?? todaysPayment / (weighted * inp.mff);
  return {
    inputs: { ...inp, capitationTiers: { counts: [...pop.people], weights: [...pop.weights] }, capitationRate: rate * inp.mff },
    need: {
      source: "need",
      rate,
      calibrated: typedRate === null,
      weightedPeople: weighted,
      budget: weighted * rate * inp.mff,
      selectionGain: pop.groups && pop.practices && pop.costs ? selectionGains(pop as PopulationTable) : null,
    },
  };
}

/** The need-based budget in a sentence, for the comparison's notes (the panel and pay compare). */
export function describeNeed(n: NeedBudget, gbp: (x: number) => string): string {
  const people = n.weightedPeople.toLocaleString("en-GB", { maximumFractionDigits: 2 });
  const gains = n.selectionGain
    ? ` Selection gain of each practice's list under these weights (PAY.SELECTION_GAIN): ${n.selectionGain.map((x) => `${x.practice} ${gbp(x.gain)}`).join(", ")}.`
    : "";
  return `Capitated budget set by need: ${people} weighted people × ${gbp(n.rate)} ${n.calibrated ? "(calibrated so the budget equals what the commissioner pays today)" : "(as typed)"} × MFF = ${gbp(n.budget)}; over the years it grows with the population (demand growth) and prices, re-based as today's contracts are.${gains}`;
}

/**
 * Each practice's selection gain (PAY.SELECTION_GAIN): what its list's mix of groups gains or loses a year under
 * these need weights, with the capitation's base set to break even on the whole population. Needs a practice
 * column and each group's expected cost per head; null without them. A group's cost and weight are its rows'
 * people-weighted means.
 */
export function selectionGains(p: PopulationTable): { practice: string; gain: number }[] | null {
  if (!p.practices || !p.costs) return null;
  const groups = [...new Set(p.groups)];
  const idx = new Map(groups.map((g, i) => [g, i]));
  const population = groups.map(() => 0);
  const costSum = groups.map(() => 0);
  const weightSum = groups.map(() => 0);
  p.groups.forEach((g, r) => {
    const i = idx.get(g) as number;
    population[i] += p.people[r];
    costSum[i] += p.people[r] * (p.costs as number[])[r];
    weightSum[i] += p.people[r] * p.weights[r];
  });
  const mean = (sum: number[]) => sum.map((x, i) => (population[i] > 0 ? x / population[i] : 0));
  const costs = mean(costSum);
  const weights = mean(weightSum);
  const base = breakEvenBase(groups.length, population, costs, (i) => weights[i]);
  // Each practice's list, group by group, in one pass over the rows (linear in the rows, however many practices).
  const gains = new Map<string, number>();
  p.groups.forEach((g, r) => {
    const practice = (p.practices as string[])[r];
    const i = idx.get(g) as number;
    gains.set(practice, (gains.get(practice) ?? 0) + groupGain(p.people[r], weights[i], costs[i], base));
  });
  return [...gains].map(([practice, gain]) => ({ practice, gain: finite(gain, "SELECTION_GAIN") }));
}
