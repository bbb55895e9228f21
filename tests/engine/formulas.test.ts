import { describe, expect, it } from "vitest";
import { capitation, pathwayCost, riskShare } from "../../src/engine/rules/formulas";
import { col, expectPayError, row } from "./helpers";

describe("PATHWAY_COST", () => {
  // Hip-fracture pathway worked by hand (illustrative prices): ED attendance £200 ×1; admitted spell £8,000 ×1;
  // community rehab £150 × 10 visits taken by 60%; outpatient follow-up £120 × 2 taken by 80%.
  // Per patient: 200 + 8000 + 0.6·1500 + 0.8·240 = 9,292.
  const prices = col(200, 8000, 150, 120);
  const volumes = col(1, 1, 10, 2);
  const takeUp = col(1, 1, 0.6, 0.8);

  it("costs one patient by default", () => {
    expect(pathwayCost(prices, volumes, takeUp)).toBeCloseTo(9292, 9);
  });
  it("scales by patients and applies the market forces factor to the whole pathway", () => {
    // NHS Payment Scheme: a provider's payment = unit price × its MFF (MFF 1.05 → prices +5%).
    expect(pathwayCost(prices, volumes, takeUp, 100, 1.05)).toBeCloseTo(9292 * 100 * 1.05, 6);
  });
  it("omitted take-up means every patient takes every step", () => {
    expect(pathwayCost(prices, volumes, null, null, null)).toBe(200 + 8000 + 1500 + 240);
  });
  it("pairs a column with a row, and reads a block in reading order", () => {
    expect(pathwayCost(prices, row(1, 1, 10, 2))).toBe(9940);
    expect(
      pathwayCost(
        [
          [200, 8000],
          [150, 120],
        ],
        col(1, 1, 10, 2),
      ),
    ).toBe(9940);
  });
  it("takes a single cell as a plain value or a 1×1 array", () => {
    expect(pathwayCost(250, 2)).toBe(500);
    expect(pathwayCost([[250]], [[2]], [[0.5]], [[10]])).toBe(2500);
  });
  it("ignores trailing blank rows (null, '', spaces) and trailing zero rows", () => {
    expect(pathwayCost(col(100, 50, null, ""), col(2, 1, null, "  "))).toBe(250);
    expect(pathwayCost(col(100, 50, 0, 0), col(2, 1, 0, 0))).toBe(250);
  });
  it("skips a wholly blank spacer row between steps", () => {
    expect(pathwayCost(col(100, null, 50), col(2, null, 1))).toBe(250);
  });
  it("reports text where a number belongs, naming argument and row", () => {
    expectPayError(() => pathwayCost(col(1, 2, 3, 4), col(1, 1, 1, "n/a")), "#VALUE!", "volumes, row 4: expected a number of at least 0, got 'n/a'");
    // Tariff workbooks write "-" for "no price": text, never a silent 0.
    expectPayError(() => pathwayCost(col(100, "-"), col(1, 1)), "#VALUE!", "unit_costs, row 2", "'-'");
    expectPayError(() => pathwayCost(col(100, true), col(1, 1)), "#VALUE!", "unit_costs, row 2", "TRUE");
  });
  it("reports a partly blank row", () => {
    expectPayError(() => pathwayCost(col(100, 50), col(2, null)), "#VALUE!", "volumes, row 2: blank, but unit_costs has a value there");
  });
  it("reports ranges of different sizes with both names and sizes", () => {
    expectPayError(() => pathwayCost(col(1, 2, 3), col(1, 2)), "#VALUE!", "unit_costs has 3 cells (3×1) but volumes has 2 cells (2×1)");
    expectPayError(() => pathwayCost(col(1, 2), col(1, 2), col(1)), "#VALUE!", "take_up has 1 cell");
  });
  it("reports out-of-domain numbers", () => {
    expectPayError(() => pathwayCost(col(1), col(-1)), "#VALUE!", "volumes, row 1: expected a number of at least 0, got -1");
    expectPayError(() => pathwayCost(col(1), col(1), col(1.2)), "#VALUE!", "take_up, row 1: expected a number from 0 to 1, got 1.2");
    expectPayError(() => pathwayCost(col(1), col(1), null, -3), "#VALUE!", "patients: expected a number of at least 0, got -3");
    expectPayError(() => pathwayCost(col(1), col(1), null, null, 0), "#VALUE!", "mff: expected a number greater than 0, got 0");
    expectPayError(() => pathwayCost(col(1), col(1), null, col(1, 2)), "#VALUE!", "patients: expected a single value, got a range of 2 cells");
  });
  it("reports a table that is empty after trimming", () => {
    expectPayError(() => pathwayCost(col(null, null), col("", null)), "#VALUE!", "unit_costs, volumes: no values");
  });
  it("the one-pass sum for clean columns agrees with the full normaliser (rows, blanks)", () => {
    const c = Array.from({ length: 500 }, (_, i) => 10 + i * 0.37);
    const v = Array.from({ length: 500 }, (_, i) => i % 7);
    const asColumns = pathwayCost(col(...c), col(...v));
    expect(pathwayCost(row(...c), row(...v))).toBe(asColumns); // rows take the full path
    expect(pathwayCost(col(...c, null), col(...v, null))).toBe(asColumns); // so does a trailing blank
    // A bad cell deep in a clean column still gets its message.
    expectPayError(() => pathwayCost(col(...c, 5, "x"), col(...v, 1, 1)), "#VALUE!", "unit_costs, row 502: expected a number of at least 0, got 'x'");
  });
  it("never returns Infinity", () => {
    expectPayError(() => pathwayCost(col(1e308), col(1e308)), "#NUM!");
  });
});

describe("CAPITATION", () => {
  // Two practices worked by hand: 10,000 people of need weight 1.1 and 5,000 of 0.8 at £1,000 per weighted
  // head: (11,000 + 4,000) × 1,000 = £15m; with MFF 1.02 and a 2% top slice: 15m × 1.02 × 0.98.
  it("weights the population and applies MFF and top slice", () => {
    expect(capitation(col(10000, 5000), col(1.1, 0.8), 1000)).toBeCloseTo(15_000_000, 4);
    expect(capitation(col(10000, 5000), col(1.1, 0.8), 1000, 1.02, 0.02)).toBeCloseTo(15_000_000 * 1.02 * 0.98, 4);
  });
  it("errors name the argument", () => {
    expectPayError(() => capitation(col(-5), col(1), 10), "#VALUE!", "population, row 1");
    expectPayError(() => capitation(col(5), col(1), "ten"), "#VALUE!", "base_rate: expected a number of at least 0, got 'ten'");
    expectPayError(() => capitation(col(5), col(1), 10, null, 1.5), "#VALUE!", "top_slice: expected a number from 0 to 1, got 1.5");
    expectPayError(() => capitation(col(5), col(1), null), "#VALUE!", "base_rate: expected a number of at least 0, got a blank cell");
  });
});

describe("RISK_SHARE", () => {
  // The ACA risk corridors (Affordable Care Act §1342, 42 U.S.C. 18062(b)): when allowable costs exceed 103%
  // of the target, the Secretary pays 50% of the costs between 103% and 108%; above 108%, 2.5% of the
  // target plus 80% of the costs above 108%. Gains are returned on the same terms below 97% and 92%.
  // As a corridor: thresholds {0; 0.03; 0.08}, shares {0; 0.5; 0.8}.
  const th = col(0, 0.03, 0.08);
  const sh = col(0, 0.5, 0.8);
  const target = 10_000_000;
  it("pays 2.5% of target + 80% above 108% when costs are 110% of target", () => {
    expect(riskShare(11_000_000, target, th, sh)).toBeCloseTo(0.025 * target + 0.8 * 200_000, 4);
  });
  it("pays 50% of costs between 103% and 108%", () => {
    expect(riskShare(10_500_000, target, th, sh)).toBeCloseTo(0.5 * 200_000, 4);
  });
  it("returns gains symmetrically below 97% and 92%", () => {
    expect(riskShare(9_000_000, target, th, sh)).toBeCloseTo(-(0.025 * target + 0.8 * 200_000), 4);
  });
  it("is zero inside the provider's own band", () => {
    expect(riskShare(10_200_000, target, th, sh)).toBe(0);
    expect(Object.is(riskShare(9_800_000, target, th, sh), -0)).toBe(false);
  });
  it("uses a second shares column for underspend", () => {
    const two = [
      [0, 0],
      [0.5, 0.25],
      [0.8, 0.4],
    ];
    expect(riskShare(9_000_000, target, th, two)).toBeCloseTo(-(0.25 * 500_000 + 0.4 * 200_000), 4);
    expect(riskShare(11_000_000, target, th, two)).toBeCloseTo(410_000, 4);
  });
  it("accepts thresholds as a row with shares as a row (or two rows)", () => {
    expect(riskShare(11_000_000, target, row(0, 0.03, 0.08), row(0, 0.5, 0.8))).toBeCloseTo(410_000, 4);
    expect(
      riskShare(9_000_000, target, row(0, 0.03, 0.08), [
        [0, 0.5, 0.8],
        [0, 0.25, 0.4],
      ]),
    ).toBeCloseTo(-205_000, 4);
  });
  it("caps the settlement as a fraction of budget", () => {
    expect(riskShare(11_000_000, target, th, sh, 0.03)).toBeCloseTo(300_000, 4);
    expect(riskShare(9_000_000, target, th, sh, 0.03)).toBeCloseTo(-300_000, 4);
  });
  it("trims trailing zero rows (older Excel sends blanks as 0) so thresholds still ascend", () => {
    expect(riskShare(11_000_000, target, col(0, 0.03, 0.08, 0, 0), col(0, 0.5, 0.8, 0, 0))).toBeCloseTo(410_000, 4);
    expect(riskShare(11_000_000, target, col(0, 0.03, 0.08, null), col(0, 0.5, 0.8, null))).toBeCloseTo(410_000, 4);
  });
  it("rejects thresholds that do not ascend, shares outside 0..1 and a zero budget", () => {
    expectPayError(() => riskShare(1, 1, col(0, 0.05, 0.03), col(0, 0.5, 0.8)), "#VALUE!", "thresholds, row 3", "thresholds must ascend");
    expectPayError(() => riskShare(1, 1, col(0, 0.03), col(0, 1.5)), "#VALUE!", "shares, row 2: expected a number from 0 to 1, got 1.5");
    expectPayError(() => riskShare(1, 0, th, sh), "#DIV/0!", "budget is 0");
    expectPayError(() => riskShare(1, -5, th, sh), "#VALUE!", "budget: expected a number of at least 0, got -5");
    expectPayError(() => riskShare(1, 1, th, col(0, 0.5)), "#VALUE!", "thresholds are a column of 3 rows", "got 2×1");
    expectPayError(() => riskShare(1, 1, row(0, 0.03, 0.08), [[0, 0.5]]), "#VALUE!", "thresholds are a row of 3 columns", "got 1×2");
  });
  // docs/formula-contract.md, RISK_SHARE layout: the orientation of thresholds decides. Thresholds in a row with a
  // two-row shares block: overspend shares in the top row, underspend shares in the bottom row.
  // Worked: budget £10m, actual £9m: an underspend of £1m, cut at 3% (£300k): 0.1 × 300,000 + 0.6 × 700,000
  // = £450,000 returned by the provider. Actual £11m: overspend 0 × 300,000 + 0.5 × 700,000 = £350,000.
  it("reads a two-row shares block under thresholds laid out as a row: overspend row above underspend row", () => {
    const shares = [
      [0, 0.5],
      [0.1, 0.6],
    ];
    expect(riskShare(9_000_000, 10_000_000, row(0, 0.03), shares)).toBeCloseTo(-450_000, 6);
    expect(riskShare(11_000_000, 10_000_000, row(0, 0.03), shares)).toBeCloseTo(350_000, 6);
    // The same block under thresholds in a column is two columns: overspend {0; 0.1}, underspend {0.5; 0.6}.
    expect(riskShare(11_000_000, 10_000_000, col(0, 0.03), shares)).toBeCloseTo(0.1 * 700_000, 6);
    expect(riskShare(9_000_000, 10_000_000, col(0, 0.03), shares)).toBeCloseTo(-(0.5 * 300_000 + 0.6 * 700_000), 6);
    // One threshold in one cell takes a 1×2 shares range as overspend, underspend.
    expect(riskShare(9_000_000, 10_000_000, 0, [[0.5, 0.25]])).toBeCloseTo(-250_000, 6);
  });
});
