/**
 * A single holder's economics (issue 36): under a bundle or a capitated budget, what the holder keeps. Its margin
 * is the budget less its own cost and what it pays its partners (a lead provider), or every partner's margin
 * together (an alliance). From it come the management fee (a share of the budget or £) and the risk reserve (a
 * share, £, or `auto`: the holder's 5th-percentile loss beyond its mean, from the simulation); what is left is the
 * **free margin**. Irrecoverable VAT (partners.ts) is listed by partner: a real cost already in the margins.
 *
 * Worked (tests/engine/holder.test.ts): a budget of £10,000,000; subcontracts at cost £6,000,000; the holder's own
 * cost £3,500,000 → margin £500,000; fee 2% = £200,000, reserve 1.5% = £150,000 → free margin £150,000.
 */
import type { Contract, ModelId } from "../comparison/settlement";
import type { StateFigures, StateId } from "../comparison/states";
import { basisText } from "./partners";

/** A fee or reserve as typed: a share of the budget, an amount (£), or (the reserve) sized by the simulation. */
export type HolderAmount = { share: number } | { amount: number } | "auto";

export interface HolderFigures {
  /** The lead provider, or "The alliance". */
  name: string;
  /** What the commissioner pays the holder, and what the holder keeps of it (before fee and reserve). */
  budget: number;
  margin: number;
  fee: number;
  /** Null when sized `auto` without a simulation. */
  reserve: number | null;
  /** margin − fee − reserve (null with the reserve). */
  freeMargin: number | null;
  /** VAT each subcontracted partner cannot recover (a real cost, in its margin or, paid at cost, the holder's). */
  vat: { name: string; irrecoverable: number }[];
  /** Whether the reserve covers the holder's bad year (its 5th-percentile loss); null without a simulation. */
  reserveCoversP5: boolean | null;
  /** Each partner a lead provider subcontracts: its basis, what it is paid, its margin. */
  subcontracts: { name: string; basis: string; payment: number; margin: number }[];
}

/** One state's figures a holder's are drawn from: each organisation's income, cost (VAT included) and margin. */
interface StateLike {
  commissioner: number;
  organisations: { income: number; cost: number; margin: number }[];
}

export const holds = (id: ModelId): boolean => id === "bundle" || id === "capitation" || id === "riskshare";

const amountOf = (a: HolderAmount | null | undefined, budget: number): number | null =>
  a === null || a === undefined ? 0 : a === "auto" ? null : "share" in a ? a.share * budget : a.amount;

/**
 * The holder's figures under a held model in one state (`st`, its costs with VAT; `raw`, each organisation's
 * cost before VAT); null for any other model.
 */
export function holderFigures(
  id: ModelId,
  c: Contract,
  st: StateLike,
  raw: ArrayLike<number>,
  terms: { managementFee?: HolderAmount | null; riskReserve?: HolderAmount | null },
): HolderFigures | null {
  if (!holds(id)) return null;
  const alliance = c.terms.holder === "alliance";
  const budget = st.commissioner;
  const margin = alliance ? st.organisations.reduce((a, o) => a + o.margin, 0) : st.organisations[c.lead].margin;
  const fee = amountOf(terms.managementFee === "auto" ? null : terms.managementFee, budget) as number;
  const reserve = amountOf(terms.riskReserve, budget);
  return {
    name: alliance ? "The alliance" : c.orgs[c.lead],
    budget,
    margin,
    fee,
    reserve,
    freeMargin: reserve === null ? null : margin - fee - reserve + 0,
    vat: c.orgs.flatMap((name, o) => (c.vat[o] > 0 ? [{ name, irrecoverable: raw[o] * c.vat[o] }] : [])),
    reserveCoversP5: null,
    subcontracts: alliance
      ? []
      : c.orgs.flatMap((name, o) =>
          o === c.lead
            ? []
            : [{ name, basis: basisText(c.partners[o].basis), payment: st.organisations[o].income, margin: st.organisations[o].margin }],
        ),
  };
}

/**
 * The holder's figures with its simulated bad year: an `auto` reserve sized at its 5th-percentile loss beyond its
 * mean (mean − p5), and whether the reserve covers that loss (reserve ≥ −p5).
 */
export function withBadYear(h: HolderFigures, reserveTerm: HolderAmount | null | undefined, bad: { p5: number; mean: number }): HolderFigures {
  const reserve = reserveTerm === "auto" ? Math.max(0, bad.mean - bad.p5) : (h.reserve as number);
  return { ...h, reserve, freeMargin: h.margin - h.fee - reserve + 0, reserveCoversP5: reserve >= -bad.p5 };
}

/**
 * The holder in a sentence, for the pane and pay compare: "ICP holds £10,000,000 and keeps £300,000; fee £200,000,
 * reserve £150,000: free margin −£50,000; pays Community trust at cost £6,200,000; VAT it cannot recover: Community
 * trust £200,000 (a real cost)".
 */
export function describeHolder(h: HolderFigures, money: (x: number) => string): string {
  const free = h.freeMargin === null ? "free margin when simulated (the reserve is sized from the bad year)" : `free margin ${money(h.freeMargin)}`;
  const vat =
    h.vat.length === 0 ? "" : `; VAT it cannot recover: ${h.vat.map((v) => `${v.name} ${money(v.irrecoverable)}`).join(", ")} (a real cost)`;
  const subs = h.subcontracts.map((x) => `${x.name} at ${x.basis} ${money(x.payment)}`).join(", ");
  const covers =
    h.reserveCoversP5 === null ? "" : h.reserveCoversP5 ? "; the reserve covers its bad year" : "; the reserve does not cover its bad year";
  return `${h.name} holds ${money(h.budget)} and keeps ${money(h.margin)}; fee ${money(h.fee)}, reserve ${h.reserve === null ? "auto" : money(h.reserve)}: ${free}${subs ? `; pays ${subs}` : ""}${vat}${covers}`;
}

/** A held model's holder at today's activity, with its figures after the care shift (holder/economics.ts). */
export function modelHolder(
  id: ModelId,
  contract: Contract,
  states: Record<StateId, StateFigures>,
  raw: Record<StateId, { cost: ArrayLike<number> }>,
  inp: { managementFee?: HolderAmount | null; riskReserve?: HolderAmount | null },
): (HolderFigures & { shifted: Pick<HolderFigures, "budget" | "margin" | "fee" | "reserve" | "freeMargin" | "vat"> }) | null {
  const at = (st: StateId) => holderFigures(id, contract, states[st], raw[st].cost, inp);
  const base = at("base");
  const after = at("shifted");
  if (!base || !after) return null;
  const { budget, margin, fee, reserve, freeMargin, vat } = after;
  return { ...base, shifted: { budget, margin, fee, reserve, freeMargin, vat } };
}
