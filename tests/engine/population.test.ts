/**
 * A capitated budget set by need: Σ people × need weight × rate × MFF (docs/formula-contract.md CAPITATION), the rate typed
 * or calibrated to what the commissioner pays today; need, not activity, sets it over the years.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, contractFor, DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { needBasedInputs, readPopulation, selectionGains } from "../../src/engine/inputs/population";
import { selectionGain } from "../../src/engine/rules/quality";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";

const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, mff: 1.05, steps: table.steps, cohort: INTEGRATED_COHORT };
// Three groups: 100 people of weight 0.8, 200 of 1.0, 300 of 1.5: 730 weighted people.
const population = readPopulation(
  [
    ["Age band", "People", "Need weight"],
    ["65-74", 100, 0.8],
    ["75-84", 200, 1],
    ["85+", 300, 1.5],
  ],
  "Population!A1:C4",
);
const capitation = (inp: ComparisonInputs) => comparePaymentModels(inp).models.find((m) => m.id === "capitation")!;

describe("a capitated budget set by need", () => {
  it("reads the population table by its headers, and says which cell is wrong", () => {
    expect(population.problems).toEqual([]);
    expect([population.groups, population.people, population.weights]).toEqual([
      ["65-74", "75-84", "85+"],
      [100, 200, 300],
      [0.8, 1, 1.5],
    ]);
    expect(population.columns).toEqual({ counts: "Population!$B$2:$B$4", weights: "Population!$C$2:$C$4" });
    const bad = readPopulation(
      [
        ["Practice", "List size", "Weight"],
        ["A", 100, "high"],
      ],
      "P!A1:C2",
    );
    expect(bad.problems[0]).toMatchObject({ address: "P!C2", message: "Need weight, row 1: expected a number of at least 0, got 'high'" });
    expect(
      readPopulation(
        [
          ["Group", "Size"],
          ["A", 1],
        ],
        "P!A1:B2",
      ).problems[0].message,
    ).toContain("expected headers for people");
  });

  it("typed: 730 weighted people × £50 × MFF 1.05 = £38,325, whatever the activity", () => {
    const { inputs: inp, need } = needBasedInputs(inputs, population, 50, contractFor(inputs).totalValue);
    expect(need).toMatchObject({ source: "need", rate: 50, calibrated: false, weightedPeople: 730 });
    expect(need.budget).toBeCloseTo(38_325, 9);
    const m = capitation(inp);
    for (const st of ["base", "lower", "higher", "shifted"] as const) expect(m.states[st].commissioner).toBeCloseTo(38_325, 6);
  });

  it("calibrated: the budget is what the commissioner pays today, the rate that over 730 × MFF; the transition never re-bases it", () => {
    const today = comparePaymentModels(inputs).baseline.states.base.commissioner;
    const { inputs: inp, need } = needBasedInputs(inputs, population, null, contractFor(inputs).totalValue);
    expect(need.calibrated).toBe(true);
    expect(need.rate).toBeCloseTo(today / (730 * 1.05), 9);
    expect(capitation(inp).states.base.commissioner).toBeCloseTo(today, 6);
    // Over five years with 2% price uplift, re-based every year: by need the budget moves with prices alone;
    // set by activity it follows the shifted activity down.
    const terms = { ...DEFAULT_TRANSITION, priceUplift: [0.02], rebaseEvery: 1 };
    const byNeed = transition(inp, terms).models.find((m) => m.id === "capitation")!;
    const byActivity = transition(inputs, terms).models.find((m) => m.id === "capitation")!;
    // The commissioner's position against carrying on: with need it pays the same budget either way (0 each year).
    byNeed.commissioner.byYear.forEach((x) => expect(Math.abs(x)).toBeLessThan(1e-6));
    expect(byActivity.commissioner.byYear.slice(1).some((x) => Math.abs(x) > 1)).toBe(true);
  });

  it("with practices and costs per head, each practice's selection gain (PAY.SELECTION_GAIN), by hand", () => {
    // Young: £100 a head, weight 1; old: £400 a head, weight 3. Practice X lists 100 young and 10 old, Y 50 and 40.
    // Base = (150 × 100 + 50 × 400) / (150 × 1 + 50 × 3) = £116.67. X gains 100 × 16.67 + 10 × (350 − 400) =
    // £1,166.67; Y loses as much: the weights under-pay the old, whom Y lists more of.
    const pop = readPopulation(
      [
        ["Practice", "Age band", "List size", "Need weight", "Cost per head"],
        ["X", "young", 100, 1, 100],
        ["X", "old", 10, 3, 400],
        ["Y", "young", 50, 1, 100],
        ["Y", "old", 40, 3, 400],
      ],
      "Population!A1:E5",
    );
    expect(pop.problems).toEqual([]);
    const { need } = needBasedInputs(inputs, pop, null, contractFor(inputs).totalValue);
    expect(need.selectionGain!.map((x) => x.practice)).toEqual(["X", "Y"]);
    expect(need.selectionGain![0].gain).toBeCloseTo(3500 / 3, 9);
    expect(need.selectionGain![1].gain).toBeCloseTo(-3500 / 3, 9);
    // Without costs there is nothing to weigh the mix against.
    expect(needBasedInputs(inputs, population, null, 1).need.selectionGain).toBeNull();
  });

  it("refuses a population whose weighted people are 0", () => {
    expect(() => needBasedInputs(inputs, { people: [0], weights: [1] }, null, 1)).toThrow("Σ people × need weight is 0");
  });
});

describe("each practice's selection gain, in one pass", () => {
  it("is PAY.SELECTION_GAIN of its list, group by group, for every practice (the rule and the one-pass sum held together)", () => {
    const groups = ["0-4", "5-64", "65-79", "80+", "care home"];
    const rows: unknown[][] = [["Group", "Practice", "People", "Weight", "Cost per head"]];
    for (let r = 0; r < 60; r++) {
      const g = (r * 7) % groups.length;
      rows.push([groups[g], `P${(r * 5) % 9}`, 100 + ((r * 37) % 400), [0.6, 0.9, 1.6, 3.1, 5.2][g], [120, 180, 420, 900, 2100][g]]);
    }
    const pop = readPopulation(rows, "Pop!A1:E61");
    expect(pop.problems).toEqual([]);
    const gains = selectionGains(pop)!;
    // The rule on each practice's list: groups' people-weighted mean cost and weight, as selectionGains takes them.
    const population = groups.map((g) => pop.people.reduce((t, p, r) => t + (pop.groups[r] === g ? p : 0), 0));
    const mean = (xs: number[]) => groups.map((g, i) => xs.reduce((t, x, r) => t + (pop.groups[r] === g ? x * pop.people[r] : 0), 0) / population[i]);
    const costs = mean(pop.costs!);
    const weights = mean(pop.weights);
    expect(gains.length).toBe(9);
    for (const { practice, gain } of gains) {
      const list = groups.map((g) => pop.people.reduce((t, p, r) => t + (pop.groups[r] === g && pop.practices![r] === practice ? p : 0), 0));
      const want = selectionGain(
        list.map((x) => [x]),
        population.map((x) => [x]),
        costs.map((x) => [x]),
        weights.map((x) => [x]),
      );
      expect(gain, practice).toBeCloseTo(want, 6);
    }
    // Every practice's gains add up to 0: the base rate breaks even on the whole population.
    expect(Math.abs(gains.reduce((t, x) => t + x.gain, 0))).toBeLessThan(1e-6);
  });
});
