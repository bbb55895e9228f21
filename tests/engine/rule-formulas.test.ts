/**
 * Each rule beside its formula (src/engine/comparison/paired/, issue 38): the Excel formula the written sheet uses,
 * computed by HyperFormula with the PAY functions over cells holding the inputs, equals the TypeScript rule the
 * settlement (and so the comparison, the years and the simulation) pays by — on worked cases and on generated ones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { qualityEarned, qualityFormula, withQuality } from "../../src/engine/comparison/paired/quality";
import { blendedFormula, blendedIncome } from "../../src/engine/comparison/paired/blended";
import { blockShare, blockShareFormula } from "../../src/engine/comparison/paired/block";
import { bundlePayment, heldPaymentFormulas, riskSharePayment } from "../../src/engine/comparison/paired/held";
import { readCorridor, riskShareSettler } from "../../src/engine/rules/formulas";
import { gainShareFormulas, gainShareIncome, sharedSaving } from "../../src/engine/comparison/paired/gain-share";

/** The formula computed over A1, B1, … holding `values`. */
function excel(values: number[], formula: string): number {
  const hf = createWorkbookEngine({ S: [[...values, `=${formula}`]] });
  const v = hf.getCellValue({ sheet: 0, row: 0, col: values.length });
  hf.destroy();
  if (typeof v !== "number") throw new Error(`${formula}: ${JSON.stringify(v)}`);
  return v;
}

const money = fc.double({ min: -5e6, max: 5e7, noNaN: true });
const share = fc.double({ min: 0, max: 1, noNaN: true });

describe("the quality element: rule and formula", () => {
  const rule = (gross: number, q: number, a: number) => withQuality(gross, q, qualityEarned(gross, q, a));
  const formula = (gross: number, q: number, a: number) => excel([gross, q, a], qualityFormula("A1", { share: "B1", achievement: "C1" }));

  it("worked: £1,000,000 with 2.5% held back and 80% achieved is £995,000; a negative income has nothing held back", () => {
    expect(rule(1_000_000, 0.025, 0.8)).toBeCloseTo(995_000, 6);
    expect(formula(1_000_000, 0.025, 0.8)).toBeCloseTo(995_000, 6);
    expect(rule(-200_000, 0.025, 0.8)).toBe(-200_000);
    expect(formula(-200_000, 0.025, 0.8)).toBe(-200_000);
  });

  it("generated: the formula is the rule", () => {
    fc.assert(
      fc.property(money, share, share, (g, q, a) => {
        expect(formula(g, q, a)).toBeCloseTo(rule(g, q, a), 4);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the blended payment: rule and formula", () => {
  const formula = (v: number, b: number, up: number, down: number, paid?: number) =>
    excel(paid === undefined ? [v, b, up, down] : [v, b, up, down, paid], blendedFormula({ value: "A1", baseline: "B1", above: "C1", below: "D1", ...(paid === undefined ? {} : { paid: "E1" }) }));

  it("worked: 30% above and 100% below a £1,000,000 baseline; signed at £1,100,000 the premium is added", () => {
    expect(blendedIncome(1_200_000, 1_000_000, 0.3, 1, 1_000_000)).toBeCloseTo(1_060_000, 6);
    expect(formula(1_200_000, 1_000_000, 0.3, 1)).toBeCloseTo(1_060_000, 6);
    expect(blendedIncome(900_000, 1_000_000, 0.3, 1, 1_100_000)).toBeCloseTo(1_000_000, 6);
    expect(formula(900_000, 1_000_000, 0.3, 1, 1_100_000)).toBeCloseTo(1_000_000, 6);
  });

  it("generated: the formula is the rule, with and without contracts as signed", () => {
    const positive = fc.double({ min: 0, max: 5e7, noNaN: true });
    fc.assert(
      fc.property(positive, positive, share, share, fc.option(positive, { nil: undefined }), (v, b, up, down, paid) => {
        expect(formula(v, b, up, down, paid)).toBeCloseTo(blendedIncome(v, b, up, down, paid ?? b), 4);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the block contract: rule and formula", () => {
  const formula = (block: number, paid: number, total: number, count: number) =>
    excel([block, paid, total], blockShareFormula({ block: "A1", paid: "B1", total: "C1", count }));

  it("worked: a £900,000 block shared as £600,000 and £300,000 are paid today; equally when nothing is", () => {
    expect(blockShare(900_000, 600_000, 900_000, 2)).toBe(600_000);
    expect(formula(900_000, 600_000, 900_000, 2)).toBe(600_000);
    expect(blockShare(900_000, 0, 0, 3)).toBe(300_000);
    expect(formula(900_000, 0, 0, 3)).toBe(300_000);
  });

  it("generated: the formula is the rule", () => {
    const money = fc.double({ min: 0, max: 5e7, noNaN: true });
    fc.assert(
      fc.property(money, money, money, fc.integer({ min: 1, max: 9 }), (block, paid, more, count) => {
        expect(formula(block, paid, paid + more, count)).toBeCloseTo(blockShare(block, paid, paid + more, count), 4);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the gain share: rule and formulas", () => {
  const cells = gainShareFormulas({ rate: "A1", paid: "B1", costs: "C1" });
  const payment = (rate: number, paid: number, costs: number) => excel([rate, paid, costs], cells.payment);
  const income = (rate: number, paid: number, costs: number, cost: number, part: number) =>
    excel([rate, paid, costs, cost, part], cells.income({ cost: "D1", part: "E1" }));

  it("worked: half of a £100,000 saving, a partner with 60% of the cost paid its £540,000 and £30,000", () => {
    const shared = sharedSaving(0.5, 1_000_000, 900_000);
    expect(shared).toBe(50_000);
    expect(gainShareIncome(540_000, shared, 0.6)).toBe(570_000);
    expect(income(0.5, 1_000_000, 900_000, 540_000, 0.6)).toBeCloseTo(570_000, 6);
    expect(payment(0.5, 1_000_000, 900_000)).toBeCloseTo(950_000, 6);
  });

  it("generated: the formulas are the rule, a loss shared as a saving is", () => {
    const money = fc.double({ min: 0, max: 5e7, noNaN: true });
    fc.assert(
      fc.property(share, money, money, money, share, (rate, paid, costs, cost, part) => {
        const shared = sharedSaving(rate, paid, costs);
        expect(payment(rate, paid, costs)).toBeCloseTo(costs + shared, 4);
        expect(income(rate, paid, costs, cost, part)).toBeCloseTo(gainShareIncome(cost, shared, part), 4);
      }),
      { numRuns: 60 },
    );
  });
});

describe("a bundle and a risk-shared budget: what the holder is paid, rule and formula", () => {
  // The corridor as the sheet writes it: thresholds in a column, the commissioner's shares of an overspend and an
  // underspend beside them (RISK_SHARE's layout).
  const thresholds = [0, 0.03, 0.08];
  const over = [0, 0.5, 0.8];
  const under = [0, 0.5, 0.8];
  const cells = heldPaymentFormulas({
    cost: "A1",
    price: "B1",
    patients: "C1",
    stopGain: "D1",
    stopLoss: "E1",
    budget: "F1",
    thresholds: "T!A1:A3",
    shares: "T!B1:C3",
  });
  function sheet(values: number[], formula: string): number {
    const hf = createWorkbookEngine({ S: [[...values, `=${formula}`]], T: thresholds.map((t, i) => [t, over[i], under[i]]) });
    const v = hf.getCellValue({ sheet: 0, row: 0, col: values.length });
    hf.destroy();
    if (typeof v !== "number") throw new Error(`${formula}: ${JSON.stringify(v)}`);
    return v;
  }
  const settle = (budget: number) => riskShareSettler(budget, readCorridor([[0], [0.03], [0.08]], [[0, 0], [0.5, 0.5], [0.8, 0.8]]), null);

  it("worked: a £1,000 target for 100 patients, the holder costing £90,000, is paid £100,000 within a 10% stop-gain", () => {
    expect(bundlePayment(90_000, 1000, 100, 0.1, 0.1)).toBe(100_000);
    expect(sheet([90_000, 1000, 100, 0.1, 0.1, 0], cells.bundle)).toBeCloseTo(100_000, 6);
    expect(bundlePayment(80_000, 1000, 100, 0.1, 0.1)).toBe(90_000);
  });

  it("generated: the formulas are the rule, for a bundle and a risk share over the same corridor", () => {
    const money = fc.double({ min: 1, max: 5e7, noNaN: true });
    fc.assert(
      fc.property(money, money, fc.integer({ min: 1, max: 5000 }), share, share, money, (cost, price, patients, sg, sl, budget) => {
        const v = [cost, price, patients, sg, sl, budget];
        expect(sheet(v, cells.bundle)).toBeCloseTo(bundlePayment(cost, price, patients, sg, sl), 4);
        expect(sheet(v, cells.riskshare)).toBeCloseTo(riskSharePayment(budget, settle(budget)(cost)), 4);
      }),
      { numRuns: 40 },
    );
  });
});
