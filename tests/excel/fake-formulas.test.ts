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
});
