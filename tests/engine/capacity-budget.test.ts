/**
 * What must be true on a simulated figure (issue 35 B): the capitated budget at which the holder's 5th-percentile
 * margin equals −capacity, on the simulation's own draws (src/engine/risk/capacity-budget.ts). Checked by running
 * the same seed again at the rate found: the holder's 5th percentile is then −capacity, to rounding.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { THIN_STEPS } from "./helpers";

const steps = THIN_STEPS;
const poisson = { kind: "poisson" as const };

describe("the capitated budget at which the holder bears its bad year", () => {
  for (const holder of ["lead", "alliance"] as const) {
    it(`${holder}: at the rate found, the same draws put the holder's 5th percentile at −capacity`, () => {
      const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 1000, holder };
      const settings = { trials: 20_000, seed: 7, dispersion: poisson, capacity: { "Acute trust": 5_000, PCN: 1_000 } };
      const found = simulateRisk(inputs, settings).capacityBudget;
      expect(found.holder).toBe(holder === "lead" ? "Acute trust" : "The alliance");
      expect(found.capacity).toBe(holder === "lead" ? 5_000 : 6_000);
      // Today's budget is the baseline value: 1000 × (42 + 0.2 × 3500 + 160) = £902,000.
      expect(found.budget).toBeCloseTo(902_000, 6);
      expect(found.reason).toBeNull();
      expect(found.budgetAtCapacity! - found.budget).toBeCloseTo(-found.capacity - found.p5, 6);
      expect(found.rateAtCapacity).toBeCloseTo(found.budgetAtCapacity! / 1000, 9);
      const again = simulateRisk({ ...inputs, capitationRate: found.rateAtCapacity }, settings);
      const cap = again.models.find((m) => m.id === "capitation")!;
      const acute = cap.organisations.find((o) => o.name === "Acute trust")!;
      const p5 = holder === "lead" ? acute.marginP5.value : cap.margin.p5.value;
      expect(Math.abs(p5 + found.capacity)).toBeLessThan(1e-6);
      expect(again.capacityBudget.budgetAtCapacity).toBeCloseTo(found.budgetAtCapacity!, 6);
    });
  }

  it("says why there is none: a quality element held back, or no budget of £0 or more", () => {
    const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 1000, qualityShare: 0.02 };
    const held = simulateRisk(inputs, { trials: 4_096, seed: 3, dispersion: poisson }).capacityBudget;
    expect(held.budgetAtCapacity).toBeNull();
    expect(held.reason).toMatch(/quality element/);
    // A capacity above the whole budget: the holder bears its bad year even at £0.
    const none = simulateRisk({ ...DEFAULT_TERMS, steps, cohort: 1000 }, { trials: 4_096, seed: 3, dispersion: poisson, capacity: { "Acute trust": 5e7 } })
      .capacityBudget;
    expect(none.budgetAtCapacity).toBeNull();
    expect(none.reason).toMatch(/^none: the holder bears its bad year at any budget/);
  });
});
