/**
 * `pay compare` says what it read of a workbook written by openpyxl with the headers an analyst types
 * (tests/cli/fixtures/make_fixtures.py, analyst_headers; issue 32): every column read as a field or listed as not
 * read, in the text and in the JSON's inputs.columns, and a column the person maps read as mapped.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "./run";

const FILE = path.join(__dirname, "fixtures", "analyst-headers.xlsx");
const FRAILTY = ["compare", FILE, "--table", "Frailty!A3:O8", "--cohort", "Frailty!B11"];

interface Json {
  inputs: { columns: { header: string; readAs: string | null; nearest?: string | null }[] };
  models: { id: string; shift: { systemSaving: number } }[];
}

describe("every column read, or said not to be", () => {
  it("the JSON's inputs.columns holds every header, as what it was read (null: not read)", async () => {
    const r = await run(...FRAILTY, "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.inputs.columns.map((c) => [c.header, c.readAs])).toEqual([
      ["Service line", "Step"],
      ["Setting", "Setting"],
      ["Organisation", "Organisation"],
      ["Point of delivery", "Point of delivery"],
      ["Unit price £", "Unit price £"],
      ["Unit cost £", "Unit cost £"],
      ["Volume per patient", "Volume per patient"],
      ["Take-up", "Take-up"],
      ["Shift %", null],
      ["Planned change", null],
      ["Contract type", null],
      ["Payment mechanism", null],
      ["Change vs 2024/25", null],
      ["Share of spend", null],
      ["Cost centre", null],
    ]);
    expect(j.inputs.columns.find((c) => c.header === "Shift %")?.nearest).toBe("Change in volume");
  });

  it("the text says the same, in the notes under the headline matrix", async () => {
    const r = await run(...FRAILTY);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    const read = lines.findIndex((l) => l.startsWith("Note: Columns read: 'Service line' as Step, 'Setting', "));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(lines.findIndex((l) => l.startsWith("Who gains when care moves out of hospital")));
    expect(lines[read + 1]).toMatch(/^Note: Columns not read/);
    for (const h of ["Shift %", "Planned change", "Contract type", "Payment mechanism", "Change vs 2024/25", "Share of spend", "Cost centre"])
      expect(lines[read + 1]).toContain(`'${h}'`);
  });

  it("--columns reads a header as the field it names, and changes the figures accordingly", async () => {
    const plain = JSON.parse((await run(...FRAILTY, "--json")).out) as Json;
    const mapped = await run(...FRAILTY, "--json", "--columns", "Shift %=Change in volume", "--columns", "Payment mechanism=Payment today");
    expect(mapped.err).toBe("");
    const j = JSON.parse(mapped.out) as Json;
    expect(j.inputs.columns.find((c) => c.header === "Shift %")).toEqual({ header: "Shift %", readAs: "Change in volume" });
    expect(j.inputs.columns.find((c) => c.header === "Payment mechanism")).toEqual({ header: "Payment mechanism", readAs: "Payment today" });
    // The steps' own changes (ED −30%, admissions −25%, follow-ups −10%, rapid response +40%, reviews +20%) replace the
    // setting's rule, so the system's saving moves.
    const saving = (x: Json) => x.models.find((m) => m.id === "activity")?.shift.systemSaving;
    expect(saving(j)).not.toBeCloseTo(saving(plain) as number, 0);
  });

  it("a mapping that cannot be read is one line naming it (exit 2)", async () => {
    const r = await run(...FRAILTY, "--columns", "Shift=Change in volume");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--columns Shift=Change in volume: the table has no column headed 'Shift'");
  });
});

describe("cells no reader may turn into a name or a figure", () => {
  it("an error value, TRUE or a number as a step, 'Commissioner' as an organisation and 1e200 as a price are each refused, all listed", async () => {
    const r = await run("compare", FILE, "--table", "Bad!A1:F8", "--cohort", "100");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toEqual([
      `pay: ${FILE}: 5 problems in the table:`,
      "  Bad!A3: Step, row 2: expected a name (text), got TRUE",
      "  Bad!A4: Step, row 3: expected a name (text), got 42",
      "  Bad!C5: Organisation, row 4: 'Commissioner' is a party of every comparison, not an organisation of the pathway: name the organisation otherwise, got 'Commissioner'",
      "  Bad!D6: Unit price £, row 5: expected at most £1,000,000,000 a unit, got 1e+200",
      "  Bad!A8: Step, row 7: expected a name, got an error value (mend the formula), got '#DIV/0!'",
    ]);
  });

  it("a set-up cost that could be one amount or one a year is refused, never read as £100,200,300", async () => {
    const r = await run(...FRAILTY, "--years", "3", "--term", "setupCost=100,200,300");
    expect(r.code).toBe(2);
    expect(r.err).toContain("'100,200,300' could be one amount or one amount a year");
    const years = await run(...FRAILTY, "--years", "3", "--term", "setupCost=100;200;300", "--json");
    const pound = await run(...FRAILTY, "--years", "3", "--term", "setupCost=£100,200,300", "--json");
    expect(years.code, years.err).toBe(0);
    expect(pound.code, pound.err).toBe(0);
  });
});

describe("a population table read as meant", () => {
  it("two columns of people are refused, naming both; 'Registered population' is read as people", async () => {
    const two = await run(...FRAILTY, "--population", "Population!A1:D3");
    expect(two.code).toBe(2);
    expect(two.err).toBe(
      `pay: ${FILE}: --population: Population!A1:D3: 2 columns hold people: 'People' (Population!B1) and 'Registered population' (Population!C1); keep one in the range`,
    );
    const one = await run(...FRAILTY, "--population", "Population!F1:H3", "--json");
    expect(one.code, one.err).toBe(0);
    const j = JSON.parse(one.out) as { models: { id: string; capitation?: { source: string; budget: number } }[] };
    // Σ people × weight = 5,100 × 1.1 + 7,050 × 0.9 = 11,955 weighted people; the budget is calibrated to today's payment.
    expect(j.models.find((m) => m.id === "capitation")?.capitation?.source).toBe("need");
  });
});

describe("--drivers all on a large pathway", () => {
  it("is refused before anything is written when one JSON could not hold it, naming the most it can give", async () => {
    // 7,200 steps: 4 inputs each and 18 terms, 28,818 inputs × 7 models = 201,726 rows, just over what one JSON holds.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Pathway");
    ws.addRow(["Step", "Setting", "Organisation", "Unit price", "Unit cost", "Volume"]);
    const settings = ["hospital", "community", "primary"];
    for (let i = 0; i < 7200; i++) ws.addRow([`Step ${i}`, settings[i % 3], `Org ${i % 3}`, 100 + (i % 500), 90 + (i % 400), 0.01 + (i % 10) / 100]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pay-drivers-")), "large.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await run("compare", file, "--table", "Pathway!A1:F7201", "--cohort", "1000", "--json", "--drivers", "all");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `pay: --drivers all: 201,726 rows (28,818 inputs × 7 models) are more than one JSON holds (200,000); give --drivers N, at most 28,571`,
    );
  });
});

describe("whole columns and whole sheets", () => {
  it("cost what their data costs: a whole sheet or whole columns are read up to the sheet's used area", async () => {
    // The whole sheet from the header down takes the cohort's row too: a clear problem, at once, never an abort.
    const sheet = await run("compare", FILE, "--table", "Frailty!A3:XFD1048576", "--cohort", "600");
    expect(sheet.code).toBe(2);
    expect(sheet.err).toContain("Frailty!B11: Setting, row 8: expected hospital, community, primary or other, got '600'");
    const columns = await run(...FRAILTY, "--population", "Population!F:H", "--json");
    const range = await run(...FRAILTY, "--population", "Population!F1:H3", "--json");
    expect(columns.code, columns.err).toBe(0);
    const budget = (out: string) =>
      (JSON.parse(out) as { models: { id: string; capitation?: { budget: number } }[] }).models.find((m) => m.id === "capitation")?.capitation?.budget;
    expect(budget(columns.out)).toBe(budget(range.out));
  });
});
