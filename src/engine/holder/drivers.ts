/**
 * A single holder's partners as drivers of the sensitivity (comparison/sensitivity.ts): each one's margin on cost
 * (paid at cost) and its VAT-bearing share (where it cannot recover VAT), as negotiated terms.
 */
import type { ComparisonInputs } from "../comparison/compare";
import type { Input } from "../comparison/sensitivity";
import type { PartnerTerms } from "./partners";

/**
 * A single holder's partners (holder/partners.ts), where typed: each one's margin on cost (paid at cost) and its
 * VAT-bearing share (where it cannot recover VAT), as negotiated terms. (The management fee and the reserve move
 * no party's margin: they divide the holder's own, which the holder's figures show.)
 */
export function partnerInputs(inp: ComparisonInputs): Input[] {
  const typed = inp.partners ?? {};
  const move = (name: string, patch: (p: PartnerTerms, x: number) => PartnerTerms) => (i: ComparisonInputs, x: number) => ({
    ...i,
    partners: { ...i.partners, [name]: patch((i.partners ?? {})[name], x) },
  });
  return Object.entries(typed).flatMap(([name, p]): Input[] => [
    ...(p.basis.kind === "cost"
      ? [
          {
            input: `partners[${name}].markup`,
            group: "negotiated" as const,
            label: `${name}: margin on cost`,
            base: p.basis.markup,
            kind: "share" as const,
            set: move(name, (q, x) => ({ ...q, basis: { kind: "cost", markup: x } })),
          },
        ]
      : []),
    ...(!p.vatRecoverable
      ? [
          {
            input: `partners[${name}].vatShare`,
            group: "negotiated" as const,
            label: `${name}: VAT-bearing share of costs`,
            base: p.vatShare,
            kind: "share" as const,
            set: move(name, (q, x) => ({ ...q, vatShare: x })),
          },
        ]
      : []),
  ]);
}
