/**
 * A number as Excel shows it in a General cell and the formula bar: at most 15 significant digits, so
 * 0.1+0.2 prints 0.3 and 6820.000000000001 prints 6820. `full` keeps every digit of the double.
 */
export function excelNumber(x: number, full = false): string {
  if (full) return String(x);
  return String(Number(x.toPrecision(15)) + 0);
}
