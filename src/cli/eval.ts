/**
 * `pay eval` of any formula: HyperFormula with the PAY functions (src/headless/pay-plugin.ts), Excel's
 * built-ins, references to nothing, inline arrays and spilled results. One PAY function of literals is
 * answered without it (literal-call.ts), to the same output.
 */
import { DetailedCellError } from "hyperformula";
import { createWorkbookEngine } from "../headless/pay-plugin";
import { excelNumber } from "../headless/excel-number";
import { forHyperFormula, UnresolvedReference } from "../headless/excel-formula";
import type { Io } from "./io";

function formatValue(v: unknown, full: boolean): string {
  if (v instanceof DetailedCellError) return v.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return excelNumber(v, full);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

export function evalFormula(text: string, io: Io, full = false): number {
  const formula = text.trim().startsWith("=") ? text.trim() : `=${text.trim()}`;
  // Read as a workbook's formula is (src/headless/excel-formula.ts): bare TRUE and FALSE, E notation; no names, no tables.
  let read: string;
  try {
    read = `=${forHyperFormula(formula.slice(1), { sheet: "Sheet1", row: 0, name: () => null, structured: () => null, hasNames: false })}`;
  } catch (e) {
    if (!(e instanceof UnresolvedReference)) throw e;
    io.err(`#REF! ${e.message}`);
    return 1;
  }
  const hf = createWorkbookEngine({ Sheet1: [[read]] });
  const value = hf.getCellValue({ sheet: 0, row: 0, col: 0 });
  const explain = (e: DetailedCellError): string => (e.message ? `${e.value} ${e.message}` : e.value);
  if (value instanceof DetailedCellError && !hf.isCellPartOfArray({ sheet: 0, row: 0, col: 0 })) {
    if (value.type === "ERROR") {
      io.err(`formula does not parse: ${formula}`);
      return 2;
    }
    io.err(explain(value));
    return 1;
  }
  if (hf.isCellPartOfArray({ sheet: 0, row: 0, col: 0 })) {
    // A spilled result: one line per row; a row's own error shows its code there and its message below.
    const rows = hf.getSheetValues(0);
    for (const row of rows) io.out(row.map((v) => formatValue(v, full)).join("\t"));
    let failed = 0;
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v instanceof DetailedCellError) {
          failed++;
          io.err(`row ${r + 1}${row.length > 1 ? `, column ${c + 1}` : ""}: ${explain(v)}`);
        }
      }),
    );
    return failed === 0 ? 0 : 1;
  }
  io.out(formatValue(value, full));
  return 0;
}
