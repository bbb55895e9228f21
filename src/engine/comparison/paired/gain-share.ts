/**
 * The gain share, as the settlement pays it and as the written sheet writes it, side by side: the budget is
 * today's payment; the providers' share of the saving against it (or of a loss) is split among the partners by
 * their parts (GAIN_SHARE's weights), and each partner is also paid its cost. tests/engine/rule-formulas.test.ts
 * recomputes the formulas in HyperFormula against the rule.
 */

/** The providers' share of the saving in a year: `rate` of today's payment less their costs together. */
export const sharedSaving = (rate: number, paid: number, costs: number): number => rate * (paid - costs);

/** One partner's income: its cost, and its part of the shared saving. */
export const gainShareIncome = (cost: number, shared: number, part: number): number => cost + shared * part;

/** The same in Excel's terms, from the cells of the rate, today's payment together, the costs together and the partner's. */
export function gainShareFormulas(c: { rate: string; paid: string; costs: string }): {
  payment: string;
  income: (partner: { cost: string; part: string }) => string;
} {
  const saving = `(${c.paid}-${c.costs})`;
  return {
    payment: `${c.costs}+${c.rate}*${saving}`,
    income: (p) => `${p.cost}+${p.part}*${c.rate}*${saving}`,
  };
}
