/** The comparison's reading lines in words: who loses income, how much of it they save in cost, and why; pounds as a board paper prints them. */
import { type ContractTerms, type ModelId } from "./settlement";
import type { ModelResult, OrganisationBaseline } from "./types";

/** Pounds as a board paper prints them, to the pound with a true minus sign; an amount that rounds to 0 is £0, never −£0. */
export const gbp = (x: number): string => {
  const pounds = Math.round(x);
  return `${pounds < 0 ? "−" : ""}£${Math.abs(pounds).toLocaleString("en-GB")}`;
};

/** Who carries the volume risk, from how payment and margins move when activity is 10% higher. */
export function volumeRisk(r: Pick<ModelResult, "base" | "higher">): string {
  const up = r.higher.margin - r.base.margin;
  if (Math.abs(up) < 1e-6 * Math.max(1, Math.abs(r.base.payment))) return "the commissioner carries the volume risk";
  return Math.abs(r.higher.payment - r.base.payment) < 1e-9 * Math.max(1, Math.abs(r.base.payment))
    ? "the providers carry the volume risk"
    : "volume risk is shared";
}

const why: Record<ModelId, (lead: string, holder: ContractTerms["holder"]) => string> = {
  activity: () => "paid by activity, a provider loses the price of each avoided unit but saves only its variable cost",
  block: () => "block income does not move with activity",
  blended: () => "the fixed element holds while the variable element follows activity",
  bundle: (lead, h) =>
    h === "lead"
      ? `${lead} holds the bundle and pays the others for their steps at unit prices`
      : "the alliance holds the bundle and shares its result by weight",
  capitation: (lead, h) =>
    h === "lead"
      ? `${lead} holds the budget and pays the others for their steps at unit prices`
      : "the alliance holds the budget and shares its surplus by weight",
  riskshare: (lead, h) =>
    h === "lead"
      ? `${lead} holds the budget, subcontracts at unit prices and shares a large variance with the commissioner`
      : "the alliance holds the budget and shares its result by weight",
  gainshare: () => "every partner is paid its cost plus its share of the saving against the budget",
};

/** A reading line that names organisations: who loses income, how much of it they save in cost, and why. */
export function reading(
  r: Omit<ModelResult, "reading" | "holder">,
  orgs: readonly OrganisationBaseline[],
  lead: string,
  holder: ContractTerms["holder"],
): string {
  const base = r.states.base.organisations;
  const after = r.states.shifted.organisations;
  const signed = (x: number): string => `${x >= 0 ? "+" : ""}${gbp(x)}`;
  // Organisations whose position moves, each with its change of income and cost; fixed cost left behind is
  // named where the income falls with the activity (the trap activity payment sets for a hospital).
  const phrases = orgs.flatMap((org, o) => {
    const dIncome = after[o].income - base[o].income;
    const dCost = after[o].cost - base[o].cost;
    const dMargin = r.shift.organisations[o];
    if (Math.abs(dMargin) <= 0.5 && Math.abs(dIncome) <= 0.5 && Math.abs(dCost) <= 0.5) return [];
    const margin = dMargin > 0.5 ? `gains ${gbp(dMargin)}` : dMargin < -0.5 ? `loses ${gbp(-dMargin)}` : "breaks even";
    const stranded = dIncome < -0.5 && org.strandedOnShift > 0.5 ? `: ${gbp(org.strandedOnShift)} of fixed cost stranded` : "";
    return [`${org.name} ${margin} (income ${signed(dIncome)}, cost ${signed(dCost)}${stranded})`];
  });
  if (phrases.length === 0) phrases.push("no organisation's position changes");
  const c = r.shift.commissionerSaving;
  const commissioner =
    c > 0.5 ? `the commissioner saves ${gbp(c)}` : c < -0.5 ? `the commissioner pays ${gbp(-c)} more` : "the commissioner pays the same";
  const s = r.shift.systemChange;
  const system = s < -0.5 ? `the system saves ${gbp(-s)}` : s > 0.5 ? `the system's cost rises by ${gbp(s)}` : "the system's cost is unchanged";
  return `${r.name}: ${volumeRisk(r)}. When care moves out of hospital, ${phrases.join("; ")}; ${commissioner}; ${system} (${why[r.id](lead, holder)}).`;
}
