/**
 * The comparison organisation by organisation (docs/design.md, "The economics behind the comparison"): hand-worked
 * incomes for every model of a three-organisation pathway, and the invariant that holds in every model and
 * every state: Σ organisations' income = what the commissioner pays.
 */
import fc from "fast-check";
import { organisationsOf } from "../../src/engine/comparison/organisations";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, STATE_IDS, type ComparisonInputs, type ModelResult, type Step } from "../../src/engine/comparison/compare";
import { inputsArb, share } from "./arbitraries";

// Worked pathway, cohort 100, MFF 1, the default variable-cost shares (hospital 50%, community and primary 80%):
//   Acute trust       admission   £2,000 price, £1,800 cost, 1 per patient   value 200,000  cost 180,000
//   Community trust   home visit  £50 price,    £40 cost,   10 per patient   value  50,000  cost  40,000
//   PCN               GP review   £30 price,    £25 cost,    4 per patient   value  12,000  cost  10,000
// Baseline: V = 262,000, C = 230,000. Care shift: 20% of admissions avoided, home visits +20%:
//   Acute: value 160,000; cost 180,000 × (1 + 0.5 × −0.2) = 162,000 (all-variable would be 144,000: 18,000 stranded)
//   Community: value 60,000; cost 40,000 × (1 + 0.8 × 0.2) = 46,400.   PCN: unchanged.
const steps: Step[] = [
  { name: "Admission", setting: "hospital", organisation: "Acute trust", unitPrice: 2000, unitCost: 1800, volume: 1, takeUp: 1 },
  { name: "Home visit", setting: "community", organisation: "Community trust", unitPrice: 50, unitCost: 40, volume: 10, takeUp: 1 },
  { name: "GP review", setting: "primary", organisation: "PCN", unitPrice: 30, unitCost: 25, volume: 4, takeUp: 1 },
];
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps, cohort: 100 };
const cmp = comparePaymentModels(inputs);
const m = (id: string): ModelResult => cmp.models.find((x) => x.id === id)!;
/** [income, margin] of each organisation in a state. */
const org = (id: string, state: "base" | "shifted", o: number) => [
  m(id).states[state].organisations[o].income,
  m(id).states[state].organisations[o].margin,
];
const close = (got: number[], want: number[]) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 6));

describe("three organisations, worked by hand", () => {
  it("reads organisations and each one's value and cost; stranded fixed cost when hospital activity falls", () => {
    expect(cmp.organisations).toEqual(["Acute trust", "Community trust", "PCN"]);
    expect(cmp.lead).toBe("Acute trust"); // the largest baseline value
    close([cmp.activityValue, cmp.cost, cmp.shiftedActivityValue, cmp.shiftedCost], [262_000, 230_000, 232_000, 218_400]);
    close(
      cmp.byOrganisation.map((o) => o.shiftedCost),
      [162_000, 46_400, 10_000],
    );
    expect(cmp.byOrganisation[0].strandedOnShift).toBeCloseTo(18_000, 6);
  });
  it("activity-based: the acute trust loses 40,000 of income but saves only 18,000 of cost", () => {
    close(org("activity", "shifted", 0), [160_000, -2_000]);
    close(org("activity", "shifted", 1), [60_000, 13_600]);
    close(m("activity").shift.organisations, [-22_000, 3_600, 0]);
    expect(m("activity").shift.commissionerSaving).toBeCloseTo(30_000, 6);
    expect(m("activity").shift.systemChange).toBeCloseTo(-11_600, 6);
    expect(m("activity").reading).toContain("Acute trust loses £22,000 (income −£40,000, cost −£18,000: £18,000 of fixed cost stranded)");
  });
  it("block: each organisation keeps its baseline value; a given block value is split pro rata to it", () => {
    close(org("block", "shifted", 0), [200_000, 38_000]);
    close(org("block", "shifted", 1), [50_000, 3_600]); // 20% more visits for the same money
    const given = comparePaymentModels({ ...inputs, blockValue: 300_000 }).models.find((x) => x.id === "block")!;
    expect(given.states.base.organisations[0].income).toBeCloseTo((300_000 * 200_000) / 262_000, 6);
    expect(given.states.base.commissioner).toBeCloseTo(300_000, 6);
  });
  it("blended (50%): half the baseline value fixed, half the activity value", () => {
    close(org("blended", "shifted", 0), [180_000, 18_000]);
    close(org("blended", "shifted", 1), [55_000, 8_600]);
  });
  it("capitated budget held by the lead provider, which subcontracts the others at unit prices", () => {
    // Budget 262,000; after the shift the lead pays 60,000 + 12,000 and keeps 190,000 against 162,000 of cost.
    close(org("capitation", "shifted", 0), [190_000, 28_000]);
    close(org("capitation", "shifted", 1), [60_000, 13_600]);
    close(org("capitation", "base", 0), [200_000, 20_000]);
  });
  it("capitated budget held by an alliance: each partner paid its cost plus its share of the surplus by baseline cost", () => {
    const a = comparePaymentModels({ ...inputs, holder: "alliance" }).models.find((x) => x.id === "capitation")!;
    // Surplus after the shift 262,000 − 218,400 = 43,600; the acute trust's share 180/230.
    expect(a.states.shifted.organisations[0].margin).toBeCloseTo((43_600 * 180) / 230, 6);
    expect(a.states.shifted.organisations[2].margin).toBeCloseTo((43_600 * 10) / 230, 6);
  });
  it("pathway bundle held by the lead: reconciled on its cost and subcontracts, within the 10% stop-gain", () => {
    // Target 262,000; holder's cost after the shift 162,000 + 72,000 = 234,000; gain 28,000 capped at 26,200.
    expect(m("bundle").states.shifted.commissioner).toBeCloseTo(260_200, 6);
    close(org("bundle", "shifted", 0), [188_200, 26_200]);
    expect(m("bundle").states.base.commissioner).toBeCloseTo(262_000, 6);
  });
  it("capitation with risk share: the corridor on the lead's cost returns part of the underspend", () => {
    // Underspend 28,000 (10.69% of 262,000): 0 × 7,860 + 0.5 × 13,100 + 0.8 × 7,040 = 12,182 back.
    expect(m("riskshare").states.shifted.commissioner).toBeCloseTo(262_000 - 12_182, 6);
    close(org("riskshare", "shifted", 0), [177_818, 15_818]);
    // Before the shift: underspend 20,000: 0.5 × (20,000 − 7,860) = 6,070 back.
    expect(m("riskshare").states.base.commissioner).toBeCloseTo(255_930, 6);
  });
  it("gain share: each partner paid its cost plus its share (by baseline cost) of half the saving", () => {
    // Saving against 262,000 after the shift: 43,600; the providers' half 21,800.
    expect(m("gainshare").states.shifted.commissioner).toBeCloseTo(240_200, 6);
    expect(m("gainshare").states.shifted.organisations[0].margin).toBeCloseTo((21_800 * 180) / 230, 6);
  });
  it("organisations named constructor, toString or valueOf are organisations like any other, weights and all", () => {
    const named = steps.map((st, i) => ({ ...st, organisation: ["constructor", "toString", "valueOf"][i] }));
    const c = comparePaymentModels({ ...inputs, steps: named, holder: "alliance", partnerWeights: { Constructor: 3, valueof: 1 } });
    expect(c.byOrganisation.map((o) => o.part)).toEqual([0.75, 0, 0.25]);
    expect(c.notes).toContain("Partner weights: toString is not named, so weighted 0 in the alliance's and the gain share's split.");
    expect(comparePaymentModels({ ...inputs, steps: named, leadProvider: " TOSTRING " }).lead).toBe("toString");
  });
  it("a named lead provider holds the budget instead, and an unknown one is refused by name", () => {
    const c = comparePaymentModels({ ...inputs, leadProvider: "PCN" }).models.find((x) => x.id === "capitation")!;
    // The PCN keeps 262,000 − 160,000 − 60,000 = 42,000 against its 10,000 of cost.
    expect(c.states.shifted.organisations[2].margin).toBeCloseTo(32_000, 6);
    expect(() => comparePaymentModels({ ...inputs, leadProvider: "Nowhere" })).toThrow(/lead provider: 'Nowhere' is not an organisation/);
  });
  it("today's activity costs exactly PATHWAY_COST at unit costs, whatever the variable shares", () => {
    const other = comparePaymentModels({ ...inputs, variableShares: { hospital: 0, community: 0.1, primary: 1, other: 0 } });
    expect(other.cost).toBeCloseTo(230_000, 6);
    expect(other.shiftedCost).toBeCloseTo(180_000 + 40_000 * 1.02 + 10_000, 6);
  });
});

// ——— The invariant, over generated pathways and terms ———


describe("the money adds up", () => {
  it("Σ organisations' income = what the commissioner pays, in every model and state; the system's change is the change in real cost", () => {
    fc.assert(
      fc.property(inputsArb, (g) => {
        const c = comparePaymentModels({ ...DEFAULT_TERMS, ...g });
        for (const model of c.models) {
          for (const s of STATE_IDS) {
            const st = model.states[s];
            const incomes = st.organisations.reduce((t, o) => t + o.income, 0);
            expect(Math.abs(incomes - st.commissioner)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(st.commissioner)));
            for (const o of st.organisations) expect(Number.isFinite(o.margin)).toBe(true);
          }
          // Payments between the commissioner and the organisations cancel: saving + Σ margin change = system saving.
          const dMargins = model.shift.organisations.reduce((t, x) => t + x, 0);
          const scale = Math.max(1, c.activityValue, c.cost);
          expect(Math.abs(model.shift.commissionerSaving + dMargins + model.shift.systemChange)).toBeLessThanOrEqual(1e-9 * scale);
        }
        expect(c.models.map((x) => x.id)).toEqual([...MODEL_IDS]);
      }),
      { numRuns: 400 },
    );
  });

  it("over the same 400 pathways: partial partner weights, one system sign (systemSaving = transition's year 1), backfill never a saving", () => {
    const weightsArb = fc.dictionary(fc.constantFrom("a", " B ", "c", "d", "A"), fc.double({ min: 0, max: 10, noNaN: true }), { maxKeys: 3 });
    fc.assert(
      fc.property(inputsArb, weightsArb, share, fc.constantFrom("commissioner", "NHS England"), (g, typed, backfill, payer) => {
        const inp = { ...DEFAULT_TERMS, ...g, partnerWeights: Object.keys(typed).length ? typed : null };
        const orgs = organisationsOf(inp.steps);
        const named = (o: string) => Object.keys(typed).some((k) => k.trim().toLowerCase() === o.toLowerCase());
        const unknown = Object.keys(typed).some((k) => !orgs.some((o) => o.toLowerCase() === k.trim().toLowerCase()));
        const allZero = orgs.every(
          (o) => !named(o) || Object.entries(typed).every(([k, w]) => k.trim().toLowerCase() !== o.toLowerCase() || w === 0),
        );
        if (inp.partnerWeights && (unknown || allZero)) {
          expect(() => comparePaymentModels(inp)).toThrow(/partner weights/);
          return;
        }
        const c = comparePaymentModels(inp);
        // Item 3: an organisation the weights do not name has no part, and the comparison says so.
        if (inp.partnerWeights) {
          c.byOrganisation.forEach((o) => {
            if (!named(o.name)) expect(o.part).toBe(0);
          });
          if (orgs.some((o) => !named(o))) expect(c.notes.join(" ")).toContain("not named");
        }
        const t = transition(inp, { ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [1] });
        const scale = Math.max(1, c.activityValue, c.cost);
        // Today's contracts: Σ incomes = what the commissioner pays; against it, Σ switch over every party is 0,
        // total = switch + shift, and the system's shift is the system's saving.
        for (const st of STATE_IDS) {
          const b = c.baseline.states[st];
          expect(Math.abs(b.organisations.reduce((a, o) => a + o.income, 0) - b.commissioner)).toBeLessThanOrEqual(1e-9 * scale);
        }
        for (const m of c.models) {
          const v = m.versusToday;
          const switches = v.commissioner.switch + v.organisations.reduce((a, o) => a + o.switch, 0);
          expect(Math.abs(switches)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Object.is(v.system.switch, -0)).toBe(false);
          for (const p of [...v.organisations, v.commissioner, v.system])
            expect(Math.abs(p.total - p.switch - p.shift)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(v.system.shift - m.shift.systemSaving)).toBeLessThanOrEqual(1e-9 * scale);
        }
        c.models.forEach((m, k) => {
          // Item 5: one sign: the system's saving is the commissioner's plus every organisation's, and the transition's year 1.
          expect(
            Math.abs(m.shift.systemSaving - (m.shift.commissionerSaving + m.shift.organisations.reduce((a, b) => a + b, 0))),
          ).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(m.shift.systemSaving + m.shift.systemChange)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(t.models[k].system.byYear[0] - m.shift.systemSaving)).toBeLessThanOrEqual(1e-9 * scale);
        });
        // Item 1: with capacity released in year 1 and a share backfilled, the system saves the fixed cost
        // decommissioned and spends the backfilled work's variable cost, whoever pays for that work.
        let fixed = 0;
        let variable = 0;
        for (const s of inp.steps) {
          if (s.setting !== "hospital") continue;
          const events = s.volume * inp.shiftShare * s.takeUp * inp.cohort;
          const v = s.variableShare ?? inp.variableShares.hospital;
          fixed += s.unitCost * (1 - v) * events;
          variable += s.unitCost * v * events;
        }
        const r = transition(inp, {
          ...DEFAULT_TRANSITION,
          years: 1,
          shiftAchieved: [1],
          releaseYear: 1,
          backfillShare: backfill,
          backfillPayer: payer,
        });
        r.models.forEach((m, k) => {
          const want = t.models[k].system.byYear[0] + (1 - backfill) * fixed - backfill * variable;
          expect(Math.abs(m.system.byYear[0] - want), m.id).toBeLessThanOrEqual(1e-9 * scale);
        });
      }),
      { numRuns: 400 },
    );
  });
});

describe("stranded fixed cost", () => {
  it("counts each step's own variable share, not only the defaults", () => {
    // Admission with its own variable share of 40%: of 36,000 of avoided cost, 60% (21,600) stays.
    const own = comparePaymentModels({ ...inputs, steps: [{ ...steps[0], variableShare: 0.4 }, steps[1], steps[2]] });
    expect(own.byOrganisation[0].strandedOnShift).toBeCloseTo(21_600, 6);
    expect(own.models[0].reading).toContain("£21,600 of fixed cost stranded");
  });
});

describe("risk by organisation", () => {
  it("each organisation's loss chance and bad year are those of its own margin in the simulated years", async () => {
    const { simulateRisk } = await import("../../src/engine/risk/simulate");
    const r = simulateRisk(inputs, { trials: 8192, seed: 5, dispersion: { kind: "poisson" } });
    for (const model of r.models) {
      expect(model.organisations.map((o) => o.name)).toEqual(["Acute trust", "Community trust", "PCN"]);
      // The organisations' mean margins add up to the providers' mean margin.
      const sum = model.organisations.reduce((t, o) => t + o.marginMean.value, 0);
      expect(Math.abs(sum - model.margin.mean.value)).toBeLessThan(1e-6 * Math.max(1, Math.abs(model.margin.mean.value)));
      for (const o of model.organisations) {
        expect(o.lossChance.value).toBeGreaterThanOrEqual(0);
        expect(o.lossChance.value).toBeLessThanOrEqual(1);
        expect(o.marginP5.value).toBeLessThanOrEqual(o.marginMean.value + 1e-6);
      }
    }
    // Under a block contract income is fixed: an organisation's bad year is its block payment less a bad year's cost.
    const block = r.models.find((m) => m.id === "block")!;
    const activity = r.models.find((m) => m.id === "activity")!;
    // Subcontractors of the lead provider are paid their steps at unit prices: the same margins as under activity-based payment.
    const cap = r.models.find((m) => m.id === "capitation")!;
    expect(cap.organisations[1]).toEqual(activity.organisations[1]);
    const acute = block.organisations[0].marginMean;
    expect(Math.abs(acute.value - (200_000 - 180_000))).toBeLessThanOrEqual(4 * acute.se);
  });
});

describe("quality element (CQUIN-style)", () => {
  it("holds back a share of each organisation's payment and pays it on achievement; none by default", () => {
    for (const m of cmp.models) for (const s of STATE_IDS) for (const o of m.states[s].organisations) expect(o.quality).toBe(0);
    // 2.5% held back, 60% achieved: each organisation is paid 97.5% of its contract income plus 2.5% × 60% of it.
    const q = comparePaymentModels({ ...inputs, qualityShare: 0.025, qualityAchievement: 0.6 });
    q.models.forEach((m, k) =>
      STATE_IDS.forEach((s) =>
        m.states[s].organisations.forEach((o, i) => {
          const contract = cmp.models[k].states[s].organisations[i].income;
          expect(o.quality).toBeCloseTo(contract * 0.025 * 0.6, 6);
          expect(o.income).toBeCloseTo(contract * 0.975 + contract * 0.015, 6);
          expect(o.margin).toBeCloseTo(o.income - o.cost, 6);
        }),
      ),
    );
    // Activity-based, today: the acute trust's £200,000 becomes 195,000 + 3,000 = £198,000; the commissioner
    // pays 99% of 262,000.
    expect(q.models[0].states.base.organisations[0].income).toBeCloseTo(198_000, 6);
    expect(q.models[0].states.base.commissioner).toBeCloseTo(0.99 * 262_000, 6);
  });
});
