/**
 * pay compare on examples/plans-and-contracts-2026.xlsx (examples/plans-and-contracts.ts): the 2026/27 rule on
 * planned activity, the contracts as signed reconciled to tariff, the price path and financial years, in the
 * JSON other tools read (issue 34: transition.labels, baseline.reconciliation). Figures worked by hand, MFF 1.03.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./run";

const file = path.join(__dirname, "..", "..", "examples", "plans-and-contracts-2026.xlsx");
const args = ["compare", file, "--table", "Pathway2026", "--cohort", "Cohort", "--term", "mff=MFF", "--preset", "nhsps-2026", "--contracts", "Contracts"];

interface Json {
  baseline: {
    commissioner: { base: number };
    organisations: { name: string; base: { income: number } }[];
    reconciliation: { organisation: string; pointOfDelivery: string; tariff: number; signed: number; gap: number }[];
  };
  transition: { years: number[]; labels: string[]; prices: { efficiency: number[]; priceUplift: number[]; priceConvention: string } };
}

describe("pay compare with a 2026/27 plan and signed contracts", () => {
  it("pays today on the plan and as signed, reconciles each contract, and labels the years", async () => {
    const r = await run(...args, "--years", "3", "--start", "2026/27", "--term", "glideYears=3", "--term", "costUplift=4.83%", "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    // Community trust, all its fixed steps: rehab 85 × 1.03 × 12 × 0.7 × 420 = £308,876.40; falls class
    // 40 × 1.03 × 6 × 0.5 × 420 = £51,912; tariff £360,788.40 against £320,000 signed.
    // Acute trust, follow-ups: 140 × 1.03 × 0.8 × 420 = £48,451.20 against £50,000.
    expect(j.baseline.reconciliation.map((x) => ({ ...x, tariff: +x.tariff.toFixed(2), gap: +x.gap.toFixed(2) }))).toEqual([
      expect.objectContaining({ organisation: "Community trust", pointOfDelivery: "all", tariff: 360_788.4, signed: 320_000, gap: -40_788.4 }),
      expect.objectContaining({ organisation: "Acute trust", pointOfDelivery: "outpatient follow-up", tariff: 48_451.2, signed: 50_000, gap: 1_548.8 }),
    ]);
    // Acute trust today: A&E plan 450 at 250 × 1.03: £115,875 − 20% × 30 × £257.50 = £114,330; hip fracture (NEL)
    // plan 400 at £9,785: £3,914,000 + 20% × 20 × £9,785 = £3,953,140; orthogeriatric review (fixed, no point of
    // delivery) 180 × 1.03 × 2 × 0.9 × 420 = £140,162.40; follow-ups as signed £50,000. Σ £4,257,632.40.
    const income = Object.fromEntries(j.baseline.organisations.map((o) => [o.name, +o.base.income.toFixed(2)]));
    expect(income).toEqual({ "Acute trust": 4_257_632.4, "Community trust": 320_000, PCN: 11_340 + 12_600 });
    expect(j.baseline.commissioner.base).toBeCloseTo(4_257_632.4 + 320_000 + 23_940, 6);
    expect(j.transition.years).toEqual([1, 2, 3]);
    expect(j.transition.labels).toEqual(["2026/27", "2027/28", "2028/29"]);
    expect(j.transition.prices.efficiency).toEqual([0.02]);
    expect(j.transition.prices.priceConvention).toBe("additive");
    expect(j.transition.prices.priceUplift.map((x) => +x.toFixed(6))).toEqual([0.0283, 0.0283, 0.0283]);
  });

  it("names a bad contracts cell and says which columns it does not read", async () => {
    const r = await run("compare", file, "--table", "Pathway2026", "--cohort", "Cohort", "--contracts", "Pathway2026");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--contracts: .*expected headers Organisation and Signed value/);
  });

  it("appraises the options on the example, Do nothing first, in the JSON's keys exactly", async () => {
    const r = await run(...args, "--years", "3", "--start", "2026/27", "--options", "Options", "--organisations", "Organisations", "--term", "optimismBias=24%", "--json");
    expect(r.err).toBe("");
    const j = JSON.parse(r.out) as {
      options: {
        name: string;
        model: string;
        years: { label: string; parties: Record<string, number | string | boolean | null>[] }[];
        npv: { name: string; npv: number; npvAdjusted: number }[];
      }[];
    };
    expect(j.options.map((o) => [o.name, o.model])).toEqual([
      ["Do nothing", "today"],
      ["Do minimum", "today"],
      ["Capitated budget", "capitation"],
      ["Gain share", "gainshare"],
    ]);
    for (const p of j.options[0].npv) expect([p.npv, p.npvAdjusted]).toEqual([0, 0]);
    expect(Object.keys(j.options[2].npv[0])).toEqual(["name", "npv", "npvAdjusted"]);
    const year1 = j.options[2].years[0];
    expect(year1.label).toBe("2026/27");
    const acute = year1.parties.find((p) => p.name === "Acute trust")!;
    expect(Object.keys(acute)).toEqual(["name", "income", "cost", "margin", "recurrent", "nonRecurrent", "withoutSupport", "plan", "withinPlan"]);
    // £150,000 of transitional funding to the acute trust in 2026/27: with it and without it.
    expect(acute.nonRecurrent).toBeCloseTo(150_000, 6);
    expect((acute.margin as number) - (acute.withoutSupport as number)).toBeCloseTo(150_000, 6);
    expect(acute.plan).toBe(0);
    expect(acute.withinPlan).toBe((acute.margin as number) >= 0);
    // The commissioner pays the set-up and the support in year 1: £400,000 of non-recurrent cost.
    expect(year1.parties.find((p) => p.name === "Commissioner")!.nonRecurrent).toBeCloseTo(-400_000, 6);
    // What must be true, for every option but Do nothing, party and default input, in the keys.
    const sv = (JSON.parse(r.out) as { switchingValues: Record<string, unknown>[] }).switchingValues;
    expect(Object.keys(sv[0])).toEqual(["option", "party", "input", "value", "from", "to", "reason"]);
    expect(new Set(sv.map((x) => x.option))).toEqual(new Set(["Do minimum", "Capitated budget", "Gain share"]));
    expect(sv.filter((x) => x.option === "Gain share").map((x) => x.input)).toContain("gainShareRate");
    // Optimism bias lowers the commissioner's NPV by at least 24% of the £250,000 set-up.
    const c = j.options[2].npv.find((p) => p.name === "Commissioner")!;
    expect(c.npv - c.npvAdjusted).toBeGreaterThanOrEqual(0.24 * 250_000 - 1e-6);
  });

  it("summarises the options under three scenarios (Scenario Manager's layout in the text), in the JSON's scenarios", async () => {
    const r = await run(...args, "--years", "3", "--options", "Options", "--scenarios", "Scenarios", "--json");
    expect(r.err).toBe("");
    const j = JSON.parse(r.out) as { options: { name: string; npv: unknown[] }[]; scenarios: { name: string; options: { name: string; npv: unknown[] }[] }[] };
    expect(j.scenarios.map((s) => s.name)).toEqual(["Low", "Central", "High"]);
    expect(j.scenarios[0].options.map((o) => o.name)).toEqual(["Do nothing", "Do minimum", "Capitated budget", "Gain share"]);
    expect(Object.keys(j.scenarios[0].options[0])).toEqual(["name", "npv"]);
    const text = await run(...args, "--years", "3", "--options", "Options", "--scenarios", "Scenarios");
    // The sentence docs/cli.md quotes.
    expect(text.out).toContain("System breaks even under Capitated budget if 48.7% of the planned shift is achieved");
    expect(text.out).toMatch(/Scenarios: each party's NPV against doing nothing under each option\nAcute trust\n\s+Do nothing\s+Do minimum\s+Capitated budget\s+Gain share\n  Low/);
  });

  it("with --risk, simulates each option on the same draws: optionsRisk, Do nothing first, and today's contracts in risk", async () => {
    const r = await run(...args, "--years", "3", "--options", "Options", "--risk", "4096", "--seed", "3", "--json");
    expect(r.err).toBe("");
    const j = JSON.parse(r.out) as {
      optionsRisk: { option: string; model: string; organisations: { name: string; lossChance: number; p5Margin: number }[]; commissioner: { p95Payment: number } }[];
      risk: { today: { id: string; organisations: { name: string }[] }; models: { id: string }[] };
    };
    expect(j.optionsRisk.map((o) => [o.option, o.model])).toEqual([
      ["Do nothing", "today"],
      ["Do minimum", "today"],
      ["Capitated budget", "capitation"],
      ["Gain share", "gainshare"],
    ]);
    expect(Object.keys(j.optionsRisk[0].organisations[0])).toEqual(["name", "lossChance", "p5Margin"]);
    expect(j.risk.today.id).toBe("today");
    expect(j.risk.models).toHaveLength(7);
    const text = await run(...args, "--years", "3", "--options", "Options", "--risk", "4096", "--seed", "3");
    expect(text.out).toContain("Each option's bad year (5th percentile of each organisation's margin; the same simulated years for every option):");
    expect(text.out).toMatch(/\n  Today's contracts: /);
  });

  it("with --risk and --scenarios, each scenario's options on the same draws: Do nothing is the same year under every scenario", async () => {
    // (--delivery: the simulated year is the one after the care shift, so the shift a scenario sets is in it.)
    const more = ["--risk", "1024", "--seed", "3", "--delivery", "15%", "--json"];
    const r = await run(...args, "--years", "3", "--options", "Options", "--scenarios", "Scenarios", ...more);
    expect(r.err).toBe("");
    type Sim = { option: string; organisations: { name: string; p5Margin: number; lossChance: number }[] };
    const j = JSON.parse(r.out) as { scenariosRisk: { scenario: string; options: Sim[] }[]; optionsRisk: Sim[] };
    expect(j.scenariosRisk.map((s) => s.scenario)).toEqual(["Low", "Central", "High"]);
    // Scenarios change the shift and demand growth; doing nothing moves no care and a simulated year has no growth,
    // so on common random numbers its every figure is the same under each scenario, and as without scenarios.
    for (const s of j.scenariosRisk) expect(s.options[0]).toEqual(j.optionsRisk[0]);
    // The shift a scenario sets moves the options that move care.
    expect(j.scenariosRisk[0].options[2]).not.toEqual(j.scenariosRisk[2].options[2]);
  });

  it("refuses options without years, and a column that is not a term, naming its cell", async () => {
    const r = await run(...args, "--options", "Options");
    expect(r.code).toBe(2);
    expect(r.err).toContain("give --years N too");
    const bad = await run(...args, "--years", "2", "--options", "Pathway2026");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--options: .*expected headers Option and Model/);
  });
});

