/**
 * The written sheet's list of assumptions (issue "Capitation set by need …", item 5): what the figures rest on,
 * so a reader of the board pack sees every default used — the comparison's notes, each term and whether it was
 * typed or left at its default, how each step is paid today and why (typed, a named rule, or the 2025/26
 * default), the money unit, the simulation's seed, trials and sources, and the transition's terms. Text, one
 * line a row, written as text.
 */
import { basisText } from "../engine/holder/partners";
import type { HolderAmount } from "../engine/holder/economics";
import { DEFAULT_TERMS, type Comparison, type ComparisonInputs } from "../engine/comparison/compare";
import { TERM_FIELDS } from "../engine/inputs/terms";
import { paymentTodayValue, wordList } from "../engine/comparison/today";
import { describeDispersion, describeSources, type RiskResult } from "../engine/risk/simulate";
import { DEFAULT_TRANSITION, type Transition } from "../engine/comparison/transition";
import { presetById } from "../engine/comparison/presets";
import { moneyUnitWords, type MoneyUnit } from "../engine/comparison/money";

export interface AssumptionsSource {
  inputs: ComparisonInputs;
  comparison: Comparison;
  unit: MoneyUnit;
  risk?: RiskResult;
  transition?: Transition;
  /** Terms read from cells (term key → the cell's address). */
  termSources?: Partial<Record<string, string>>;
}

const share = (x: number): string => `${+(x * 100).toFixed(4)}%`;
const pounds = (x: number): string => `£${x.toLocaleString("en-GB", { maximumFractionDigits: 2 })}`;

/** A term's value as the comparison used it (a variable cost share's from the terms' shares by setting). */
function termValue(inp: ComparisonInputs, key: string): unknown {
  const setting = /^variableShare(Hospital|Community|Primary|Other)$/.exec(key)?.[1];
  if (setting) return inp.variableShares[setting.toLowerCase() as keyof ComparisonInputs["variableShares"]];
  return (inp as unknown as Record<string, unknown>)[key];
}

/**
 * Each term in force with its value and where it came from: a cell (its address), a named NHS rule (the
 * blended rates a preset sets), the default, or as typed.
 */
function termLines(inp: ComparisonInputs, sources: Partial<Record<string, string>>): string[] {
  const preset = inp.todaysRule ? presetById(inp.todaysRule.id) : undefined;
  const fromPreset: Record<string, number | undefined> = { blendedVariableRate: preset?.rateAbove, blendedRateBelow: preset?.rateBelow };
  return Object.entries(TERM_FIELDS).map(([k, f]) => {
    const v = termValue(inp, k);
    const d = termValue({ ...DEFAULT_TERMS, steps: [], cohort: 0 }, k);
    const shown =
      v === null ? "none (from today's activity)" : typeof v === "number" ? (f.kind === "share" ? share(v) : v.toLocaleString("en-GB")) : String(v);
    const source = sources[k]
      ? `from ${sources[k]}`
      : preset && fromPreset[k] === v
        ? `from ${inp.todaysRule?.name}`
        : v === d
          ? "default"
          : "as typed";
    return `${f.label}: ${shown} (${source})`;
  });
}

/** Who holds the budgets, how partners share, the corridor, the capitated budget's basis and today's NHS rule. */
function contractLines(inp: ComparisonInputs, c: Comparison): string[] {
  const corridor = inp.corridor;
  const sameCorridor = JSON.stringify(corridor) === JSON.stringify(DEFAULT_TERMS.corridor);
  const below =
    corridor.underShares.join(",") === corridor.overShares.join(",") ? "" : `; underspend shares ${corridor.underShares.map(share).join(", ")}`;
  const weights = inp.partnerWeights;
  return [
    `Holder of a bundle or a capitated budget: ${inp.holder === "alliance" ? "an alliance of the partners" : `the lead provider, ${c.lead}`} (${
      inp.holder === "alliance" ? "as typed" : inp.leadProvider ? "as typed" : "default: the largest baseline value"
    })`,
    `Partner weights (alliance and gain share): ${
      weights
        ? `${Object.entries(weights)
            .map(([n, w]) => `${n} ${w}`)
            .join(", ")} (as typed)`
        : "each partner's baseline cost (default)"
    }`,
    `Risk-share corridor: thresholds ${corridor.thresholds.map(share).join(", ")} of the budget; the commissioner's shares ${corridor.overShares.map(share).join(", ")}${below} (${sameCorridor ? "default" : "as typed"})`,
    `Capitated budget: ${
      inp.capitationTiers
        ? `${inp.capitationTiers.counts.length} groups or tiers, ${inp.capitationTiers.counts.reduce((a, b) => a + b, 0).toLocaleString("en-GB")} people, need-weighted, at ${pounds(inp.capitationRate ?? 0)} per weighted person`
        : inp.capitationRate === null
          ? "today's activity value (default)"
          : `${pounds(inp.capitationRate)} per patient × the cohort`
    }`,
    `Today's NHS rule: ${inp.todaysRule ? `${inp.todaysRule.name}, for ${wordList(inp.todaysRule.covers)} steps without a payment typed` : "none: each step as typed or by the 2025/26 NHS Payment Scheme's default"}`,
    ...todayAsSetLines(inp),
    ...holderTermsLines(inp),
  ];
}

/** A single holder's partners, fee and reserve, where typed (issue 36; holder/). */
function holderTermsLines(inp: ComparisonInputs): string[] {
  const amount = (a: HolderAmount | null | undefined) =>
    a === null || a === undefined
      ? "none"
      : a === "auto"
        ? "auto (the simulated bad year below its mean)"
        : "share" in a
          ? `${share(a.share)} of the budget`
          : pounds(a.amount);
  const partners = Object.entries(inp.partners ?? {}).map(
    ([name, p]) => `${name} at ${basisText(p.basis)}${p.vatRecoverable ? "" : `, VAT not recoverable on ${share(p.vatShare)} of its costs`}`,
  );
  if (partners.length === 0 && !inp.managementFee && !inp.riskReserve) return [];
  return [
    `A single holder's partners (under a lead provider's bundle or budget): ${partners.length > 0 ? partners.join("; ") : "every partner at tariff"}; VAT lost is 20% of the VAT-bearing costs, a real cost`,
    `The holder's management fee: ${amount(inp.managementFee)}; risk reserve: ${amount(inp.riskReserve)}`,
  ];
}

/** Today's contracts set on a plan or as signed, where they are (sheet/signed.ts). */
function todayAsSetLines(inp: ComparisonInputs): string[] {
  const planned = inp.steps.filter((s) => s.plannedActivity !== undefined).length;
  const contracts = inp.contracts ?? [];
  return [
    ...(planned > 0
      ? [
          `Planned activity: today's payments for ${planned === 1 ? "1 step" : `${planned} steps`} set on the plan (the table's Planned activity column); the rest on today's activity`,
        ]
      : []),
    ...(contracts.length > 0
      ? [
          `Contracts as signed: ${contracts.length === 1 ? "1 contract replaces" : `${contracts.length} contracts replace`} the tariff valuation of the organisations' fixed steps, pro rata (the block below the steps; its signed values point at the contracts table)`,
        ]
      : []),
  ];
}

/** The transition's terms, each with its value and whether it is the default. */
function transitionLines(tr: Transition): string[] {
  const t = tr.terms;
  const d = DEFAULT_TRANSITION;
  const mark = (same: boolean) => (same ? " (default)" : " (as typed)");
  const list = (xs: readonly number[], f: (x: number) => string) => xs.map(f).join(", ");
  const same = (a: readonly number[], b: readonly number[]) => a.join(",") === b.join(",");
  return [
    `Transition: ${tr.years.length} years; share of the shift achieved ${list(t.shiftAchieved, share)}`,
    `Set-up cost: ${list(t.setupCost, pounds)}${mark(same(t.setupCost, d.setupCost))}, borne by ${t.setupBearer}${mark(t.setupBearer === d.setupBearer)}`,
    `Stranded hospital fixed cost released: ${t.releaseYear === null ? "never" : `from year ${t.releaseYear}`}${mark(t.releaseYear === d.releaseYear)}; backfilled share ${share(t.backfillShare)}${mark(t.backfillShare === d.backfillShare)}, paid by ${t.backfillPayer}${mark(t.backfillPayer === d.backfillPayer)}`,
    `Price uplift a year: ${list(t.priceUplift, share)}${mark(same(t.priceUplift, d.priceUplift))}; cost uplift a year: ${list(t.costUplift, share)}${mark(same(t.costUplift, d.costUplift))}`,
    `Demand growth ${share(t.demandGrowth ?? 0)} a year${mark((t.demandGrowth ?? 0) === 0)}; contracts re-based every ${t.rebaseEvery} year(s)${mark(t.rebaseEvery === d.rebaseEvery)}; discount rate ${share(t.discountRate)}${mark(t.discountRate === d.discountRate)}`,
    ...tr.notes,
  ];
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
    return `Today: ${s.name} (${s.pointOfDelivery ?? "no point of delivery"}) paid ${paid}, ${why}`;
  });
}

/** The lines of the list, in order. */
export function assumptionLines(src: AssumptionsSource): string[] {
  const lines = [...src.comparison.notes, `Money shown in ${moneyUnitWords(src.unit)}; every cell holds the exact figure`];
  lines.push(...termLines(src.inputs, src.termSources ?? {}), ...contractLines(src.inputs, src.comparison), ...todayLines(src.comparison));
  if (src.risk) {
    const r = src.risk;
    lines.push(
      `Risk: ${r.trials.toLocaleString("en-GB")} simulated years, seed ${r.seed}, ${describeDispersion(r.dispersion)}; ${describeSources(r)}; generator ${r.generator}`,
    );
  }
  if (src.transition) lines.push(...transitionLines(src.transition));
  return lines;
}
