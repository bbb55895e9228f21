/**
 * A single holder's economics (issue 36; src/engine/holder/): the management fee, the risk reserve, each partner's
 * subcontract basis and the VAT a subcontracted partner cannot recover. Worked by hand below (the issue's own
 * figures); money is conserved in every model and state, and irrecoverable VAT is a real cost, once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { withBadYear } from "../../src/engine/holder/economics";
import { readSubcontractBasis, type PartnerTerms } from "../../src/engine/holder/partners";
import { parseHolderAmount, readPartnerTerms } from "../../src/engine/inputs/holder-terms";
import { transition, DEFAULT_TRANSITION } from "../../src/engine/comparison/transition";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { appraiseOptions } from "../../src/engine/comparison/options";
import { readOptionsTable } from "../../src/engine/inputs/options-table";
import { TRANSITION_TEXT_DEFAULTS } from "../../src/engine/inputs/terms";
import { sensitivity, sensitivityInputs, shiftedOutcomes } from "../../src/engine/comparison/sensitivity";

// The holder's own care costs £350 a patient (£3,500,000 for 10,000), the community trust's £600 (£6,000,000).
const steps: Step[] = [
  { name: "Integrated care", setting: "community", organisation: "ICP", unitPrice: 400, unitCost: 350, volume: 1, takeUp: 1 },
  { name: "Community care", setting: "community", organisation: "Community trust", unitPrice: 560, unitCost: 600, volume: 1, takeUp: 1 },
];
const inputs = (partners: Record<string, PartnerTerms>): ComparisonInputs => ({
  ...DEFAULT_TERMS,
  steps,
  cohort: 10_000,
  capitationRate: 1_000, // a budget of £10,000,000
  leadProvider: "ICP",
  partners,
  managementFee: { share: 0.02 },
  riskReserve: { share: 0.015 },
});
const atCost: PartnerTerms = { basis: { kind: "cost", markup: 0 }, vatRecoverable: true, vatShare: 0 };

describe("a single holder's economics", () => {
  it("budget £10m, subcontracts at cost £6m, own cost £3.5m: margin £500,000; fee £200,000 and reserve £150,000 leave £150,000", () => {
    const c = comparePaymentModels(inputs({ "Community trust": atCost }));
    const h = c.models.find((m) => m.id === "capitation")!.holder!;
    expect(h.name).toBe("ICP");
    expect(h.budget).toBeCloseTo(10_000_000, 6);
    expect(h.margin).toBeCloseTo(500_000, 6);
    expect(h.fee).toBeCloseTo(200_000, 6);
    expect(h.reserve).toBeCloseTo(150_000, 6);
    expect(h.freeMargin).toBeCloseTo(150_000, 6);
    expect(h.vat).toEqual([]);
    expect(h.subcontracts).toEqual([{ name: "Community trust", basis: "cost", payment: 6_000_000, margin: 0 }]);
    expect(c.models.find((m) => m.id === "block")!.holder).toBeNull();
  });

  it("£1,000,000 of VAT-bearing costs the partner cannot recover under the holder: £200,000 of real cost, once", () => {
    const lost = comparePaymentModels(inputs({ "Community trust": { ...atCost, vatRecoverable: false, vatShare: 1 / 6 } }));
    const cap = lost.models.find((m) => m.id === "capitation")!;
    expect(cap.holder!.vat).toEqual([{ name: "Community trust", irrecoverable: expect.closeTo(200_000, 6) as number }]);
    // Paid at cost, the holder reimburses it: £300,000 of margin left.
    expect(cap.holder!.margin).toBeCloseTo(300_000, 6);
    // Against today's contracts (commissioned directly, the VAT recovered) the system's real cost rises by £200,000.
    expect(cap.versusToday.system.switch).toBeCloseTo(-200_000, 6);
    // Recoverable, or under an alliance (every partner contracted by the commissioner): none lost.
    const kept = comparePaymentModels({ ...inputs({ "Community trust": { ...atCost, vatShare: 1 / 6 } }) }).models.find((m) => m.id === "capitation")!;
    expect(kept.holder!.vat).toEqual([]);
    expect(Math.abs(kept.versusToday.system.switch)).toBeLessThan(1e-6);
    const alliance = comparePaymentModels({ ...inputs({ "Community trust": { ...atCost, vatRecoverable: false, vatShare: 1 / 6 } }), holder: "alliance" });
    expect(alliance.models.find((m) => m.id === "capitation")!.holder!.vat).toEqual([]);
    // Every other model commissions the partner directly: no VAT lost there either.
    expect(Math.abs(lost.models.find((m) => m.id === "block")!.versusToday.system.switch)).toBeLessThan(1e-6);
  });

  it("pays each partner by its basis: tariff (its value), cost+5% (£6,300,000), block (today's payment, fixed)", () => {
    const pay = (basis: PartnerTerms["basis"]) =>
      comparePaymentModels(inputs({ "Community trust": { ...atCost, basis } })).models.find((m) => m.id === "capitation")!;
    expect(pay({ kind: "tariff" }).holder!.subcontracts[0].payment).toBeCloseTo(5_600_000, 6);
    expect(pay({ kind: "cost", markup: 0.05 }).holder!.subcontracts[0].payment).toBeCloseTo(6_300_000, 6);
    const block = pay({ kind: "block" });
    expect(block.states.higher.organisations[1].income).toBeCloseTo(5_600_000, 6);
    expect(block.states.shifted.organisations[1].income).toBeCloseTo(5_600_000, 6);
  });

  it("money is conserved in every model and state, and the system loses exactly the VAT it cannot recover", () => {
    const basis = fc.constantFrom<PartnerTerms["basis"]>({ kind: "tariff" }, { kind: "block" }, { kind: "cost", markup: 0 }, { kind: "cost", markup: 0.07 });
    fc.assert(
      fc.property(basis, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("lead", "alliance") as fc.Arbitrary<"lead" | "alliance">, (b, rec, share, holder) => {
        const c = comparePaymentModels({ ...inputs({ "Community trust": { basis: b, vatRecoverable: rec, vatShare: share } }), holder });
        for (const m of c.models) {
          for (const st of STATE_IDS) {
            const s = m.states[st];
            expect(Math.abs(s.organisations.reduce((a, o) => a + o.income, 0) - s.commissioner)).toBeLessThan(1e-6);
          }
          const lost = m.holder?.vat.reduce((a, v) => a + v.irrecoverable, 0) ?? 0;
          expect(m.versusToday.system.switch + lost, m.id).toBeCloseTo(0, 6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("over the years, in the simulation and with an automatic reserve the VAT and the basis hold", () => {
    const inp = inputs({ "Community trust": { basis: { kind: "cost", markup: 0 }, vatRecoverable: false, vatShare: 1 / 6 } });
    // The years: doing nothing under the same model bears the same VAT, so against it the VAT cancels; against today's contracts it does not.
    const t = transition(inp, { ...DEFAULT_TRANSITION, years: 1, shiftAchieved: [0] });
    expect(t.models.find((m) => m.id === "capitation")!.versusToday.system.byYear[0]).toBeCloseTo(-200_000, 6);
    // The simulation settles the held models on costs with the VAT: the holder's mean margin is £300,000 (Poisson draws about it).
    const r = simulateRisk(inp, { trials: 8_192, seed: 1, dispersion: { kind: "poisson" } });
    const icp = r.models.find((m) => m.id === "capitation")!.organisations.find((o) => o.name === "ICP")!;
    expect(Math.abs(icp.marginMean.value - 300_000)).toBeLessThan(4 * icp.marginMean.se + 1);
    const h = comparePaymentModels({ ...inp, riskReserve: "auto" }).models.find((m) => m.id === "capitation")!.holder!;
    expect([h.reserve, h.freeMargin]).toEqual([null, null]);
    const bad = withBadYear(h, "auto", { p5: icp.marginP5.value, mean: icp.marginMean.value });
    expect(bad.reserve).toBeCloseTo(icp.marginMean.value - icp.marginP5.value, 6);
    expect(bad.reserveCoversP5).toBe(bad.reserve! >= -icp.marginP5.value);
    // The Risk view's check: a 1.5% reserve (£150,000) against the holder's simulated bad year, on the same draws.
    const check = simulateRisk({ ...inp, riskReserve: { share: 0.015 } }, { trials: 8_192, seed: 1, dispersion: { kind: "poisson" } }).reserve!;
    expect(check).toMatchObject({ holder: "ICP", auto: false, p5: icp.marginP5.value, covers: 150_000 >= -icp.marginP5.value });
    expect(check.reserve).toBeCloseTo(150_000, 6);
    expect(simulateRisk({ ...inp, riskReserve: null }, { trials: 4_096, seed: 1, dispersion: { kind: "poisson" } }).reserve).toBeNull();
  });

  it("the sensitivity moves each partner's margin on cost and VAT-bearing share as negotiated terms", () => {
    const inp = inputs({ "Community trust": { basis: { kind: "cost", markup: 0.05 }, vatRecoverable: false, vatShare: 1 / 6 } });
    const s = sensitivity(inp);
    const cap = s.models.find((m) => m.id === "capitation")!;
    for (const input of ["partners[Community trust].markup", "partners[Community trust].vatShare"]) {
      const row = cap.rows.find((r) => r.input === input)!;
      expect(row.group, input).toBe("negotiated");
      const x = sensitivityInputs(inp).find((y) => y.input === input)!;
      const full = shiftedOutcomes(x.set(inp, row.high)).find((_, k) => s.models[k].id === "capitation")!;
      expect(row.atHigh.system).toBeCloseTo(full.system, 6);
    }
    // More VAT-bearing cost: more VAT lost, the system poorer.
    const vat = cap.rows.find((r) => r.input === "partners[Community trust].vatShare")!;
    expect(vat.atHigh.system).toBeLessThan(vat.atLow.system);
  });

  it("an option a holder holds: its margin, fee, reserve and free margin by year, from the option's own terms", () => {
    const inp = inputs({ "Community trust": atCost });
    const t = { ...DEFAULT_TRANSITION, years: 2, shiftAchieved: [0] };
    const read = readOptionsTable(
      [
        ["Option", "Model", "managementFee", "riskReserve"],
        ["Held", "capitation", "3%", "£100,000"],
      ],
      "O!A1:D2",
      TRANSITION_TEXT_DEFAULTS,
      2,
      null,
    );
    expect(read.problems).toEqual([]);
    const [dn, held] = appraiseOptions(inp, t, read.options);
    expect(dn.holder).toBeNull();
    // No care moves and no uplift: each year as today, the holder keeps £500,000 of its £10,000,000.
    for (const y of held.holder!.years) {
      expect(y.budget).toBeCloseTo(10_000_000, 6);
      expect(y.margin).toBeCloseTo(500_000, 6);
      expect(y.fee).toBeCloseTo(300_000, 6);
      expect(y.reserve).toBeCloseTo(100_000, 6);
      expect(y.freeMargin).toBeCloseTo(100_000, 6);
    }
    expect(held.holder!.name).toBe("ICP");
    expect(readOptionsTable([["Option", "Model", "riskReserve"], ["X", "capitation", "lots"]], "O!A1:C2", TRANSITION_TEXT_DEFAULTS, 2, null).problems[0]).toMatchObject({
      address: "O!C2",
    });
  });

  it("reads the terms as typed, naming a bad cell", () => {
    expect(parseHolderAmount("2%", "managementFee")).toEqual({ value: { share: 0.02 } });
    expect(parseHolderAmount("£200,000", "managementFee")).toEqual({ value: { amount: 200_000 } });
    expect(parseHolderAmount("auto", "riskReserve", true)).toEqual({ value: "auto" });
    expect(parseHolderAmount("auto", "managementFee")).toEqual({ problem: "managementFee: expected a share of the budget (2%) or an amount (£200,000), got 'auto'" });
    expect(readSubcontractBasis("Cost + 5%")).toEqual({ kind: "cost", markup: 0.05 });
    const t = readPartnerTerms(
      [
        ["Organisation", "Plan", "Subcontract basis", "VAT recoverable", "VAT-bearing share"],
        ["Community trust", 0, "cost", "no", "1/6"],
        ["PCN", 0, "tariff", "maybe", 0.1],
      ],
      "Orgs!A1:E3",
    );
    expect(t.problems.map((p) => [p.address, p.message])).toEqual([
      ["Orgs!E2", "expected the share of its costs that bears VAT, 0% to 100%, got '1/6'"],
      ["Orgs!D3", "expected yes or no, got 'maybe'"],
    ]);
    expect(t.partners!["Community trust"]).toMatchObject({ basis: { kind: "cost", markup: 0 }, vatRecoverable: false });
  });
});
