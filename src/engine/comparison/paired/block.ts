/**
 * The block contract, as the settlement pays it and as the written sheet writes it, side by side: a block value
 * shared among the organisations pro rata to what each is paid today (equally when nothing is paid today).
 * tests/engine/rule-formulas.test.ts recomputes the formula in HyperFormula against the rule.
 */

/** One organisation's share of the block: `paid` of today's `total` payment, among `count` organisations. */
export const blockShare = (block: number, paid: number, total: number, count: number): number => (total > 0 ? (block * paid) / total : block / count);

/** The same in Excel's terms, from the cells of the block, the organisation's payment today and the total. */
export function blockShareFormula(c: { block: string; paid: string; total: string; count: number }): string {
  return `IF(${c.total}>0,${c.block}*${c.paid}/${c.total},${c.block}/${c.count})`;
}
