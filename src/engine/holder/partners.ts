/**
 * A single holder's partners (issue 36): how a lead provider holding a bundle or a capitated budget pays each
 * partner it subcontracts, and the VAT a partner cannot recover once it is subcontracted.
 *
 * - **Subcontract basis**: `tariff` (unit prices × MFF: each partner's activity value, PAY's default), `cost`
 *   (its cost, VAT it cannot recover included), `cost+p%` (its cost plus a margin of p%), or `block` (today's
 *   payment for its activity, fixed whatever it does).
 * - **VAT**: an NHS body recovers the VAT on contracted-out services it buys for services commissioned from it
 *   (VAT Act 1994 s.41(3), HM Treasury's COS directions); subcontracted by another provider instead, it may not.
 *   A partner with `VAT recoverable` = no bears VAT at 20% on its VAT-bearing share of costs under a lead
 *   provider: a real cost (paid out of the system to HMRC), never a transfer between the parties. Under an
 *   alliance every partner is contracted by the commissioner, so none is lost.
 */
import { invalid } from "../rules/errors";

/** The standard rate of VAT (20% since 4 January 2011). */
export const VAT_RATE = 0.2;

export type SubcontractBasis = { kind: "tariff" } | { kind: "cost"; markup: number } | { kind: "block" };

export interface PartnerTerms {
  basis: SubcontractBasis;
  /** Whether it recovers the VAT on its contracted-out services when subcontracted by the holder (true: no VAT lost). */
  vatRecoverable: boolean;
  /** The share of its costs that bears VAT (contracted-out services), 0..1. */
  vatShare: number;
}

export const DEFAULT_PARTNER: PartnerTerms = { basis: { kind: "tariff" }, vatRecoverable: true, vatShare: 0 };

/** "cost", "cost+5%", "tariff", "block" (any case and spacing) as a basis; null for anything else. */
export function readSubcontractBasis(text: string): SubcontractBasis | null {
  const t = text.toLowerCase().replace(/\s+/g, "");
  if (t === "tariff" || t === "unitprices" || t === "activity" || t === "pbr") return { kind: "tariff" };
  if (t === "block" || t === "fixed") return { kind: "block" };
  if (t === "cost" || t === "atcost") return { kind: "cost", markup: 0 };
  const m = /^cost\+(\d+(?:\.\d+)?)%$/.exec(t);
  if (m && Number(m[1]) <= 100) return { kind: "cost", markup: Number(m[1]) / 100 };
  return null;
}

export function basisText(b: SubcontractBasis): string {
  if (b.kind === "cost") return b.markup === 0 ? "cost" : `cost+${+(b.markup * 100).toFixed(4)}%`;
  return b.kind;
}

/** Each organisation's partner terms, in the order of `orgs` (a name not in the pathway refused, naming it). */
export function partnersFor(typed: Record<string, PartnerTerms> | null | undefined, orgs: readonly string[]): PartnerTerms[] {
  const out = orgs.map(() => DEFAULT_PARTNER);
  for (const [name, p] of Object.entries(typed ?? {})) {
    const o = orgs.findIndex((x) => x.trim().toLowerCase() === name.trim().toLowerCase());
    if (o < 0)
      throw invalid(
        `organisations: '${name}' has subcontract terms but is not an organisation of the pathway (${orgs.map((x) => `'${x}'`).join(", ")})`,
      );
    if (!(p.vatShare >= 0 && p.vatShare <= 1)) throw invalid(`organisations: ${orgs[o]}'s VAT-bearing share: expected 0% to 100%, got ${p.vatShare}`);
    out[o] = p;
  }
  return out;
}

/** The share added to each organisation's cost by VAT it cannot recover, when a lead provider subcontracts it (0 for the lead). */
export function vatLoss(partners: readonly PartnerTerms[], lead: number): Float64Array {
  return Float64Array.from(partners, (p, o) => (o === lead || p.vatRecoverable ? 0 : VAT_RATE * p.vatShare));
}
