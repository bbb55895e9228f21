/**
 * The written sheet's list of assumptions (issue "Capitation set by need …", item 5): what the figures rest on,
 * so a reader of the board pack sees every default used — the comparison's notes, each term and whether it was
 * typed or left at its default, how each step is paid today and why (typed, a named rule, or the 2025/26
 * default), the money unit, the simulation's seed, trials and sources, and the transition's terms. Text, one
 * line a row, written as text.
 */
import { DEFAULT_TERMS, type Comparison, type ComparisonInputs } from "../engine/comparison/compare";
import { TERM_FIELDS } from "../engine/inputs/terms";
import { paymentTodayValue } from "../engine/comparison/today";
import { describeDispersion, describeSources, type RiskResult } from "../engine/risk/simulate";
import type { Transition } from "../engine/comparison/transition";
import type { MoneyUnit } from "../engine/comparison/money";

export interface AssumptionsSource {
  inputs: ComparisonInputs;
  comparison: Comparison;
  unit: MoneyUnit;
  risk?: RiskResult;
  transition?: Transition;
}

const share = (x: number): string => `${+(x * 100).toFixed(4)}%`;

/** Each term's value as the comparison used it, and whether that is its default. */
function termLines(inp: ComparisonInputs): string[] {
  const defaults = DEFAULT_TERMS as unknown as Record<string, unknown>;
  const given = inp as unknown as Record<string, unknown>;
  return Object.entries(TERM_FIELDS)
    .filter(([k]) => k in given)
    .map(([k, f]) => {
      const v = given[k];
      const shown =
        v === null ? "none (from today's activity)" : typeof v === "number" ? (f.kind === "share" ? share(v) : v.toLocaleString("en-GB")) : String(v);
      return `${f.label}: ${shown}${v === defaults[k] ? " (default)" : ""}`;
    });
}

/** How each step is paid today, and where that came from. */
function todayLines(c: Comparison): string[] {
  const rule = c.baseline.rule;
  return c.baseline.steps.map((s) => {
    const p = paymentTodayValue(s.paymentToday);
    const paid =
      typeof p === "string"
        ? `by ${p === "activity" ? "activity" : "a fixed payment"}`
        : typeof p === "number"
          ? `${share(p)} of any change`
          : `${share(p.above)} of a rise, ${share(p.below)} of a fall`;
    const why = s.source === "typed" ? "as typed" : s.source === "rule" && rule ? `by ${rule.name}` : "the 2025/26 NHS Payment Scheme's default";
    return `Today: ${s.name} (${s.pointOfDelivery}) paid ${paid}, ${why}`;
  });
}

/** The lines of the list, in order. */
export function assumptionLines(src: AssumptionsSource): string[] {
  const lines = [
    ...src.comparison.notes,
    `Money shown in ${src.unit === "£" ? "pounds" : src.unit === "£k" ? "thousands of pounds (£k)" : "millions of pounds (£m)"}; every cell holds the exact figure`,
  ];
  lines.push(...termLines(src.inputs), ...todayLines(src.comparison));
  if (src.risk) {
    const r = src.risk;
    lines.push(
      `Risk: ${r.trials.toLocaleString("en-GB")} simulated years, seed ${r.seed}, ${describeDispersion(r.dispersion)}; ${describeSources(r)}; generator ${r.generator}`,
    );
  }
  if (src.transition) {
    const t = src.transition.terms;
    lines.push(
      `Transition: ${src.transition.years.length} years; share of the shift achieved ${t.shiftAchieved.map(share).join(", ")}; demand growth ${share(t.demandGrowth ?? 0)} a year; contracts re-based every ${t.rebaseEvery} year(s); discount rate ${share(t.discountRate)}`,
    );
  }
  return lines;
}
