/**
 * Ranges many formulas share are linked to their cells once (pay-plugin.ts rangesLinkedOnce) and their values read
 * once (excel-ifs.ts): every formula still sees a change to any cell of the range, in the right order.
 */
import { describe, expect, it } from "vitest";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";

describe("formulas sharing a range", () => {
  it("all follow a change to a cell of the range, and formulas on their results follow them", () => {
    const hf = createWorkbookEngine({
      Data: [[1], [2], [3], [4], [5]],
      F: [
        ["=SUM(Data!A1:A5)", "=SUMIFS(Data!A1:A5,Data!A1:A5,\">1\")", "=COUNTIFS(Data!A1:A5,\">2\")", "=AVERAGEIFS(Data!A1:A5,Data!A1:A5,\">2\")"],
        ["=A1+B1+C1+D1", "=SUMIFS(Data!A1:A5,Data!A1:A5,\">=\"&C1)", "=SUM(Data!A1:A5)*2", ""],
      ],
    });
    const F = hf.getSheetId("F") as number;
    const D = hf.getSheetId("Data") as number;
    const row = (r: number) => [0, 1, 2, 3].map((c) => hf.getCellValue({ sheet: F, row: r, col: c }));
    expect(row(0)).toEqual([15, 14, 3, 4]);
    expect(row(1).slice(0, 3)).toEqual([36, 12, 30]); // 15 + 14 + 3 + 4; values ≥ 3; 15 × 2
    hf.setCellContents({ sheet: D, row: 2, col: 0 }, [[100]]); // 3 → 100
    expect(row(0)).toEqual([112, 111, 3, (100 + 4 + 5) / 3]);
    expect(row(1).slice(0, 3)).toEqual([112 + 111 + 3 + 109 / 3, 109, 224]);
    hf.setCellContents({ sheet: D, row: 4, col: 0 }, [["five"]]); // text: not summed, not counted
    expect(row(0)).toEqual([107, 106, 2, 52]);
  });

  it("whole columns shared by many formulas follow a cell changed, added below the data, or cleared", () => {
    const hf = createWorkbookEngine({
      Data: [[1, "a"], [2, "b"], [3, "a"]],
      F: [["=SUMIFS(Data!A:A,Data!B:B,\"a\")", "=SUMIFS(Data!A:A,Data!B:B,\"b\")", "=SUM(Data!A:A)", "=COUNTIFS(Data!B:B,\"a\")"]],
    });
    const F = hf.getSheetId("F") as number;
    const D = hf.getSheetId("Data") as number;
    const row = () => [0, 1, 2, 3].map((c) => hf.getCellValue({ sheet: F, row: 0, col: c }));
    expect(row()).toEqual([4, 2, 6, 2]);
    hf.setCellContents({ sheet: D, row: 0, col: 0 }, [[10]]);
    expect(row()).toEqual([13, 2, 15, 2]);
    hf.setCellContents({ sheet: D, row: 9, col: 0 }, [[7, "a"]]); // a row below the data as built
    expect(row()).toEqual([20, 2, 22, 3]);
    hf.setCellContents({ sheet: D, row: 1, col: 1 }, [[null]]);
    expect(row()).toEqual([20, 0, 22, 3]);
  });
});
