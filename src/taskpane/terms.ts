/**
 * The panel's settings: the contract terms (their rules live in the engine, src/engine/terms.ts, shared with
 * `pay compare`) and the Risk view's simulation settings, checked with zod.
 */
import { z } from "../engine/schema";
import { parseNumber, type NumberKind } from "../engine/terms";

export {
  COHORT_FIELD,
  DEFAULT_TERMS_TEXT,
  TERM_FIELDS,
  parseNumber,
  readNumberField,
  readTerms,
  variableSharesOf,
  type NumberKind,
  type Terms,
  type TermsText,
} from "../engine/terms";
import { MAX_TRIALS } from "../engine/simulate";
import { MAX_SEED } from "../engine/random";

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
  deliveryMean: num("Share of the shift achieved: plan", 0, 2),
  deliverySd: num("Share of the shift achieved: standard deviation", 0, 1),
  shockCv: num("Common shock: coefficient of variation", 0, 1),
});

export type RiskText = Record<keyof z.infer<typeof riskSchema>, string>;

export const DEFAULT_RISK_TEXT: RiskText = {
  trials: "100,000",
  seed: "12345",
  shape: "2",
  tolerance: "3%",
  confidence: "95%",
  sweepTrials: "10,000",
  deliveryMean: "100%",
  deliverySd: "15%",
  shockCv: "0%",
};

const RISK_KINDS: Record<keyof RiskText, NumberKind> = {
  trials: "count",
  seed: "count",
  shape: "amount",
  tolerance: "share",
  confidence: "share",
  sweepTrials: "count",
  deliveryMean: "share",
  deliverySd: "share",
  shockCv: "share",
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
