/**
 * Sensitivity (what drives the answer) and the named NHS rules for the blended model. Each sensitivity point
 * is the comparison run with that one input changed; each preset settles the blended model as
 * PAY.MARGINAL_RATE with its rates above and below baseline.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, contractFor, DEFAULT_TERMS, MODEL_IDS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { marginalRate } from "../../src/engine/rules/formulas";
import { stateActivity } from "../../src/engine/comparison/compare";
import { organisationState, stepState } from "../../src/engine/comparison/organisations";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { BLENDED_PRESETS } from "../../src/engine/comparison/presets";
import {
  byTarget,
  driversReading,
  topDrivers,
  largestDrivers,
  sensitivity,
  sensitivityInputs,
  shiftedOutcomes,
  swing,
  WHOLE_UP_TO,
  type DriverTarget,
  type SensitivityRow,
} from "../../src/engine/comparison/sensitivity";
import { presetTerms, readTerms, DEFAULT_TERMS_TEXT, comparisonInputs } from "../../src/engine/inputs/terms";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";

const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, mff: MFF, steps: table.steps, cohort: INTEGRATED_COHORT };

describe("sensitivity", () => {
  const s = sensitivity(inputs);
  it("moves every term and each step's volume, take-up, price and cost", () => {
    const keys = sensitivityInputs(inputs).map((x) => x.input);
    for (const k of [
      "mff",
      "blockValue",
      "blendedVariableRate",
      "bundlePrice",
      "stopGain",
      "stopLoss",
      "capitationRate",
      "corridorThresholds",
      "corridorShares",
      "gainShareRate",
      "shiftShare",
      "shiftCommunityUplift",
      "variableShareHospital",
    ])
      expect(keys).toContain(k);
    for (let i = 0; i < inputs.steps.length; i++)
      for (const f of ["volume", "takeUp", "unitPrice", "unitCost"]) expect(keys).toContain(`steps[${i}].${f}`);
  });
  it("each point equals the comparison run with that one input changed", () => {
    const inputsById = new Map(sensitivityInputs(inputs).map((x) => [x.input, x]));
    for (const model of s.models) {
      for (const row of model.rows.filter((r) =>
        [
          "mff",
          "shiftShare",
          "variableShareHospital",
          "blockValue",
          "corridorShares",
          "steps[1].volume",
          "steps[4].unitCost",
          "steps[6].takeUp",
        ].includes(r.input),
      )) {
        const x = inputsById.get(row.input)!;
        for (const [value, at] of [
          [row.low, row.atLow],
          [row.high, row.atHigh],
        ] as const) {
          const again = comparePaymentModels(x.set(inputs, value)).models.find((m) => m.id === model.id)!.states.shifted;
          expect(at.commissioner).toBeCloseTo(again.commissioner, 6);
          again.organisations.forEach((o, i) => expect(at.organisations[i]).toBeCloseTo(o.margin, 6));
          expect(at.system).toBeCloseTo(
            again.organisations.reduce((t, o) => t + o.margin, 0),
            6,
          );
        }
      }
    }
  });
  it("the base is the comparison after the care shift, and rows are sorted by the swing of the system margin", () => {
    const c = comparePaymentModels(inputs);
    s.models.forEach((m, k) => {
      expect(m.base.commissioner).toBeCloseTo(c.models[k].states.shifted.commissioner, 6);
      const swings = m.rows.map((r) => Math.abs(r.atHigh.system - r.atLow.system));
      for (let i = 1; i < swings.length; i++) expect(swings[i]).toBeLessThanOrEqual(swings[i - 1]);
    });
    expect(s.models.map((m) => m.id)).toEqual([...MODEL_IDS]);
  });
  it("shares move ±10 points within 0 to 1; money ±10%; and the ranges can be changed", () => {
    const block = s.models[1].rows.find((r) => r.input === "shiftShare")!;
    expect([block.low, block.high]).toEqual([0.1, 0.30000000000000004]);
    // The MFF is a published constant, not an uncertainty: moved only when asked.
    expect(s.models[1].rows.find((r) => r.input === "mff")).toBeUndefined();
    const mff = sensitivity(inputs, undefined, { includeMff: true }).models[1].rows.find((r) => r.input === "mff")!;
    expect([mff.low, mff.high].map((x) => +x.toFixed(6))).toEqual([0.927, 1.133]);
    expect(mff.group).toBe("published");
    const wide = sensitivity(inputs, { relative: 0.2, share: 0.05 }).models[0].rows.find((r) => r.input === "steps[1].unitPrice")!;
    expect([wide.low, wide.high]).toEqual([9500 * 0.8, 9500 * 1.2]);
    // Under activity-based payment the acute trust's margin moves with the price of its hip fracture spell.
    const [lo, hi] = swing(wide, 0);
    expect(hi).toBeGreaterThan(lo);
  });
});

describe("cost behaviour and groups", () => {
  const s = sensitivity(inputs);
  it("a setting's variable cost share moves every step's own share of that setting (the example's table gives one per step)", () => {
    // By hand: after the shift a hospital step's cost is unit cost × take-up × cohort × volume × (1 − v × shift),
    // so 10 more points of v cut the acute trust's cost, and raise its margin under activity payment, by
    // 0.1 × shift × Σ unit cost × take-up × cohort × volume over its hospital steps.
    const hospital = INTEGRATED_STEPS.filter((x) => x[1] === "hospital");
    const want = 0.1 * inputs.shiftShare * hospital.reduce((t, x) => t + x[4] * x[6] * x[5] * INTEGRATED_COHORT, 0);
    const row = s.models[0].rows.find((r) => r.input === "variableShareHospital")!;
    const [lo, hi] = swing(row, 0);
    const base = s.models[0].base.organisations[0];
    expect(hi - base).toBeCloseTo(want, 6);
    expect(base - lo).toBeCloseTo(want, 6);
    expect(want).toBeGreaterThan(50_000); // was 0 when only the default share moved
  });

  it("drivers are grouped: what may turn out differently apart from what is negotiated", () => {
    const groups = new Map(s.models[0].rows.map((r) => [r.input, r.group]));
    for (const k of [
      "shiftShare",
      "shiftCommunityUplift",
      "variableShareHospital",
      "qualityAchievement",
      "steps[0].volume",
      "steps[0].takeUp",
      "steps[0].unitCost",
    ])
      expect(groups.get(k), k).toBe("uncertain");
    for (const k of [
      "blockValue",
      "blendedVariableRate",
      "bundlePrice",
      "stopGain",
      "capitationRate",
      "corridorThresholds",
      "corridorShares",
      "gainShareRate",
      "qualityShare",
      "steps[0].unitPrice",
    ])
      expect(groups.get(k), k).toBe("negotiated");
  });
});

describe("presets of NHS rules for the blended model", () => {
  for (const p of BLENDED_PRESETS) {
    it(`${p.id}: ${p.rateAbove * 100}% above baseline, ${p.rateBelow * 100}% below (${p.year})`, () => {
      const t = readTerms({ ...DEFAULT_TERMS_TEXT, ...presetTerms(p.id)! });
      const inp = comparisonInputs(t.terms!, { steps: table.steps, cohort: INTEGRATED_COHORT });
      const c = comparePaymentModels(inp);
      const blended = c.models.find((m) => m.id === "blended")!;
      // Each organisation is paid PAY.MARGINAL_RATE(its activity value, its baseline value, above, below).
      const base = c.byOrganisation.map((o) => o.value);
      for (const state of ["lower", "higher", "shifted"] as const) {
        const values = comparePaymentModels({ ...inp })
          .models.find((m) => m.id === "activity")!
          .states[state].organisations.map((o) => o.income);
        blended.states[state].organisations.forEach((o, i) =>
          expect(o.income).toBeCloseTo(marginalRate(values[i], base[i], p.rateAbove, p.rateBelow), 6),
        );
      }
      expect(p.source.length).toBeGreaterThan(20);
    });
  }
  it("api-2022 notes that the deduction was not applied in practice", () => {
    expect(BLENDED_PRESETS.find((p) => p.id === "api-2022")!.note).toContain("not applied in practice");
  });
});

describe("a step's figure is settled from its own contribution, as a full re-run gives it", () => {
  it("on random pathways of up to 12 steps and 4 organisations, every row equals the full re-run to 1e-9", () => {
    // Figures a pathway holds: 0, or at least a penny (a price of 1e-210 pounds is no price, and at a total
    // value of 0 the block's split jumps from pro rata to equal shares, which rounding can tip either way).
    const from = (min: number, max: number) => fc.oneof(fc.constant(0), fc.double({ min, max, noNaN: true }));
    const share = from(0.001, 1);
    const money = from(0.01, 5000);
    const step = fc.record({
      name: fc.constant("s"),
      setting: fc.constantFrom("hospital", "community", "primary", "other") as fc.Arbitrary<Step["setting"]>,
      organisation: fc.option(fc.constantFrom("A", "B", "C", "D"), { nil: undefined }),
      unitPrice: money,
      unitCost: money,
      volume: from(0.001, 20),
      takeUp: share,
      variableShare: fc.option(share, { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.constantFrom("lead", "alliance") as fc.Arbitrary<"lead" | "alliance">,
        fc.option(fc.double({ min: 1, max: 1e7, noNaN: true }), { nil: null }),
        (steps, holder, blockValue) => {
          const inp = { ...DEFAULT_TERMS, steps, cohort: 250, holder, blockValue, qualityShare: 0.02 };
          const s = sensitivity(inp);
          const inputs = sensitivityInputs(inp).filter((x) => x.input.startsWith("steps["));
          const scale = Math.max(1, contractFor(inp).totalValue, contractFor(inp).totalCost, blockValue ?? 0);
          for (const x of inputs) {
            const row = s.models[0].rows.find((r) => r.input === x.input)!;
            const full = { low: shiftedOutcomes(x.set(inp, row.low)), high: shiftedOutcomes(x.set(inp, row.high)) };
            s.models.forEach((m, k) => {
              const r = m.rows.find((y) => y.input === x.input)!;
              for (const [got, want] of [
                [r.atLow, full.low[k]],
                [r.atHigh, full.high[k]],
              ] as const) {
                expect(Math.abs(got.system - want.system), `${m.id} ${x.input}`).toBeLessThanOrEqual(1e-9 * scale);
                expect(Math.abs(got.commissioner - want.commissioner)).toBeLessThanOrEqual(1e-9 * scale);
                got.organisations.forEach((o, i) => expect(Math.abs(o - want.organisations[i])).toBeLessThanOrEqual(1e-9 * scale));
              }
            });
          }
        },
      ),
      // A failure's shrinking re-runs the sensitivity hundreds of times: bounded, so a busy machine still reports it.
      { numRuns: 60, interruptAfterTimeLimit: 10_000 },
    );
  });

  it("a step's own contribution (stepState) is its entry of organisationState, to the last digit, in every state", () => {
    const step = fc.record({
      name: fc.constant("s"),
      setting: fc.constantFrom("hospital", "community", "primary", "other") as fc.Arbitrary<Step["setting"]>,
      organisation: fc.constantFrom("A", "B"),
      unitPrice: fc.double({ min: 0, max: 1e6, noNaN: true }),
      unitCost: fc.double({ min: 0, max: 1e6, noNaN: true }),
      volume: fc.double({ min: 0, max: 50, noNaN: true }),
      takeUp: fc.double({ min: 0, max: 1, noNaN: true }),
      variableShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      volumeChange: fc.option(fc.double({ min: -1, max: 3, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(step, fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0.5, max: 1.5, noNaN: true }), (s, cohort, mff) => {
        const inp = { ...DEFAULT_TERMS, steps: [s], cohort, mff, shiftShare: 0.3, shiftCommunityUplift: 0.2 };
        const orgs = ["B", "A"];
        for (const state of ["base", "lower", "higher", "shifted"] as const) {
          const a = stateActivity(state, inp);
          const whole = organisationState([s], orgs, inp, a);
          const own = stepState(s, inp, a);
          const [o, other] = s.organisation === "A" ? [1, 0] : [0, 1];
          expect([own.value, own.cost]).toEqual([whole.value[o], whole.cost[o]]);
          expect([whole.value[other], whole.cost[other]]).toEqual([0, 0]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("largestDrivers: what a view can show of a large sensitivity", () => {
  it("keeps a small sensitivity whole, and of a large one every row among the n widest of any result and group", () => {
    const steps = Array.from({ length: 80 }, (_, i) => ({
      name: `Step ${i + 1}`,
      setting: (["hospital", "community", "primary", "other"] as const)[i % 4],
      organisation: ["Acute trust", "Community trust", "PCN"][i % 3],
      unitPrice: 50 + 37 * (i % 11),
      unitCost: 45 + 31 * (i % 13),
      volume: 0.1 + (i % 5) * 0.4,
      takeUp: 0.3 + (i % 7) * 0.1,
    }));
    const small = sensitivity({ ...DEFAULT_TERMS, steps: steps.slice(0, 20), cohort: 500 });
    expect(largestDrivers(small, 12)).toBe(small);
    const s = sensitivity({ ...DEFAULT_TERMS, steps, cohort: 500 });
    expect(s.models[0].rows.length).toBeGreaterThan(WHOLE_UP_TO);
    const kept = largestDrivers(s, 12);
    const targets: DriverTarget[] = [0, 1, 2, "commissioner", "system"];
    kept.models.forEach((m, k) => {
      const all = s.models[k].rows;
      expect(m.rows.length).toBeLessThan(all.length);
      // In the order they had, and for every result and group, the top 12 there are the top 12 of the whole.
      expect(m.rows).toEqual(all.filter((r) => m.rows.includes(r)));
      for (const g of ["uncertain", "negotiated"] as const)
        for (const t of targets) {
          const width = (rows: SensitivityRow[]) =>
            byTarget(rows, t)
              .slice(0, 12)
              .map((r) => Math.abs(swing(r, t)[1] - swing(r, t)[0]));
          expect(width(m.rows.filter((r) => r.group === g))).toEqual(width(all.filter((r) => r.group === g)));
          expect(width(m.rows)).toEqual(width(all));
        }
    });
  });
});

describe("drivers with no effect", () => {
  it("never fill a place among the top drivers (two steps: under payment by activity only the two prices are negotiated drivers that move anything)", () => {
    const steps: Step[] = [
      { name: "Admission", setting: "hospital", unitPrice: 2000, unitCost: 1800, volume: 1, takeUp: 1 },
      { name: "Visit", setting: "community", unitPrice: 50, unitCost: 45, volume: 4, takeUp: 1 },
    ];
    const s = sensitivity({ ...DEFAULT_TERMS, steps, cohort: 100 });
    const activity = s.models.find((m) => m.id === "activity")!;
    const negotiated = activity.rows.filter((r) => r.group === "negotiated");
    expect(negotiated.length).toBeGreaterThan(2);
    const top = topDrivers(negotiated, "system", 3);
    expect(top.map((r) => r.label)).toEqual(["Admission: unit price", "Visit: unit price"]);
    expect(driversReading(s, "activity", "system")).not.toMatch(/\((−?£[\d,]+) to \1\)/);
  });
});
