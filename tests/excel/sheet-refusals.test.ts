/**
 * What the written sheet does not carry yet is refused before anything is written (src/excel/plan.ts), never
 * written as figures other than the pane's: a planned activity column, and a yearly-re-based rule's years on
 * contracts re-based less often.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { refuseWhatTheSheetCannotCarry } from "../../src/excel/plan";

const steps = [{ name: "Emergency admission", setting: "hospital" as const, unitPrice: 2000, unitCost: 1500, volume: 1, takeUp: 1 }];
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 100, todaysRule: todaysRule(presetById("nhsps-2026")!) };

describe("the written sheet refuses what it does not carry", () => {
  it("a planned activity column, naming the steps", () => {
    expect(() => refuseWhatTheSheetCannotCarry({ inputs })).not.toThrow();
    const planned = { ...inputs, steps: [{ ...steps[0], plannedActivity: 120 }] };
    expect(() => refuseWhatTheSheetCannotCarry({ inputs: planned })).toThrow(/does not carry planned activity yet \(step 'Emergency admission'\)/);
  });

  it("the 2026/27 rule's yearly plan on contracts re-based every 3 years", () => {
    const years = (rebaseEvery: number) => ({ transition: transition(inputs, { ...DEFAULT_TRANSITION, years: 3, shiftAchieved: [1], rebaseEvery }), model: "activity" });
    expect(() => refuseWhatTheSheetCannotCarry({ inputs, transition: years(1) })).not.toThrow();
    expect(() => refuseWhatTheSheetCannotCarry({ inputs, transition: years(3) })).toThrow(/re-bases today's contracts every 3 years/);
  });
});
