/**
 * The transition over years (docs/design.md, "Years"): the identity with the single-year comparison, and
 * hand-worked effects of phasing, re-basing, release of stranded fixed cost, backfill, set-up and uplift.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, contractFor, DEFAULT_TERMS, MODEL_IDS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { needBasedInputs, readPopulation } from "../../src/engine/inputs/population";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { DEFAULT_TRANSITION, describePayback, npv, transition, type TransitionTerms } from "../../src/engine/comparison/transition";
import { payback } from "../../src/engine/rules/appraisal";
import { col } from "./helpers";

// The three-organisation pathway worked by hand in organisations.test.ts: V = 262,000, C = 230,000; the full
// shift moves the acute trust to value 160,000 and cost 162,000 (18,000 of fixed cost stranded), the
// community trust to 60,000 and 46,400.
const steps: Step[] = [
  { name: "Admission", setting: "hospital", organisation: "Acute trust", unitPrice: 2000, unitCost: 1800, volume: 1, takeUp: 1 },
  { name: "Home visit", setting: "community", organisation: "Community trust", unitPrice: 50, unitCost: 40, volume: 10, takeUp: 1 },
  { name: "GP review", setting: "primary", organisation: "PCN", unitPrice: 30, unitCost: 25, volume: 4, takeUp: 1 },
];
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 100 };
const one = (extra: Partial<TransitionTerms> = {}): TransitionTerms => ({ ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [1], ...extra });
const model = (t: ReturnType<typeof transition>, id: string) => t.models.find((m) => m.id === id)!;

describe("transition", () => {
  it("backfilled capacity is paid work: someone pays for it, and the system's figure is the change in real cost (docs/design.md, 'Backfill is paid work')", () => {
    // By hand, the whole shift in year 1, released at once and all of it backfilled: the acute trust avoids 20
    // admissions (value 40,000; cost 36,000, of which 18,000 variable and 18,000 fixed) and fills the capacity
    // with other work worth 40,000 that costs the same 18,000 of variable cost again; the community trust does
    // 200 more visits (value 10,000, cost 6,400). Real cost: acute unchanged, community +6,400.
    const t = transition(inputs, one({ releaseYear: 1, backfillShare: 1 }));
    expect(t.backfill).toEqual({ payer: "commissioner", value: [40_000] });
    const activity = model(t, "activity");
    expect(activity.organisations.map((o) => o.byYear[0])).toEqual([0, 3_600, 0].map((x) => expect.closeTo(x, 6)));
    // The commissioner pays 30,000 less for the pathway but 40,000 for the other work.
    expect(activity.commissioner.byYear[0]).toBeCloseTo(-10_000, 6);
    expect(activity.payer).toBeNull();
    // Under every model the system loses the community's 6,400 (before the fix it showed a saving of 33,600).
    for (const m of t.models) expect(m.system.byYear[0], m.id).toBeCloseTo(-6_400, 6);
    // Another payer named: it has its own line; the commissioner keeps its 30,000; the system is the same.
    const nhse = transition(inputs, one({ releaseYear: 1, backfillShare: 1, backfillPayer: "NHS England" }));
    const a2 = model(nhse, "activity");
    expect(a2.commissioner.byYear[0]).toBeCloseTo(30_000, 6);
    expect(a2.payer?.name).toBe("NHS England");
    expect(a2.payer?.byYear[0]).toBeCloseTo(-40_000, 6);
    for (const m of nhse.models) expect(m.system.byYear[0], m.id).toBeCloseTo(-6_400, 6);
    expect(() => transition(inputs, one({ backfillPayer: "acute trust" }))).toThrow("is an organisation of the pathway");
  });

  it("year 1 with the whole shift, no uplift, no set-up and no release is the single-year comparison's change, for every organisation and model", () => {
    const c = comparePaymentModels(inputs);
    const t = transition(inputs, one());
    MODEL_IDS.forEach((id, k) => {
      const m = model(t, id);
      m.organisations.forEach((o, i) => expect(o.byYear[0]).toBeCloseTo(c.models[k].shift.organisations[i], 9));
      expect(m.commissioner.byYear[0]).toBeCloseTo(c.models[k].shift.commissionerSaving, 9);
      expect(m.system.byYear[0]).toBeCloseTo(-c.models[k].shift.systemChange, 9);
    });
    // The same for the three-organisation example with a lead provider, an alliance and a quality element.
    for (const extra of [{ holder: "alliance" as const }, { qualityShare: 0.02, qualityAchievement: 0.5 }]) {
      const c2 = comparePaymentModels({ ...inputs, ...extra });
      transition({ ...inputs, ...extra }, one()).models.forEach((m, k) =>
        m.organisations.forEach((o, i) => expect(o.byYear[0]).toBeCloseTo(c2.models[k].shift.organisations[i], 9)),
      );
    }
  });
  it("phases the shift in: under activity payment each year's change is the achieved share of the full year's", () => {
    const t = transition(inputs, { ...DEFAULT_TRANSITION, rebaseEvery: 10 });
    // Activity-based payment is linear in the shift: year y's change = achieved share × the full change.
    const full = comparePaymentModels(inputs).models[0].shift.organisations[0]; // −22,000 for the acute trust
    expect(model(t, "activity").organisations[0].byYear.map((x) => +x.toFixed(6))).toEqual(
      [0.25, 0.5, 0.75, 1, 1].map((k) => +(k * full).toFixed(6)),
    );
    expect(model(t, "activity").organisations[0].cumulative[4]).toBeCloseTo(full * 3.5, 6);
  });
  it("re-basing a block every year on last year's activity takes the acute trust's gain away a year later", () => {
    const held = transition(inputs, { ...one(), years: 2, shiftAchieved: [1], rebaseEvery: 10 });
    const yearly = transition(inputs, { ...one(), years: 2, shiftAchieved: [1], rebaseEvery: 1 });
    // Held: the block stays at 200,000 and the acute trust keeps 38,000 − 20,000 = +18,000 both years.
    expect(model(held, "block").organisations[0].byYear).toEqual([expect.closeTo(18_000, 6), expect.closeTo(18_000, 6)]);
    // Re-based in year 2 on year 1's activity: its block is 160,000 against 162,000 of cost: −2,000 − 20,000 = −22,000.
    expect(model(yearly, "block").organisations[0].byYear[1]).toBeCloseTo(-22_000, 6);
  });
  it("releases stranded fixed cost from the release year, or earns on it when the capacity is backfilled", () => {
    const released = transition(inputs, { ...one(), years: 2, shiftAchieved: [1], releaseYear: 2, rebaseEvery: 10 });
    // Activity payment: −22,000 in year 1; in year 2 the 18,000 of stranded fixed cost is released: −4,000.
    expect(model(released, "activity").organisations[0].byYear).toEqual([expect.closeTo(-22_000, 6), expect.closeTo(-4_000, 6)]);
    // Half backfilled: 9,000 released; the other half earns its price 20,000 at a variable cost of 9,000.
    const half = transition(inputs, { ...one(), years: 2, shiftAchieved: [1], releaseYear: 2, backfillShare: 0.5, rebaseEvery: 10 });
    expect(model(half, "activity").organisations[0].byYear[1]).toBeCloseTo(-22_000 + 9_000 + 20_000 - 9_000, 6);
  });
  it("charges the set-up cost to whoever bears it, once, and uplifts prices and costs by year", () => {
    const t = transition(inputs, { ...one(), years: 2, shiftAchieved: [1], setupCost: [50_000], setupBearer: "Community trust", rebaseEvery: 10 });
    const base = comparePaymentModels(inputs).models[0].shift.organisations[1];
    expect(model(t, "activity").organisations[1].byYear).toEqual([expect.closeTo(base - 50_000, 6), expect.closeTo(base, 6)]);
    const up = transition(inputs, { ...one(), years: 2, shiftAchieved: [1], priceUplift: [0.02], costUplift: [0.02], rebaseEvery: 10 });
    expect(model(up, "activity").organisations[0].byYear[1]).toBeCloseTo(-22_000 * 1.02 * 1.02, 6);
  });
  it("NPV and payback with one convention (year 1 at time 0, as PAY.PAYBACK counts it), on textbook cases", () => {
    const t = transition(inputs, { ...DEFAULT_TRANSITION, setupCost: [40_000] });
    for (const m of t.models) {
      const p = m.commissioner;
      expect(p.npv).toBeCloseTo(npv(0.035, p.byYear), 9);
      let expected: number | null;
      try {
        expected = payback(col(...p.byYear.map((x) => Math.round(x * 100) / 100)), 0.035);
      } catch {
        expected = null;
      }
      expect(p.payback).toEqual(expected === null ? null : expect.closeTo(expected, 9));
    }
    // Year 1 at time 0 (HM Treasury Green Book: the first year undiscounted): 100 + 100/1.1.
    expect(npv(0.1, [100, 100])).toBeCloseTo(190.909091, 6);
    // A textbook payback: −1,000 then 300, 400, 500 (undiscounted): 2 + 300/500 = 2.6 years.
    expect(payback(col(-1000, 300, 400, 500), 0)).toBeCloseTo(2.6, 12);
    // Discounted at 10%: −1,000, 600/1.1, 600/1.21; payback 1 + 454.55/495.87, and the NPV is the discounted
    // cumulative position at the end, the same discounting: 41.32.
    expect(payback(col(-1000, 600, 600), 0.1)).toBeCloseTo(1 + (1000 - 600 / 1.1) / (600 / 1.21), 9);
    expect(npv(0.1, [-1000, 600, 600])).toBeCloseTo(-1000 + 600 / 1.1 + 600 / 1.21, 9);
    expect(describePayback({ byYear: [-100, -50, -10], payback: null }, 0.035)).toBe("never pays back within 3 years");
    expect(describePayback({ byYear: [10, 20], payback: 0 }, 0.035)).toBe("no investment: in surplus every year");
    expect(describePayback({ byYear: [-1000, 300, 400, 500], payback: 2.6 }, 0)).toBe("payback 2.6 years");
    expect(describePayback({ byYear: [-1000, 600, 600], payback: 1.92 }, 0.1)).toBe("discounted payback 1.9 years");
    // A position that starts in surplus and then falls below 0 is never "no investment" beside a negative NPV.
    const falling = [10_000, -50_000, -50_000];
    expect(npv(0.035, falling)).toBeLessThan(0);
    expect(payback(col(...falling), 0.035)).toBe(0);
    expect(describePayback({ byYear: falling, payback: 0 }, 0.035)).toBe("never pays back: turns negative in year 2");
    expect(describePayback({ byYear: [10_000, -20_000, 50_000], payback: 0 }, 0.035)).toBe("turns negative in year 2, then recovers");
  });
  it("refuses bad terms by name", () => {
    expect(() => transition(inputs, { ...DEFAULT_TRANSITION, years: 11 })).toThrow(/years: expected a whole number from 1 to 10/);
    expect(() => transition(inputs, { ...DEFAULT_TRANSITION, shiftAchieved: [0.5, 1] })).toThrow(
      /shiftAchieved: expected one value, or one value for each of the 5 years/,
    );
    expect(() => transition(inputs, { ...DEFAULT_TRANSITION, setupBearer: "Nobody" })).toThrow(/setupBearer/);
    expect(() => transition(inputs, { ...DEFAULT_TRANSITION, releaseYear: 9 })).toThrow(/releaseYear/);
  });
});

describe("the capitated budget over the years", () => {
  // Every step of the integrated example is paid fixed today (no point of delivery: each setting's default), so
  // doing nothing, today's contracts pay last year's value grown by demand: V × (1 + g)^(y − 1), re-based yearly.
  // A need-based budget calibrated to today's payment V over the same population must grow the same way.
  const read = readPathwayTable([[...INTEGRATED_HEADERS], ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
  const base: ComparisonInputs = { ...DEFAULT_TERMS, steps: read.steps, cohort: INTEGRATED_COHORT };
  const terms: TransitionTerms = { ...DEFAULT_TRANSITION, years: 4, shiftAchieved: [0], demandGrowth: 0.05 };

  it("with a population, grows with the population and demand as the do-nothing path does", () => {
    const pop = readPopulation(
      [
        ["Group", "People", "Weight"],
        ["Low", 300, 0.8],
        ["High", 120, 1.5],
      ],
      "Population!A1:C3",
    );
    const { inputs } = needBasedInputs(base, pop, null, contractFor(base).totalValue);
    const t = transition(inputs, terms);
    const cap = t.models.find((m) => m.id === "capitation")!;
    // Paid what today's contracts pay, year after year: nothing between them, however demand grows.
    for (const x of cap.versusToday.commissioner.byYear) expect(Math.abs(x)).toBeLessThan(1e-6);
    expect(t.notes.join(" ")).toContain("grows with the population (demand growth 5% a year)");
  });

  it("at a rate per patient, moves with prices alone, and says so", () => {
    const rate = contractFor(base).totalValue / INTEGRATED_COHORT;
    const t = transition({ ...base, capitationRate: rate }, terms);
    const cap = t.models.find((m) => m.id === "capitation")!;
    // The commissioner saves what demand growth adds to today's contracts: V × ((1.05)^(y − 1) − 1).
    const V = contractFor(base).totalValue;
    cap.versusToday.commissioner.byYear.forEach((x, i) => expect(x).toBeCloseTo(V * (1.05 ** i - 1), 4));
    expect(t.notes.join(" ")).toContain("moves with the price uplift alone, so demand growth (5% a year) falls on its holder");
  });
});
