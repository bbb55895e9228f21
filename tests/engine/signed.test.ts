/**
 * Today as signed (issue 34 B; src/engine/comparison/signed.ts): a signed value replaces the tariff valuation of
 * an organisation's fixed steps at a point of delivery, pro rata; the reconciliation shows the gap; a glide path
 * closes it in equal steps. Worked by hand below.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, contractFor, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { bundlePrice } from "../../src/engine/comparison/settlement";
import { organisationsOf } from "../../src/engine/comparison/organisations";
import { sensitivity, sensitivityInputs, shiftedOutcomes } from "../../src/engine/comparison/sensitivity";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { contractsNotRead, readContractsTable } from "../../src/engine/inputs/contracts-table";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { expectPayError } from "./helpers";

const community = (over: Partial<Step> = {}): Step => ({
  name: "Home visit",
  setting: "community",
  organisation: "Community trust",
  unitPrice: 200,
  unitCost: 150,
  volume: 1,
  takeUp: 1,
  ...over,
});

describe("today as signed", () => {
  it("£22m signed against £20m at tariff, glided over 3 years: £21,333,333.33, £20,666,666.67, £20,000,000", () => {
    // Tariff: 100,000 visits × £200 = £20,000,000 (a community step: fixed today). Signed £22,000,000.
    const inp: ComparisonInputs = {
      ...DEFAULT_TERMS,
      steps: [community()],
      cohort: 100_000,
      contracts: [{ organisation: "Community trust", pointOfDelivery: "community", signed: 22_000_000 }],
    };
    const c = comparePaymentModels(inp);
    expect(c.baseline.states.base.organisations[0].income).toBeCloseTo(22_000_000, 4);
    expect(c.baseline.reconciliation).toEqual([
      {
        organisation: "Community trust",
        pointOfDelivery: "community",
        tariff: 20_000_000,
        signed: 22_000_000,
        gap: 2_000_000,
        gapShare: 0.1,
        steps: ["Home visit"],
      },
    ]);
    // Paid by activity, the commissioner pays £20m a year; against today's contracts gliding to tariff it saves
    // what they still pay above tariff: £1,333,333.33, £666,666.67, then nothing (the provider's fall, the same).
    const t = transition(inp, { ...DEFAULT_TRANSITION, years: 3, shiftAchieved: [0], glideYears: 3 });
    const activity = t.models.find((m) => m.id === "activity")!;
    // Today's contracts by year: 20m + 2m × (1 − y/3) = 21,333,333.33, 20,666,666.67, 20,000,000.
    const todayPays = activity.versusToday.commissioner.byYear.map((x) => Math.round((x + 20_000_000) * 100) / 100);
    expect(todayPays).toEqual([21_333_333.33, 20_666_666.67, 20_000_000]);
    expect(activity.versusToday.organisations[0].byYear.map((x) => Math.round(x * 100) / 100)).toEqual([-1_333_333.33, -666_666.67, 0]);
    // Without a glide path the signed premium stays.
    const kept = transition(inp, { ...DEFAULT_TRANSITION, years: 2, shiftAchieved: [0] }).models.find((m) => m.id === "activity")!;
    expect(kept.versusToday.commissioner.byYear.map((x) => Math.round(x))).toEqual([2_000_000, 2_000_000]);
  });

  it("shares a signed value over the organisation's fixed steps pro rata; its activity steps are untouched", () => {
    // Fixed: visits £15m (75,000 × £200) and follow-ups £5m (50,000 × £100) → signed £18m: £13.5m and £4.5m.
    // Elective (paid by activity): 1,000 × £3,000 = £3m, as it is.
    const inp: ComparisonInputs = {
      ...DEFAULT_TERMS,
      cohort: 1_000,
      steps: [
        community({ volume: 75 }),
        community({ name: "Follow-up", setting: "hospital", pointOfDelivery: "outpatient follow-up", unitPrice: 100, volume: 50 }),
        community({ name: "Hip", setting: "hospital", pointOfDelivery: "elective", unitPrice: 3000, volume: 1 }),
      ],
      contracts: [{ organisation: "community TRUST", pointOfDelivery: "all", signed: 18_000_000 }],
    };
    const c = comparePaymentModels(inp);
    expect(c.baseline.reconciliation[0]).toMatchObject({ tariff: 20_000_000, signed: 18_000_000, gap: -2_000_000, steps: ["Home visit", "Follow-up"] });
    expect(c.baseline.states.base.organisations[0].income).toBeCloseTo(21_000_000, 4);
    // Activity 10% higher: the fixed steps stay at £18m; the elective step earns £3.3m.
    expect(c.baseline.states.higher.organisations[0].income).toBeCloseTo(21_300_000, 4);
  });

  it("with signed values equal to the tariff valuation every figure is as without the table; Σ switch over the system is 0 with any", () => {
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
    const base: ComparisonInputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT };
    const plain = comparePaymentModels(base);
    const tariffs = comparePaymentModels({ ...base, contracts: plain.organisations.map((o) => ({ organisation: o, pointOfDelivery: "all" as const, signed: 0 })) }).baseline.reconciliation;
    const same = comparePaymentModels({ ...base, contracts: tariffs.filter((r) => r.tariff > 0).map((r) => ({ organisation: r.organisation, pointOfDelivery: "all" as const, signed: r.tariff })) });
    for (const st of STATE_IDS) expect(same.baseline.states[st].commissioner).toBeCloseTo(plain.baseline.states[st].commissioner, 6);
    same.models.forEach((m, i) => {
      expect(m.versusToday.commissioner.total).toBeCloseTo(plain.models[i].versusToday.commissioner.total, 6);
      m.versusToday.organisations.forEach((o, k) => expect(o.total).toBeCloseTo(plain.models[i].versusToday.organisations[k].total, 6));
    });
    for (const k of [0.5, 0.9, 1.3, 2]) {
      const signed = comparePaymentModels({ ...base, contracts: tariffs.filter((r) => r.tariff > 0).map((r) => ({ organisation: r.organisation, pointOfDelivery: "all" as const, signed: r.tariff * k })) });
      for (const m of signed.models) expect(Math.abs(m.versusToday.system.switch), `${m.id} at ${k}`).toBeLessThan(1e-6);
      for (const st of STATE_IDS)
        expect(signed.baseline.states[st].commissioner).toBeCloseTo(signed.baseline.states[st].organisations.reduce((x, o) => x + o.income, 0), 6);
    }
  });

  it("every term left at today's value starts from what is paid as signed, not from tariff", () => {
    // Tariff £20m (100,000 visits × £200), signed £22m; the visits cost £150 each: £15m.
    const inp: ComparisonInputs = {
      ...DEFAULT_TERMS,
      steps: [community()],
      cohort: 100_000,
      contracts: [{ organisation: "Community trust", pointOfDelivery: "community", signed: 22_000_000 }],
    };
    const c = comparePaymentModels(inp);
    const m = (id: string) => c.models.find((x) => x.id === id)!;
    const income = (id: string, st: "base" | "higher") => m(id).states[st].organisations[0].income;
    // A block and a capitated budget at today's value: £22m, so nobody gains by the switch; the bundle's price
    // per patient is £22m ÷ 100,000 = £220 (its payment is the holder's cost reconciled to that target).
    expect(bundlePrice(contractFor(inp))).toBeCloseTo(220, 9);
    for (const id of ["block", "capitation"]) {
      expect(income(id, "base"), id).toBeCloseTo(22_000_000, 4);
      expect(Math.abs(m(id).versusToday.organisations[0].switch), id).toBeLessThan(1e-6);
    }
    // Blended: today's payment £22m as its fixed part, 50% of the £2m of activity above it: £23m.
    expect(income("blended", "base")).toBeCloseTo(22_000_000, 4);
    expect(income("blended", "higher")).toBeCloseTo(23_000_000, 4);
    // Gain share: cost £15m + 50% × (£22m budget − £15m) = £18.5m.
    expect(income("gainshare", "base")).toBeCloseTo(18_500_000, 4);
    // Paid by activity at tariff: £20m, a switch of −£2m for the trust and +£2m for the commissioner.
    expect(income("activity", "base")).toBeCloseTo(20_000_000, 4);
    expect(m("activity").versusToday.organisations[0].switch).toBeCloseTo(-2_000_000, 4);
    // Over the years, the block follows the glide path as today's contracts do: no gap between them in any year.
    const t = transition(inp, { ...DEFAULT_TRANSITION, years: 3, shiftAchieved: [0], glideYears: 3 });
    const block = t.models.find((x) => x.id === "block")!;
    for (const x of block.versusToday.organisations[0].byYear) expect(Math.abs(x)).toBeLessThan(1e-6);
    expect(block.levels.income[0].map((x) => Math.round(x * 100) / 100)).toEqual([21_333_333.33, 20_666_666.67, 20_000_000]);
  });

  it("the sensitivity moves each step with the contracts as signed as a full re-run does", () => {
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
    const base: ComparisonInputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT };
    const tariffs = comparePaymentModels({ ...base, contracts: organisationsOf(base.steps).map((o) => ({ organisation: o, pointOfDelivery: "all" as const, signed: 0 })) })
      .baseline.reconciliation;
    const inp = { ...base, contracts: tariffs.filter((r) => r.tariff > 0).map((r, i) => ({ organisation: r.organisation, pointOfDelivery: "all" as const, signed: r.tariff * (1.3 - 0.4 * i) })) };
    const s = sensitivity(inp);
    const scale = contractFor(inp).totalPaid;
    for (const x of sensitivityInputs(inp).filter((y) => y.input.startsWith("steps["))) {
      const row = s.models[0].rows.find((r) => r.input === x.input)!;
      const full = shiftedOutcomes(x.set(inp, row.high));
      s.models.forEach((m, k) => {
        const got = m.rows.find((y) => y.input === x.input)!.atHigh;
        expect(Math.abs(got.commissioner - full[k].commissioner), `${m.id} ${x.input}`).toBeLessThanOrEqual(1e-9 * scale);
        got.organisations.forEach((o, i) => expect(Math.abs(o - full[k].organisations[i]), `${m.id} ${x.input}`).toBeLessThanOrEqual(1e-9 * scale));
      });
    }
  });

  it("refuses, naming the row: an organisation not in the pathway, a contract signed twice, a value no fixed step carries", () => {
    const inp = (contracts: ComparisonInputs["contracts"]): ComparisonInputs => ({ ...DEFAULT_TERMS, steps: [community()], cohort: 10, contracts });
    expectPayError(() => comparePaymentModels(inp([{ organisation: "Acute", pointOfDelivery: "all", signed: 1 }])), "#VALUE!", "contracts, row 1: 'Acute' is not an organisation of the pathway ('Community trust')");
    expectPayError(
      () =>
        comparePaymentModels(
          inp([
            { organisation: "Community trust", pointOfDelivery: "community", signed: 1 },
            { organisation: "Community trust", pointOfDelivery: "community", signed: 2 },
          ]),
        ),
      "#VALUE!",
      "contracts, row 2: Community trust at community is signed twice",
    );
    expectPayError(() => comparePaymentModels(inp([{ organisation: "Community trust", pointOfDelivery: "elective", signed: 5 }])), "#VALUE!", "row 1: Community trust has no step paid by a fixed payment today at elective");
  });

  it("reads a contracts table, naming a bad cell, and says which columns it does not read", () => {
    const t = readContractsTable(
      [
        ["Organisation", "POD", "Signed value £", "MFF", "Notes"],
        ["Community trust", "Community", "£22,000,000", 1.05, "agreed March"],
        ["Acute trust", "", 5_000_000, null, null],
      ],
      "Contracts!A1:E3",
    );
    expect(t.problems).toEqual([]);
    expect(t.contracts).toEqual([
      { organisation: "Community trust", pointOfDelivery: "community", signed: 22_000_000 },
      { organisation: "Acute trust", pointOfDelivery: "all", signed: 5_000_000 },
    ]);
    expect(t.notRead).toEqual(["MFF", "Notes"]);
    expect(contractsNotRead(t.notRead)).toBe(
      "The contracts table's 'MFF', 'Notes' are not read (PAY reads Organisation, Point of delivery and Signed value; each step's MFF comes from the pathway table's MFF column, or the MFF term).",
    );
    expect(t.signedCells).toEqual(["Contracts!$C$2", "Contracts!$C$3"]);
    const bad = readContractsTable(
      [
        ["Organisation", "Point of delivery", "Contract value"],
        ["Community trust", "Aerobics", 1],
        ["Acute trust", "all", "lots"],
      ],
      "Contracts!A1:C3",
    );
    expect(bad.problems.map((p) => p.address)).toEqual(["Contracts!B2", "Contracts!C3"]);
    expect(bad.problems[1].message).toBe("expected the value signed for the year, £0 or more, got 'lots'");
  });
});
