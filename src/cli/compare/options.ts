/**
 * `pay compare --options <ref> [--organisations <ref>] [--term optimismBias=…]`: the options appraisal
 * (src/engine/comparison/options.ts) on the workbook's tables, its JSON (`options`, keys exactly as issue 35
 * gives them) and its text: each option's NPV by party against doing nothing, and where an organisation falls
 * short of its plan.
 */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { appraiseOptions, appraiseScenarios, type OptionResult, type Scenario, type ScenarioResult } from "../../engine/comparison/options";
import { describeSwitching, switchingValues, type SwitchingValue } from "../../engine/comparison/switching";
import type { TransitionTerms } from "../../engine/comparison/transition";
import { optionsRisk, scenariosRisk, type OptionRisk } from "../../engine/risk/options-risk";
import type { RiskSettings } from "../../engine/risk/simulate";
import { readOptionsTable, readOrganisationsTable, readScenariosTable } from "../../engine/inputs/options-table";
import { parseNumber } from "../../engine/inputs/terms";
import { transitionText } from "./inputs";
import { isPayError } from "../../engine/rules/errors";
import { InputError } from "../errors";
import { rangeValues, type Recalculation } from "../workbook";

export interface OptionsArgs {
  options: string;
  organisations?: string;
  terms: Record<string, string>;
  preset?: string;
  /** The inputs whose switching values are sought (pay compare --switching); absent: each option's defaults. */
  switching?: string[];
  /** A scenarios table (pay compare --scenarios): each scenario's terms over every option. */
  scenarios?: string;
  /** pay compare --risk's simulation: each option is then simulated on the same draws (options-risk.ts). */
  risk?: RiskSettings | null;
}

export interface OptionsAppraisal {
  options: OptionResult[];
  switchingValues: SwitchingValue[];
  /** Each scenario's options (none without --scenarios). */
  scenarios: ScenarioResult[];
  /** Each option's simulated year on common random numbers (with --risk); null without. */
  risk: OptionRisk[] | null;
  /** The same under each scenario (with --risk and --scenarios); null without. */
  scenariosRisk: { scenario: string; options: OptionRisk[] }[] | null;
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
): OptionsAppraisal {
  const fail = (m: string): never => {
    throw new InputError(`${file}: ${m}`);
  };
  const base = transitionText(a.terms);
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
    const settings = { plans, optimismBias: bias as number };
    let scenarios: Scenario[] = [];
    if (a.scenarios !== undefined) {
      const data = rangeValues(r, a.scenarios);
      const sc = readScenariosTable(data.values, data.address, base, terms.years, a.preset ?? null);
      if (sc.problems.length > 0) fail(`--scenarios: ${listed(sc.problems)}`);
      scenarios = sc.scenarios;
    }
    return {
      options: appraiseOptions(inputs, terms, read.options, settings),
      switchingValues: switchingValues(inputs, terms, read.options, settings, a.switching ?? null),
      scenarios: appraiseScenarios(inputs, terms, read.options, settings, scenarios),
      risk: a.risk ? optionsRisk(inputs, read.options, a.risk) : null,
      scenariosRisk: a.risk && scenarios.length > 0 ? scenariosRisk(inputs, read.options, scenarios, a.risk) : null,
    };
  } catch (e) {
    if (isPayError(e)) return fail(e.message);
    throw e;
  }
}

/** Each option's NPV by party against doing nothing (adjusted for optimism bias beside it), any plan missed, and what must be true. */
export function optionsLines(appraisal: OptionsAppraisal, money: (x: number) => string): string[] {
  const results = appraisal.options;
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
    if (o.holder)
      lines.push(
        `  ${o.holder.name}, the holder: free margin ${o.holder.years.map((y) => `${y.label} ${y.freeMargin === null ? "when simulated" : money(y.freeMargin)}`).join(", ")} (after its fee and reserve)`,
      );
  }
  lines.push("", "What must be true (switching values: where each party's NPV against doing nothing crosses zero):");
  for (const v of appraisal.switchingValues) lines.push(`  ${describeSwitching(v)}`);
  lines.push(...scenarioLines(appraisal.scenarios, money));
  if (appraisal.risk) {
    lines.push("", "Each option's bad year (5th percentile of each organisation's margin; the same simulated years for every option):");
    for (const x of appraisal.risk)
      lines.push(
        `  ${x.option}: ${x.risk.organisations.map((o) => `${o.name} ${money(o.marginP5.value)} (a loss in ${(o.lossChance.value * 100).toFixed(1)}% of years)`).join("; ")}`,
      );
  }
  return lines;
}

/** A scenario summary, as Excel's Scenario Manager lays one out: for each party, scenarios down and options across. */
function scenarioLines(scenarios: readonly ScenarioResult[], money: (x: number) => string): string[] {
  if (scenarios.length === 0) return [];
  const options = scenarios[0].options.map((o) => o.name);
  const parties = scenarios[0].options[0].npv.map((p) => p.name);
  const row = (label: string, cells: string[]) => label.padEnd(24) + cells.map((c) => c.padStart(18)).join("");
  const lines = ["", "Scenarios: each party's NPV against doing nothing under each option"];
  for (const [q, party] of parties.entries()) {
    lines.push(`${party}`, row("", options));
    for (const sc of scenarios)
      lines.push(
        row(
          `  ${sc.name}`,
          sc.options.map((o) => money(o.npv[q]?.npv ?? 0)),
        ),
      );
  }
  return lines;
}

/**
 * The options as the JSON gives them, in issue 35's keys exactly (the engine's parties also carry the parts their
 * figures are made of, for the written sheet; other tools read these keys, so the parts stay out).
 */
export function optionsAsJson(a: OptionsAppraisal, withScenarios: boolean): Record<string, unknown> {
  return {
    options: optionParts(a.options),
    switchingValues: a.switchingValues,
    ...(withScenarios ? { scenarios: a.scenarios } : {}),
    // With --risk: each option's simulated year, on the same draws as every other option's.
    // Under an option a holder holds: its margin, fee, reserve and free margin by year (issue 36).
    ...(a.options.some((o) => o.holder) ? { optionsHolder: a.options.flatMap((o) => (o.holder ? [{ option: o.name, ...o.holder }] : [])) } : {}),
    ...(a.risk ? { optionsRisk: a.risk.map(optionRiskJson) } : {}),
    ...(a.scenariosRisk ? { scenariosRisk: a.scenariosRisk.map((s) => ({ scenario: s.scenario, options: s.options.map(optionRiskJson) })) } : {}),
  };
}

/** One option's simulated year in the JSON: each organisation's chance of a loss and bad year, the commissioner's. */
function optionRiskJson(x: OptionRisk): unknown {
  return {
    option: x.option,
    model: x.model,
    organisations: x.risk.organisations.map((o) => ({ name: o.name, lossChance: o.lossChance.value, p5Margin: o.marginP5.value })),
    commissioner: { p95Payment: x.risk.payment.p95.value },
  };
}

function optionParts(options: readonly OptionResult[]): unknown[] {
  return options.map((o) => ({
    name: o.name,
    model: o.model,
    years: o.years.map((y) => ({
      label: y.label,
      parties: y.parties.map((p) => ({
        name: p.name,
        income: p.income,
        cost: p.cost,
        margin: p.margin,
        recurrent: p.recurrent,
        nonRecurrent: p.nonRecurrent,
        withoutSupport: p.withoutSupport,
        plan: p.plan,
        withinPlan: p.withinPlan,
      })),
    })),
    npv: o.npv,
  }));
}
