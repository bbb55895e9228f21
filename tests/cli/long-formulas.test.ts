/**
 * A formula of any length Excel accepts (issue 33): one of 1,500 terms anywhere once failed the whole file
 * ("Maximum call stack size exceeded"). Long chains of + and − are grouped for HyperFormula (long-chains.ts);
 * shorter formulas are left exactly as written.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { balanceLongChains, LONG_CHAIN } from "../../src/headless/long-chains";
import { loadWorkbook } from "../../src/cli/workbook";
import { run } from "./run";

describe("long formulas", () => {
  it("leaves every formula of an ordinary length exactly as written", () => {
    for (const f of ["A1+A2-A3", 'SUM(A1:A9)+"1+2"', Array.from({ length: LONG_CHAIN }, (_, i) => `A${i + 1}`).join("+")]) expect(balanceLongChains(f)).toBe(f);
  });

  it("groups a long chain to the same sum: signs, unary minus, percent, functions and text kept", async () => {
    const terms = Array.from({ length: 1500 }, (_, i) => (i % 5 === 0 ? `-SUM(${i},1)` : i % 7 === 0 ? `${i}%` : `${i}`));
    const formula = terms.map((t, i) => (i === 0 ? t : `${i % 3 === 0 ? "-" : "+"}${t}`)).join("");
    const grouped = balanceLongChains(`${formula}&"+x"`);
    expect(grouped).toBe(`${formula}&"+x"`); // a chain beside & (lower precedence) is left as it is
    let want = 0;
    terms.forEach((t, i) => {
      const v = t.startsWith("-SUM") ? -(i + 1) : t.endsWith("%") ? i / 100 : i;
      want += i === 0 ? v : i % 3 === 0 ? -v : v;
    });
    const r = await run("eval", `=${formula}`);
    expect(r.err).toBe("");
    expect(Number(r.out)).toBeCloseTo(want, 6);
  });

  it("a 1,500-term formula in a workbook is computed, and the rest of the file with it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    for (let i = 1; i <= 1500; i++) ws.getCell(`A${i}`).value = i;
    ws.getCell("B1").value = { formula: Array.from({ length: 1500 }, (_, i) => `A${i + 1}`).join("+") } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { formula: "SUM(A1:A1500)" } as ExcelJS.CellFormulaValue;
    const dir = mkdtempSync(path.join(tmpdir(), "pay-long-"));
    const input = path.join(dir, "long.xlsx");
    const output = path.join(dir, "out.xlsx");
    await wb.xlsx.writeFile(input);
    const r = await run("recalc", input, "-o", output);
    expect(r.code, r.err).toBe(0);
    const { model } = await loadWorkbook(output);
    const cell = (row: number, col: number) => model.sheets[0].cells.find((c) => c.row === row && c.col === col)?.value;
    expect(cell(0, 1)).toBe((1500 * 1501) / 2);
    expect(cell(1, 1)).toBe((1500 * 1501) / 2);
  });
});
