/**
 * QOF_PAYMENT, CQUIN_PAYMENT, SELECTION_GAIN and PAYBACK (docs/formula-contract.md): published worked examples
 * (sources in comments), hand-worked cases, every error path, and property tests.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cquinPayment, qofPayment, selectionGain } from "../../src/engine/rules/quality";
import { payback } from "../../src/engine/rules/appraisal";
import { PayError } from "../../src/engine/rules/errors";
import { col, expectPayError, row } from "./helpers";

describe("QOF_PAYMENT", () => {
  // Lincolnshire LMC, "QOF point value and prevalence" (2022/23): the AF domain's 29 points all achieved, in a
  // 16,000-patient practice (CPI 16,000 / 9,374 = 1.71) with AF prevalence 3.05% against 2.1% nationally
  // (factor 1.45), at £207.56 a point: 29 × 207.56 × 1.71 × 1.45 = £14,924.71.
  it("the AF domain: points × point value × CPI × prevalence factor", () => {
    expect(qofPayment(29, 1, 0.4, 0.9, 207.56, 1.71, 1.45)).toBeCloseTo(14_924.71, 2);
  });
  // Ardens, "Maximising QOF income: prevalence" (2021/22): the dementia domain's 44 points in a 10,000-patient
  // practice (CPI 1.10) with 53 on the register (0.53%) against 0.7% nationally, at £201.16 a point:
  // 44 × 201.16 × 1.10 × (0.53 / 0.7) = £7,371.65.
  it("the dementia domain at a prevalence below the national one", () => {
    expect(qofPayment(44, 1, 0.35, 0.7, 201.16, 1.1, 0.53 / 0.7)).toBeCloseTo(7_371.65, 2);
  });
  // The sliding scale (Statement of Financial Entitlements; Primary Care IT, "QOF income"): points earned =
  // (achievement − lower) / (upper − lower) × points available, between 0 and all of them.
  it("pays the sliding scale between thresholds, per indicator, with single values applying to every row", () => {
    // 10 points, thresholds 40%–90%: 65% achievement earns half, 30% none, 95% all.
    expect(qofPayment(10, 0.65, 0.4, 0.9, 100)).toBeCloseTo(500, 9);
    expect(qofPayment(col(10, 10, 10), col(0.65, 0.3, 0.95), 0.4, 0.9, 100)).toBeCloseTo(500 + 0 + 1000, 9);
    // Thresholds and factors per row.
    expect(qofPayment(col(10, 20), col(0.5, 0.5), col(0.4, 0.45), col(0.6, 0.7), 100, 2, col(1, 0.5))).toBeCloseTo(
      10 * 0.5 * 100 * 2 * 1 + 20 * 0.2 * 100 * 2 * 0.5,
      9,
    );
    // A row layout works as a column does.
    expect(qofPayment(row(10, 10), row(0.65, 0.95), 0.4, 0.9, 100)).toBeCloseTo(1500, 9);
  });
  it("errors: thresholds not ascending in a row, achievement outside 0..1, a point value of 0, sizes that do not pair", () => {
    expectPayError(
      () => qofPayment(col(10, 10), col(0.5, 0.5), col(0.4, 0.9), col(0.9, 0.6), 100),
      "#VALUE!",
      "lower_threshold, row 2",
      "below upper_threshold",
    );
    expectPayError(() => qofPayment(col(10), col(1.2), 0.4, 0.9, 100), "#VALUE!", "achievement, row 1: expected a number from 0 to 1, got 1.2");
    expectPayError(() => qofPayment(10, 0.5, 0.4, 0.9, 0), "#VALUE!", "point_value");
    expectPayError(() => qofPayment(col(10, 10), col(0.5), 0.4, 0.9, 100), "#VALUE!", "points_available has 2 cells", "achievement has 1 cell");
    expectPayError(() => qofPayment(col(10, "-"), col(0.5, 0.5), 0.4, 0.9, 100), "#VALUE!", "points_available, row 2", "'-'");
  });
});

describe("CQUIN_PAYMENT", () => {
  // NHS England, CQUIN 2019/20 guidance: CQUIN is worth 1.25% of the contract's value, earned indicator by
  // indicator; partial achievement pays pro rata. A £100m contract with four equally weighted indicators
  // achieved 100%, 100%, 50% and 0%: 100m × 1.25% × 2.5 / 4 = £781,250.
  it("1.25% of a contract, equally weighted indicators, partial achievement pro rata", () => {
    expect(cquinPayment(100_000_000, 0.0125, col(1, 1, 1, 1), col(1, 1, 0.5, 0))).toBeCloseTo(781_250, 6);
    // 2016/17 scheme: 2.5%; weights need not add to 1.
    expect(cquinPayment(40_000_000, 0.025, col(2, 1, 1), col(1, 0, 0.5))).toBeCloseTo((40e6 * 0.025 * (2 + 0.5)) / 4, 6);
  });
  it("errors: weights adding to 0 are #DIV/0!, a rate above 1 and an achievement above 1 are #VALUE!", () => {
    expectPayError(() => cquinPayment(1e6, 0.0125, col(0, 0), col(1, 1)), "#DIV/0!", "weights add up to 0");
    expectPayError(() => cquinPayment(1e6, 1.25, col(1), col(1)), "#VALUE!", "cquin_rate: expected a number from 0 to 1, got 1.25");
    expectPayError(() => cquinPayment(1e6, 0.0125, col(1, 1), col(1, 1.5)), "#VALUE!", "achievement, row 2");
  });
});

describe("SELECTION_GAIN", () => {
  // Worked by hand: a population of 800 young (£200 a year each) and 200 old (£1,200): spend 400,000 over
  // 1,000 people. A provider's list of 100, all young.
  const population = col(800, 200);
  const costs = col(200, 1200);
  const list = col(100, 0);
  it("a flat rate per head pays the skimmed list 100 × (400 − 200) = £20,000", () => {
    expect(selectionGain(list, population, costs)).toBeCloseTo(20_000, 9);
  });
  it("weights proportional to costs (perfect risk adjustment) leave nothing to gain", () => {
    // Weights 0.5 and 3: Σ pop × weight = 1,000, base 400, young pay 0.5 × 400 = 200 = their cost.
    expect(selectionGain(list, population, costs, col(0.5, 3))).toBeCloseTo(0, 9);
  });
  it("partial weights in between: 100 × (0.75 × 400 − 200) = £10,000", () => {
    expect(selectionGain(list, population, costs, col(0.75, 2))).toBeCloseTo(10_000, 9);
  });
  it("errors: population × weights adding to 0 is #DIV/0!; negative heads are #VALUE!", () => {
    expectPayError(() => selectionGain(list, col(0, 0), costs), "#DIV/0!", "population × weights add up to 0");
    expectPayError(() => selectionGain(col(-1, 0), population, costs), "#VALUE!", "list, row 1");
  });
});

describe("PAYBACK", () => {
  // A textbook payback (e.g. HM Treasury Green Book's use of discounted flows; any corporate finance text):
  // invest £1,000, then £300, £400, £500: cumulative −1,000, −700, −300, +200, so 2 + 300 / 500 = 2.6 years.
  it("undiscounted: the period, and the fraction of the period in which it turns", () => {
    expect(payback(col(-1000, 300, 400, 500))).toBeCloseTo(2.6, 12);
    expect(payback(row(-1000, 300, 400, 500))).toBeCloseTo(2.6, 12);
    expect(payback(col(500, -100, 100))).toBe(0);
  });
  // Discounted at 10%: −10,000 then 4,000 a year for four years. Discounted flows 3,636.36, 3,305.79,
  // 3,005.26, 2,732.05; cumulative −6,363.64, −3,057.85, −52.59, then +2,679.46: 3 + 52.59 / 2,732.05 = 3.0193.
  it("discounted: the same flows take longer, by the discount", () => {
    expect(payback(col(-10_000, 4000, 4000, 4000, 4000))).toBeCloseTo(2.5, 12);
    const d = payback(col(-10_000, 4000, 4000, 4000, 4000), 0.1);
    const cum3 = -10_000 + 4000 / 1.1 + 4000 / 1.21 + 4000 / 1.331;
    expect(d).toBeCloseTo(3 + -cum3 / (4000 / 1.4641), 12);
    expect(d).toBeCloseTo(3.0193, 4);
  });
  it("errors: never paying back is #N/A with its message; a blank between flows; a rate of −1 or below; a block", () => {
    expectPayError(() => payback(col(-1000, 300, 300)), "#N/A", "never pays back within the flows given");
    expectPayError(() => payback(col(-1000, null, 1500)), "#VALUE!", "cash_flows, row 2: blank between flows");
    expectPayError(() => payback(col(-1000, 1500), -1), "#VALUE!", "discount_rate: expected a number greater than -1");
    expectPayError(
      () =>
        payback([
          [-1, 2],
          [3, 4],
        ]),
      "#VALUE!",
      "a column or a row",
    );
    // Trailing blank rows (a column selected with spare rows) are ignored.
    expect(payback(col(-1000, 300, 400, 500, null, null))).toBeCloseTo(2.6, 12);
  });
});

// ——— Properties ———

const frac = fc.double({ min: 0, max: 1, noNaN: true });
const n = fc.integer({ min: 1, max: 8 });

describe("properties", () => {
  it("QOF_PAYMENT never decreases as achievement rises", () => {
    fc.assert(
      fc.property(
        n.chain((k) =>
          fc.tuple(
            fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: k, maxLength: k }),
            fc.array(frac, { minLength: k, maxLength: k }),
            fc.array(frac, { minLength: k, maxLength: k }),
          ),
        ),
        fc.double({ min: 0, max: 0.49, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        ([points, a, bump], lower, upper) => {
          const before = qofPayment(col(...points), col(...a), lower, upper, 200);
          const after = qofPayment(col(...points), col(...a.map((x, i) => Math.min(1, x + bump[i] * (1 - x)))), lower, upper, 200);
          expect(after).toBeGreaterThanOrEqual(before - 1e-9 * Math.max(1, before));
        },
      ),
      { numRuns: 300 },
    );
  });
  it("CQUIN_PAYMENT lies between 0 and contract × rate", () => {
    fc.assert(
      fc.property(
        n.chain((k) =>
          fc.tuple(
            fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: k, maxLength: k }),
            fc.array(frac, { minLength: k, maxLength: k }),
          ),
        ),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        frac,
        ([w, a], contract, rate) => {
          const p = cquinPayment(contract, rate, col(...w), col(...a));
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(contract * rate * (1 + 1e-12));
        },
      ),
      { numRuns: 300 },
    );
  });
  it("SELECTION_GAIN is 0 for the population's own mix and for weights proportional to costs, and linear in the list", () => {
    const group = fc.record({
      pop: fc.double({ min: 1, max: 1e5, noNaN: true }),
      cost: fc.double({ min: 1, max: 1e4, noNaN: true }),
      w: fc.double({ min: 0.1, max: 5, noNaN: true }),
      l: fc.double({ min: 0, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (g, share, k) => {
          const pop = col(...g.map((x) => x.pop));
          const cost = col(...g.map((x) => x.cost));
          const w = col(...g.map((x) => x.w));
          const scale = g.reduce((t, x) => t + x.pop * x.cost, 0) * share;
          // A list with the population's own mix (any size) gains nothing, whatever the weights.
          expect(Math.abs(selectionGain(col(...g.map((x) => x.pop * share)), pop, cost, w))).toBeLessThanOrEqual(1e-9 * scale);
          // Weights proportional to costs gain nothing, whatever the list.
          const listScale = g.reduce((t, x) => t + x.l * x.cost, 0);
          expect(Math.abs(selectionGain(col(...g.map((x) => x.l)), pop, cost, col(...g.map((x) => x.cost * 3))))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, listScale),
          );
          // Linear in the list.
          const one = selectionGain(col(...g.map((x) => x.l)), pop, cost, w);
          const scaled = selectionGain(col(...g.map((x) => x.l * k)), pop, cost, w);
          expect(Math.abs(scaled - k * one)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(k * one), listScale * k));
        },
      ),
      { numRuns: 300 },
    );
  });
  const flows = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 10 });
  const years = (f: () => number): number => {
    try {
      return f();
    } catch (e) {
      if (e instanceof PayError && e.code === "#N/A") return Infinity;
      throw e;
    }
  };
  it("PAYBACK never decreases when a later flow falls", () => {
    fc.assert(
      fc.property(flows, fc.nat(), fc.double({ min: 0, max: 1e6, noNaN: true }), (f, at, drop) => {
        if (f.length < 2) return;
        const i = 1 + (at % (f.length - 1));
        const lower = f.map((x, j) => (j === i ? x - drop : x));
        expect(years(() => payback(col(...lower)))).toBeGreaterThanOrEqual(years(() => payback(col(...f))) - 1e-9);
      }),
      { numRuns: 400 },
    );
  });
  it("PAYBACK: discounting at a positive rate never shortens payback of an investment followed by returns", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0.0001, max: 0.5, noNaN: true }),
        (invest, returns, rate) => {
          const f = col(-invest, ...returns);
          expect(years(() => payback(f, rate))).toBeGreaterThanOrEqual(years(() => payback(f)) - 1e-9);
        },
      ),
      { numRuns: 400 },
    );
  });
});
