/**
 * `pay recalc -o` writes the values Excel would (issue 33): formulas whose value HyperFormula alone computes
 * differently, in a workbook openpyxl wrote (tests/cli/fixtures/make_fixtures.py, excel_values and dates_1904).
 * Each expected value is worked by hand below from Excel's documented behaviour (Microsoft's function pages:
 * INT "rounds a number down to the nearest integer"; EDATE returns the month-end where the day does not exist;
 * DATEDIF's units Y, M, D, YM, YD in any case; VALUE reads text as a typed entry; TEXT applies the number-format
 * codes of Format Cells; text comparison distinguishes accented letters). The written file is read back as any
 * reader would: the cached values in its XML.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { loadWorkbook } from "../../src/cli/workbook";
import { run } from "./run";

const FIXTURES = path.join(__dirname, "fixtures");
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pay-excel-values-"));
});

/** The cached values of a written workbook's sheet, by address (what Excel, openpyxl or any reader shows). */
async function cached(file: string, sheet: string): Promise<Map<string, unknown>> {
  const { model } = await loadWorkbook(file);
  const s = model.sheets.find((x) => x.name === sheet)!;
  return new Map(s.cells.map((c) => [`${String.fromCharCode(65 + c.col)}${c.row + 1}`, c.value]));
}

// Excel's value of each formula of the fixture's column A, in order (see make_fixtures.py EXCEL_VALUES).
const EXPECTED: [string, unknown][] = [
  ["=INT(-2.5)", -3], // rounds down, not towards 0
  ["=INT(-0.1)", -1],
  ["=EDATE(DATE(2024,1,31),1)", 45351], // 29 Feb 2024: 1 Jan 2024 is 45292, + 31 + 28
  ['=TEXT(0.256,"0.0%")', "25.6%"],
  ['=TEXT(1234.5,"#,##0")', "1,235"],
  ['="£"&TEXT(1234567.891,"#,##0.00")', "£1,234,567.89"],
  ['=TEXT(DATE(2024,3,15),"dd mmm yyyy")', "15 Mar 2024"],
  ['=TEXT(DATE(2024,1,15),"mmmm")', "January"],
  ['="é"="e"', false],
  ['=COUNTIF(C1:C3,"e")', 2], // C1:C3 hold é, e, e
  ['=MATCH("e",C1:C3,0)', 2],
  ['=DATEDIF(DATE(2024,1,15),DATE(2024,3,10),"m")', 1], // 15 Jan → 15 Feb is one whole month; 10 Mar is short of two
  ['=DATEDIF(DATE(2024,1,15),DATE(2024,3,10),"d")', 55], // 16 days to 31 Jan, 29 in February, 10 in March
  ['=VALUE("1,200")', 1200],
  ['=CONCAT("a","b",C2:C3)', "abee"],
  ["=IF(TRUE,1,2)", 1],
  ['=DATEDIF(DATE(2020,2,29),DATE(2024,2,28),"y")', 3], // 28 Feb 2024 is a day short of four years
  ['=DATEDIF(DATE(2023,6,15),DATE(2024,2,10),"ym")', 7], // 15 Jun → 15 Jan is 7 months; 10 Feb is short of 8
  ['=DATEDIF(DATE(2023,6,15),DATE(2024,2,10),"yd")', 240], // 15 Jun 2023 → 10 Feb 2024: 15 + 31+31+30+31+30+31 + 31 + 10
  ['=TEXT(-1234,"£#,##0;(£#,##0)")', "(£1,234)"], // the second section formats negatives, without the sign
  ['=VALUE("25%")', 0.25],
  ["=EDATE(DATE(2023,1,31),1)", 44985], // 28 Feb 2023: 1 Jan 2023 is 44927, + 31 + 27
];

describe("pay recalc writes Excel's values", () => {
  it("for the functions and formats tariff workbooks use, and says which it computed with its own code", async () => {
    const output = path.join(dir, "excel-values.xlsx");
    const r = await run("recalc", path.join(FIXTURES, "excel-values.xlsx"), "-o", output);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("computed as Excel does with pay's own code:");
    const values = await cached(output, "Excel");
    EXPECTED.forEach(([formula, want], i) => expect(values.get(`A${i + 1}`), `A${i + 1} ${formula}`).toEqual(want));
  });

  it("pay eval gives the same values", async () => {
    for (const [formula, want] of EXPECTED.filter(([f]) => !f.includes("C1") && !f.includes("C2"))) {
      const r = await run("eval", formula);
      expect(r.code, `${formula}: ${r.err}`).toBe(0);
      const shown = typeof want === "boolean" ? (want ? "TRUE" : "FALSE") : String(want);
      expect(r.out, formula).toBe(shown);
    }
  });

  it("a 1904 workbook's dates are read and written in its own system (YEAR of 1 January 2024 is 2024, not 2019)", async () => {
    const output = path.join(dir, "dates-1904.xlsx");
    const r = await run("recalc", path.join(FIXTURES, "dates-1904.xlsx"), "-o", output);
    expect(r.code, r.err).toBe(0);
    const values = await cached(output, "Dates");
    expect(values.get("A1")).toBe(43830); // 1 Jan 2024 counted from 1 Jan 1904: 45292 − 1,462
    expect(values.get("A2")).toBe(2024);
    expect(values.get("A3")).toBe(43830); // DATE gives the workbook's own serial, as Excel writes it
    expect(values.get("A4")).toBe("01/01/2024");
    expect(values.get("A6")).toBe(2); // 1 Feb 2024
  });
});

describe("lookups as Excel finds values", () => {
  it("in an array as in a range, text with its accents, wildcards in an exact match, approximate matches by binary search", async () => {
    const cases: [string, string][] = [
      ['=VLOOKUP(2,{1,"a";2,"b"},2,FALSE)', "b"], // an array constant: #VALUE! in HyperFormula alone
      ['=VLOOKUP(9,IF({1,0},{9;8},{"nine";"eight"}),2,FALSE)', "nine"], // a computed array, as Excel users swap columns
      ['=HLOOKUP(2,{1,2;"x","y"},2,FALSE)', "y"],
      ['=VLOOKUP(2.5,{1,"a";2,"b";3,"c"},2)', "b"], // sorted: the largest key not above 2.5
      ['=VLOOKUP("b*",{"Alpha",1;"Beta",2},2,FALSE)', "2"], // * any run of characters, case aside
      ['=VLOOKUP("~*",{"*",1;"x",2},2,FALSE)', "1"], // ~ takes the next character literally
      ['=MATCH("é",{"e","é"},0)', "2"], // accents count
      ['=MATCH(25,{10,20,30},1)', "2"],
      ['=MATCH(25,{30,20,10},-1)', "1"], // descending: the smallest not below 25
      ['=MATCH("2",{1,2},0)', "#N/A"], // text never matches a number
      ['=AVERAGEIFS({1;2;3;4},{"a";"b";"a";"b"},"a",{1;2;3;4},">1")', "3"], // only row 3 meets both: 3
      ['=AVERAGEIFS({1;2;3;4},{1;2;3;4},">1")', "3"], // (2 + 3 + 4) / 3
      ['=AVERAGEIFS({1;2},{1;2},">5")', "#DIV/0!"], // nothing meets the criterion
    ];
    for (const [formula, want] of cases) {
      const r = await run("eval", formula);
      expect(want.startsWith("#") ? r.err : r.out, formula).toContain(want);
    }
  });
});

describe("Excel's comparison of computed decimals", () => {
  it("compares to 15 significant digits (0.1+0.2=0.3 is TRUE) and keeps every bit of a result", async () => {
    // Microsoft, "Floating-point arithmetic may give inaccurate results in Excel": Excel works to 15 significant
    // digits; 10.1−10 differs from 0.1 within them (…99999999999996), so that comparison stays FALSE in Excel too.
    expect((await run("eval", "=0.1+0.2=0.3")).out).toBe("TRUE");
    expect((await run("eval", "=10.1-10=0.1")).out).toBe("FALSE");
    expect((await run("eval", "=0.1+0.2", "--full")).out).toBe(String(0.1 + 0.2));
    expect((await run("eval", "=1/3", "--full")).out).toBe(String(1 / 3));
  });
});

describe("a formula pay cannot compute says so", () => {
  it("a dynamic named range (OFFSET, INDEX) is #NAME? naming the name and why, never an internal alias", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    [1, 2, 3, 4].forEach((v, i) => (ws.getCell(`A${i + 1}`).value = v));
    wb.definedNames.add("Sheet1!$A$1:$A$2", "Fixed");
    ws.getCell("B1").value = { formula: "SUM(Dyn)" } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { formula: "SUM(Fixed)" } as ExcelJS.CellFormulaValue;
    const plain = path.join(dir, "names.xlsx");
    await wb.xlsx.writeFile(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const book = (await zip.file("xl/workbook.xml")!.async("string")).replace(
      "</definedNames>",
      '<definedName name="Dyn">OFFSET(Sheet1!$A$1,0,0,COUNT(Sheet1!$A:$A),1)</definedName></definedNames>',
    );
    zip.file("xl/workbook.xml", book);
    const file = path.join(dir, "dynamic-names.xlsx");
    writeFileSync(file, await zip.generateAsync({ type: "uint8array" }));
    const r = await run("recalc", file);
    expect(r.out).toContain(
      "Sheet1!B1: #NAME? the name 'Dyn' is a dynamic range (=OFFSET(Sheet1!$A$1,0,0,COUNT(Sheet1!$A:$A),1)), which pay cannot compute (Excel does)",
    );
    expect(r.out).not.toMatch(/__PAYNAME/);
    expect(r.out).not.toContain("Sheet1!B2"); // the fixed name computes: 1 + 2
  });
});
