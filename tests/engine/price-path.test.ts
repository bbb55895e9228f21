/**
 * The price path and financial years (issue 34 A): prices move by the NHS Payment Scheme's cost uplift less its
 * efficiency factor, additive by default or multiplicative; the years carry financial-year labels.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { DEFAULT_TRANSITION, priceUpliftFrom, readFinancialYear, transition, yearLabels } from "../../src/engine/comparison/transition";
import { readTransitionTerms, TRANSITION_TEXT_DEFAULTS } from "../../src/engine/inputs/terms";
import { expectPayError } from "./helpers";

const read = (text: Partial<typeof TRANSITION_TEXT_DEFAULTS>, years = 3, preset: string | null = null) =>
  readTransitionTerms({ ...TRANSITION_TEXT_DEFAULTS, ...text }, years, preset);

describe("the price path", () => {
  it("a £2,000 price with cost uplift 4.83% and efficiency 2%: £2,056.60 additive, £2,054.67 multiplicative", () => {
    // Additive: 2,000 × (1 + 0.0483 − 0.02) = 2,000 × 1.0283 = 2,056.60.
    expect(2000 * (1 + priceUpliftFrom(0.0483, 0.02))).toBeCloseTo(2056.6, 9);
    expect(2000 * (1 + priceUpliftFrom(0.0483, 0.02, "additive"))).toBeCloseTo(2056.6, 9);
    // Multiplicative: 2,000 × 1.0483 × 0.98 = 2,054.668 → £2,054.67.
    expect(Math.round(2000 * (1 + priceUpliftFrom(0.0483, 0.02, "multiplicative")) * 100) / 100).toBe(2054.67);
  });

  it("a blank price uplift is the cost uplift less efficiency; the 2026/27 scheme's efficiency is 2% unless typed", () => {
    const rule = read({ costUplift: "4.83%" }, 3, "nhsps-2026").terms!;
    expect(rule.efficiency).toEqual([0.02]);
    expect(rule.priceUplift.map((x) => +x.toFixed(10))).toEqual([0.0283, 0.0283, 0.0283]);
    const none = read({ costUplift: "4.83%" }).terms!;
    expect(none.efficiency).toEqual([0]);
    expect(none.priceUplift).toEqual([0.0483, 0.0483, 0.0483]);
    const byYear = read({ costUplift: "3%; 4%; 5%", efficiency: "1%", priceConvention: "multiplicative" }).terms!;
    expect(byYear.priceUplift.map((x) => +x.toFixed(10))).toEqual([1.03 * 0.99 - 1, 1.04 * 0.99 - 1, 1.05 * 0.99 - 1].map((x) => +x.toFixed(10)));
  });

  it("a typed price uplift wins; a bad convention or efficiency is named", () => {
    expect(read({ costUplift: "4.83%", priceUplift: "1%" }, 3, "nhsps-2026").terms!.priceUplift).toEqual([0.01]);
    expect(read({ priceConvention: "compound" }).problems.priceConvention).toBe("Price convention: expected additive or multiplicative, got 'compound'");
    expect(read({ efficiency: "two" }).problems.efficiency).toBe("Efficiency: expected a number, got 'two'");
    const t = read({ efficiency: "60%" }).terms!;
    expectPayError(() => transition(inputs, t), "#VALUE!", "efficiency, year 1: expected a yearly efficiency factor from 0% to 50%, got 60%");
  });
});

const steps: Step[] = [{ name: "Admission", setting: "hospital", unitPrice: 2000, unitCost: 1800, volume: 1, takeUp: 1 }];
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 100 };

describe("financial years", () => {
  it("labels the transition's years from its start, beside the years themselves", () => {
    expect(yearLabels(3, "2026/27")).toEqual(["2026/27", "2027/28", "2028/29"]);
    expect(yearLabels(2, "FY2099-00")).toEqual(["2099/00", "2100/01"]);
    expect(yearLabels(2)).toEqual(["Year 1", "Year 2"]);
    const t = transition(inputs, { ...DEFAULT_TRANSITION, years: 3, shiftAchieved: [1], start: "2026/2027" });
    expect(t.years).toEqual([1, 2, 3]);
    expect(t.labels).toEqual(["2026/27", "2027/28", "2028/29"]);
    expect(read({ start: "2026/27" }).terms!.start).toBe("2026/27");
  });

  it("refuses a year that is not a financial year, naming it", () => {
    expect(readFinancialYear("2026/28")).toEqual({ problem: "expected a financial year such as 2026/27, got '2026/28'" });
    expect(readFinancialYear("26/27")).toHaveProperty("problem");
    expectPayError(() => transition(inputs, { ...DEFAULT_TRANSITION, start: "next year" }), "#VALUE!", "start: expected a financial year such as 2026/27, got 'next year'");
  });
});
