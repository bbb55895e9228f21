/**
 * The NHS Payment Scheme 2026/27 (issue 34 A; docs/nhs-payment-rules.md, 2026/27 rows: NHS England and DHSC,
 * Medium term planning framework 2026/27 to 2028/29, §1.1): urgent and emergency care a fixed element at price ×
 * planned activity plus 20% of the value of activity above or below plan, re-based on each year's plan; elective
 * at unit prices against an indicative activity plan, aboveIAP of price paid above it. Worked by hand below.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";

const nhsps2026 = (aboveIAP = 1) => todaysRule(presetById("nhsps-2026")!, aboveIAP);
const step = (over: Partial<Step>): Step => ({ name: "Step", setting: "hospital", unitPrice: 2000, unitCost: 1500, volume: 1, takeUp: 1, ...over });
const todayIncome = (inp: ComparisonInputs) => comparePaymentModels(inp).baseline.states.base.organisations.map((o) => o.income);

describe("NHS Payment Scheme 2026/27", () => {
  it("UEC: a plan of 10,000 admissions at £2,000 with 9,000 done is £19.6m; re-based on a 9,000 plan, £18.0m in year 2", () => {
    // Year 1: fixed 10,000 × £2,000 = £20.0m; 20% × (9,000 − 10,000) × £2,000 = −£0.4m; £19.6m.
    // Year 2: the plan is year 1's outturn, 9,000: fixed £18.0m, nothing above or below it.
    const inp: ComparisonInputs = {
      ...DEFAULT_TERMS,
      steps: [step({ name: "Emergency admission", pointOfDelivery: "non-elective", plannedActivity: 10_000 })],
      cohort: 9_000,
      todaysRule: nhsps2026(),
    };
    expect(todayIncome(inp)[0]).toBeCloseTo(19_600_000, 4);
    // Under payment by activity the commissioner pays 9,000 × £2,000 = £18.0m each year; against today's contracts it
    // saves £1.6m in year 1 and nothing in year 2 (rebaseEvery is 5 here: the 2026/27 plan is re-based every year).
    const t = transition(inp, { ...DEFAULT_TRANSITION, years: 2, shiftAchieved: [0], rebaseEvery: 5 });
    const activity = t.models.find((m) => m.id === "activity")!;
    expect(activity.versusToday.commissioner.byYear.map((x) => Math.round(x))).toEqual([1_600_000, 0]);
    // Under 2019/20's UEC rule the same plan stays until re-based: £19.6m in both years.
    const uec2019 = transition({ ...inp, todaysRule: todaysRule(presetById("uec-2019")!) }, { ...DEFAULT_TRANSITION, years: 2, shiftAchieved: [0], rebaseEvery: 5 });
    expect(uec2019.models.find((m) => m.id === "activity")!.versusToday.commissioner.byYear.map((x) => Math.round(x))).toEqual([1_600_000, 1_600_000]);
  });

  it("elective: an IAP of 5,000 at £3,000 with 5,400 done is £15.0m at aboveIAP 0% and £16.2m at 100%; below plan, every unit at price", () => {
    // 5,000 × £3,000 = £15.0m within plan; 400 × £3,000 = £1.2m above it, paid at aboveIAP.
    const inp = (aboveIAP: number, done: number): ComparisonInputs => ({
      ...DEFAULT_TERMS,
      steps: [step({ name: "Hip replacement", unitPrice: 3000, pointOfDelivery: "elective", plannedActivity: 5_000 })],
      cohort: done,
      todaysRule: nhsps2026(aboveIAP),
    });
    expect(todayIncome(inp(0, 5_400))[0]).toBeCloseTo(15_000_000, 4);
    expect(todayIncome(inp(1, 5_400))[0]).toBeCloseTo(16_200_000, 4);
    expect(todayIncome(inp(0.5, 5_400))[0]).toBeCloseTo(15_600_000, 4);
    // 4,600 done: 4,600 × £3,000 = £13.8m whatever is paid above plan.
    expect(todayIncome(inp(0, 4_600))[0]).toBeCloseTo(13_800_000, 4);
    // A fixed step (follow-ups) is paid its plan: 1,000 planned at £100 with 800 done, £100,000.
    const fu: ComparisonInputs = {
      ...DEFAULT_TERMS,
      steps: [step({ name: "Follow-up", unitPrice: 100, pointOfDelivery: "outpatient follow-up", plannedActivity: 1_000 })],
      cohort: 800,
      todaysRule: nhsps2026(),
    };
    expect(todayIncome(fu)[0]).toBeCloseTo(100_000, 6);
  });

  it("a plan equal to today's activity changes no figure, and the organisations' income is what the commissioner pays", () => {
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
    const base: ComparisonInputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT, todaysRule: nhsps2026(0.5) };
    const planned: ComparisonInputs = {
      ...base,
      steps: base.steps.map((s) => ({ ...s, plannedActivity: s.volume * s.takeUp * INTEGRATED_COHORT })),
    };
    const a = comparePaymentModels(base);
    const b = comparePaymentModels(planned);
    for (const st of STATE_IDS) {
      a.baseline.states[st].organisations.forEach((o, i) => expect(b.baseline.states[st].organisations[i].income, `${st} ${i}`).toBeCloseTo(o.income, 6));
      const paid = b.baseline.states[st].organisations.reduce((x, o) => x + o.income, 0);
      expect(b.baseline.states[st].commissioner).toBeCloseTo(paid, 6);
    }
    a.models.forEach((m, i) => expect(b.models[i].versusToday.system.total, m.id).toBeCloseTo(m.versusToday.system.total, 6));
    // With a plan 10% above today's activity, today's contracts pay more than tariff for fixed steps, yet the
    // organisations' income is still what the commissioner pays, in every state.
    const above = comparePaymentModels({ ...base, steps: planned.steps.map((s) => ({ ...s, plannedActivity: (s.plannedActivity ?? 0) * 1.1 })) });
    for (const st of STATE_IDS)
      expect(above.baseline.states[st].commissioner).toBeCloseTo(above.baseline.states[st].organisations.reduce((x, o) => x + o.income, 0), 6);
    expect(above.baseline.states.base.commissioner).toBeGreaterThan(a.baseline.states.base.commissioner);
  });

  it("reads the planned activity column (Planned activity, Plan, IAP) and refuses a negative plan, naming its cell", () => {
    for (const header of ["Planned activity", "Plan", "IAP"]) {
      const t = readPathwayTable(
        [
          ["Step", "Setting", "Unit price", "Unit cost", "Volume", header],
          ["Admission", "hospital", 2000, 1500, 1, 10_000],
          ["Visit", "community", 50, 40, 2, ""],
        ],
        "Steps!A1:F3",
      );
      expect(t.problems, header).toEqual([]);
      expect(t.steps.map((s) => s.plannedActivity)).toEqual([10_000, undefined]);
    }
    const bad = readPathwayTable(
      [
        ["Step", "Setting", "Unit price", "Unit cost", "Volume", "IAP"],
        ["Admission", "hospital", 2000, 1500, 1, -5],
      ],
      "Steps!A1:F2",
    );
    expect(bad.problems.map((p) => `${p.address}: ${p.message}`)).toEqual([expect.stringMatching(/^Steps!F2: .*planned for the year, at least 0/)]);
  });
});
