/**
 * Money as a board paper shows it: in pounds (£1,460,234), thousands (£1,460k) or millions (£1.46m). The
 * figures are never rounded in calculation (docs/design.md); only their text and the sheet's number formats change,
 * and the exact figure stays one hover or one cell away.
 */
export const MONEY_UNITS = ["£", "£k", "£m"] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** A unit as typed (`£`, `k`, `£k`, `thousands`, `m`, `£m`, `millions`, any case), or null. */
export function readMoneyUnit(text: string): MoneyUnit | null {
  const t = text.trim().toLowerCase().replace(/^£/, "");
  if (t === "" || t === "pounds" || t === "gbp") return "£";
  if (t === "k" || t === "thousands" || t === "000s" || t === "000") return "£k";
  if (t === "m" || t === "millions") return "£m";
  return null;
}

/**
 * x in the unit, with a real minus sign and never −£0: £1,460,234 / £1,460k / £1.46m. A sum of a pound or more
 * that the unit would round to nothing says so: <£1k, −<£0.01m (a board reads £0k as nothing at all).
 */
export function moneyText(x: number, unit: MoneyUnit): string {
  const scale = unit === "£" ? 1 : unit === "£k" ? 1_000 : 1_000_000;
  const digits = unit === "£m" ? 2 : 0;
  const suffix = unit === "£" ? "" : unit.slice(1);
  const shown = Math.abs(x) / scale;
  const zero = Number(shown.toFixed(digits)) === 0;
  if (zero && unit !== "£" && Math.abs(x) >= 0.5) return `${x < 0 ? "−" : ""}<£${(10 ** -digits).toFixed(digits)}${suffix}`;
  const text = shown.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${x < 0 && !zero ? "−" : ""}£${text}${suffix}`;
}

/**
 * Excel's number format for money in the unit: a trailing comma divides by 1,000 in Excel's formats, so the
 * cell keeps the exact value and shows £1,460k or £1.46m; losses in brackets, as NHS board papers show them, and
 * in red as the board pack's: (£445,906).
 */
export function moneyFormat(unit: MoneyUnit, red = true): string {
  const body = unit === "£" ? '"£"#,##0' : unit === "£k" ? '"£"#,##0,"k"' : '"£"#,##0.00,,"m"';
  return `${body};${red ? "[Red]" : ""}(${body})`;
}

/**
 * One unit for a whole report, chosen once by its scale (the largest sum it shows, e.g. the activity value):
 * pounds under £100,000, thousands under £100m, millions above. Every figure then reads in the same unit, as a
 * board paper's table does; the exact figure stays one hover or one cell away.
 */
export function unitForScale(scale: number): MoneyUnit {
  const a = Math.abs(scale);
  return a < 100_000 ? "£" : a < 100_000_000 ? "£k" : "£m";
}

/** The unit a board pack is written in unless another is chosen: thousands (£000), as NHS board papers show money. */
export const BOARD_UNIT: MoneyUnit = "£k";

/** The unit in words, as a sheet's notes say it: "thousands of pounds (£000)". */
export function moneyUnitWords(unit: MoneyUnit): string {
  return unit === "£" ? "pounds" : unit === "£k" ? "thousands of pounds (£000)" : "millions of pounds (£m)";
}
