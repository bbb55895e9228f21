/**
 * Property-based tests (fast-check): over 100,000 generated calls in all, every function returns a finite
 * number (or a spilled array of finite numbers and blanks) or throws a contract error — never NaN,
 * Infinity, or any other exception — and the invariants of each payment rule hold.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PayError } from "../../src/engine/rules/errors";
import * as F from "../../src/engine/rules/formulas";
import * as Q from "../../src/engine/rules/quality";
import { payback } from "../../src/engine/rules/appraisal";

const RUNS = 6_000; // per property: 11 messy-input properties + 8 invariants = 114,000 generated calls

/** Anything Excel (old or new), the CLI or a careless sheet can send in a cell. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 400 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "", "  ", "n/a", "-", "12", true, false, 0, -0, 1e308, -1e308, undefined) },
);
const shaped = (len: number) =>
  fc.oneof(
    fc.array(cell, { minLength: len, maxLength: len }).map((v) => v.map((x) => [x])),
    fc.array(cell, { minLength: len, maxLength: len }).map((v) => [v]),
  );
/** A range argument: a column, a row or a single cell, usually of a shared length. */
const range = (len: number) =>
  fc.oneof({ weight: 5, arbitrary: shaped(len) }, { weight: 1, arbitrary: cell }, { weight: 1, arbitrary: shaped(len + 1) });
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });

const CODES = new Set(["#VALUE!", "#DIV/0!", "#NUM!", "#N/A"]);

function assertContract(run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    if (!(e instanceof PayError) || !CODES.has(e.code) || e.message.length === 0) throw new Error(`not a contract error: ${String(e)}`);
    return;
  }
  if (typeof result === "number") {
    if (!Number.isFinite(result) || Object.is(result, -0)) throw new Error(`non-finite or −0 result ${result}`);
    return;
  }
  if (!Array.isArray(result) || result.length === 0) throw new Error(`unexpected result ${JSON.stringify(result)}`);
  for (const r of result as unknown[][]) {
    for (const v of r) {
      // A row's own error stays in its cell (docs/formula-contract.md): a contract error with a message, like a thrown one.
      if (v instanceof PayError && CODES.has(v.code) && v.message.length > 0) continue;
      if (!(v === "" || (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)))) throw new Error(`bad element ${String(v)}`);
    }
  }
}

const len = fc.integer({ min: 1, max: 6 });

describe("every function returns a finite result or a contract error, whatever it is sent", () => {
  it("PATHWAY_COST", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(range(n), range(n), optional(range(n)), optional(cell), optional(cell))),
        (a) => assertContract(() => F.pathwayCost(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("CAPITATION", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(range(n), range(n), cell, optional(cell), optional(cell))),
        (a) => assertContract(() => F.capitation(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("RISK_SHARE", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(cell, cell, range(n), range(n), optional(cell))),
        (a) => assertContract(() => F.riskShare(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("SPELL_PRICE", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(range(n), range(n), range(n), range(n), optional(range(n)), optional(range(n)))),
        (a) => assertContract(() => F.spellPrice(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("MARGINAL_RATE", () => {
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell, optional(cell)), (a) => assertContract(() => F.marginalRate(...a))),
      { numRuns: RUNS },
    );
  });
  it("BLENDED_PAYMENT", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(cell, range(n), range(n), optional(cell), optional(cell))),
        (a) => assertContract(() => F.blendedPayment(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("SHARED_SAVINGS", () => {
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell, optional(cell), optional(cell), optional(cell), optional(cell), optional(cell)), (a) =>
        assertContract(() => F.sharedSavings(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("BUNDLE_RECONCILE", () => {
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell, optional(cell), optional(cell), optional(cell)), (a) => assertContract(() => F.bundleReconcile(...a))),
      { numRuns: RUNS },
    );
  });
  it("GAIN_SHARE", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(cell, range(n), optional(range(n)))),
        (a) => assertContract(() => F.gainShare(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("OVERSPEND_PROBABILITY", () => {
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell), (a) => assertContract(() => F.overspendProbability(...a))),
      { numRuns: RUNS },
    );
  });
  it("MIN_POPULATION", () => {
    fc.assert(
      fc.property(fc.tuple(cell, cell, optional(cell)), (a) => assertContract(() => F.minPopulation(...a))),
      { numRuns: RUNS },
    );
  });
  it("QOF_PAYMENT", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(range(n), range(n), range(n), range(n), cell, optional(range(n)), optional(range(n)))),
        (a) => assertContract(() => Q.qofPayment(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("CQUIN_PAYMENT", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(cell, cell, range(n), range(n))),
        (a) => assertContract(() => Q.cquinPayment(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("SELECTION_GAIN", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(range(n), range(n), range(n), optional(range(n)))),
        (a) => assertContract(() => Q.selectionGain(...a)),
      ),
      { numRuns: RUNS },
    );
  });
  it("PAYBACK", () => {
    fc.assert(
      fc.property(
        len.chain((n) => fc.tuple(range(n), optional(cell))),
        (a) => assertContract(() => payback(...a)),
      ),
      { numRuns: RUNS },
    );
  });
});

// --- invariants over valid inputs ---------------------------------------------------------------------
const money = fc.double({ min: 0, max: 1e8, noNaN: true });
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const positive = fc.double({ min: 1, max: 1e8, noNaN: true });
const corridor = fc.uniqueArray(fc.double({ min: 0.001, max: 0.5, noNaN: true }), { minLength: 0, maxLength: 4 }).chain((upper) => {
  const thresholds = [0, ...upper.sort((a, b) => a - b)];
  return fc.tuple(fc.constant(thresholds), fc.array(frac, { minLength: thresholds.length, maxLength: thresholds.length }));
});
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("invariants", () => {
  it("RISK_SHARE is monotone in actual", () => {
    fc.assert(
      fc.property(corridor, positive, money, money, fc.option(frac, { nil: null }), ([th, sh], budget, a1, a2, cap) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const f = (a: number) =>
          F.riskShare(
            a,
            budget,
            th.map((t) => [t]),
            sh.map((s) => [s]),
            cap,
          );
        expect(f(lo)).toBeLessThanOrEqual(f(hi) + 1e-9 * budget);
      }),
      { numRuns: RUNS },
    );
  });
  it("RISK_SHARE is zero inside the first band when its share is 0", () => {
    fc.assert(
      fc.property(corridor, positive, frac, ([th, sh], budget, where) => {
        const width = th.length > 1 ? th[1] : 0.2;
        const shares = [0, ...sh.slice(1)];
        // Strictly inside the band: exactly on its edge, rounding may put the variance a hair into the next band.
        const actual = budget * (1 + (where * 2 - 1) * width * 0.999);
        expect(
          F.riskShare(
            actual,
            budget,
            th.map((t) => [t]),
            shares.map((s) => [s]),
          ),
        ).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
  it("GAIN_SHARE parts add up to the saving", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (saving, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = F.gainShare(
            saving,
            weights.map((w) => [w]),
          ).map((r) => r[0] as number);
          expect(parts).toHaveLength(weights.length);
          expect(Math.abs(parts.reduce((s, p) => s + p, 0) - saving)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(saving)));
        },
      ),
      { numRuns: RUNS },
    );
  });
  it("PATHWAY_COST is linear in patients", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(money, fc.double({ min: 0, max: 50, noNaN: true }), frac), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (steps, p, k) => {
          const c = steps.map((s) => [s[0]]);
          const v = steps.map((s) => [s[1]]);
          const t = steps.map((s) => [s[2]]);
          expect(close(F.pathwayCost(c, v, t, p * k), k * F.pathwayCost(c, v, t, p))).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it("CAPITATION is linear in base_rate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true })), { minLength: 1, maxLength: 6 }),
        money,
        fc.double({ min: 0, max: 100, noNaN: true }),
        (groups, rate, k) => {
          const pop = groups.map((g) => [g[0]]);
          const w = groups.map((g) => [g[1]]);
          expect(close(F.capitation(pop, w, rate * k), k * F.capitation(pop, w, rate))).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it("SHARED_SAVINGS is never above its cap, nor a repayment beyond its loss cap", () => {
    fc.assert(
      fc.property(money, positive, frac, frac, frac, frac, frac, frac, (actual, bench, rate, msr, cap, lr, mlr, lcap) => {
        const pay = F.sharedSavings(actual, bench, rate, msr, cap, lr, mlr, lcap);
        expect(pay).toBeLessThanOrEqual(cap * bench * (1 + 1e-12));
        expect(pay).toBeGreaterThanOrEqual(-lcap * bench * (1 + 1e-12));
      }),
      { numRuns: RUNS },
    );
  });
  it("BUNDLE_RECONCILE stays within stop-gain and stop-loss", () => {
    fc.assert(
      fc.property(money, fc.integer({ min: 0, max: 1000 }), money, frac, frac, frac, (price, episodes, actual, discount, gain, loss) => {
        const target = price * (1 - discount) * episodes;
        const r = F.bundleReconcile(price, episodes, actual, discount, gain, loss);
        expect(r).toBeLessThanOrEqual(gain * target * (1 + 1e-12) + 1e-9);
        expect(r).toBeGreaterThanOrEqual(-loss * target * (1 + 1e-12) - 1e-9);
      }),
      { numRuns: RUNS },
    );
  });
  it("MIN_POPULATION is the smallest population whose OVERSPEND_PROBABILITY is within 1 − confidence", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.005, max: 0.5, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (cv, tol, conf) => {
          const n = F.minPopulation(cv, tol, conf);
          expect(Number.isInteger(n) && n >= 1).toBe(true);
          expect(F.overspendProbability(n, cv, tol)).toBeLessThanOrEqual(1 - conf);
          if (n > 1) expect(F.overspendProbability(n - 1, cv, tol)).toBeGreaterThan(1 - conf);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
