/**
 * The Risk view's simulation settings, read from what was typed and checked with zod (loaded with that view).
 */
import * as z from "../engine/inputs/schema";
import { parseNumber, type NumberKind } from "../engine/inputs/terms";
import { MAX_TRIALS } from "../engine/risk/simulate";
import { MAX_SEED } from "../engine/risk/random";

/** zod's issues as one message per field, for the panel to show beside each input. */
function problemsByField(error: z.core.$ZodError): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues) problems[String(issue.path[0])] = issue.message.includes(":") ? issue.message : "expected a number";
  return problems;
}

// ——— Risk settings (the "Risk" view) ———

// (zod 4's numbers are finite: Infinity and NaN fail with the type's message.)
const num = (label: string, min: number, max?: number) =>
  z
    .number({ error: `${label}: expected a number` })
    .check(
      z.minimum(min, { error: `${label}: expected ${max === undefined ? `at least ${min}` : `from ${min} to ${max}`}` }),
      ...(max === undefined ? [] : [z.maximum(max, { error: `${label}: expected from ${min} to ${max}` })]),
    );

const whole = (label: string, min: number, max: number) => {
  const error = `${label}: expected a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`;
  return z.int({ error }).check(z.minimum(min, { error }), z.maximum(max, { error }));
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
