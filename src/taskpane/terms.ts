/** The contract terms typed in the panel, checked with zod before anything is computed. */
import { z } from "../engine/schema";
import { MAX_TRIALS } from "../engine/simulate";
import { MAX_SEED } from "../engine/random";

/** How a field's number may be typed: a share may be a percentage ("20%"); an amount may carry "£". */
export type NumberKind = "share" | "amount" | "count";

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

const MONEY_MAX = 1e12; // £1 trillion: more than the whole NHS budget, so a larger figure is a typing slip

export const TERM_FIELDS: Record<string, NumberField> = {
  mff: {
    label: "MFF",
    kind: "amount",
    min: 0.5,
    max: 2,
    expected: "a market forces factor from 0.5 to 2 (NHS Payment Scheme factors lie between about 0.9 and 1.3)",
  },
  blockValue: { label: "Block value", kind: "amount", min: 0, max: MONEY_MAX, optional: true },
  blendedVariableRate: { label: "Variable rate", kind: "share", min: 0, max: 1 },
  bundlePrice: { label: "Bundle price", kind: "amount", min: 0, max: MONEY_MAX, optional: true },
  stopGain: { label: "Stop-gain", kind: "share", min: 0, max: 1 },
  stopLoss: { label: "Stop-loss", kind: "share", min: 0, max: 1 },
  capitationRate: { label: "Capitation per patient", kind: "amount", min: 0, max: MONEY_MAX, optional: true },
  gainShareRate: { label: "Providers' share of saving", kind: "share", min: 0, max: 1 },
  shiftShare: { label: "Hospital activity avoided", kind: "share", min: 0, max: 1 },
  shiftCommunityUplift: { label: "Community activity added", kind: "share", min: 0, max: 10, expected: "a share from 0% to 1,000%" },
};

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

export interface Terms {
  mff: number;
  blockValue: number | null;
  blendedVariableRate: number;
  bundlePrice: number | null;
  stopGain: number;
  stopLoss: number;
  capitationRate: number | null;
  gainShareRate: number;
  shiftShare: number;
  shiftCommunityUplift: number;
}

export type TermsText = Record<keyof Terms, string>;

export const DEFAULT_TERMS_TEXT: TermsText = {
  mff: "1",
  blockValue: "",
  blendedVariableRate: "50%",
  bundlePrice: "",
  stopGain: "10%",
  stopLoss: "10%",
  capitationRate: "",
  gainShareRate: "50%",
  shiftShare: "20%",
  shiftCommunityUplift: "20%",
};

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

/** zod's issues as one message per field, for the panel to show beside each input. */
function problemsByField(error: z.ZodError): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues) problems[String(issue.path[0])] = issue.message.includes(":") ? issue.message : "expected a number";
  return problems;
}

// ——— Risk settings (the "Risk" view) ———

const num = (label: string, min: number, max?: number) => {
  let s = z.number({ error: `${label}: expected a number` }).finite({ error: `${label}: expected a number` });
  s = s.min(min, { error: `${label}: expected ${max === undefined ? `at least ${min}` : `from ${min} to ${max}`}` });
  if (max !== undefined) s = s.max(max, { error: `${label}: expected from ${min} to ${max}` });
  return s;
};

const whole = (label: string, min: number, max: number) => {
  const error = `${label}: expected a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

export const riskSchema = z.object({
  trials: whole("Trials", 2, MAX_TRIALS),
  seed: whole("Seed", 0, MAX_SEED),
  shape: num("Over-dispersion k", 0.001, 1e6),
  tolerance: num("Overspend tolerance", 0.0001, 10),
  confidence: num("Confidence", 0.5, 0.9999),
  sweepTrials: whole("Trials per population", 100, 200_000),
});

export type RiskText = Record<keyof z.infer<typeof riskSchema>, string>;

export const DEFAULT_RISK_TEXT: RiskText = {
  trials: "100,000",
  seed: "12345",
  shape: "2",
  tolerance: "3%",
  confidence: "95%",
  sweepTrials: "10,000",
};

const RISK_KINDS: Record<keyof RiskText, NumberKind> = {
  trials: "count",
  seed: "count",
  shape: "amount",
  tolerance: "share",
  confidence: "share",
  sweepTrials: "count",
};

export function readRiskSettings(text: RiskText): { settings?: z.infer<typeof riskSchema>; problems: Record<string, string> } {
  const raw = Object.fromEntries(
    Object.entries(text).map(([k, v]) => {
      const kind = RISK_KINDS[k as keyof RiskText];
      const typed = parseNumber(v, kind) ?? parseNumber(DEFAULT_RISK_TEXT[k as keyof RiskText], kind);
      // A problem of typing stays text, so the schema reports the field with what it expects.
      return [k, typed !== null && typeof typed === "object" ? v : typed];
    }),
  );
  const r = riskSchema.safeParse(raw);
  return r.success ? { settings: r.data, problems: {} } : { problems: problemsByField(r.error) };
}
