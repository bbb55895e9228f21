/** Generated pathways and terms for the comparison's property tests (fast-check). */
import fc from "fast-check";
import { type Step } from "../../src/engine/comparison/compare";

export const share = fc.double({ min: 0, max: 1, noNaN: true });
export const money = fc.double({ min: 0, max: 5000, noNaN: true });
export const stepArb = fc.record({
  name: fc.constant("s"),
  setting: fc.constantFrom("hospital", "community", "primary", "other") as fc.Arbitrary<Step["setting"]>,
  organisation: fc.option(fc.constantFrom("A", "B", "C", "D"), { nil: undefined }),
  unitPrice: money,
  unitCost: money,
  volume: fc.double({ min: 0, max: 20, noNaN: true }),
  takeUp: share,
  variableShare: fc.option(share, { nil: undefined }),
  paymentToday: fc.option(
    fc.oneof(
      fc.constant({ kind: "activity" as const }),
      fc.constant({ kind: "fixed" as const }),
      share.map((x) => ({ kind: "blended" as const, share: x })),
    ),
    { nil: undefined },
  ),
});
export const inputsArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 8 }),
  cohort: fc.double({ min: 1, max: 1e5, noNaN: true }),
  mff: fc.double({ min: 0.5, max: 2, noNaN: true }),
  blockValue: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null }),
  blendedVariableRate: share,
  stopGain: share,
  stopLoss: share,
  gainShareRate: share,
  holder: fc.constantFrom("lead", "alliance") as fc.Arbitrary<"lead" | "alliance">,
  shiftShare: share,
  shiftCommunityUplift: fc.double({ min: 0, max: 3, noNaN: true }),
  qualityShare: share,
  qualityAchievement: share,
});
