/**
 * The options appraisal (issue 35 A; src/engine/comparison/options.ts), worked by hand: NPV with year 1 at time 0
 * (HM Treasury Green Book), optimism bias on set-up, transitional funding with and without support, plans; an
 * option that is a model reproduces the transition's figures; doing nothing is zero against itself.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { appraiseOptions, appraiseScenarios, DO_NOTHING } from "../../src/engine/comparison/options";
import { DEFAULT_TRANSITION, npv, transition, type TransitionTerms } from "../../src/engine/comparison/transition";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { expectPayError } from "./helpers";
import { readOptionsTable } from "../../src/engine/inputs/options-table";
import { switchingValues } from "../../src/engine/comparison/switching";
import { comparePaymentModels } from "../../src/engine/comparison/compare";
import { TRANSITION_TEXT_DEFAULTS } from "../../src/engine/inputs/terms";

const one: TransitionTerms = { ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [1] };
const loss: Step[] = [{ name: "Visit", setting: "community", organisation: "Community trust", unitPrice: 100, unitCost: 140, volume: 1, takeUp: 1 }];
const lossInputs: ComparisonInputs = { ...DEFAULT_TERMS, steps: loss, cohort: 10_000, variableShares: { hospital: 1, community: 1, primary: 1, other: 1 } };

describe("the options appraisal", () => {
  it("NPV of −£0.8m, +£0.7m, +£1.0m in years 1–3 at 3.5% is £0.809839m", () => {
    // −0.8 + 0.7 / 1.035 + 1.0 / 1.035² = −0.8 + 0.676329 + 0.933511 = 0.809839 (£m).
    expect(npv(0.035, [-800_000, 700_000, 1_000_000])).toBeCloseTo(809_839.2, 0);
  });

  it("optimism bias of 24% on a £0.8m set-up is £0.992m of set-up in the adjusted NPV", () => {
    const [, option] = appraiseOptions(lossInputs, one, [{ name: "Set up", model: "today", inputs: { shiftShare: 0 }, years: { setupCost: [800_000] } }], {
      optimismBias: 0.24,
    });
    const commissioner = option.npv.find((p) => p.name === "Commissioner")!;
    expect(commissioner.npv).toBeCloseTo(-800_000, 6);
    expect(commissioner.npvAdjusted).toBeCloseTo(-992_000, 6);
    expect(option.years[0].parties.find((p) => p.name === "Commissioner")!.nonRecurrent).toBeCloseTo(-800_000, 6);
  });

  it("a recurrent loss of £400k with £300k of transitional funding: −£100k with support, −£400k without", () => {
    // 10,000 visits at £100 paid, £140 cost: a recurrent loss of £400,000; £300,000 of support from the commissioner.
    const [dn, option] = appraiseOptions(lossInputs, one, [
      { name: "Supported", model: "today", inputs: { shiftShare: 0, shiftCommunityUplift: 0 }, transitionalFunding: [300_000], fundingTo: "community trust" },
    ]);
    expect(dn.name).toBe(DO_NOTHING);
    const trust = option.years[0].parties[0];
    expect(trust).toMatchObject({ name: "Community trust", income: 1_300_000, cost: 1_400_000, plan: null, withinPlan: null });
    expect(trust.margin).toBeCloseTo(-100_000, 6);
    expect(trust.recurrent).toBeCloseTo(-400_000, 6);
    expect(trust.nonRecurrent).toBeCloseTo(300_000, 6);
    expect(trust.withoutSupport).toBeCloseTo(-400_000, 6);
    const commissioner = option.years[0].parties.find((p) => p.name === "Commissioner")!;
    expect(commissioner.margin).toBeCloseTo(-1_300_000, 6);
    expect(commissioner.withoutSupport).toBeCloseTo(-1_000_000, 6);
    // The system: support is a transfer; its margin is minus the real cost, £1.4m.
    expect(option.years[0].parties.find((p) => p.name === "System")!.margin).toBeCloseTo(-1_400_000, 6);
  });

  it("flags an organisation short of its plan, and refuses a plan for an organisation not in the pathway", () => {
    const [dn] = appraiseOptions(lossInputs, one, [], { plans: { "Community trust": -450_000 } });
    expect(dn.years[0].parties[0]).toMatchObject({ plan: -450_000, withinPlan: true });
    const [short] = appraiseOptions(lossInputs, one, [], { plans: { "community trust": 0 } });
    expect(short.years[0].parties[0]).toMatchObject({ plan: 0, withinPlan: false });
    expectPayError(() => appraiseOptions(lossInputs, one, [], { plans: { Acute: 0 } }), "#VALUE!", "organisations: 'Acute' has a plan but is not an organisation of the pathway");
    expectPayError(() => appraiseOptions(lossInputs, one, [{ name: "do nothing", model: "block" }]), "#VALUE!", "is always the first option");
  });

  it("doing nothing is zero against itself; an option that is a model reproduces the transition's figures against today; Σ parties = the system", () => {
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
    const inp: ComparisonInputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT };
    const terms: TransitionTerms = { ...DEFAULT_TRANSITION, setupCost: [250_000], setupBearer: "Acute trust", demandGrowth: 0.02, releaseYear: 3, backfillShare: 0.5 };
    const results = appraiseOptions(inp, terms, [{ name: "Capitation", model: "capitation" }, { name: "Gain share", model: "gainshare" }]);
    for (const p of results[0].npv) expect([p.name, p.npv, p.npvAdjusted]).toEqual([p.name, 0, 0]);
    const tr = transition(inp, terms);
    for (const r of results.slice(1)) {
      const m = tr.models.find((x) => x.id === r.model)!;
      const parties = [...m.versusToday.organisations, m.versusToday.commissioner, m.versusToday.system];
      parties.forEach((p, q) => {
        const name = q < tr.organisations.length ? tr.organisations[q] : q === tr.organisations.length ? "Commissioner" : "System";
        const npvRow = r.npv.find((x) => x.name === name)!;
        expect(npvRow.npv, `${r.name} ${name}`).toBeCloseTo(p.npv, 4);
        r.years.forEach((y, i) => {
          const mine = y.parties.find((x) => x.name === name)!.margin - results[0].years[i].parties.find((x) => x.name === name)!.margin;
          expect(mine, `${r.name} ${name} ${y.label}`).toBeCloseTo(p.byYear[i], 4);
        });
      });
      for (const y of r.years) {
        const system = y.parties.find((x) => x.name === "System")!;
        expect(y.parties.filter((x) => x !== system).reduce((a, x) => a + x.margin, 0)).toBeCloseTo(system.margin, 4);
      }
    }
  });

  it("reads an options table by the terms' own rules, naming every bad cell", () => {
    const t = readOptionsTable(
      [
        ["Option", "Model", "Hospital activity avoided", "setupCost", "doubleRunning", "fundingTo", "Notes"],
        ["Preferred", "Capitated budget", "30%", "£250,000", "100000; 50000", "Acute trust", ""],
        ["Odd", "lottery", "130%", "", "", "", ""],
      ],
      "Options!A1:G3",
      TRANSITION_TEXT_DEFAULTS,
      2,
      null,
    );
    expect(t.options[0]).toMatchObject({ name: "Preferred", model: "capitation", inputs: { shiftShare: 0.3 }, doubleRunning: [100_000, 50_000], fundingTo: "Acute trust" });
    expect(t.options[0].years?.setupCost).toEqual([250_000]);
    expect(t.problems.map((p) => p.address)).toEqual(["Options!G1", "Options!B3"]);
    expect(t.problems[0].message).toContain("'Notes' is not a term an option can set");
    const share = readOptionsTable([["Option", "Model", "shiftShare"], ["A", "block", "130%"]], "O!A1:C2", TRANSITION_TEXT_DEFAULTS, 2, null);
    expect(share.problems).toEqual([{ input: "options", address: "O!C2", message: "Hospital activity avoided: expected a number from 0% to 100%, got 130%" }]);
  });
});


describe("switching values", () => {
  const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
  const inp: ComparisonInputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT };
  const year: TransitionTerms = { ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [1] };

  it("a gain share's rate at which the commissioner breaks even, equal to its closed form", () => {
    // Under gain share the commissioner pays the providers' costs after the shift, C1, plus r × (V0 − C1); doing
    // nothing it pays today's value V0; with a set-up cost S it bears: NPV(r) = (1 − r)(V0 − C1) − S, zero at
    // r* = 1 − S ÷ (V0 − C1).
    const c = comparePaymentModels(inp);
    const S = 100_000;
    const closed = 1 - S / (c.activityValue - c.shiftedCost);
    expect(closed).toBeGreaterThan(0);
    expect(closed).toBeLessThan(1);
    const sv = switchingValues(inp, year, [{ name: "Gain share", model: "gainshare", years: { setupCost: [S] } }], {}, ["gainShareRate"]);
    const commissioner = sv.find((x) => x.party === "Commissioner")!;
    expect(commissioner).toMatchObject({ option: "Gain share", input: "gainShareRate", from: 0, to: 1, reason: null });
    expect(commissioner.value).toBeCloseTo(closed, 9);
  });

  it("says so, with the range and why, where the position does not cross", () => {
    const sv = switchingValues(inp, year, [{ name: "Block", model: "block" }], {}, ["gainShareRate"]);
    const acute = sv.find((x) => x.party === "Acute trust")!;
    expect(acute.value).toBeNull();
    expect(acute.reason).toMatch(/^none between 0% and 100%: the NPV against doing nothing stays above zero \(£[\d,]+ to £[\d,]+\)$/);
    // The PCN's position does not move at all: said so, not a crossing at every value.
    expect(sv.find((x) => x.party === "PCN")!.reason).toContain("is £0 at every value between 0% and 100%");
    expectPayError(() => switchingValues(inp, year, [{ name: "Block", model: "block" }], {}, ["unitPrice:Teleport"]), "#VALUE!", "'Teleport' is not a step");
  });

  it("a zero only at the end of the range is that end, said so: Do minimum's acute trust is at zero only with none of the shift", () => {
    const sv = switchingValues(inp, year, [{ name: "Do minimum", model: "today" }], {}, ["shiftAchieved"]);
    const acute = sv.find((x) => x.party === "Acute trust")!;
    expect(acute.value).toBe(0);
    // Paid by fixed payments today, the acute trust keeps its income and saves the variable cost of every avoided unit.
    expect(acute.reason).toBe("only at 0%: the NPV against doing nothing is above zero at every other value between 0% and 100%");
  });

  it("scenarios: one without terms is the options' own figures; each applies its terms before every option", () => {
    const options = [
      { name: "Capitation", model: "capitation" as const },
      { name: "Do minimum", model: "today" as const, inputs: { shiftShare: 0.1 } },
    ];
    const plain = appraiseOptions(inp, year, options);
    const [same, high] = appraiseScenarios(inp, year, options, {}, [{ name: "As typed" }, { name: "High", inputs: { shiftShare: 0.4 }, years: { demandGrowth: 0.05 } }]);
    expect(same.options.map((o) => o.npv)).toEqual(plain.map((o) => o.npv));
    const direct = appraiseOptions({ ...inp, shiftShare: 0.4 }, { ...year, demandGrowth: 0.05 }, options);
    expect(high.options.map((o) => o.npv)).toEqual(direct.map((o) => o.npv));
    // The option's own shift share wins over the scenario's.
    expect(high.options[2].npv).toEqual(appraiseOptions(inp, { ...year, demandGrowth: 0.05 }, [options[1]])[1].npv);
    expectPayError(() => appraiseScenarios(inp, year, options, {}, [{ name: "Odd", years: { rebaseEvery: 0 } }]), "#VALUE!", "scenarios, 'Odd': ");
  });
});

