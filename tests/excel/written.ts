/** A cell of a sheet written into the fake of Excel, by its address on that sheet ("B12", "$C$4"): its value now. */
import type { FakeWorkbook } from "../../src/preview/fake-excel";

export function writtenCell(wb: FakeWorkbook, sheet: string): (address: string) => number {
  return (a) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a);
    if (!m) throw new Error(`not a cell address: ${a}`);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return wb.hf.getCellValue({ sheet: wb.hf.getSheetId(sheet) as number, row: Number(m[2]) - 1, col }) as number;
  };
}
