import { describe, expect, it } from "vitest";
import { blendedPayment, bundleReconcile, capitation, gainShare, marginalRate, minPopulation, overspendProbability, pathwayCost, sharedSavings, spellPrice } from "../../src/engine/rules/formulas";
import type { PayError } from "../../src/engine/rules/errors";
import { col, expectRowError, expectPayError } from "./helpers";

describe("SPELL_PRICE", () => {
  // Excess bed days (NHS Payment Scheme, admitted patient care): each day a spell stays beyond its HRG's
  // trimpoint is paid at the HRG's per-day long-stay payment. Worked: base £5,000, trimpoint 10 days,
  // £300 per excess day, 14-day stay → 5,000 + 4 × 300 = £6,200; with MFF 1.1 → £6,820.
  it("adds excess bed days beyond the trimpoint and applies MFF", () => {
    expect(spellPrice(5000, 14, 10, 300)).toBe(6200);
    expect(spellPrice(5000, 14, 10, 300, 1.1)).toBeCloseTo(6820, 9);
    expect(spellPrice(5000, 10, 10, 300)).toBe(5000);
  });
  it("uses the reduced short-stay tariff for 0- and 1-day stays only", () => {
    expect(spellPrice(5000, 1, 10, 300, null, 1200)).toBe(1200);
    expect(spellPrice(5000, 0, 10, 300, null, 1200)).toBe(1200);
    expect(spellPrice(5000, 2, 10, 300, null, 1200)).toBe(5000);
  });
  it("prices a whole spell table in one call, single values applying to every row", () => {
    const result = spellPrice(col(5000, 5000, 2000), col(14, 1, 30), col(10, 10, 20), col(300, 300, 250), 1.1, col(1200, 1200, 900));
    expect(result).toEqual([[6820.000000000001], [1320], [(2000 + 10 * 250) * 1.1]]);
  });
  it("keeps a spacer row blank in the spilled column and drops trailing blank rows", () => {
    const result = spellPrice(col(5000, null, 2000, null), col(14, null, 30, null), 10, 300);
    expect(result).toEqual([[6200], [""], [2000 + 20 * 300]]);
  });
  it("rejects a fractional length of stay and a size mismatch", () => {
    expectPayError(() => spellPrice(5000, 2.5, 10, 300), "#VALUE!", "length_of_stay: expected a whole number of at least 0, got 2.5");
    expectPayError(() => spellPrice(col(1, 2), col(1, 2, 3), 1, 1), "#VALUE!", "base_tariff has 2 cells", "length_of_stay has 3 cells");
    const r = spellPrice(col(5000, 5000), col(3, "-"), 1, 1);
    expect((r as unknown[][])[0]).toEqual([5002]);
    expectRowError(r, 1, "#VALUE!", "length_of_stay, row 2", "'-'");
  });
  it("judges every cell even where it does not change the price (the one-pass path gives way to the full rules)", () => {
    // Row 2 is a short stay paid its short-stay tariff, so its base tariff is not used; it is still text.
    expectRowError(
      spellPrice(col(5000, "n/a"), col(3, 1), col(10, 10), col(300, 300), 1, col(1200, 1200)),
      1,
      "#VALUE!",
      "base_tariff, row 2",
      "'n/a'",
    );
    expectRowError(spellPrice(col(5000, -1), col(3, 1), 10, 300, 1, 1200), 1, "#VALUE!", "base_tariff, row 2");
    expectRowError(spellPrice(col(5000, 5000), col(3, 1), col(10, 1.5), 300), 1, "#VALUE!", "trimpoint, row 2");
    // The tariff table's usual shape (four columns, MFF and short stay single values) has its own fast loop:
    // the same rules, row by row.
    expectRowError(
      spellPrice(col(5000, 5000), col(3, 2.5), col(10, 10), col(300, 300), 1.02),
      1,
      "#VALUE!",
      "length_of_stay, row 2: expected a whole number",
    );
    expectRowError(spellPrice(col(5000, 5000), col(3, 3), col(10, 10), col(300, -1), 1.02), 1, "#VALUE!", "per_day_payment, row 2");
    expect(spellPrice(col(5000, 5000, 800), col(14, 1, 2), col(10, 10, 1), col(300, 300, 100), 1.02, 1200)).toEqual([[6324], [1224], [918]]);
    // A bad single value is an error for the whole call.
    expectPayError(() => spellPrice(col(5000, 5000), col(3, 1), 10, 300, 0), "#VALUE!", "mff");
    // An overflowing price is an error in its row, not Infinity.
    const big = spellPrice(col(1e308, 100), col(30, 30), 0, col(1e308, 1));
    expectRowError(big, 0, "#NUM!", "row 1");
    expect((big as unknown[][])[1]).toEqual([130]);
  });
  // docs/formula-contract.md, "Errors per row in spills": one bad length of stay is an error in its own row only.
  it("keeps a bad row's error in that row and prices every other row", () => {
    const r = spellPrice(col(5000, 5000, 2000), col(14, "n/a", 30), col(10, 10, 20), col(300, 300, 250)) as unknown[][];
    expect(r[0]).toEqual([6200]);
    expectRowError(r, 1, "#VALUE!", "length_of_stay, row 2: expected a whole number of at least 0, got 'n/a'");
    expect(r[2]).toEqual([2000 + 10 * 250]);
    // A partly blank row is that row's problem too.
    const p = spellPrice(col(5000, null, 2000), col(14, 3, 30), 10, 300) as unknown[][];
    expectRowError(p, 1, "#VALUE!", "base_tariff, row 2: blank, but length_of_stay has a value there");
    expect(p[2]).toEqual([2000 + 20 * 300]);
  });
  // docs/formula-contract.md: most HRGs have no reduced short-stay tariff; in the short_stay_tariff range a blank, a 0
  // or "-" means none, and the base tariff applies. Worked: base £5,000, trimpoint 10, £300 a day; 1-day stays.
  it("reads a blank, 0 or '-' in the short-stay range as 'no short-stay tariff' for that row", () => {
    const r = spellPrice(col(5000, 5000, 5000, 5000), col(1, 1, 1, 1), 10, 300, 1, col(1200, null, 0, "-"));
    expect(r).toEqual([[1200], [5000], [5000], [5000]]);
    expect(spellPrice(5000, 1, 10, 300, 1, 0)).toBe(5000);
    expect(spellPrice(5000, 1, 10, 300, 1, "-")).toBe(5000);
    expect(spellPrice(5000, 0, 10, 300, 1, " - ")).toBe(5000);
    // A trailing row blank everywhere (short stay included) is still not part of the table.
    expect(spellPrice(col(5000, null), col(1, null), 10, 300, 1, col(1200, null))).toEqual([[1200]]);
    // Other text there is still wrong, in its own row.
    expectRowError(spellPrice(col(5000, 5000), col(1, 1), 10, 300, 1, col(1200, "n/a")), 1, "#VALUE!", "short_stay_tariff, row 2", "'n/a'");
  });
});

describe("MARGINAL_RATE", () => {
  // Marginal rate emergency rule (PbR guidance 2010/11 onward): emergency admissions above the 2008/09
  // baseline value paid at 30% of tariff. £11m actual against a £10m baseline → 10 + 0.3 × 1 = £10.3m.
  it("pays 30% above baseline under MRET", () => {
    expect(marginalRate(11_000_000, 10_000_000, 0.3)).toBeCloseTo(10_300_000, 4);
  });
  it("deducts in full below baseline by default", () => {
    expect(marginalRate(9_000_000, 10_000_000, 0.3)).toBeCloseTo(9_000_000, 4);
  });
  // Aligned payment and incentive, 2022/23: variable element at 75% above and 50% below the baseline.
  it("applies aligned-payment rates both sides", () => {
    expect(marginalRate(110, 100, 0.75, 0.5)).toBeCloseTo(107.5, 10);
    expect(marginalRate(90, 100, 0.75, 0.5)).toBeCloseTo(95, 10);
  });
  it("names a bad rate", () => {
    expectPayError(() => marginalRate(1, 1, -0.3), "#VALUE!", "rate_above: expected a number of at least 0, got -0.3");
  });
});

describe("BLENDED_PAYMENT", () => {
  // Fixed element £5m plus activity at 100% of unit prices (NHS Payment Scheme elective default):
  // 1,000 × £2,000 + 500 × £400 = £2.2m; at a 50% variable rate £1.1m; MFF 1.05 on the variable element.
  it("adds the variable element to the fixed element", () => {
    expect(blendedPayment(5_000_000, col(2000, 400), col(1000, 500))).toBeCloseTo(7_200_000, 4);
    expect(blendedPayment(5_000_000, col(2000, 400), col(1000, 500), 0.5, 1.05)).toBeCloseTo(5_000_000 + 1_100_000 * 1.05, 4);
  });
  it("is the fixed element alone when the activity table is blank", () => {
    expect(blendedPayment(5_000_000, col(null, null), col(null, null))).toBe(5_000_000);
  });
});

describe("SHARED_SAVINGS", () => {
  // Medicare Shared Savings Program, 42 CFR 425.604 (one-sided track): once savings meet the minimum
  // savings rate the ACO shares them at 50% from the first dollar, up to a performance payment limit of
  // 10% of the benchmark. Benchmark $10m, spend $9.7m (3% savings ≥ 2% MSR) → 50% × 300k = $150k.
  const b = 10_000_000;
  it("shares savings from the first dollar once the minimum savings rate is met", () => {
    expect(sharedSavings(9_700_000, b, 0.5, 0.02, 0.1)).toBeCloseTo(150_000, 4);
  });
  it("pays nothing below the minimum savings rate", () => {
    expect(sharedSavings(9_850_000, b, 0.5, 0.02, 0.1)).toBe(0);
  });
  it("caps the payment at cap × benchmark", () => {
    expect(sharedSavings(7_000_000, b, 0.5, 0.02, 0.1)).toBeCloseTo(1_000_000, 4);
  });
  // Two-sided track, 42 CFR 425.606: shared loss rate 1 − final sharing rate (here 60% → 40%), a minimum
  // loss rate of 2%, losses recouped up to a loss recoupment limit (5% of benchmark in the first year).
  it("recoups losses at the loss rate beyond the minimum loss rate, up to the loss cap", () => {
    expect(sharedSavings(10_500_000, b, 0.6, 0.02, 0.15, 0.4, 0.02, 0.05)).toBeCloseTo(-200_000, 4);
    expect(sharedSavings(10_100_000, b, 0.6, 0.02, 0.15, 0.4, 0.02, 0.05)).toBe(0);
    expect(sharedSavings(12_000_000, b, 0.6, 0.02, 0.15, 0.4, 0.02, 0.05)).toBeCloseTo(-500_000, 4);
  });
  it("does not recoup losses on a one-sided arrangement", () => {
    expect(sharedSavings(12_000_000, b, 0.5)).toBe(0);
  });
  it("a zero benchmark is #DIV/0!", () => {
    expectPayError(() => sharedSavings(1, 0, 0.5), "#DIV/0!", "benchmark is 0");
  });
});

describe("BUNDLE_RECONCILE", () => {
  // Comprehensive Care for Joint Replacement, 42 CFR 510.300 and 510.305: the target price carries a 3%
  // discount; reconciliation pays (target × episodes) − actual spend, limited by stop-gain and stop-loss
  // (20% of target in later performance years; 5% in the second). Target price $25,000, 100 episodes,
  // actual $2.2m: target 25,000 × 0.97 × 100 = $2,425,000 → +$225,000; with a 5% stop-gain → $121,250.
  it("pays the difference to the discounted target", () => {
    expect(bundleReconcile(25_000, 100, 2_200_000, 0.03, 0.2, 0.2)).toBeCloseTo(225_000, 4);
  });
  it("limits a gain to stop_gain × target", () => {
    expect(bundleReconcile(25_000, 100, 2_200_000, 0.03, 0.05, 0.05)).toBeCloseTo(121_250, 4);
  });
  it("limits a repayment to stop_loss × target", () => {
    expect(bundleReconcile(25_000, 100, 3_000_000, 0.03, 0.05, 0.05)).toBeCloseTo(-121_250, 4);
    expect(bundleReconcile(25_000, 100, 3_000_000, 0.03)).toBeCloseTo(-575_000, 4);
  });
  it("names a bad discount", () => {
    expectPayError(() => bundleReconcile(1, 1, 1, 3), "#VALUE!", "discount: expected a number from 0 to 1, got 3");
  });
});

describe("GAIN_SHARE", () => {
  // Three partners of a pathway (acute trust, community trust, primary care network) share a £600k saving
  // 50:30:20 (worked by hand): £300k, £180k, £120k.
  it("splits a saving pro rata, one spilled row per partner", () => {
    const parts = gainShare(600_000, col(50, 30, 20));
    expect(parts).toHaveLength(3);
    expect(parts.map((r) => r[0])).toEqual([300_000, 180_000, 120_000]);
  });
  it("shares a loss by loss weights where given", () => {
    expect(gainShare(-100_000, col(50, 30, 20), col(1, 1, 0)).map((r) => r[0])).toEqual([-50_000, -50_000, 0]);
    expect(gainShare(-100_000, col(50, 30, 20)).map((r) => r[0])).toEqual([-50_000, -30_000, -20_000]);
  });
  it("keeps spacer rows blank so parts line up with partner names", () => {
    expect(gainShare(100, col(1, null, 1))).toEqual([[50], [""], [50]]);
  });
  it("weights adding to zero are #DIV/0!", () => {
    expectPayError(() => gainShare(100, col(0, 0)), "#DIV/0!", "weights add up to 0");
  });
});

describe("OVERSPEND_PROBABILITY and MIN_POPULATION", () => {
  // With cost CV 3 and a 5% tolerance, z = Φ⁻¹(0.95) = 1.644853627: (1.644853627 × 3 / 0.05)² = 9,739.9…,
  // so 9,740 people are needed for 95% confidence; the chance of a >5% overspend at that size is just
  // under 5%, and at 9,739 just over.
  it("finds the minimum population and agrees with the overspend probability", () => {
    const n = minPopulation(3, 0.05);
    expect(n).toBe(Math.ceil(((1.6448536269514722 * 3) / 0.05) ** 2));
    expect(overspendProbability(n, 3, 0.05)).toBeLessThanOrEqual(0.05);
    expect(overspendProbability(n - 1, 3, 0.05)).toBeGreaterThan(0.05);
  });
  it("a list of 9,000 (Crump et al. 1991) is far riskier than a district of 180,000", () => {
    expect(overspendProbability(9000, 3, 0.05)).toBeGreaterThan(0.05);
    expect(overspendProbability(180_000, 3, 0.05)).toBeLessThan(1e-9); // z = 0.05·√180000/3 ≈ 7.07
  });
  it("is 1 − Φ(tol √N / cv)", () => {
    // tol √N / cv = 0.05 × 100 / 5 = 1 → 1 − Φ(1) = 0.15865525393145705
    expect(overspendProbability(10_000, 5, 0.05)).toBeCloseTo(0.15865525393145705, 12);
  });
  it("errors: zero population is #DIV/0!, confidence must be inside (0, 1)", () => {
    expectPayError(() => overspendProbability(0, 3, 0.05), "#DIV/0!", "population is 0");
    expectPayError(() => minPopulation(3, 0), "#DIV/0!", "tolerance is 0");
    expectPayError(() => minPopulation(3, 0.05, 1), "#VALUE!", "confidence");
    expectPayError(() => minPopulation(3, 0.05, -0.1), "#VALUE!", "confidence: expected a number from 0 to 1, got -0.1");
  });
});

describe("edge values (issue: hangs and edge values)", () => {
  // The call below walked ~10⁸ populations one by one (over a minute, blocking Excel's shared runtime); the
  // test's timeout is the guard against a hang, not a performance target (that is the bench's job).
  it("MIN_POPULATION answers for any input without walking millions of steps", { timeout: 5000 }, () => {
    expect(Number.isInteger(minPopulation(1, 1e-20, 0.5000000000000001))).toBe(true);
    for (const [cv, tol, conf] of [
      [3, 0.05, 0.95],
      [0.5, 1e-6, 0.999],
      [10, 1e-9, 0.6],
      [1, 1e-20, 0.5000000000000001],
    ]) {
      let m: number;
      try {
        m = minPopulation(cv, tol, conf);
      } catch (e) {
        expect((e as PayError).code).toBe("#NUM!");
        continue;
      }
      expect(overspendProbability(m, cv, tol)).toBeLessThanOrEqual(1 - conf);
      if (m > 1) expect(overspendProbability(m - 1, cv, tol)).toBeGreaterThan(1 - conf);
    }
  });
  it("returns −0 as 0", () => {
    expect(Object.is(pathwayCost(col(1), col(1), null, -0), 0)).toBe(true);
    expect(Object.is(capitation(col(1), col(1), -0), 0)).toBe(true);
    expect(Object.is(marginalRate(0, 0, 0), 0)).toBe(true);
    const parts = gainShare(-0, col(1, 1)) as number[][];
    expect(parts.every(([p]) => Object.is(p, 0))).toBe(true);
  });
  it("GAIN_SHARE splits by huge weights without overflowing to zeros", () => {
    expect(gainShare(600, col(1e308, 1e308))).toEqual([[300], [300]]);
    expect(gainShare(600, col(1e308, 0, 1e308))).toEqual([[300], [0], [300]]);
    expect(gainShare(900, col(5e-324, 1e-323))).toEqual([[300], [600]]);
  });
  it("names row and column of a bad cell inside a block, not a cell number", () => {
    const block: unknown[][] = Array.from({ length: 3 }, () => [1, 1, 1]);
    block[1][2] = "n/a";
    expectPayError(
      () =>
        pathwayCost(
          block,
          Array.from({ length: 3 }, () => [1, 1, 1]),
        ),
      "#VALUE!",
      "unit_costs, row 2, column 3",
      "'n/a'",
    );
    const big: unknown[][] = Array.from({ length: 10_000 }, () => [1, 1, 1, 1, 1, 1]);
    big[8334][0] = "x"; // the 50,005th cell in reading order
    expectPayError(
      () =>
        pathwayCost(
          big,
          big.map((r) => r.map(() => 1)),
        ),
      "#VALUE!",
      "unit_costs, row 8335, column 1",
    );
    expectPayError(() => pathwayCost([[1, "x", 1]], [[1, 1, 1]]), "#VALUE!", "unit_costs, column 2");
  });
});
