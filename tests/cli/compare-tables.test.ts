/**
 * `pay compare` on an Excel table as the pathway (and `pay recalc` of one), over year-of-care tiers, with a
 * simulation (--risk), a population by need (--population) and money in £k or £m (--units): each the engine's,
 * bad input named.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "./run";
import { beforeAll, describe, expect, it } from "vitest";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, INTEGRATED_TIERS, MFF } from "../../examples/build-examples";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { builtExamples, expected } from "./examples-fixture";

let dir = "";
let file = "";

beforeAll(async () => {
  ({ dir, file } = await builtExamples());
});

describe("pay compare, year of care", () => {
  it("a capitated budget over the workbook's complexity tiers: PAY.CAPITATION at £ per weighted patient", async () => {
    const r = await run(
      "compare",
      file,
      "--table",
      "IntegratedPathway",
      "--cohort",
      "Cohort",
      "--term",
      "mff=MFF",
      "--term",
      "capitationTiers=Tiers",
      "--term",
      "capitationRate=11000",
      "--json",
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { models: { id: string; commissioner: Record<string, number> }[] };
    // 11,000 × (250 × 0.8 + 120 × 1.3 + 50 × 2.2) = 11,000 × 466 = £5,126,000.
    const weighted = INTEGRATED_TIERS.reduce((t, [, n, w]) => t + n * w, 0);
    expect(json.models.find((m) => m.id === "capitation")!.commissioner.base).toBeCloseTo(11_000 * weighted, 6);
    const want = expected({
      capitationRate: 11_000,
      capitationTiers: { counts: INTEGRATED_TIERS.map((t) => t[1]), weights: INTEGRATED_TIERS.map((t) => t[2]) },
    });
    json.models.forEach((m, i) => expect(m.commissioner.shifted).toBe(want.models[i].states.shifted.commissioner));
    const bad = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "capitationTiers=Pathway!A3:C5");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--term capitationTiers:");
  });
});

describe("an Excel table as the pathway (pay compare --table <TableName>, pay recalc)", () => {
  /** The integrated steps as the table "Pathway" on "Tariff", plus one formula on the table by structured references. */
  async function tableWorkbook(steps: (typeof INTEGRATED_STEPS)[number][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tariff");
    ws.getCell("A1").value = "Cohort";
    ws.getCell("B1").value = INTEGRATED_COHORT;
    ws.addTable({
      name: "Pathway",
      ref: "A3",
      headerRow: true,
      columns: INTEGRATED_HEADERS.map((name) => ({ name })),
      rows: steps.map((s) => [...s]),
    });
    ws.getCell("K1").value = {
      formula: "PAY.PATHWAY_COST(Pathway[Unit price £],Pathway[Volume per patient],Pathway[Take-up],B1)",
    } as ExcelJS.CellFormulaValue;
    const f = path.join(dir, `table-${steps.length}.xlsx`);
    await wb.xlsx.writeFile(f);
    return f;
  }

  it("reads the table by its name and gives the engine's comparison; a row added changes it", async () => {
    const grown = [...INTEGRATED_STEPS, ["Home visit", "community", "Community trust", 70, 66, 2, 0.5, null] as (typeof INTEGRATED_STEPS)[number]];
    for (const steps of [INTEGRATED_STEPS, grown]) {
      const f = await tableWorkbook(steps);
      const r = await run("compare", f, "--table", "pathway", "--cohort", "Tariff!B1", "--json");
      expect(r.err).toBe("");
      const json = JSON.parse(r.out) as { models: { id: string; commissioner: Record<string, number> }[] };
      const t = readPathwayTable([INTEGRATED_HEADERS, ...steps.map((s) => [...s])], "Tariff!A3");
      const want = comparePaymentModels({ ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT });
      expect(json.models[0].commissioner.base).toBeCloseTo(want.models[0].states.base.commissioner, 6);
      // The structured reference in K1 is the table's current rows, as Excel reads it.
      const out = path.join(dir, `recalc-${steps.length}.xlsx`);
      expect((await run("recalc", f, "-o", out)).code).toBe(0);
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(out);
      const k1 = back.getWorksheet("Tariff")!.getCell("K1");
      expect(k1.formula).toBe("PAY.PATHWAY_COST(Pathway[Unit price £],Pathway[Volume per patient],Pathway[Take-up],B1)");
      const byHand = steps.reduce((s, x) => s + x[3] * x[5] * x[6], 0) * INTEGRATED_COHORT;
      expect(k1.result as number).toBeCloseTo(byHand, 6);
    }
  });

  it("never reads the table's Total Row as a step", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tariff");
    ws.getCell("A1").value = INTEGRATED_COHORT;
    ws.addTable({
      name: "Pathway",
      ref: "A3",
      headerRow: true,
      totalsRow: true,
      columns: INTEGRATED_HEADERS.map((name, i) => ({
        name,
        totalsRowFunction: i === 3 || i === 4 ? "sum" : "none",
        ...(i === 0 ? { totalsRowLabel: "Total" } : {}),
      })) as ExcelJS.TableColumnProperties[],
      rows: INTEGRATED_STEPS.map((s) => [...s]),
    });
    const f = path.join(dir, "table-totals.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await run("compare", f, "--table", "Pathway", "--cohort", "Tariff!A1", "--json");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out) as { models: { commissioner: Record<string, number> }[] };
    const t = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "Tariff!A3");
    const want = comparePaymentModels({ ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT });
    expect(json.models[0].commissioner.base).toBeCloseTo(want.models[0].states.base.commissioner, 6);
  });

  it("recalculates a calculated column ([#This Row]) row by row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tariff");
    ws.addTable({
      name: "Prices",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Step" }, { name: "Unit price £" }, { name: "Doubled" }],
      rows: [
        ["a", 10, null],
        ["b", 25, null],
      ],
    });
    for (const r of [2, 3]) ws.getCell(`C${r}`).value = { formula: "Prices[[#This Row],[Unit price £]]*2" } as ExcelJS.CellFormulaValue;
    ws.getCell("E1").value = { formula: "SUM(Prices[Doubled])" } as ExcelJS.CellFormulaValue;
    const f = path.join(dir, "calculated-column.xlsx");
    await wb.xlsx.writeFile(f);
    const out = path.join(dir, "calculated-column-out.xlsx");
    expect((await run("recalc", f, "-o", out)).code).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const t = back.getWorksheet("Tariff")!;
    expect([t.getCell("C2").result, t.getCell("C3").result, t.getCell("E1").result]).toEqual([20, 50, 70]);
  });

  it("a structured reference to a column the table lacks is #REF! in that cell, named with the reason; the rest is recalculated", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tariff");
    ws.addTable({ name: "Pathway", ref: "A1", headerRow: true, columns: [{ name: "Step" }, { name: "Price" }], rows: [["a", 1]] });
    ws.getCell("D1").value = { formula: "SUM(Pathway[Unit price])" } as ExcelJS.CellFormulaValue;
    ws.getCell("D2").value = { formula: "SUM(Pathway[Price])*2" } as ExcelJS.CellFormulaValue;
    const f = path.join(dir, "bad-table.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await run("recalc", f, "-o", f);
    // As in Excel: the one cell is #REF!; the workbook is still read and every other formula recalculated.
    expect(r.code).toBe(0);
    expect(r.out).toContain("error (not PAY) Tariff!D1: #REF! the table Pathway has no column 'Unit price' (its columns: Step, Price)");
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(f);
    const result = (a: string) => (back.getWorksheet("Tariff")!.getCell(a) as unknown as { result: unknown }).result;
    expect(result("D1")).toEqual({ error: "#REF!" });
    expect(result("D2")).toBe(2);
  });
});

describe("pay compare --risk", () => {
  it("adds the simulation as named (trials, seed, each model's organisations against their capacity, the commissioner's bad year), the engine's for the seed", async () => {
    const r = await run(
      "compare",
      file,
      "--table",
      "IntegratedPathway",
      "--cohort",
      "Cohort",
      "--term",
      "mff=MFF",
      "--risk",
      "5000",
      "--seed",
      "42",
      "--term",
      "riskCapacity=PCN:£100",
      "--json",
    );
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      risk: {
        trials: number;
        seed: number;
        models: {
          id: string;
          organisations: { name: string; lossChance: number; p5Margin: number; capacity: number; exceedsCapacity: boolean }[];
          commissioner: { p95Payment: number };
        }[];
      };
    };
    expect([json.risk.trials, json.risk.seed]).toEqual([5000, 42]);
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
    const want = simulateRisk(
      { ...DEFAULT_TERMS, mff: MFF, steps: table.steps, cohort: INTEGRATED_COHORT },
      { trials: 5000, seed: 42, dispersion: { kind: "poisson" }, capacity: { PCN: 100 } },
    );
    want.models.forEach((m, k) => {
      expect(json.risk.models[k].id).toBe(m.id);
      expect(json.risk.models[k].commissioner.p95Payment).toBeCloseTo(m.payment.p95.value, 6);
      m.organisations.forEach((o, i) => {
        const got = json.risk.models[k].organisations[i];
        expect(Object.keys(got).slice(0, 5)).toEqual(["name", "lossChance", "p5Margin", "capacity", "exceedsCapacity"]);
        expect([got.name, got.exceedsCapacity]).toEqual([o.name, o.exceedsCapacity]);
        expect(got.p5Margin).toBeCloseTo(o.marginP5.value, 6);
        expect(got.capacity).toBeCloseTo(o.capacity, 6);
      });
    });
    expect(json.risk.models[0].organisations.find((o) => o.name === "PCN")!.capacity).toBe(100);
  });

  it("names what is wrong: trials, seed, shape, and a capacity for an organisation not in the pathway", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort"];
    expect((await run(...base, "--risk", "1")).err).toContain("--risk: expected a whole number from 2 to 2,000,000, got '1'");
    expect((await run(...base, "--risk", "100", "--seed", "-1")).err).toContain("--seed: expected a whole number from 0");
    expect((await run(...base, "--risk", "100", "--shape", "0")).err).toContain("--shape: expected a number greater than 0");
    const unknown = await run(...base, "--risk", "100", "--term", "riskCapacity=Hospice:£5");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("riskCapacity: 'Hospice' is not an organisation of the pathway");
    expect((await run(...base, "--term", "riskCapacity=PCN")).err).toContain("Risk capacity: expected name:amount pairs");
  });
});

describe("pay compare --population", () => {
  it("sets the capitated budget by need (calibrated, or at a typed rate) and says so in capitation {source, rate, budget}", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF", "--json"];
    type J = {
      notes: string[];
      models: { id: string; commissioner: Record<string, number>; capitation?: { source: string; rate: number | null; budget: number } }[];
    };
    const plain = JSON.parse((await run(...base)).out) as J;
    expect(plain.models.find((m) => m.id === "capitation")!.capitation).toMatchObject({ source: "activity", rate: null });
    // The example's year-of-care tiers as a population: 250 × 0.8 + 120 × 1.3 + 50 × 2.2 = 466 weighted people.
    const need = JSON.parse((await run(...base, "--population", "Pathway!J3:L6")).out) as J;
    const cap = need.models.find((m) => m.id === "capitation")!;
    const today = plain.models.find((m) => m.id === "activity")!.commissioner.base;
    expect(cap.capitation!.source).toBe("need");
    expect(cap.capitation!.budget).toBeCloseTo(today, 6);
    expect(cap.capitation!.rate!).toBeCloseTo(today / (466 * MFF), 6);
    expect(cap.commissioner.shifted).toBeCloseTo(today, 6);
    expect(need.notes.join(" ")).toContain("Capitated budget set by need: 466 weighted people");
    const typed = JSON.parse((await run(...base, "--population", "Pathway!J3:L6", "--term", "capitationRate=£10,000")).out) as J;
    expect(typed.models.find((m) => m.id === "capitation")!.capitation!.budget).toBeCloseTo(466 * 10_000 * MFF, 6);
    const bad = await run(...base, "--population", "Pathway!A3:C5");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--population: Pathway!A3:C5: expected headers for people");
  });
});

describe("pay compare --units", () => {
  it("shows the text report's money in £k or £m (the JSON stays exact); anything else is refused", async () => {
    const base = ["compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF"];
    const m = await run(...base, "--units", "m");
    expect(m.code, m.err).toBe(0);
    const acute = m.out.split("\n").find((l) => l.startsWith("Acute trust"))!;
    expect(acute).toMatch(/£\d+\.\d\dm/);
    expect(acute).not.toMatch(/£\d{1,3},\d{3},\d{3}/);
    const k = await run(...base, "--units", "£k");
    expect(k.out.split("\n").find((l) => l.startsWith("Acute trust"))).toMatch(/£\d[\d,]*k/);
    const bad = await run(...base, "--units", "bn");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--units: expected £, k (thousands) or m (millions), got 'bn'");
  });
});
