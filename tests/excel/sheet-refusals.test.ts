/**
 * What the written sheet does not carry yet is refused before anything is written (src/excel/plan.ts), never
 * written as figures other than the pane's: the years over a plan or signed contracts, and a yearly-re-based
 * rule's years on contracts re-based less often. The comparison itself carries both (signed-sheet.test.ts).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { refuseWhatTheSheetCannotCarry } from "../../src/excel/plan";

const steps = [{ name: "Emergency admission", setting: "hospital" as const, unitPrice: 2000, unitCost: 1500, volume: 1, takeUp: 1 }];
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 100, todaysRule: todaysRule(presetById("nhsps-2026")!) };
const years = (inp: ComparisonInputs, rebaseEvery = 1) => ({
  transition: transition(inp, { ...DEFAULT_TRANSITION, years: 3, shiftAchieved: [1], rebaseEvery }),
  model: "activity",
});

describe("the written sheet refuses what it does not carry", () => {
  it("the years over planned activity or signed contracts; the comparison alone is written", () => {
    const planned = { ...inputs, steps: [{ ...steps[0], plannedActivity: 120 }] };
    expect(() => refuseWhatTheSheetCannotCarry({ inputs: planned })).not.toThrow();
    expect(() => refuseWhatTheSheetCannotCarry({ inputs: planned, transition: years(planned) })).toThrow(
      /does not carry the years over planned activity yet/,
    );
    const signed = { ...inputs, contracts: [{ organisation: "Acute trust", pointOfDelivery: "all" as const, signed: 1 }] };
    expect(() => refuseWhatTheSheetCannotCarry({ inputs: signed, transition: years(inputs) })).toThrow(/over signed contracts yet/);
  });

  it("the 2026/27 rule's yearly plan on contracts re-based every 3 years", () => {
    expect(() => refuseWhatTheSheetCannotCarry({ inputs, transition: years(inputs) })).not.toThrow();
    expect(() => refuseWhatTheSheetCannotCarry({ inputs, transition: years(inputs, 3) })).toThrow(/re-bases today's contracts every 3 years/);
  });
});
