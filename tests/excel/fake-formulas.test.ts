/**
 * The preview's fake of Excel computes a formula written through the API as Excel does, by the same rewriting
 * `pay` applies to a workbook's formulas (src/headless/excel-formula.ts): a bare TRUE or FALSE is Excel's logical
 * constant (HyperFormula alone reads only TRUE() and FALSE(): #NAME?), and `formulas` reads back what was written.
 */
import { describe, expect, it } from "vitest";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook } from "../../src/preview/fake-excel";

describe("formulas written to the preview's workbook", () => {
  it("read bare TRUE and FALSE as Excel does and keep the text as written", async () => {
    installFakeExcel(newFakeWorkbook(createWorkbookEngine({ Sheet1: [[5]] })));
    const written = [["=IF(FALSE,1,2)", "=TRUE", "=AND(A1>1,TRUE)", "=A1*1E3", '="FALSE"']];
    const got = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("B1:F1");
      range.formulas = written;
      range.load(["values", "formulas"]);
      await context.sync();
      return { values: range.values, formulas: range.formulas };
    });
    expect(got.values).toEqual([[2, true, true, 5000, "FALSE"]]);
    expect(got.formulas).toEqual(written);
  });

  it("leaves a cell given null as it is, refuses an array of another shape and a request over 5 MB, as Excel on the web does", async () => {
    const wb = newFakeWorkbook(createWorkbookEngine({ Sheet1: [[1, 2]] }));
    installFakeExcel(wb);
    const run = (f: (r: Excel.Range) => void, address = "A1:B1") =>
      Excel.run(async (context) => {
        f(context.workbook.worksheets.getItem("Sheet1").getRange(address));
        await context.sync();
      });
    await run((r) => (r.formulas = [[null, 5]] as unknown as string[][]));
    expect([0, 1].map((col) => wb.hf.getCellValue({ sheet: 0, row: 0, col }))).toEqual([1, 5]);
    await expect(run((r) => (r.values = [[1, 2, 3]]))).rejects.toThrow("InvalidArgument: values: 1×3 values for a 1×2 range");
    const big = [Array.from({ length: 6 }, () => "x".repeat(1024 * 1024))];
    await expect(run((r) => (r.values = big), "A1:F1")).rejects.toThrow("RichApi.Error: The request payload size has exceeded the limit");
    expect(wb.hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBeNull(); // nothing of the refused batch applied
  });
});

