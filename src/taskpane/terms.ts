/** The contract terms typed in the panel, checked with zod before anything is computed. */
import { z } from "zod";
import { MAX_TRIALS } from "../engine/simulate";
import { MAX_SEED } from "../engine/random";

const num = (label: string, min: number, max?: number) => {
  let s = z.number({ error: `${label}: expected a number` }).finite({ error: `${label}: expected a number` });
  s = s.min(min, { error: `${label}: expected ${max === undefined ? `at least ${min}` : `from ${min} to ${max}`}` });
  if (max !== undefined) s = s.max(max, { error: `${label}: expected from ${min} to ${max}` });
  return s;
};

export const termsSchema = z.object({
  mff: num("MFF", 0.01),
  blockValue: num("Block value", 0).nullable(),
  blendedVariableRate: num("Variable rate", 0, 1),
  bundlePrice: num("Bundle price", 0).nullable(),
  stopGain: num("Stop-gain", 0, 1),
  stopLoss: num("Stop-loss", 0, 1),
  capitationRate: num("Capitation per patient", 0).nullable(),
  gainShareRate: num("Providers' share of saving", 0, 1),
  shiftShare: num("Hospital activity avoided", 0, 1),
  shiftCommunityUplift: num("Community activity added", 0, 10),
});

export type TermsText = Record<keyof z.infer<typeof termsSchema>, string>;

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

/** "20%" → 0.2, "£1,200" → 1200, "" → null (use the default). Anything else stays text so zod reports it. */
export function parseNumber(text: string): number | null | string {
  const t = text.trim().replace(/[£,\s]/g, "");
  if (t === "") return null;
  const pct = /%$/.test(t);
  const n = Number(pct ? t.slice(0, -1) : t);
  if (!Number.isFinite(n) || !/^-?\d*\.?\d+(e-?\d+)?%?$/i.test(t)) return text;
  return pct ? n / 100 : n;
}

export function readTerms(text: TermsText): { terms?: z.infer<typeof termsSchema>; problems: Record<string, string> } {
  const raw = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, parseNumber(v)]));
  for (const k of ["mff", "blendedVariableRate", "stopGain", "stopLoss", "gainShareRate", "shiftShare", "shiftCommunityUplift"]) {
    if (raw[k] === null) raw[k] = parseNumber(DEFAULT_TERMS_TEXT[k as keyof TermsText]);
  }
  const r = termsSchema.safeParse(raw);
  return r.success ? { terms: r.data, problems: {} } : { problems: problemsByField(r.error) };
}

/** zod's issues as one message per field, for the panel to show beside each input. */
function problemsByField(error: z.ZodError): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues) problems[String(issue.path[0])] = issue.message.includes(":") ? issue.message : "expected a number";
  return problems;
}

// ——— Risk settings (the "Risk" view) ———

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

export function readRiskSettings(text: RiskText): { settings?: z.infer<typeof riskSchema>; problems: Record<string, string> } {
  const raw = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, parseNumber(v) ?? parseNumber(DEFAULT_RISK_TEXT[k as keyof RiskText])]));
  const r = riskSchema.safeParse(raw);
  return r.success ? { settings: r.data, problems: {} } : { problems: problemsByField(r.error) };
}
