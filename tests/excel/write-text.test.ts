/**
 * What "Write to sheet" sends through Office.js, applied to the preview's fake Excel (which, like Excel, takes
 * a string in `range.values` as typed input: "=…" and non-numeric "+…", "-…", "@…" become formulas). Every
 * piece of text the add-in writes must arrive as that text, never as a formula, a number or a date.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook, type FakeWorkbook } from "../../src/preview/fake-excel";

const HOSTILE = ["=1+1", '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-ve result follow-up", "@SUM(A1)", "'quoted", "2024", "1/2", "TRUE"];

function fakeWorkbook(sheets: Record<string, unknown[][]>): FakeWorkbook {
  const hf = createWorkbookEngine(sheets);
  return newFakeWorkbook(hf);
}

let wb: FakeWorkbook;
beforeEach(() => {
  wb = fakeWorkbook({ Pathway: [] });
  installFakeExcel(wb);
});

describe("the fake behaves as Excel does with typed text (or the test below could not fail)", () => {
  it("turns a bare '=…' or '+…' string written as a value into a formula, and keeps an apostrophe-prefixed one as text", async () => {
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getActiveWorksheet();
      s.getRange("A1").values = [["=1+1"]];
      s.getRange("A2").values = [["+2+2"]];
      s.getRange("A3").values = [["'=1+1"]];
      s.getRange("A4").values = [["-5"]];
      await context.sync();
    });
    expect(wb.hf.getCellFormula({ sheet: 0, row: 0, col: 0 })).toBe("=1+1");
    expect(wb.hf.getCellValue({ sheet: 0, row: 1, col: 0 })).toBe(4);
    expect(wb.hf.getCellValue({ sheet: 0, row: 2, col: 0 })).toBe("=1+1");
    expect(wb.hf.getCellValue({ sheet: 0, row: 3, col: 0 })).toBe(-5);
  });
});

describe("Write to sheet", () => {
  it("writes every step name, however it begins, as that exact text", async () => {
    const rows = [["Step", "Setting", "Unit price", "Unit cost", "Volume"], ...HOSTILE.map((name, i) => [name, "hospital", 100 + i, 90, 1])];
    wb = fakeWorkbook({ Pathway: rows });
    installFakeExcel(wb);
    const table = readPathwayTable(rows, `Pathway!A1:E${rows.length}`);
    expect(table.problems).toEqual([]);
    const inputs = { ...DEFAULT_TERMS, steps: table.steps, cohort: 10 };
    const plan = buildPlan({
      columns: table.columns,
      rows: table.rows,
      stepRows: table.stepRows,
      tableAddress: `Pathway!A1:E${rows.length}`,
      cohortSource: null,
      inputs,
      comparison: comparePaymentModels(inputs),
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
    });
    const { name } = await writeComparisonSheet(plan);
    const id = wb.hf.getSheetId(name)!;
    const texts = plan.cells.filter((c) => typeof c.value === "string");
    expect(texts.length).toBeGreaterThan(HOSTILE.length);
    for (const c of texts) {
      const m = /^([A-Z]+)(\d+)$/.exec(c.address)!;
      const at = { sheet: id, row: Number(m[2]) - 1, col: m[1].charCodeAt(0) - 65 };
      expect(wb.hf.doesCellHaveFormula(at), `${c.address} '${c.value}' became a formula`).toBe(false);
      expect(wb.hf.getCellValue(at), c.address).toBe(c.value);
    }
    for (const h of HOSTILE)
      expect(
        texts.some((c) => c.value === h),
        h,
      ).toBe(true);
  });
});
