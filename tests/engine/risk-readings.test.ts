/** The Risk view's lead sentence and its chances as text (engine/risk/readings.ts). */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { chanceText } from "../../src/engine/risk/capacity";
import { describePopulationRisk } from "../../src/engine/risk/readings";
import { describeSources, sourceVariants } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";
import { minPopulationFor } from "../../src/engine/rules/formulas";
import type { Step } from "../../src/engine/comparison/organisations";

describe("chanceText never rounds a real chance to nothing", () => {
  it("whole per cent from 1%, one decimal below, <0.1% for a trace, 0% for none", () => {
    // Whole per cent (the Risk view's matrix).
    expect([0.235, 0.2349, 0.01, 0.004, 0.002, 0.0004, 0, -0].map((x) => chanceText(x, 0))).toEqual(["24%", "23%", "1%", "0.4%", "0.2%", "<0.1%", "0%", "0%"]);
    // One decimal (the readings' and the matrix's tooltips): two below 1%, "<0.01%" for a trace.
    expect([0.235, 0.004, 0.00004, 0].map((x) => chanceText(x))).toEqual(["23.5%", "0.40%", "<0.01%", "0.0%"]);
  });
});

describe("describePopulationRisk", () => {
  // One step: 2 events a person a year at £500; CV of a person's cost = 1/√2 under Poisson.
  const steps: Step[] = [{ name: "Visit", setting: "community", organisation: "PCN", unitPrice: 500, unitCost: 500, volume: 2, takeUp: 1 }];
  it("names the cohort's chance of overspending and the minimum population, as the sweep computed them", () => {
    const s = populationSweep(steps, { trials: 2000, seed: 7, dispersion: { kind: "poisson" }, tolerance: 0.03, confidence: 0.95 }, 420);
    const row = s.rows.find((r) => r.population === 420);
    expect(row).toBeDefined();
    expect(s.minPopulationNormal).toBe(minPopulationFor(Math.SQRT1_2, 0.03, 0.95));
    const text = describePopulationRisk(s, 420) ?? "";
    expect(text).toContain(`A capitated budget for 420 people, set at expected cost, has a ${chanceText(row?.overspend.value ?? -1, 1)} chance`);
    expect(text).toContain(`for a 5% chance it needs ${s.minPopulationNormal.toLocaleString("en-GB")} people (PAY.MIN_POPULATION`);
    expect(describePopulationRisk(s, null)).toBeNull();
  });
});

describe("the year after the shift, achieved for certain, is the year simulated, not a source", () => {
  const base = { trials: 100, seed: 1, dispersion: { kind: "poisson" as const } };
  it("keeps it in every variant and says so in words", () => {
    const certain = { mean: 1, sd: 0 };
    expect(sourceVariants({ ...base, delivery: certain })).toEqual([]);
    const v = sourceVariants({ ...base, delivery: certain, shock: { cv: 0.05 } });
    expect(v.map((x) => [x.label, x.settings.delivery, x.settings.shock])).toEqual([["Activity alone", certain, null]]);
    expect(describeSources({ delivery: certain, shock: null })).toBe("each step's activity drawn independently; the year after the care shift, 100% of it achieved");
    // Drawn around a plan, the delivery is a source of its own.
    expect(sourceVariants({ ...base, delivery: { mean: 1, sd: 0.15 }, shock: { cv: 0.05 } }).map((x) => x.label)).toEqual([
      "Activity alone",
      "+ delivery",
      "+ common shock",
    ]);
  });
});

describe("the figure docs/comparison.md quotes", () => {
  it("the integrated example at the pane's defaults: 23.5% for 420 people; 2,234 needed", () => {
    // The Risk view's population sweep: 10,000 trials per size, seed 12345, Poisson, 3% tolerance, 95% confidence.
    const t = readPathwayTable([[...INTEGRATED_HEADERS], ...INTEGRATED_STEPS.map((s) => [...s])], "Integrated!A3:H11");
    const inputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT };
    const s = populationSweep(inputs.steps, { trials: 10_000, seed: 12345, dispersion: { kind: "poisson" }, tolerance: 0.03, confidence: 0.95 }, 420);
    expect(describePopulationRisk(s, 420)).toMatch(
      /^A capitated budget for 420 people, set at expected cost, has a 23\.5% chance of overspending by more than 3\.0% in a year; for a 5% chance it needs 2,234 people/,
    );
  });
});
