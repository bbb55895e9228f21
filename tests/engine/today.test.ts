/**
 * Today's contracts, the baseline every proposal is measured against (docs/design.md), worked by hand. Cohort
 * 100, MFF 1; default shift (hospital −20%, community +20%) and variable cost shares (hospital 50%, community
 * and primary 80%). Today:
 *   Hip fracture spell  hospital   Acute trust      £2,000 (cost £1,800) × 1    NEL          blank: fixed (NHSPS 2025/26)
 *   Elective hip        hospital   Acute trust      £5,000 (cost £4,500) × 0.1  elective     blank: activity
 *   Home visit          community  Community trust  £50 (cost £40) × 10          (community)  20%: blended
 *   GP review           primary    PCN              £30 (cost £25) × 4           (primary)    activity
 * Values today: 200,000, 50,000, 50,000, 12,000. Costs today: acute 225,000, community 40,000, PCN 10,000.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { readPaymentToday, readPointOfDelivery } from "../../src/engine/comparison/today";

const table = readPathwayTable(
  [
    ["Step", "Setting", "Provider", "Unit price", "Unit cost", "Volume", "POD", "Payment today"],
    ["Hip fracture spell", "hospital", "Acute trust", 2000, 1800, 1, "NEL", null],
    ["Elective hip", "hospital", "Acute trust", 5000, 4500, 0.1, "El", ""],
    ["Home visit", "community", "Community trust", 50, 40, 10, null, "20%"],
    ["GP review", "primary", "PCN", 30, 25, 4, "Primary care", "activity"],
  ],
  "Pathway!A1:H5",
);
const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: 100 };

describe("today's contracts", () => {
  it("reads the point of delivery and payment today, NHS spellings included, and says which it read", () => {
    expect(table.problems).toEqual([]);
    expect(table.steps.map((s) => s.pointOfDelivery)).toEqual(["non-elective", "elective", undefined, "primary care"]);
    expect(table.steps.map((s) => s.paymentToday)).toEqual([undefined, undefined, { kind: "blended", share: 0.2 }, { kind: "activity" }]);
    expect(table.notes).toEqual(["Point of delivery read: 'NEL' as non-elective, 'El' as elective."]);
    expect(["A&E", "SDEC", "OP", "ambulance", "Community", "x"].map(readPointOfDelivery)).toEqual([
      "urgent",
      "urgent",
      "outpatient",
      "ambulance",
      "community",
      null,
    ]);
    expect(readPaymentToday("Block")).toEqual({ kind: "fixed" });
    expect(readPaymentToday("150%")).toHaveProperty("problem");
    const bad = readPathwayTable(
      [
        ["Step", "Price", "Cost", "Volume", "POD"],
        ["a", 1, 1, 1, "somewhere"],
      ],
      "S!A1:E2",
    );
    expect(bad.problems[0].message).toContain("Point of delivery, row 1: expected elective, non-elective, urgent");
  });

  it("each organisation's income, cost and margin in every state, and what the commissioner pays", () => {
    const b = comparePaymentModels(inputs).baseline;
    // Acute: the spell fixed at 200,000; the electives by activity (45,000 at −10%, 55,000 at +10%, 40,000 after the shift).
    // Community: 50,000 + 20% of the change in value (45,000; 55,000; 60,000 after the shift).
    const income = {
      base: [250_000, 50_000, 12_000],
      lower: [245_000, 49_000, 10_800],
      higher: [255_000, 51_000, 13_200],
      shifted: [240_000, 52_000, 12_000],
    };
    const margin = { base: [25_000, 10_000, 2_000], lower: [31_250, 12_200, 1_600], higher: [18_750, 7_800, 2_400], shifted: [37_500, 5_600, 2_000] };
    for (const st of STATE_IDS) {
      expect(
        b.states[st].organisations.map((o) => o.income).map((x) => +x.toFixed(2)),
        st,
      ).toEqual(income[st]);
      expect(
        b.states[st].organisations.map((o) => o.margin).map((x) => +x.toFixed(2)),
        st,
      ).toEqual(margin[st]);
      expect(b.states[st].commissioner).toBeCloseTo(
        income[st].reduce((a, x) => a + x, 0),
        2,
      );
    }
    // Care moving with today's contracts left as they are: the acute trust saves 22,500 of cost for 10,000 of
    // elective income; the community trust gets 2,000 for 6,400 of cost; the commissioner pays 8,000 less.
    expect(b.shift.organisations.map((x) => +x.toFixed(2))).toEqual([12_500, -4_400, 0]);
    expect(b.shift.commissionerSaving).toBeCloseTo(8_000, 6);
    expect(b.shift.systemSaving).toBeCloseTo(16_100, 6);
    expect(b.steps.map((s) => [s.pointOfDelivery, s.source === "default"])).toEqual([
      ["non-elective", true],
      ["elective", true],
      ["community", false],
      ["primary care", false],
    ]);
  });

  it("switch, shift and total against it: activity and a block of £300,000, to the penny", () => {
    const c = comparePaymentModels({ ...inputs, blockValue: 300_000 });
    const v = (id: string) => c.models.find((m) => m.id === id)!.versusToday;
    const activity = v("activity");
    const rows = (x: typeof activity) =>
      [
        ...x.organisations.map((o) => [o.switch, o.shift, o.total]),
        [x.commissioner.switch, x.commissioner.shift, x.commissioner.total],
        [x.system.switch, x.system.shift, x.system.total],
      ].map((r) => r.map((n) => +n.toFixed(2)));
    // By activity: nothing moves at today's activity. After the shift the acute trust is paid 200,000 for a cost of
    // 202,500 (margin −2,500 against 25,000 today: −27,500); the community trust 60,000 for 46,400 (+3,600).
    expect(rows(activity)).toEqual([
      [0, -27_500, -27_500],
      [0, 3_600, 3_600],
      [0, 0, 0],
      [0, 40_000, 40_000],
      [0, 16_100, 16_100],
    ]);
    // A block of 300,000 split pro rata to today's value (250/312, 50/312, 12/312): the switch moves 12,000
    // from the providers to the commissioner; after the shift the acute trust keeps 22,500 of cost saved.
    expect(rows(v("block"))).toEqual([
      [-9_615.38, 22_500, 12_884.62],
      [-1_923.08, -6_400, -8_323.08],
      [-461.54, 0, -461.54],
      [12_000, 0, 12_000],
      [0, 16_100, 16_100],
    ]);
  });

  it("in every model the system's switch is 0, total = switch + shift, and a model paying as today switches nothing", () => {
    const c = comparePaymentModels(inputs);
    for (const m of c.models) {
      expect(Math.abs(m.versusToday.system.switch), m.id).toBeLessThan(1e-6);
      for (const p of [...m.versusToday.organisations, m.versusToday.commissioner, m.versusToday.system])
        expect(p.total).toBeCloseTo(p.switch + p.shift, 9);
      expect(m.versusToday.system.shift).toBeCloseTo(m.shift.systemSaving, 6);
    }
    // Everything paid by activity today: the activity model is today's contracts.
    const allActivity = comparePaymentModels({ ...inputs, steps: inputs.steps.map((s) => ({ ...s, paymentToday: { kind: "activity" as const } })) });
    for (const o of allActivity.models[0].versusToday.organisations) expect(Math.abs(o.switch)).toBeLessThan(1e-9);
  });
});

describe("a preset pays today the points of delivery its rule covered", () => {
  // MRET 2010/11 (Payment by Results guidance 2010-11): emergency admissions paid at 30% of tariff above the
  // baseline value, and the full tariff lost below it. Only the non-elective spell is covered; the elective hip
  // stays by activity, the home visits at their typed 20%, the practice by activity.
  const mret = { ...inputs, todaysRule: todaysRule(presetById("mret-2010")!) };

  it("MRET: the non-elective spell keeps 30% of a rise and loses all of a fall; every other step as it was", () => {
    const b = comparePaymentModels(mret).baseline;
    // Acute: the spell today 200,000; at −10% it loses 100% of 20,000 (180,000); at +10% it keeps 30% of
    // 20,000 (206,000); after the shift (−20%) it loses 40,000 (160,000). Electives by activity as before.
    expect(b.states.lower.organisations[0].income).toBeCloseTo(180_000 + 45_000, 6);
    expect(b.states.higher.organisations[0].income).toBeCloseTo(206_000 + 55_000, 6);
    expect(b.states.shifted.organisations[0].income).toBeCloseTo(160_000 + 40_000, 6);
    // The community trust and the practice are paid exactly as without the preset (not 30% of their change).
    const plain = comparePaymentModels(inputs).baseline;
    for (const st of STATE_IDS)
      for (const o of [1, 2]) expect(b.states[st].organisations[o].income).toBeCloseTo(plain.states[st].organisations[o].income, 9);
    expect(b.steps.map((s) => s.source)).toEqual(["rule", "default", "typed", "typed"]);
    expect(b.steps[0].paymentToday).toEqual({ kind: "blended", share: 0.3, below: 1 });
    expect(b.rule?.covers).toEqual(["non-elective"]);
  });

  it("a payment typed in the table wins over the preset", () => {
    const typed = { ...mret, steps: mret.steps.map((s, i) => (i === 0 ? { ...s, paymentToday: { kind: "fixed" as const } } : s)) };
    const b = comparePaymentModels(typed).baseline;
    expect(b.states.shifted.organisations[0].income).toBeCloseTo(200_000 + 40_000, 6);
    expect(b.steps[0].source).toBe("typed");
  });

  it("UEC 2019/20 covers urgent and non-elective at 20% both ways; NHSPS 2025/26 is the default", () => {
    const uec = comparePaymentModels({ ...inputs, todaysRule: todaysRule(presetById("uec-2019")!) }).baseline;
    expect(uec.states.shifted.organisations[0].income).toBeCloseTo(200_000 - 0.2 * 40_000 + 40_000, 6);
    const nhsps = comparePaymentModels({ ...inputs, todaysRule: todaysRule(presetById("nhsps-2025")!) }).baseline;
    const plain = comparePaymentModels(inputs).baseline;
    for (const st of STATE_IDS) expect(nhsps.states[st].commissioner).toBeCloseTo(plain.states[st].commissioner, 9);
  });
});

describe("today's contracts in the board paragraph", () => {
  it("reads 'Moving from today's contracts to …' for the model under which no organisation loses more", async () => {
    const { boardParagraph, fromToday } = await import("../../src/taskpane/format");
    const c = comparePaymentModels({ ...inputs, blockValue: 300_000 });
    // Block: acute +12,884.62, community −8,323.08, PCN −461.54 (worst −8,323); activity: acute −27,500 (worst).
    // Capitation held by the acute trust and gain share are among the others; the sentence names the one whose worst is least bad.
    const worst = c.models.map((m) => Math.min(0, ...m.versusToday.organisations.map((o) => o.total)));
    const best = c.models[worst.indexOf(Math.max(...worst))];
    const sentence = fromToday(c);
    expect(sentence.startsWith(`Moving from today's contracts to ${best.name}, with care moving out of hospital: Acute trust`)).toBe(true);
    expect(boardParagraph(c)).toContain(sentence);
  });
});

describe("the years against today's contracts doing nothing", () => {
  it("with no growth, year 1 at 0% of the shift is the switch, and at the whole shift the total, for every party and model", async () => {
    const { DEFAULT_TRANSITION, transition } = await import("../../src/engine/comparison/transition");
    const inp = { ...inputs, blockValue: 300_000 };
    const c = comparePaymentModels(inp);
    const none = transition(inp, { ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [0] });
    const all = transition(inp, { ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [1] });
    c.models.forEach((m, k) => {
      m.versusToday.organisations.forEach((o, i) => {
        expect(none.models[k].versusToday.organisations[i].byYear[0], `${m.id} ${o.name} switch`).toBeCloseTo(o.switch, 6);
        expect(all.models[k].versusToday.organisations[i].byYear[0], `${m.id} ${o.name} total`).toBeCloseTo(o.total, 6);
      });
      expect(none.models[k].versusToday.commissioner.byYear[0]).toBeCloseTo(m.versusToday.commissioner.switch, 6);
      expect(all.models[k].versusToday.commissioner.byYear[0]).toBeCloseTo(m.versusToday.commissioner.total, 6);
      expect(Math.abs(none.models[k].versusToday.system.byYear[0])).toBeLessThan(1e-6);
    });
  });

  it("doing nothing is not flat: with 3% demand growth a fixed payment stays until re-based while activity payment follows", async () => {
    const { DEFAULT_TRANSITION, transition } = await import("../../src/engine/comparison/transition");
    // No shift; contracts held for three years. Today the spell is fixed (200,000) and the electives by activity.
    const t = transition(inputs, { ...DEFAULT_TRANSITION, years: 3, shiftAchieved: [0], rebaseEvery: 3, demandGrowth: 0.03 });
    const activity = t.models.find((m) => m.id === "activity")!;
    // Paid by activity, the acute trust earns the spell's growth too, while today's fixed payment does not:
    // 200,000 × (1.03^y − 1) better off against today's contracts, less nothing (the same cost on both paths).
    [1, 2, 3].forEach((y) => expect(activity.versusToday.organisations[0].byYear[y - 1]).toBeCloseTo(200_000 * (1.03 ** y - 1), 6));
    // The community trust, blended at 20% today, earns the other 80% of its visits' growth: 40,000 × (1.03^y − 1).
    // The commissioner pays both more; the system is unchanged (the same care at the same cost on both paths).
    [1, 2, 3].forEach((y) => {
      expect(activity.versusToday.organisations[1].byYear[y - 1]).toBeCloseTo(40_000 * (1.03 ** y - 1), 6);
      expect(activity.versusToday.commissioner.byYear[y - 1]).toBeCloseTo(-240_000 * (1.03 ** y - 1), 6);
      expect(Math.abs(activity.versusToday.system.byYear[y - 1])).toBeLessThan(1e-6);
    });
    expect(() => transition(inputs, { ...DEFAULT_TRANSITION, demandGrowth: -1 })).toThrow("demandGrowth");
  });
});
