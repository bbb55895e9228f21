/**
 * Each option's simulation on common random numbers (issue 35 C; src/engine/risk/options-risk.ts): two options
 * whose capitated budgets differ by exactly £100,000 give the holder margins that differ by exactly £100,000 in
 * every simulated year — every percentile, the mean, the lowest and the highest move by it, which independent draws
 * would not — and Do nothing is today's contracts with no care moving.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { optionsRisk } from "../../src/engine/risk/options-risk";
import { simulateRisk } from "../../src/engine/risk/simulate";

const steps: Step[] = [
  { name: "Admission", setting: "hospital", organisation: "Acute trust", unitPrice: 3_000, unitCost: 2_800, volume: 0.1, takeUp: 1 },
  { name: "Visit", setting: "community", organisation: "Community trust", unitPrice: 80, unitCost: 75, volume: 2, takeUp: 1 },
];
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 2_000, shiftShare: 0.2 };

describe("options simulated on common random numbers", () => {
  for (const dispersion of [{ kind: "poisson" as const }, { kind: "overdispersed" as const, shape: 40 }])
    it(`a budget £100,000 larger moves the holder's margin by exactly £100,000 in every year (${dispersion.kind})`, () => {
      const settings = { trials: 8_192, seed: 5, dispersion, delivery: { mean: 0.8, sd: 0.2 } };
      const rate = 300; // £600,000 for 2,000 people
      const [dn, low, high] = optionsRisk(
        inputs,
        [
          { name: "Budget", model: "capitation", inputs: { capitationRate: rate } },
          { name: "Budget + £100,000", model: "capitation", inputs: { capitationRate: rate + 100_000 / 2_000 } },
        ],
        settings,
      );
      expect([dn.option, dn.model, dn.risk.id]).toEqual(["Do nothing", "today", "today"]);
      const a = low.risk.margin;
      const b = high.risk.margin;
      for (const k of ["p5", "p50", "p95", "mean"] as const) expect(b[k].value - a[k].value, k).toBeCloseTo(100_000, 6);
      expect(b.min - a.min).toBeCloseTo(100_000, 6);
      expect(b.max - a.max).toBeCloseTo(100_000, 6);
      expect(b.sd).toBeCloseTo(a.sd, 6);
      // On independent draws (another seed) the lowest year would not move by exactly £100,000.
      const other = simulateRisk({ ...inputs, capitationRate: rate + 50 }, { ...settings, seed: 6 }).models.find((m) => m.id === "capitation")!.margin;
      expect(Math.abs(other.min - a.min - 100_000)).toBeGreaterThan(1);
    });

  it("Do nothing is today's contracts with no care moving; an option named today is today's contracts under its terms", () => {
    const settings = { trials: 4_096, seed: 9, dispersion: { kind: "poisson" as const } };
    const [dn, today] = optionsRisk(inputs, [{ name: "Do minimum", model: "today", inputs: { shiftShare: 0.1 } }], settings);
    expect(dn.risk.payment.mean.value).toBeCloseTo(simulateRisk({ ...inputs, shiftShare: 0 }, settings).today.payment.mean.value, 6);
    expect(today.risk.id).toBe("today");
    expect(() => optionsRisk(inputs, [{ name: "Bad", model: "capitation", inputs: { cohort: -1 } }], settings)).toThrow(/options, 'Bad'/);
  });
});
