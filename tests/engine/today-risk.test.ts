/**
 * Today's contracts in the simulation (src/engine/risk/today-risk.ts): each step paid as today, trial by trial, on
 * the same draws as every model. Held to the models it must equal on the same draws (every step paid by activity:
 * payment by activity; every step fixed: the block at today's value), to the contracts as signed, and to its mean.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { simulateRisk, type ModelRisk } from "../../src/engine/risk/simulate";

const step = (name: string, organisation: string, paymentToday: Step["paymentToday"], unitPrice: number, volume: number): Step => ({
  name,
  setting: "hospital",
  organisation,
  unitPrice,
  unitCost: unitPrice * 0.9,
  volume,
  takeUp: 1,
  paymentToday,
});
const settings = { trials: 20_000, seed: 11, dispersion: { kind: "poisson" as const } };
const same = (a: ModelRisk, b: ModelRisk) => {
  for (const [x, y] of a.organisations.map((o, i) => [o, b.organisations[i]] as const)) {
    expect(x.marginP5.value).toBeCloseTo(y.marginP5.value, 6);
    expect(x.marginMean.value).toBeCloseTo(y.marginMean.value, 6);
    expect(x.lossChance.value).toBe(y.lossChance.value);
  }
  expect(a.payment.p95.value).toBeCloseTo(b.payment.p95.value, 6);
};

describe("today's contracts in the simulation", () => {
  it("every step paid by activity: today's contracts are payment by activity, draw for draw", () => {
    const inputs: ComparisonInputs = {
      ...DEFAULT_TERMS,
      cohort: 2_000,
      steps: [step("Admission", "Acute trust", { kind: "activity" }, 3_000, 0.1), step("Visit", "Community trust", { kind: "activity" }, 80, 2)],
    };
    const r = simulateRisk(inputs, settings);
    expect(r.today.name).toBe("Today's contracts");
    same(r.today, r.models.find((m) => m.id === "activity")!);
    expect(r.today.payment.sd).toBeGreaterThan(0);
  });

  it("every step fixed: today's contracts are the block at today's value; as signed, the signed value every year", () => {
    const inputs: ComparisonInputs = {
      ...DEFAULT_TERMS,
      cohort: 2_000,
      steps: [step("Admission", "Acute trust", { kind: "fixed" }, 3_000, 0.1), step("Visit", "Community trust", { kind: "fixed" }, 80, 2)],
    };
    const r = simulateRisk(inputs, settings);
    same(r.today, r.models.find((m) => m.id === "block")!);
    expect(r.today.payment.sd).toBe(0);
    // Tariff: 200 admissions × £3,000 = £600,000 and 4,000 visits × £80 = £320,000; the acute trust signed £660,000.
    const signed = simulateRisk({ ...inputs, contracts: [{ organisation: "Acute trust", pointOfDelivery: "all", signed: 660_000 }] }, settings);
    expect(signed.today.payment.mean.value).toBeCloseTo(980_000, 6);
    expect(signed.today.payment.sd).toBe(0);
    expect(comparePaymentModels({ ...inputs, contracts: [{ organisation: "Acute trust", pointOfDelivery: "all", signed: 660_000 }] }).baseline.states.base.commissioner).toBeCloseTo(
      980_000,
      6,
    );
  });

  it("a blended payment paying 20% either side of the plan: its mean is the plan's value moved by 20% of the expected gap", () => {
    // 10,000 admissions expected, planned at 9,000, £2,000 each: £18,000,000 + 20% × (10,000 − 9,000) × £2,000 = £18,400,000.
    const uec = { ...step("Emergency admission", "Acute trust", { kind: "blended", share: 0.2 }, 2_000, 1), plannedActivity: 9_000 };
    const r = simulateRisk({ ...DEFAULT_TERMS, cohort: 10_000, steps: [uec] }, settings);
    const pays = r.today.payment;
    expect(Math.abs(pays.mean.value - 18_400_000)).toBeLessThan(4 * pays.mean.se + 1e-6);
    // Each event moves the payment by 20% of £2,000: its spread is 400 × √10,000 = £40,000.
    expect(pays.sd / 40_000).toBeGreaterThan(0.97);
    expect(pays.sd / 40_000).toBeLessThan(1.03);
  });

  it("paid differently above and below where it was set: half a price for each event above, the whole price for each below", () => {
    // 10,000 expected, set there; £2,000 each. E[(e − k)+] = E[(e − k)−] ≈ √(λ / 2π) = 39.89 (Poisson, λ = 10,000),
    // so the mean is £20,000,000 + £2,000 × (0.5 − 1) × 39.89 = £19,960,106.
    const s = step("Admission", "Acute trust", { kind: "blended", share: 0.5, below: 1 }, 2_000, 1);
    const r = simulateRisk({ ...DEFAULT_TERMS, cohort: 10_000, steps: [s] }, settings);
    const want = 20_000_000 + 2_000 * (0.5 - 1) * Math.sqrt(10_000 / (2 * Math.PI));
    expect(Math.abs(r.today.payment.mean.value - want)).toBeLessThan(4 * r.today.payment.mean.se + 100);
  });
});
