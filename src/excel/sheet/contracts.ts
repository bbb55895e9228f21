/**
 * Each model's contracts in Excel's terms (settlement.ts): the cells a model block reads and the formulas of
 * the holder's cost, the contract's payment and each organisation's income. The model blocks (today, ±10%, the
 * care shift) and the years (scenario and counterfactual) all write their contracts here.
 */
import type { ModelId, StateId } from "../../engine/comparison/compare";

/** The cells a model's contract formulas read (contractFormulas in buildPlan). */
export interface ContractRefs {
  v: (o: number) => string;
  cost: (o: number) => string;
  baseline: (o: number) => string;
  values: string;
  costs: string;
  baselines: string;
  lead: (o: number) => string;
  leads: string;
  costRange: string;
  valueRange: string;
  part: (o: number) => string;
  block: string;
  bundlePrice: string;
  budget: string;
  K: string;
  G: string;
}

/** The models whose bundle or budget is held by a lead provider or an alliance (settlement.ts `held`). */
export const heldByHolder = (id: ModelId): boolean => id === "bundle" || id === "capitation" || id === "riskshare";

/** The columns of the organisations table holding each state's activity value and cost. */
export const STATE_COLUMNS: Record<StateId, { value: string; cost: string; income: string; margin: string }> = {
  base: { value: "B", cost: "C", income: "B", margin: "F" },
  lower: { value: "D", cost: "E", income: "C", margin: "G" },
  higher: { value: "F", cost: "G", income: "D", margin: "H" },
  shifted: { value: "H", cost: "I", income: "E", margin: "I" },
};

/**
 * One model's contracts in Excel's terms (settlement.ts): the holder's cost (K), the payment on the contract
 * before the quality element (G), and each organisation's income with the quality element — from the cells
 * of each organisation's value, cost and the contract's baseline, the lead provider's flags and the parts.
 * The model blocks (today, ±10%, the care shift) and the transition's years (scenario and counterfactual)
 * all write their formulas here.
 */
export function contractFormulasFor(
  terms: { T: Readonly<Record<string, string>>; orgs: readonly string[]; TH: string; SH: string },
  id: ModelId,
  r: ContractRefs,
): { k: string; g: string; income: (o: number) => string } {
  const { T, orgs, TH, SH } = terms;
  const O = orgs.length;
  const holderModel = heldByHolder(id);
  const k = `IF(${T.holder}="alliance",${r.costs},SUMPRODUCT(${r.leads},${r.costRange})+${r.values}-SUMPRODUCT(${r.leads},${r.valueRange}))`;
  const g: Record<ModelId, string> = {
    activity: r.values,
    block: r.block,
    blended: orgs.map((_, o) => `PAY.MARGINAL_RATE(${r.v(o)},${r.baseline(o)},${T.rate},${T.rateBelow})`).join("+"),
    bundle: `${r.K}+PAY.BUNDLE_RECONCILE(${r.bundlePrice},${T.cohort},${r.K},0,${T.stopGain},${T.stopLoss})`,
    capitation: r.budget,
    riskshare: `${r.budget}+PAY.RISK_SHARE(${r.K},${r.budget},${TH},${SH})`,
    gainshare: `${r.costs}+${T.gainShare}*(${r.baselines}-${r.costs})`,
  };
  const income = (o: number): string => {
    const contract: Record<ModelId, string> = {
      activity: r.v(o),
      block: `IF(${r.baselines}>0,${r.block}*${r.baseline(o)}/${r.baselines},${r.block}/${O})`,
      blended: `PAY.MARGINAL_RATE(${r.v(o)},${r.baseline(o)},${T.rate},${T.rateBelow})`,
      bundle: "",
      capitation: "",
      riskshare: "",
      gainshare: `${r.cost(o)}+${r.part(o)}*${T.gainShare}*(${r.baselines}-${r.costs})`,
    };
    // A bundle or budget passed on: subcontracts at unit prices and the rest to the lead, or each partner its
    // cost and its share of the surplus.
    const distributed = `IF(${T.holder}="alliance",${r.cost(o)}+${r.part(o)}*(${r.G}-${r.costs}),IF(${r.lead(o)}=1,${r.G}-(${r.values}-${r.v(o)}),${r.v(o)}))`;
    const gross = `(${holderModel ? distributed : contract[id]})`;
    // The quality element: the share held back from a positive contract income, earned on achievement
    // (PAY.CQUIN_PAYMENT on that income).
    return `=${gross}-${T.qualityShare}*MAX(0,${gross})+PAY.CQUIN_PAYMENT(MAX(0,${gross}),${T.qualityShare},1,${T.qualityAchievement})`;
  };
  return { k: `=${k}`, g: `=${g[id]}`, income };
}
