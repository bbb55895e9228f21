/**
 * The quality element (CQUIN-style), as the settlement pays it and as the written sheet writes it, side by side:
 * a share of an organisation's positive contract income is held back and earned on achievement as
 * PAY.CQUIN_PAYMENT does. A lead provider paying out more than it receives (a negative income) has nothing held
 * back. tests/engine/rule-formulas.test.ts recomputes the formula in HyperFormula against the rule.
 */
import { cquinEarned } from "../../rules/quality";

/** What is held back from a contract income: the income where positive, else nothing. */
export const heldFrom = (gross: number): number => (gross > 0 ? gross : 0);

/** The quality payment earned on `achievement` of the `share` held back from `gross`. */
export const qualityEarned = (gross: number, share: number, achievement: number): number => cquinEarned(heldFrom(gross), share, achievement);

/** The organisation's income with the quality element: its contract income, less what is held back, plus what it earned. */
export const withQuality = (gross: number, share: number, earned: number): number => gross - share * heldFrom(gross) + earned;

/** The same in Excel's terms, for a contract income `gross` (an expression) and the terms' cells. */
export function qualityFormula(gross: string, cells: { share: string; achievement: string }): string {
  const held = `MAX(0,${gross})`;
  return `${gross}-${cells.share}*${held}+PAY.CQUIN_PAYMENT(${held},${cells.share},1,${cells.achievement})`;
}
