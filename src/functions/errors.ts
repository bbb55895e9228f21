/* global CustomFunctions */
/**
 * Engine errors to Excel errors. Everything a PAY function throws passes through here, so nothing but a
 * CustomFunctions.Error ever reaches Excel. `CustomFunctions` is read only when an error happens, never at
 * import time, so the module loads in any host.
 */
import { isPayError, type PayErrorCode } from "../engine/rules/errors";
import type { Spill } from "../engine/rules/formulas";

const CODES: Record<PayErrorCode, keyof typeof CustomFunctions.ErrorCode> = {
  "#VALUE!": "invalidValue",
  "#DIV/0!": "divisionByZero",
  "#NUM!": "invalidNumber",
  "#N/A": "notAvailable",
};

export function toExcelError(e: unknown): CustomFunctions.Error {
  if (isPayError(e)) {
    const code = CustomFunctions.ErrorCode[CODES[e.code]];
    return new CustomFunctions.Error(code, e.message);
  }
  // A bug of ours, not the user's input: still a #VALUE! with a message, never an uncaught exception.
  const detail = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `PAY internal error: ${detail}`);
}

/** Run an engine call; translate anything it throws. */
export function guard<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    throw toExcelError(e);
  }
}

/**
 * A spilled result for Excel: a row's own error becomes a CustomFunctions.Error in that cell only, and the
 * other rows show their values (Excel accepts an error object inside a returned array).
 */
export function spill(rows: Spill): (number | string | CustomFunctions.Error)[][] {
  return rows.map((row) => row.map((v) => (typeof v === "object" ? toExcelError(v) : v)));
}
