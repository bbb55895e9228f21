/** The panel's number fields: read as a UK user types them, each within a sane range, every problem named. */
import { describe, expect, it } from "vitest";
import { COHORT_FIELD, DEFAULT_TERMS_TEXT, parseNumber, readNumberField, readTerms } from "../../src/taskpane/terms";
import { DEFAULT_RISK_TEXT, readRiskSettings } from "../../src/taskpane/risk-settings";

describe("parseNumber", () => {
  it("reads thousands separators only where they group thousands, and £ on amounts", () => {
    expect(parseNumber("1,200")).toBe(1200);
    expect(parseNumber("£1,234,567.50")).toBe(1234567.5);
    expect(parseNumber(" 1.05 ")).toBe(1.05);
    expect(parseNumber("-£3")).toBe(-3);
    expect(parseNumber("")).toBeNull();
    for (const bad of ["1,05", "1,2345", "12,34,567", ",5", "1.2.3", "12abc", "£", "1e999"]) expect(typeof parseNumber(bad), bad).toBe("object");
    expect(parseNumber("1,05")).toEqual({
      problem: "expected a number; commas may only group thousands (1,200), got '1,05' (for a decimal, type a point: 1.05)",
    });
  });
  it("reads a percentage only where a share is asked for", () => {
    expect(parseNumber("20%", "share")).toBe(0.2);
    expect(parseNumber("12.5 %", "share")).toBe(0.125);
    expect(parseNumber("5%", "count")).toEqual({ problem: "expected a number, not a percentage; got '5%'" });
    expect(parseNumber("5%", "amount")).toEqual({ problem: "expected a number, not a percentage; got '5%'" });
  });
});

describe("terms and cohort", () => {
  it("the defaults read", () => {
    expect(readTerms(DEFAULT_TERMS_TEXT).terms).toMatchObject({ mff: 1, blendedVariableRate: 0.5, blockValue: null, shiftShare: 0.2 });
    expect(readRiskSettings(DEFAULT_RISK_TEXT).settings).toMatchObject({ trials: 100_000, tolerance: 0.03 });
  });
  it("an MFF typed with a decimal comma, or far from 1, is an error naming the field, never a multiplier of 105", () => {
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, mff: "1,05" }).problems.mff).toContain("MFF: expected a number; commas may only group thousands");
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, mff: "105" }).problems.mff).toBe(
      "MFF: expected a market forces factor from 0.5 to 2 (NHS Payment Scheme factors lie between about 0.9 and 1.3), got 105",
    );
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, mff: "103%" }).problems.mff).toContain("not a percentage");
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, mff: "1.03" }).terms?.mff).toBe(1.03);
  });
  it("shares take 20% or 0.2, and out-of-range shares are named", () => {
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, shiftShare: "0.3" }).terms?.shiftShare).toBe(0.3);
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, shiftShare: "120%" }).problems.shiftShare).toBe(
      "Hospital activity avoided: expected a number from 0% to 100%, got 120%",
    );
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, blockValue: "£1,000,000" }).terms?.blockValue).toBe(1_000_000);
    expect(readTerms({ ...DEFAULT_TERMS_TEXT, blockValue: "-5" }).problems.blockValue).toContain("Block value: expected a number from 0 to");
  });
  it("a cohort of '5%' or 0 is an error, not 0.05 patients", () => {
    expect(readNumberField("5%", COHORT_FIELD)).toEqual({ problem: "Cohort: expected a number, not a percentage; got '5%'" });
    expect(readNumberField("0", COHORT_FIELD)).toEqual({
      problem: "Cohort: expected a number of patients greater than 0 and at most 100,000,000, got 0",
    });
    expect(readNumberField("1,200", COHORT_FIELD)).toEqual({ value: 1200 });
  });
  it("risk settings: a percentage only where a share is asked", () => {
    expect(readRiskSettings({ ...DEFAULT_RISK_TEXT, trials: "10%" }).problems.trials).toContain("Trials");
    expect(readRiskSettings({ ...DEFAULT_RISK_TEXT, tolerance: "5%" }).settings?.tolerance).toBe(0.05);
  });
});

describe("partner weights", () => {
  it("reads name:weight pairs, blank as none, and names a bad pair", async () => {
    const { parsePartnerWeights } = await import("../../src/engine/inputs/terms");
    expect(parsePartnerWeights("Acute trust:3, PCN: 1,000")).toEqual({ value: { "Acute trust": 3, PCN: 1000 } });
    expect(parsePartnerWeights("  ")).toEqual({ value: null });
    expect(parsePartnerWeights("Acute trust 3")).toEqual({
      problem: "Partner weights: expected name:weight pairs separated by commas (Acute trust:3, PCN:1), got 'Acute trust 3'",
    });
    expect("problem" in parsePartnerWeights("PCN:-1")).toBe(true);
  });
});

describe("lists as typed", () => {
  it("splits on semicolons and commas, except commas that group thousands", async () => {
    const { splitList } = await import("../../src/engine/inputs/terms");
    expect(splitList("50%,100%, 100%")).toEqual(["50%", "100%", "100%"]);
    expect(splitList("£250,000")).toEqual(["£250,000"]);
    expect(splitList("1,000,000; 2,000")).toEqual(["1,000,000", "2,000"]);
    expect(splitList("Acute trust:3,PCN:1")).toEqual(["Acute trust:3", "PCN:1"]);
    expect(splitList("0,3%,8%")).toEqual(["0", "3%", "8%"]);
  });
});
