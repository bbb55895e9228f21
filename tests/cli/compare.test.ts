/**
 * `pay compare`: the panel's comparison from a workbook. Its JSON (a public interface: the keys are the
 * issue's) equals the engine's comparison of the same table, cohort and terms; bad input is one line naming
 * the file, the cell and the rule, with exit code 2.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "./run";
import { beforeAll, describe, expect, it } from "vitest";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF, TODAY_COLUMNS, TODAY_STEPS } from "../../examples/build-examples";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, STATE_IDS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { builtExamples, expected } from "./examples-fixture";

let dir = "";
let file = "";

beforeAll(async () => {
  ({ dir, file } = await builtExamples());
});

describe("pay compare --json", () => {
  it("gives the engine's comparison of the three-organisation example, in the issue's keys", async () => {
    const r = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF", "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      organisations: string[];
      models: { id: string; name: string; commissioner: Record<string, number>; organisations: { name: string; [state: string]: unknown }[] }[];
    };
    const want = expected();
    expect(json.organisations).toEqual(["Acute trust", "Community trust", "PCN"]);
    expect(json.models.map((m) => m.id)).toEqual([...MODEL_IDS]);
    json.models.forEach((m, i) => {
      const e = want.models[i];
      expect(m.name).toBe(e.name);
      expect(Object.keys(m.commissioner)).toEqual(["base", "lower", "higher", "shifted"]);
      for (const s of STATE_IDS) {
        expect(m.commissioner[s]).toBe(e.states[s].commissioner);
        m.organisations.forEach((o, k) => {
          expect(o.name).toBe(json.organisations[k]);
          expect(o[s]).toEqual(e.states[s].organisations[k]);
          expect(Object.keys(o[s] as object)).toEqual(["income", "cost", "margin", "quality"]);
        });
      }
    });
  });
  it("takes terms by key, as numbers typed in the UK, cells or names, and the holder and lead provider", async () => {
    const r = await run(
      "compare",
      file,
      "--table",
      "Pathway!A3:H11",
      "--cohort",
      "420",
      "--json",
      "--term",
      "mff=1.03",
      "--term",
      "blockValue=£5,000,000",
      "--term",
      "shiftShare=30%",
      "--term",
      "holder=alliance",
      "--term",
      "variableShareHospital=0.6",
    );
    expect(r.code, r.err).toBe(0);
    const want = expected({
      blockValue: 5_000_000,
      shiftShare: 0.3,
      holder: "alliance",
      variableShares: { ...DEFAULT_TERMS.variableShares, hospital: 0.6 },
    });
    const json = JSON.parse(r.out) as { models: { commissioner: Record<string, number> }[] };
    json.models.forEach((m, i) => expect(m.commissioner.shifted).toBe(want.models[i].states.shifted.commissioner));
    const lead = JSON.parse(
      (await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "leadProvider=PCN", "--json")).out,
    ) as { lead: string };
    expect(lead.lead).toBe("PCN");
  });
});

describe("pay compare: sensitivity and presets", () => {
  it("--json gains each model's sensitivity rows in the issue's keys, sorted by the swing of the system margin", async () => {
    const r = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF", "--json");
    const json = JSON.parse(r.out) as { sensitivity: Record<string, Record<string, unknown>[]> };
    expect(Object.keys(json.sensitivity)).toEqual([...MODEL_IDS]);
    for (const rows of Object.values(json.sensitivity)) {
      for (const k of ["input", "low", "high", "systemMarginLow", "systemMarginHigh", "commissionerLow", "commissionerHigh"])
        expect(rows[0]).toHaveProperty(k);
      const swings = rows.map((x) => Math.abs((x.systemMarginHigh as number) - (x.systemMarginLow as number)));
      for (let i = 1; i < swings.length; i++) expect(swings[i]).toBeLessThanOrEqual(swings[i - 1]);
    }
    // The term's key as --term takes it, or the step and field.
    const inputs = json.sensitivity.activity.map((x) => x.input);
    expect(inputs).toContain("shiftShare");
    expect(inputs).toContain("steps[1].unitPrice");
  });
  it("the JSON's sensitivity is proportionate: the 20 largest drivers per model by default, --drivers N or all, and says which", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--json"];
    type Listed = { sensitivity: Record<string, { input: string }[]>; sensitivityListed: { perModel: number | "all"; of: number } };
    const all = JSON.parse((await run(...base, "--drivers", "all")).out) as Listed;
    const total = all.sensitivity.activity.length;
    expect(total).toBeGreaterThan(20);
    expect(all.sensitivityListed).toEqual({ perModel: "all", of: total });
    const byDefault = JSON.parse((await run(...base)).out) as Listed;
    expect(byDefault.sensitivityListed).toEqual({ perModel: 20, of: total });
    const five = JSON.parse((await run(...base, "--drivers", "5")).out) as Listed;
    for (const id of MODEL_IDS) {
      expect(byDefault.sensitivity[id]).toEqual(all.sensitivity[id].slice(0, 20));
      expect(five.sensitivity[id]).toEqual(all.sensitivity[id].slice(0, 5));
    }
    const bad = await run(...base, "--drivers", "0");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--drivers: expected .* or all, got '0'/);
  });
  it("--preset sets the blended model's rates above and below baseline; --term still overrides; an unknown preset is refused", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--json"];
    const api = JSON.parse((await run(...base, "--preset", "api-2022")).out) as { models: { id: string; commissioner: Record<string, number> }[] };
    const want = expected({ mff: 1, blendedVariableRate: 0.75, blendedRateBelow: 0.5 });
    expect(api.models[2].commissioner.shifted).toBeCloseTo(want.models[2].states.shifted.commissioner, 6);
    const custom = JSON.parse((await run(...base, "--preset", "api-2022", "--term", "blendedRateBelow=0")).out) as typeof api;
    expect(custom.models[2].commissioner.shifted).toBeCloseTo(
      expected({ mff: 1, blendedVariableRate: 0.75, blendedRateBelow: 0 }).models[2].states.shifted.commissioner,
      6,
    );
    // And today's payment for the points of delivery the rule covered: MRET pays non-elective steps 30% of a rise and
    // takes 100% of a fall. This table gives no point of delivery, so no hospital step is taken for non-elective
    // (issue 32): the rule pays none of them, and the notes say so.
    const mret = JSON.parse((await run(...base, "--preset", "mret-2010")).out) as {
      baseline: {
        rule: { id: string; covers: string[] };
        commissioner: Record<string, number>;
        steps: { name: string; paymentToday: unknown; source: string }[];
      };
      notes: string[];
    };
    expect(mret.baseline.rule).toMatchObject({ id: "mret-2010", covers: ["non-elective"] });
    expect(mret.baseline.steps.map((x) => x.source)).toEqual(INTEGRATED_STEPS.map(() => "default"));
    expect(mret.notes.join(" ")).toContain("pays 0 steps today (non-elective: none in this pathway)");
    expect(mret.notes.join(" ")).toContain("4 hospital steps have no point of delivery");
    const today = expected({ mff: 1, blendedVariableRate: 0.3, blendedRateBelow: 1, todaysRule: todaysRule(presetById("mret-2010")!) });
    expect(mret.baseline.commissioner.shifted).toBeCloseTo(today.baseline.states.shifted.commissioner, 6);
    expect(mret.notes.join(" ")).toContain("Marginal rate emergency rule (2010/11) pays");
    const bad = await run(...base, "--preset", "mret-1999");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--preset mret-1999: not a preset; expected one of mret-2010, mret-2017, uec-2019, api-2022, nhsps-2025");
  });
});

describe("pay compare --years", () => {
  it("adds the transition in the issue's keys, equal to the engine's, with year terms as comma-separated lists", async () => {
    const r = await run(
      "compare",
      file,
      "--table",
      "IntegratedPathway",
      "--cohort",
      "Cohort",
      "--json",
      "--years",
      "4",
      "--term",
      "shiftAchieved=50%,100%,100%,100%",
      "--term",
      "setupCost=£250,000",
      "--term",
      "releaseYear=3",
      "--term",
      "priceUplift=2%",
      "--term",
      "rebaseEvery=1",
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      transition: { years: number[]; models: { id: string; commissioner: Record<string, unknown>; organisations: Record<string, unknown>[] }[] };
    };
    expect(json.transition.years).toEqual([1, 2, 3, 4]);
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
    const want = transition(
      { ...DEFAULT_TERMS, steps: table.steps, cohort: INTEGRATED_COHORT },
      { ...DEFAULT_TRANSITION, years: 4, shiftAchieved: [0.5, 1, 1, 1], setupCost: [250_000], releaseYear: 3, priceUplift: [0.02], rebaseEvery: 1 },
    );
    json.transition.models.forEach((m, k) => {
      expect(m.id).toBe(want.models[k].id);
      expect(Object.keys(m.commissioner)).toEqual(["byYear", "cumulative", "npv", "payback"]);
      expect(m.commissioner.byYear).toEqual(want.models[k].commissioner.byYear);
      expect(m.commissioner.npv).toBe(want.models[k].commissioner.npv);
      expect(m.commissioner.payback).toBe(want.models[k].commissioner.payback);
      m.organisations.forEach((o, i) => {
        expect(Object.keys(o)).toEqual(["name", "byYear", "cumulative", "npv", "payback"]);
        expect(o.byYear).toEqual(want.models[k].organisations[i].byYear);
      });
    });
    // payback is null when never.
    expect(json.transition.models.some((m) => m.organisations.some((o) => o.payback === null))).toBe(true);
  });
  it("bad year terms are one line naming the term and year", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--years", "3"];
    expect((await run(...base, "--term", "shiftAchieved=50%,abc,100%")).err).toContain("Shift achieved, year 2: expected a number");
    expect((await run(...base, "--term", "shiftAchieved=50%,100%")).err).toContain(
      "shiftAchieved: expected one value, or one value for each of the 3 years, got 2",
    );
    expect((await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--years", "12")).err).toContain(
      "--years: expected a whole number of years from 1 to 10",
    );
  });

  it("--json gives today's contracts (baseline), each model's versusToday, and with --years the years against doing nothing", async () => {
    const r = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--years", "2", "--term", "demandGrowth=2%", "--json");
    expect(r.code, r.err).toBe(0);
    type P = { byYear: number[]; cumulative: number[]; npv: number; payback: number | null };
    const json = JSON.parse(r.out) as {
      baseline: {
        name: string;
        commissioner: Record<string, number>;
        organisations: { name: string; base: { income: number; cost: number; margin: number } }[];
        steps: { name: string; pointOfDelivery: string; paymentToday: unknown }[];
      };
      models: {
        id: string;
        versusToday: {
          commissioner: { switch: number; shift: number; total: number };
          organisations: { name: string; switch: number }[];
          system: { switch: number };
        };
      }[];
      transition: { models: { id: string; versusToday: { commissioner: P; organisations: (P & { name: string })[]; system: P } }[] };
    };
    expect(json.baseline.name).toBe("Today's contracts");
    expect(Object.keys(json.baseline.commissioner)).toEqual(["base", "lower", "higher", "shifted"]);
    expect(json.baseline.steps[0]).toEqual({ source: "default", name: "ED attendance", pointOfDelivery: null, paymentToday: "fixed" });
    for (const m of json.models) expect(Math.abs(m.versusToday.system.switch)).toBeLessThan(1e-6);
    const t = json.transition.models[0].versusToday;
    expect(t.organisations.map((o) => o.name)).toEqual(["Acute trust", "Community trust", "PCN"]);
    expect(t.commissioner.byYear).toHaveLength(2);
    expect(Object.keys(t.system)).toEqual(["byYear", "cumulative", "npv", "payback"]);
  });

  it("the example with today's contracts (todays-contracts.xlsx): the JSON's baseline and versusToday are the engine's on its table", async () => {
    const example = path.join(path.dirname(file), "todays-contracts.xlsx");
    const r = await run("compare", example, "--table", "TodaysContracts", "--cohort", "Cohort", "--term", "mff=MFF", "--json");
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      notes: string[];
      baseline: { organisations: { base: { income: number }; shifted: { income: number } }[] };
      models: { versusToday: { organisations: { total: number }[] } }[];
    };
    const headers = [...INTEGRATED_HEADERS, ...TODAY_COLUMNS];
    const t = readPathwayTable([headers, ...INTEGRATED_STEPS.map((s, i) => [...s, ...TODAY_STEPS[i]])], "Pathway!A3:K11");
    const want = comparePaymentModels({ ...DEFAULT_TERMS, mff: MFF, steps: t.steps, cohort: INTEGRATED_COHORT });
    json.baseline.organisations.forEach((o, i) => {
      expect(o.base.income).toBeCloseTo(want.baseline.states.base.organisations[i].income, 6);
      expect(o.shifted.income).toBeCloseTo(want.baseline.states.shifted.organisations[i].income, 6);
    });
    json.models.forEach((m, k) =>
      m.versusToday.organisations.forEach((o, i) => expect(o.total).toBeCloseTo(want.models[k].versusToday.organisations[i].total, 6)),
    );
    expect(json.notes.join(" ")).toContain("'A&E' as urgent");
    const text = await run("compare", example, "--table", "TodaysContracts", "--cohort", "Cohort", "--term", "mff=MFF");
    expect(text.out).toContain("Against today's contracts");
  });

  it("terms that would do nothing, or something else, silently: each one clear line (exit 2) or a warning", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort"];
    const refused = async (args: string[], text: string) => {
      const r = await run(...base, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.err, args.join(" ")).toContain(text);
    };
    await refused(["--years", "0x3"], "--years: expected a whole number of years from 1 to 10, got '0x3'");
    await refused(["--years", "1e1"], "got '1e1'");
    await refused(["--term", "stopGain=10%", "--term", "stopGain=20%"], "--term stopGain is given twice ('10%' and '20%')");
    await refused(["--term", "stopGain="], "--term stopGain: expected a value (a number, a cell or a defined name), got nothing");
    // The cohort's own option, and the file, named.
    const k9 = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Nowhere");
    expect(k9.code).toBe(2);
    expect(k9.err).toContain(`${file}: --cohort: 'Nowhere' is not a table, a defined name or an address`);
    await refused(["--years", "2", "--term", "discountRate=-100%"], "discountRate: expected a yearly rate above −100% and below 100%, got −100%");
    // Warnings: year terms without --years; a cohort that is not a whole number of patients.
    const yearOnly = await run(...base, "--term", "releaseYear=2", "--json");
    expect(yearOnly.code).toBe(0);
    expect(yearOnly.err).toBe("pay: warning: --term releaseYear is a year term, used only with --years N: ignored");
    const half = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "2.5", "--json");
    expect(half.code).toBe(0);
    expect(half.err).toContain("the cohort is 2.5, not a whole number of patients");
  });

  it("names matched one way everywhere: lead provider and holder in any case; partial partner weights", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--json"];
    const lower = await run(...base, "--term", "leadProvider=acute TRUST", "--term", "holder=Alliance");
    expect(lower.code, lower.err).toBe(0);
    expect((JSON.parse(lower.out) as { lead: string; holder: string }).lead).toBe("Acute trust");
    expect((JSON.parse(lower.out) as { lead: string; holder: string }).holder).toBe("alliance");
    // The README's weights name two of three partners: the community trust weighs 0, and the output says so.
    const partial = await run(...base, "--term", "partnerWeights=Acute trust:3, PCN:1", "--term", "holder=alliance");
    const json = JSON.parse(partial.out) as { notes: string[]; models: { id: string; shift: { organisations: number[] } }[] };
    expect(json.notes.join(" ")).toContain("Community trust is not named, so weighted 0");
    const unknown = await run(...base, "--term", "partnerWeights=Acute trust:3, Hospice:1");
    expect(unknown.err).toContain("partner weights: 'Hospice' is not an organisation of the pathway");
    const zero = await run(...base, "--term", "partnerWeights=Acute trust:0");
    expect(zero.err).toContain("every weight is 0");
  });
});

describe("pay compare, readable", () => {
  it("leads with the answer, then against today's contracts (total, switch and shift per party and model), then the shift alone", async () => {
    const r = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF");
    expect(r.code).toBe(0);
    const [answer, blank, ...lines] = r.out.split("\n");
    expect(answer).toMatch(/^Moving from today's contracts to /);
    expect(blank).toBe("");
    expect(lines[0]).toMatch(/^Against today's contracts/);
    const c = expected();
    const pounds = (x: number) => (Math.round(x) < 0 ? `−£${Math.round(-x).toLocaleString("en-GB")}` : `£${Math.round(x).toLocaleString("en-GB")}`);
    const cells = (line: string) => line.trim().split(/\s{2,}/).slice(1);
    expect(lines[2]).toMatch(/^Acute trust/);
    expect(cells(lines[2])).toEqual([pounds(c.baseline.shift.organisations[0]), ...c.models.map((m) => pounds(m.versusToday.organisations[0].total))]);
    expect(cells(lines[3])).toEqual(c.models.map((m) => pounds(m.versusToday.organisations[0].switch)));
    expect(cells(lines[4])).toEqual([pounds(c.baseline.shift.organisations[0]), ...c.models.map((m) => pounds(m.versusToday.organisations[0].shift))]);
    const shiftAt = lines.findIndex((l) => l.startsWith("Who gains when care moves out of hospital"));
    expect(shiftAt).toBeGreaterThan(4);
    expect(lines[shiftAt + 2]).toContain(pounds(c.models[0].shift.organisations[0]));
  });
  it("--help lists every term key", async () => {
    const r = await run("compare", "--help");
    for (const k of [
      "mff",
      "blockValue",
      "blendedVariableRate",
      "shiftShare",
      "shiftCommunityUplift",
      "variableShareHospital",
      "holder",
      "leadProvider",
    ])
      expect(r.out).toContain(k);
  });
});

describe("pay compare, bad input", () => {
  it("a bad cell in the table: one line naming the file, the cell and the rule; exit 2", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("P");
    ws.addRow(INTEGRATED_HEADERS);
    ws.addRow(["Spell", "hospital", "Acute trust", "-", 900, 1, 1, 0.5]);
    const bad = path.join(dir, "bad.xlsx");
    await wb.xlsx.writeFile(bad);
    const r = await run("compare", bad, "--table", "P!A1:H2", "--cohort", "100");
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toBe(`pay: ${bad}: P!D2: Unit price £, row 1: expected a number, got '-'`);
  });
  it("a cohort of '5%', an unknown term, an MFF of 105, a lead provider not in the pathway", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort"];
    expect((await run(...base, "5%")).err).toContain("--cohort 5%: Cohort: expected a number, not a percentage");
    expect((await run(...base, "Cohort", "--term", "colour=blue")).err).toContain("--term colour: not a term");
    expect((await run(...base, "Cohort", "--term", "mff=105")).err).toContain("MFF: expected a market forces factor from 0.5 to 2");
    const lead = await run(...base, "Cohort", "--term", "leadProvider=Nowhere");
    expect(lead.err).toContain("lead provider: 'Nowhere' is not an organisation of the pathway");
    expect(lead.code).toBe(2);
    writeFileSync(path.join(dir, "x.txt"), "x");
    expect((await run("compare", path.join(dir, "x.txt"), "--table", "A1", "--cohort", "1")).code).toBe(2);
  });
});
