/**
 * The comparison's terms as people type them (the panel's fields, `pay compare --term key=value`): how each
 * number is read, its sane range, and the message naming it when it is wrong. One place for those rules.
 */
import { DEFAULT_TERMS, type ComparisonInputs } from "../comparison/compare";
import { presetById } from "../comparison/presets";
import { NUMBER_TERMS, type NumberKind, type NumberTermKey } from "./term-table";
import { defaultRamp, perYear, priceUpliftFrom, PRICE_CONVENTIONS, type PriceConvention, type TransitionTerms } from "../comparison/transition";

export type { NumberKind } from "./term-table";

/**
 * Read a number as a UK user types it: "1,200" and "£1,200" are 1200 (commas only where they group thousands),
 * "20%" is 0.2 where a share is asked for, "1.05" is 1.05. Anything else — "1,05" (a decimal comma), "5%" for a
 * number of patients, "12abc" — is not guessed at: it is a problem with a message saying what was expected.
 * "" is null (the field's default applies).
 */
export function parseNumber(text: string, kind: NumberKind = "amount"): number | null | { problem: string } {
  let t = text.trim();
  if (t === "") return null;
  const shown = `'${text.trim()}'`;
  const percent = t.endsWith("%");
  if (percent) {
    if (kind !== "share") return { problem: `expected a number, not a percentage; got ${shown}` };
    t = t.slice(0, -1).trim();
  }
  if (kind === "amount") t = t.replace(/^(-?)\s*£\s*/, "$1");
  if (t.includes(",")) {
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
      const hint = /^-?\d+,\d{1,2}$/.test(t) ? ` (for a decimal, type a point: ${t.replace(",", ".")})` : "";
      return { problem: `expected a number; commas may only group thousands (1,200), got ${shown}${hint}` };
    }
    t = t.replace(/,/g, "");
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { problem: `expected a number, got ${shown}` };
  const n = Number(t);
  if (!Number.isFinite(n)) return { problem: `expected a number, got ${shown}` };
  return percent ? n / 100 : n + 0;
}

/** A field's rule: how it is typed, its range, and the words for its range in a message. */
interface NumberField {
  label: string;
  kind: NumberKind;
  min: number;
  max: number;
  /** The range in words, where "from min to max" would not tell an analyst enough. */
  expected?: string;
  whole?: boolean;
  /** The minimum itself is not allowed (a cohort of 0 patients). */
  minExclusive?: boolean;
  /** Blank means "none": null. Otherwise blank takes the default text. */
  optional?: boolean;
}

/** Each term typed as a number, by key: its rule as a field (term-table.ts, where the terms are). */
export const TERM_FIELDS: Record<string, NumberField> = Object.fromEntries(
  NUMBER_TERMS.map((t) => [
    t.key,
    {
      label: t.short,
      kind: t.kind,
      min: t.min,
      max: t.max,
      ...(t.expected ? { expected: t.expected } : {}),
      ...(t.optional ? { optional: true } : {}),
    },
  ]),
);

export const COHORT_FIELD: NumberField = {
  label: "Cohort",
  kind: "count",
  min: 0,
  minExclusive: true,
  max: 1e8,
  expected: "a number of patients greater than 0 and at most 100,000,000",
};

function rangeText(f: NumberField): string {
  if (f.expected) return f.expected;
  const fmt = (x: number) => (f.kind === "share" ? `${Math.round(x * 100)}%` : x.toLocaleString("en-GB"));
  return `${f.whole ? "a whole number" : "a number"} from ${fmt(f.min)} to ${fmt(f.max)}`;
}

/** One field's text as a number within its range, or a message naming the field and what was expected. */
export function readNumberField(text: string, f: NumberField, fallback?: string): { value: number | null } | { problem: string } {
  let v = parseNumber(text, f.kind);
  if (v === null && fallback !== undefined) v = parseNumber(fallback, f.kind);
  if (v === null) return f.optional ? { value: null } : { problem: `${f.label}: expected ${rangeText(f)}` };
  if (typeof v === "object") return { problem: `${f.label}: ${v.problem}` };
  const low = f.minExclusive === true ? v <= f.min : v < f.min;
  if (low || v > f.max || (f.whole === true && !Number.isInteger(v))) {
    const got = f.kind === "share" ? `${+(v * 100).toPrecision(12)}%` : v.toLocaleString("en-GB", { maximumFractionDigits: 10 });
    return { problem: `${f.label}: expected ${rangeText(f)}, got ${got}` };
  }
  return { value: v };
}

/** The comparison's terms that are typed as numbers straight into the comparison's inputs (term-table.ts `goes`). */
const INPUT_TERMS = NUMBER_TERMS.filter((t) => t.goes === "input").map((t) => t.key);

/**
 * The typed terms, one number each (term-table.ts): a comparison input of the term's name takes its type there
 * (an amount left blank for "at today's value" is null); the variable-cost shares and today's rule's share are numbers.
 */
export type Terms = { [K in NumberTermKey]: K extends keyof ComparisonInputs ? ComparisonInputs[K] : number };

export type TermsText = Record<keyof Terms, string>;

/** Each term as typed when nothing is (term-table.ts). */
export const DEFAULT_TERMS_TEXT = Object.fromEntries(NUMBER_TERMS.map((t) => [t.key, t.default])) as TermsText;

/** The terms' variable-cost shares by setting, as the comparison takes them. */
export function variableSharesOf(t: Terms): { hospital: number; community: number; primary: number; other: number } {
  return { hospital: t.variableShareHospital, community: t.variableShareCommunity, primary: t.variableSharePrimary, other: t.variableShareOther };
}

/** Every term read by its field's rule; a problem per field, named, for the panel to show beside it. */
export function readTerms(text: TermsText): { terms?: Terms; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const out: Record<string, number | null> = {};
  for (const k of Object.keys(TERM_FIELDS) as (keyof Terms)[]) {
    const f = TERM_FIELDS[k];
    const r = readNumberField(text[k], f, f.optional ? undefined : DEFAULT_TERMS_TEXT[k]);
    if ("problem" in r) problems[k] = r.problem;
    else out[k] = r.value;
  }
  return Object.keys(problems).length > 0 ? { problems } : { terms: out as unknown as Terms, problems };
}

/** The comparison's inputs from typed terms, a pathway and a cohort (the panel and `pay compare` both build them here). */
export function comparisonInputs(
  t: Terms,
  rest: Pick<ComparisonInputs, "steps" | "cohort"> &
    Partial<
      Pick<
        ComparisonInputs,
        | "corridor"
        | "holder"
        | "leadProvider"
        | "partnerWeights"
        | "capitationTiers"
        | "todaysRule"
        | "contracts"
        | "partners"
        | "managementFee"
        | "riskReserve"
      >
    >,
): ComparisonInputs {
  const typed = Object.fromEntries(INPUT_TERMS.map((k) => [k, t[k]])) as Partial<ComparisonInputs>;
  return { ...DEFAULT_TERMS, ...typed, variableShares: variableSharesOf(t), ...rest };
}

/**
 * Amounts by organisation as typed: "Acute trust:3, PCN:1" (an organisation's name, a colon, an amount ≥ 0, "£"
 * and thousands' commas allowed; commas or semicolons between). "" is null. A problem names the field and
 * what was expected.
 */
function parseNamedAmounts(text: string, label: string, example: string): { value: Record<string, number> | null } | { problem: string } {
  if (text.trim() === "") return { value: null };
  const amounts: Record<string, number> = {};
  for (const part of splitList(text)) {
    const m = /^(.+):\s*(.+)$/.exec(part.trim());
    const w = m ? parseNumber(m[2], "amount") : null;
    if (!m || typeof w !== "number" || !(w >= 0)) {
      return { problem: `${label}: expected name:amount pairs separated by commas (${example}), got '${part.trim()}'` };
    }
    amounts[m[1].trim()] = w;
  }
  return { value: amounts };
}

/** Partner weights as typed: "Acute trust:3, PCN:1". "" is null: every partner weighted by its baseline cost. */
export function parsePartnerWeights(text: string): { value: Record<string, number> | null } | { problem: string } {
  const r = parseNamedAmounts(text, "Partner weights", "Acute trust:3, PCN:1");
  return "problem" in r ? { problem: r.problem.replace("name:amount", "name:weight") } : r;
}

/**
 * What each organisation can lose in a bad year, as typed: "Acute trust:£2,000,000; PCN:£50,000". "" is null:
 * each its margin today (capacity.ts).
 */
export function parseRiskCapacity(text: string): { value: Record<string, number> | null } | { problem: string } {
  return parseNamedAmounts(text, "Risk capacity", "Acute trust:£2,000,000; PCN:£50,000");
}

/** A named NHS rule's rates as the blended terms' text (rate above, rate below). */
export function presetTerms(id: string): Pick<TermsText, "blendedVariableRate" | "blendedRateBelow"> | null {
  const p = presetById(id);
  return p ? { blendedVariableRate: `${+(p.rateAbove * 100).toFixed(4)}%`, blendedRateBelow: `${+(p.rateBelow * 100).toFixed(4)}%` } : null;
}

/**
 * A by-year term as typed: one value, or values separated by commas or semicolons ("25%, 50%, 75%, 100%");
 * a comma followed by three digits groups thousands ("£500,000" is one amount). An amount whose commas could
 * as well separate years ("100,200,300": £100,200,300 in year 1, or £100, £200 and £300?) is refused unless a
 * £ sign says it is one amount: it is never read one way silently.
 */
export function parseYearList(text: string, kind: NumberKind, label: string): { value: number[] } | { problem: string } {
  const parts = splitList(text);
  if (parts.length === 0) return { problem: `${label}: expected a value, or one value per year` };
  const asYears = text.split(/[,;]/).filter((x) => x.trim() !== "").length;
  if (kind === "amount" && asYears > parts.length && parts.some((p) => /\d,\d{3}/.test(p) && !p.includes("£")))
    return {
      problem: `${label}: '${text.trim()}' could be one amount or one amount a year; write one amount with £ (£${parts[0].replace(/^£/, "")}), or separate the years with semicolons (${text
        .split(",")
        .map((x) => x.trim())
        .join("; ")})`,
    };
  const out: number[] = [];
  for (const [i, part] of parts.entries()) {
    const v = parseNumber(part, kind);
    if (typeof v !== "number")
      return { problem: `${label}${parts.length > 1 ? `, year ${i + 1}` : ""}: ${v === null ? "expected a number" : v.problem}` };
    out.push(v);
  }
  return { value: out };
}

/** The transition's terms as typed (panel fields, `pay compare --term`), each read by its rule. */
export const TRANSITION_TEXT_DEFAULTS = {
  shiftAchieved: "25%, 50%, 75%, 100%, 100%",
  setupCost: "0",
  setupBearer: "commissioner",
  releaseYear: "",
  backfillShare: "0%",
  backfillPayer: "commissioner",
  // Blank: the NHS Payment Scheme's way, the cost uplift less the efficiency factor (priceUpliftFrom).
  priceUplift: "",
  costUplift: "0%",
  // Blank: the named rule's (2% under nhsps-2026, EFFICIENCY_BY_PRESET), else 0%.
  efficiency: "",
  priceConvention: "additive",
  // Blank: the years are Year 1, Year 2, …; "2026/27" labels them 2026/27, 2027/28, ….
  start: "",
  // Blank: a signed contract's gap to tariff is never closed; N: closed in equal steps over N years (signed.ts).
  glideYears: "",
  // NHS contracts are re-based in each year's planning round.
  rebaseEvery: "1",
  discountRate: "3.5%",
  demandGrowth: "0%",
};
export type TransitionText = typeof TRANSITION_TEXT_DEFAULTS;

/** The efficiency factor a named rule assumes when none is typed: the 2026/27 scheme's 2% (docs/nhs-payment-rules.md). */
export const EFFICIENCY_BY_PRESET: Record<string, string> = { "nhsps-2026": "2%" };

/**
 * Read the transition's terms for `years` years; every problem named by its field. `preset`: the named NHS rule
 * in use, whose efficiency factor applies when none is typed.
 */
export function readTransitionTerms(
  text: TransitionText,
  years: number,
  preset: string | null = null,
): { terms?: TransitionTerms; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const list = (k: keyof TransitionText, kind: NumberKind, label: string): number[] => {
    const r = parseYearList(text[k], kind, label);
    if ("problem" in r) {
      problems[k] = r.problem;
      return [0];
    }
    return r.value;
  };
  const one = (k: keyof TransitionText, kind: NumberKind, label: string): number | null => {
    const v = parseNumber(text[k], kind);
    if (v === null) return null;
    if (typeof v !== "number") problems[k] = `${label}: ${v.problem}`;
    return typeof v === "number" ? v : null;
  };
  // Blank or the default ramp's text: the ramp for as many years as asked (25%, 50%, 75%, then 100%).
  const ramp = text.shiftAchieved.trim() === "" || text.shiftAchieved === TRANSITION_TEXT_DEFAULTS.shiftAchieved;
  const terms: TransitionTerms = {
    years,
    shiftAchieved: ramp ? defaultRamp(years) : list("shiftAchieved", "share", "Shift achieved"),
    setupCost: list("setupCost", "amount", "Set-up cost"),
    setupBearer: text.setupBearer.trim() || "commissioner",
    releaseYear: one("releaseYear", "count", "Release year"),
    backfillShare: one("backfillShare", "share", "Backfilled share") ?? 0,
    backfillPayer: text.backfillPayer.trim() || "commissioner",
    ...pricePath(text, years, preset, list, problems),
    rebaseEvery: one("rebaseEvery", "count", "Re-base every") ?? years,
    discountRate: one("discountRate", "share", "Discount rate") ?? 0.035,
    demandGrowth: one("demandGrowth", "share", "Demand growth") ?? 0,
  };
  terms.glideYears = one("glideYears", "count", "Glide years");
  const start = text.start.trim();
  if (start !== "") terms.start = start;
  return Object.keys(problems).length > 0 ? { problems } : { terms, problems };
}

/**
 * The price path as typed: the cost uplift, the efficiency factor (blank: the named rule's, else 0%), their
 * convention, and the price uplift as typed or, blank, the cost uplift less efficiency (priceUpliftFrom).
 */
function pricePath(
  text: TransitionText,
  years: number,
  preset: string | null,
  list: (k: keyof TransitionText, kind: NumberKind, label: string) => number[],
  problems: Record<string, string>,
): Pick<TransitionTerms, "priceUplift" | "costUplift" | "efficiency" | "priceConvention"> {
  const costUplift = list("costUplift", "share", "Cost uplift");
  const efficiencyText = text.efficiency.trim() || (preset !== null ? EFFICIENCY_BY_PRESET[preset] : undefined) || "0%";
  const e = parseYearList(efficiencyText, "share", "Efficiency");
  if ("problem" in e) problems.efficiency = e.problem;
  const efficiency = "problem" in e ? [0] : e.value;
  const convention = (text.priceConvention.trim().toLowerCase() || "additive") as PriceConvention;
  if (!PRICE_CONVENTIONS.includes(convention))
    problems.priceConvention = `Price convention: expected ${PRICE_CONVENTIONS.join(" or ")}, got '${text.priceConvention.trim()}'`;
  const fits = (v: number[]) => v.length === 1 || v.length === years;
  const priceUplift =
    text.priceUplift.trim() !== ""
      ? list("priceUplift", "share", "Price uplift")
      : fits(costUplift) && fits(efficiency)
        ? perYear(costUplift, years, "costUplift").map((u, i) => priceUpliftFrom(u, perYear(efficiency, years, "efficiency")[i], convention))
        : [0];
  return { priceUplift, costUplift, efficiency, priceConvention: convention };
}

/**
 * Items of a list as typed: separated by semicolons, or by commas — except a comma between a digit and three
 * digits that end the number, which groups thousands ("£250,000" and "1,000,000" are one amount each;
 * "50%,100%" and "Acute trust:3,PCN:1" are two items). Blank items are dropped.
 */
export function splitList(text: string): string[] {
  return text
    .split(/;|(?<!\d),|,(?!\d{3}(?:$|[,;.\s]))/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}
