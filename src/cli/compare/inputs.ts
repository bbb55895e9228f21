/**
 * pay compare's inputs read from a recalculated workbook as the panel reads them (the pathway table, the cohort,
 * the terms, the contracts and the population), and the comparison, sensitivity, transition and risk made from
 * them; every problem one InputError line naming the cell and rule.
 */
import { comparePaymentModels, contractFor, gbp, type Comparison, type ComparisonInputs } from "../../engine/comparison/compare";
import { describeNeed, needBasedInputs, readPopulation, type NeedBudget } from "../../engine/inputs/population";
import { readCorridor } from "../../engine/rules/formulas";
import { isPayError } from "../../engine/rules/errors";
import { readPathwayTable, readTiers } from "../../engine/inputs/pathway-table";
import { parseColumnMappings, type ColumnReading } from "../../engine/inputs/columns";
import { BLENDED_PRESETS, presetById, todaysRule } from "../../engine/comparison/presets";
import { contractsNotRead, readContractsTable } from "../../engine/inputs/contracts-table";
import { parseHolderAmount, readPartnerTerms } from "../../engine/inputs/holder-terms";
import { sensitivity, type Sensitivity } from "../../engine/comparison/sensitivity";
import { MAX_YEARS, transition, type Transition, type TransitionTerms } from "../../engine/comparison/transition";
import { simulateRisk, type RiskResult, type RiskSettings } from "../../engine/risk/simulate";
import {
  COHORT_FIELD,
  DEFAULT_TERMS_TEXT,
  TERM_FIELDS,
  comparisonInputs,
  parsePartnerWeights,
  parseRiskCapacity,
  presetTerms,
  readNumberField,
  readTransitionTerms,
  splitList,
  TRANSITION_TEXT_DEFAULTS,
  type TransitionText,
  readTerms,
  type TermsText,
} from "../../engine/inputs/terms";
import { InputError, rangeValues, type Recalculation } from "../workbook";

/**
 * A term's value: a number as typed, or a cell (address or defined name) holding one. `option` names it in a
 * problem as the person typed it (`--cohort`, `--term stopGain`).
 */
function termText(r: Recalculation, option: string, text: string): string {
  if (text.trim() === "") throw new InputError(`${option}: expected a value (a number, a cell or a defined name), got nothing`);
  if (/^\s*[-+£\d.]/.test(text)) return text;
  let cell: { address: string; values: unknown[][] };
  try {
    cell = rangeValues(r, text);
  } catch (e) {
    throw e instanceof InputError ? new InputError(`${option}: ${e.message}`) : e;
  }
  const { address, values } = cell;
  if (values.length !== 1 || values[0].length !== 1) throw new InputError(`${option}: ${address}: expected a single cell`);
  const v = values[0][0];
  if (typeof v !== "number") throw new InputError(`${option}: ${address}: expected a number, got ${v === null ? "a blank cell" : `'${String(v)}'`}`);
  return String(v);
}

/** Problems, each on its own line with its cell: one as it is; more, every one (the first 50, and how many more). */
function problemList(problems: readonly { address?: string; message: string }[], what: string): string {
  const lines = problems.slice(0, 50).map((p) => `${p.address ? `${p.address}: ` : ""}${p.message}`);
  if (lines.length === 1) return lines[0];
  const more = problems.length > 50 ? `\n  … and ${problems.length - 50} more` : "";
  return `${problems.length} problems in ${what}:\n  ${lines.join("\n  ")}${more}`;
}

/** A list term ("0,3%,8%") or a range holding one, as a 2-D array the engine's readers take. */
function listOrRange(r: Recalculation, key: string, text: string, kind: "share"): unknown[][] {
  if (/^\s*[-+£\d.]/.test(text)) {
    return splitList(text).map((part) => {
      const v = readNumberField(part, { label: `--term ${key}`, kind, min: 0, max: 1e6 });
      if ("problem" in v) throw new InputError(v.problem);
      return [v.value];
    });
  }
  return rangeValues(r, text).values;
}

export interface CompareOptions {
  table: string;
  cohort: string;
  terms: Record<string, string>;
  /** Years of a transition to add (pay compare --years N); the year terms come from terms. */
  years?: number;
  /** A named NHS rule for the blended model (presets.ts); --term blendedVariableRate/blendedRateBelow override it. */
  preset?: string;
  /** A population table (range, table or name) whose need sets the capitated budget (pay compare --population). */
  population?: string;
  /** The risk simulation to run (pay compare --risk N --seed S --shape k), as the panel's Risk view runs it. */
  risk?: Pick<RiskSettings, "trials" | "seed" | "dispersion" | "delivery" | "shock">;
  /** Columns mapped to fields by the person ("Shift %=Change in volume"; pay compare --columns, repeatable). */
  columns?: string[];
  /** The contracts as signed: a table, range or name (pay compare --contracts; signed.ts). */
  contracts?: string;
  /** The organisations table: each partner's subcontract terms (holder/partners.ts); its plans go to the options. */
  organisations?: string;
}

/** Read the inputs as the panel does; any problem is one InputError line naming the cell and rule. */
export function compareInputs(
  r: Recalculation,
  file: string,
  o: CompareOptions,
): {
  inputs: ComparisonInputs;
  notes: string[];
  riskCapacity: Record<string, number> | null;
  need: NeedBudget | null;
  columns: ColumnReading[];
} {
  const fail = (message: string): never => {
    throw new InputError(`${file}: ${message}`);
  };
  const cellText = (option: string, text: string): string => {
    try {
      return termText(r, option, text);
    } catch (e) {
      return e instanceof InputError
        ? fail(e.message)
        : (() => {
            throw e;
          })();
    }
  };
  const data = rangeValues(r, o.table);
  const mapping = parseColumnMappings(
    o.columns ?? [],
    (data.values[0] ?? []).map((h) => String(h ?? "")),
  );
  if ("problem" in mapping) fail(mapping.problem);
  const table = readPathwayTable(data.values, data.address, "map" in mapping ? mapping.map : {}, data.merged);
  if (table.problems.length > 0) fail(problemList(table.problems, "the table"));
  // Cohort: a number as typed, or a cell holding one.
  const cohortText = cellText("--cohort", o.cohort);
  const cohort = readNumberField(cohortText, COHORT_FIELD);
  if ("problem" in cohort) fail(`--cohort ${o.cohort}: ${cohort.problem}`);
  const text: TermsText = { ...DEFAULT_TERMS_TEXT };
  const extra: Partial<ComparisonInputs> = {};
  let riskCapacity: Record<string, number> | null = null;
  if (o.preset !== undefined) {
    const p = presetById(o.preset) ?? fail(`--preset ${o.preset}: not a preset; expected one of ${BLENDED_PRESETS.map((x) => x.id).join(", ")}`);
    Object.assign(text, presetTerms(o.preset));
    extra.todaysRule = todaysRule(p); // with the typed aboveIAP once the terms are read, below
  }
  let thresholds: unknown[][] | null = null;
  let shares: unknown[][] | null = null;
  for (const [key, value] of Object.entries(o.terms)) {
    if (key in TERM_FIELDS) text[key as keyof TermsText] = cellText(`--term ${key}`, value);
    else if (key === "holder") {
      const holder = value.trim().toLowerCase();
      if (holder !== "lead" && holder !== "alliance") fail(`--term holder: expected lead or alliance, got '${value}'`);
      extra.holder = holder as "lead" | "alliance";
    } else if (key === "leadProvider") extra.leadProvider = value;
    else if (key in TRANSITION_TEXT_DEFAULTS || key === "optimismBias")
      continue; // a year term (transitionTerms) or the options' (compare-options.ts)
    else if (key === "managementFee" || key === "riskReserve") {
      const a = parseHolderAmount(value, `--term ${key}`, key === "riskReserve");
      if ("problem" in a) fail(a.problem);
      else extra[key] = a.value;
    } else if (key === "riskCapacity") {
      const c = parseRiskCapacity(value);
      if ("problem" in c) fail(`--term ${c.problem}`);
      else riskCapacity = c.value;
    } else if (key === "partnerWeights") {
      const w = parsePartnerWeights(value);
      if ("problem" in w) fail(`--term ${w.problem}`);
      else extra.partnerWeights = w.value;
    } else if (key === "capitationTiers") {
      const data = rangeValues(r, value);
      const tiers = readTiers(data.values, data.address);
      if (tiers.problems.length > 0) {
        const p = tiers.problems[0];
        fail(`--term capitationTiers: ${p.address ? `${p.address}: ` : ""}${p.message}`);
      }
      extra.capitationTiers = { counts: tiers.counts, weights: tiers.weights };
    } else if (key === "corridorThresholds") thresholds = listOrRange(r, key, value, "share");
    else if (key === "corridorShares") shares = listOrRange(r, key, value, "share");
    else fail(`--term ${key}: not a term; the keys are listed by pay compare --help`);
  }
  const t = readTerms(text);
  if (!t.terms) fail(`--term ${Object.values(t.problems)[0]}`);
  const preset = o.preset === undefined ? undefined : presetById(o.preset);
  if (preset) extra.todaysRule = todaysRule(preset, (t.terms as NonNullable<typeof t.terms>).aboveIAP);
  if ((thresholds === null) !== (shares === null)) fail("--term corridorThresholds and corridorShares go together");
  try {
    if (thresholds !== null && shares !== null) extra.corridor = readCorridor(thresholds, shares);
    const notes: string[] = [];
    let inputs = comparisonInputs(t.terms as NonNullable<typeof t.terms>, {
      steps: table.steps,
      cohort: (cohort as { value: number }).value,
      ...extra,
    });
    if (o.contracts !== undefined) {
      const data = rangeValues(r, o.contracts);
      const read = readContractsTable(data.values, data.address);
      if (read.problems.length > 0) fail(`--contracts: ${problemList(read.problems, "the contracts")}`);
      inputs = { ...inputs, contracts: read.contracts };
      if (read.notRead.length > 0) notes.push(contractsNotRead(read.notRead));
    }
    if (o.organisations !== undefined) {
      // Each partner's subcontract terms (the same table's plans are read with --options).
      const data = rangeValues(r, o.organisations);
      const read = readPartnerTerms(data.values, data.address);
      if (read.problems.length > 0) fail(`--organisations: ${problemList(read.problems, "the organisations")}`);
      if (read.partners) inputs = { ...inputs, partners: read.partners };
      if (read.notRead.length > 0)
        notes.push(`The organisations table's ${read.notRead.map((h) => `'${h}'`).join(", ")} ${read.notRead.length === 1 ? "is" : "are"} not read.`);
    }
    let need: NeedBudget | null = null;
    if (o.population !== undefined) {
      if (inputs.capitationTiers) fail("--population and --term capitationTiers both set the capitated budget's groups: give one");
      const data = rangeValues(r, o.population);
      const pop = readPopulation(data.values, data.address);
      if (pop.problems.length > 0) fail(`--population: ${problemList(pop.problems, "the population")}`);
      ({ inputs, need } = needBasedInputs(inputs, pop, inputs.capitationRate, contractFor(inputs).totalPaid));
    }
    return { inputs, notes: [...(table.notes ?? []), ...notes], riskCapacity, need, columns: table.columnsRead };
  } catch (e) {
    if (isPayError(e)) return fail(`--term ${e.message}`);
    throw e;
  }
}

/** The year terms as typed with --term, over their defaults (an option's and a scenario's years start from them). */
export function transitionText(terms: Record<string, string>): TransitionText {
  const text: TransitionText = { ...TRANSITION_TEXT_DEFAULTS };
  for (const [k, v] of Object.entries(terms)) if (k in TRANSITION_TEXT_DEFAULTS) text[k as keyof TransitionText] = v;
  return text;
}

/** The transition's terms from --term (year terms may be comma-separated lists, one value per year). */
function transitionTerms(file: string, o: CompareOptions): TransitionTerms {
  const text = transitionText(o.terms);
  const years = o.years as number;
  if (!(Number.isInteger(years) && years >= 1 && years <= MAX_YEARS))
    throw new InputError(`${file}: --years: expected a whole number from 1 to ${MAX_YEARS}, got ${years}`);
  const t = readTransitionTerms(text, years, o.preset ?? null);
  if (!t.terms) throw new InputError(`${file}: --term ${Object.values(t.problems)[0]}`);
  return t.terms;
}

export function comparisonFromWorkbookSync(
  r: Recalculation,
  file: string,
  o: CompareOptions,
): {
  inputs: ComparisonInputs;
  comparison: Comparison;
  sensitivity: Sensitivity;
  transition: Transition | null;
  risk: RiskResult | null;
  need: NeedBudget | null;
  columns: ColumnReading[];
} {
  try {
    const { inputs, notes, riskCapacity, need, columns } = compareInputs(r, file, o);
    const comparison = comparePaymentModels(inputs);
    return {
      inputs,
      comparison: { ...comparison, notes: [...notes, ...(need ? [describeNeed(need, gbp)] : []), ...comparison.notes] },
      sensitivity: sensitivity(inputs),
      transition: o.years === undefined ? null : transition(inputs, transitionTerms(file, o)),
      risk: o.risk ? simulateRisk(inputs, { ...o.risk, capacity: riskCapacity }) : null,
      need,
      columns,
    };
  } catch (e) {
    if (isPayError(e)) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}
