/**
 * VAT lost under a single holder in the settlement's terms (partners.ts): which models' costs carry it, and an
 * organisation state's costs with it. Beside settlement.ts, which pays each partner; every caller that settles a
 * held model (the comparison, the years, the sensitivity, the simulation) settles it on these costs.
 */
import type { Contract, ModelId } from "../comparison/settlement";

/**
 * Each organisation's cost under a model, where VAT it cannot recover adds to it: a lead provider's subcontracted
 * partners under a bundle or a capitated budget (holder/partners.ts); null where no cost changes (every other
 * model, an alliance, or no VAT lost). The comparison, the years, the sensitivity and the simulation settle a held
 * model on these costs, so the VAT is a real cost once, in the partner's margin (or the holder's, paying at cost).
 */
export function vatFactors(id: ModelId, c: Contract): Float64Array | null {
  const held = id === "bundle" || id === "capitation" || id === "riskshare";
  return held && c.vat.some((x) => x > 0) ? c.vat.map((x) => 1 + x) : null;
}

/** An organisation state's costs with the VAT a model loses (vatFactors); the state itself where none is. */
export function withVat<S extends { value: Float64Array; cost: Float64Array }>(id: ModelId, c: Contract, st: S): S {
  const f = vatFactors(id, c);
  return f === null ? st : { ...st, cost: st.cost.map((x, o) => x * f[o]) };
}
