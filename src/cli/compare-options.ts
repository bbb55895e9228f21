/**
 * `pay compare --options <ref> [--organisations <ref>] [--term optimismBias=…]`: the options appraisal
 * (src/engine/comparison/options.ts) on the workbook's tables, its JSON (`options`, keys exactly as issue 35
 * gives them) and its text: each option's NPV by party against doing nothing, and where an organisation falls
 * short of its plan.
 */
import type { ComparisonInputs } from "../engine/comparison/compare";
import { appraiseOptions, type OptionResult } from "../engine/comparison/options";
import type { TransitionTerms } from "../engine/comparison/transition";
import { readOptionsTable, readOrganisationsTable } from "../engine/inputs/options-table";
import { parseNumber, TRANSITION_TEXT_DEFAULTS, type TransitionText } from "../engine/inputs/terms";
import { isPayError } from "../engine/rules/errors";
import { InputError } from "./errors";
import { rangeValues, type Recalculation } from "./workbook";

export interface OptionsArgs {
  options: string;
  organisations?: string;
  terms: Record<string, string>;
  preset?: string;
}

const listed = (problems: { address?: string; message: string }[]): string =>
  problems.map((p) => (p.address ? `${p.address}: ${p.message}` : p.message)).join("; ");

/** The options read from the workbook and appraised over the transition's terms; every problem one InputError line. */
export function optionsFromWorkbook(
  r: Recalculation,
  file: string,
  a: OptionsArgs,
  inputs: ComparisonInputs,
  terms: TransitionTerms,
): OptionResult[] {
  const fail = (m: string): never => {
    throw new InputError(`${file}: ${m}`);
  };
  const base: TransitionText = { ...TRANSITION_TEXT_DEFAULTS };
  for (const [k, v] of Object.entries(a.terms)) if (k in TRANSITION_TEXT_DEFAULTS) base[k as keyof TransitionText] = v;
  const data = rangeValues(r, a.options);
  const read = readOptionsTable(data.values, data.address, base, terms.years, a.preset ?? null);
  if (read.problems.length > 0) fail(`--options: ${listed(read.problems)}`);
  let plans: Record<string, number> | null = null;
  if (a.organisations !== undefined) {
    const orgs = rangeValues(r, a.organisations);
    const o = readOrganisationsTable(orgs.values, orgs.address);
    if (o.problems.length > 0) fail(`--organisations: ${listed(o.problems)}`);
    plans = o.plans;
  }
  const biasText = a.terms.optimismBias;
  const bias = biasText === undefined ? 0 : parseNumber(biasText, "share");
  if (typeof bias !== "number") fail(`--term optimismBias: expected a share such as 24%, got '${biasText ?? ""}'`);
  try {
    return appraiseOptions(inputs, terms, read.options, { plans, optimismBias: bias as number });
  } catch (e) {
    if (isPayError(e)) return fail(e.message);
    throw e;
  }
}

/** Each option's NPV by party against doing nothing (adjusted for optimism bias beside it), and any plan missed. */
export function optionsLines(results: readonly OptionResult[], money: (x: number) => string): string[] {
  const lines = ["", "Options: each party's NPV against doing nothing (year 1 at time 0), and with optimism bias"];
  for (const o of results) {
    lines.push(`${o.name} (${o.model === "today" ? "today's contracts" : o.model})`);
    for (const p of o.npv) lines.push(`  ${p.name.padEnd(30)}${money(p.npv).padStart(15)}${money(p.npvAdjusted).padStart(15)}`);
    const short = o.years.flatMap((y) =>
      y.parties
        .filter((p) => p.withinPlan === false)
        .map((p) => `${p.name} in ${y.label} (${money(p.margin)} against a plan of ${money(p.plan ?? 0)})`),
    );
    if (short.length > 0) lines.push(`  Short of plan: ${short.join("; ")}`);
  }
  return lines;
}
