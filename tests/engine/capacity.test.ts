/**
 * Can each organisation bear its risk: its capacity (typed, or its margin today), the flag when the simulated
 * 5th percentile of its margin loses more than that, and the population at which it would not.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { capacities, chanceText, describeBearing, populationToBear, populationWords } from "../../src/engine/risk/capacity";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { THIN_STEPS } from "./helpers";

const steps = THIN_STEPS;
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 1000 };
const poisson = { kind: "poisson" as const };

describe("capacity", () => {
  it("by default each organisation's margin today (0 if a loss); typed by name, any case; an unknown name is refused", () => {
    // Margins today: Acute trust 1000 × 12 = 12,000; PCN 1000 × 2 = 2,000; a loss counts as 0.
    expect(capacities(["Acute trust", "PCN"], [12_000, 2_000], null)).toEqual({ amount: [12_000, 2_000], source: ["margin today", "margin today"] });
    expect(capacities(["Acute trust", "PCN"], [-5, 2_000], { pcn: 50_000 })).toEqual({ amount: [0, 50_000], source: ["margin today", "typed"] });
    expect(() => capacities(["Acute trust", "PCN"], [0, 0], { "Community trust": 1 })).toThrow(
      "riskCapacity: 'Community trust' is not an organisation",
    );
  });

  it("flags a model exactly when its 5th percentile loses more than the capacity, for the capacity either side of it", () => {
    const r = simulateRisk(inputs, { trials: 20_000, seed: 7, dispersion: poisson });
    const activity = r.models.find((m) => m.id === "activity")!;
    expect(activity.organisations.map((o) => [o.name, o.capacity])).toEqual([
      ["PCN", expect.closeTo(2_000, 6)],
      ["Acute trust", expect.closeTo(12_000, 6)],
    ]);
    for (const m of r.models)
      for (const o of m.organisations) {
        expect(o.exceedsCapacity, `${m.id} ${o.name}`).toBe(o.marginP5.value < -o.capacity);
        expect(o.capacitySource).toBe("margin today");
      }
    // The block pays the acute trust a fixed sum: its bad year is a busy one. Capacity a pound either side of −p5.
    const block = r.models.find((m) => m.id === "block")!.organisations.find((o) => o.name === "Acute trust")!;
    const loss = -block.marginP5.value;
    for (const [cap, flagged] of [
      [loss - 1, true],
      [loss + 1, false],
    ] as const) {
      const t = simulateRisk(inputs, { trials: 20_000, seed: 7, dispersion: poisson, capacity: { "acute trust": cap } });
      const o = t.models.find((m) => m.id === "block")!.organisations.find((x) => x.name === "Acute trust")!;
      expect(o.capacitySource).toBe("typed");
      expect(o.exceedsCapacity, `capacity ${cap}`).toBe(flagged);
      expect(o.populationToBear === null).toBe(!flagged);
    }
    expect(activity.organisations.every((o) => o.marginSd >= 0)).toBe(true);
  });

  it("the population it names bears the risk when simulated, where this one does not", () => {
    // Under the block the acute trust's margin is fixed income less a Poisson cost: at a capacity of £5,000 the
    // 1,000-patient cohort fails; the population named passes, within the simulation's noise.
    const cap = { "Acute trust": 5_000 };
    const r = simulateRisk(inputs, { trials: 20_000, seed: 11, dispersion: poisson, capacity: cap });
    const o = r.models.find((m) => m.id === "block")!.organisations.find((x) => x.name === "Acute trust")!;
    expect(o.exceedsCapacity).toBe(true);
    const n = o.populationToBear;
    expect(typeof n).toBe("number");
    const at = simulateRisk({ ...inputs, cohort: n as number }, { trials: 20_000, seed: 12, dispersion: poisson, capacity: cap });
    const there = at.models.find((m) => m.id === "block")!.organisations.find((x) => x.name === "Acute trust")!;
    // At the population named, the 5th percentile is about the capacity: the 5th percentile is the difference of
    // a mean and 1.645 spreads of similar size, so the simulation's error is judged against the spread (its
    // standard error here is about 1.5% of it; both runs, and the estimate, within 8%).
    expect(Math.abs(there.marginP5.value + 5_000)).toBeLessThan(0.08 * there.marginSd);
    expect(n as number).toBeGreaterThan(inputs.cohort);
  });

  it("the population formula by hand: a capacity that grows with the cohort, a fixed one, and one never borne", () => {
    // Mean 1,000, sd 2,000, p5 −2,000 (z = 1.5) at 100 people, capacity 0 growing: (10 + 0)·N ≥ 1.5 × 200 × √N → N ≥ 900.
    expect(populationToBear({ mean: 1_000, sd: 2_000, p5: -2_000 }, 100, 0, false)).toBe(900);
    // Fixed capacity 500: 10x² − 300x + 500 ≥ 0, larger root x = (300 + √(90,000 − 20,000)) / 20 = 28.229 → N = 797.
    expect(populationToBear({ mean: 1_000, sd: 2_000, p5: -2_000 }, 100, 500, true)).toBe(797);
    expect(populationToBear({ mean: -10, sd: 2_000, p5: -3_000 }, 100, 0, false)).toBe("never");
    expect(populationToBear({ mean: 1_000, sd: 2_000, p5: -400 }, 100, 500, true)).toBeNull();
    // A margin of a penny a head needs more people than England has: never.
    expect(populationToBear({ mean: 1, sd: 2_000, p5: -3_000 }, 100, 0, false)).toBe("never");
  });
});

describe("can it bear its bad year, in words", () => {
  const o = (p5: number, capacity: number, populationToBear: number | "never" | null) => ({
    lossChance: { value: 0.235 },
    marginP5: { value: p5 },
    capacity,
    exceedsCapacity: p5 < -capacity,
    populationToBear,
  });
  const money = (x: number) => `${x < 0 ? "−" : ""}£${Math.abs(x).toLocaleString("en-GB")}`;

  it("says the chance of a loss and how much of what it can lose its bad year uses", () => {
    expect(describeBearing(o(-30_000, 100_000, null), 420, money)).toBe(
      "can bear its bad year: loses money in 23.5% of years; its 1-in-20 year (−£30,000) uses 30.0% of the £100,000 it can lose",
    );
  });

  it("a population to bear it far beyond the cohort is out of reach, with the reason, never an absurd number", () => {
    // 1.6 million people for a 2,400-patient cohort: not a population the pathway's commissioner could pool.
    const text = describeBearing(o(-300_000, 100_000, 1_600_000), 2400, money);
    expect(text).toContain("cannot bear its bad year: loses money in 23.5% of years; its 1-in-20 year (−£300,000) uses 300.0% of the £100,000 it can lose");
    expect(text).toContain("not within 10× the cohort (24,000 people): its margin per person is too small against the year-to-year spread");
    expect(text).not.toContain("1,600,000");
    expect(populationWords(20_000, 2400)).toBe("bears it from about 20,000 people");
    expect(populationWords("never", 2400)).toContain("no larger population bears it");
  });

  it("never shows a non-zero chance as 0%", () => {
    expect(chanceText(0.00002)).toBe("<0.01%");
    expect(chanceText(0.002)).toBe("0.20%");
    expect(chanceText(0)).toBe("0.0%");
    expect(chanceText(0.235)).toBe("23.5%");
  });
});
