/**
 * `pay compare <file.xlsx> --table <address | name> --cohort <number | address | name> [--term key=value …] [--json]`:
 * the panel's comparison from a workbook, for pipelines and for checking a board paper's figures without
 * Excel. The workbook is recalculated first (so a cohort or a term may be a formula); the pathway table is
 * read by the same reader as the panel's, the terms by the same rules, and the comparison is the engine's.
 */
import { comparePaymentModels, contractFor, gbp, type Comparison, type ComparisonInputs } from "../engine/comparison/compare";
import { capitationBudget } from "../engine/comparison/settlement";
import { moneyText, readMoneyUnit, type MoneyUnit } from "../engine/comparison/money";
import { describeNeed, needBasedInputs, readPopulation, type NeedBudget } from "../engine/inputs/population";
import { readCorridor } from "../engine/rules/formulas";
import { isPayError } from "../engine/rules/errors";
import { readPathwayTable, readTiers } from "../engine/inputs/pathway-table";
import { comparisonJson, comparisonTables, DEFAULT_DRIVERS, driverLines, riskLines, transitionLines } from "./compare-output";
import { columnsNotes, parseColumnMappings, type ColumnReading } from "../engine/inputs/columns";
import { BLENDED_PRESETS, presetById, todaysRule } from "../engine/comparison/presets";
import { contractsNotRead, readContractsTable } from "../engine/inputs/contracts-table";
import { optionsFromWorkbook, optionsLines } from "./compare-options";
import { sensitivity, type Sensitivity } from "../engine/comparison/sensitivity";
import { MAX_YEARS, transition, type Transition, type TransitionTerms } from "../engine/comparison/transition";
import { MAX_TRIALS, simulateRisk, type Dispersion, type RiskResult, type RiskSettings } from "../engine/risk/simulate";
import {
  COHORT_FIELD,
  DEFAULT_TERMS_TEXT,
  TERM_FIELDS,
  comparisonInputs,
  parsePartnerWeights,
  parseRiskCapacity,
  parseNumber,
  presetTerms,
  readNumberField,
  readTransitionTerms,
  splitList,
  TRANSITION_TEXT_DEFAULTS,
  type TransitionText,
  readTerms,
  type TermsText,
} from "../engine/inputs/terms";
import { InputError, loadWorkbook, rangeValues, recalculate, type Recalculation } from "./workbook";

/**
 * Sensitivity rows one JSON answer holds at most, over all models (about 600 bytes a row with three organisations,
 * so well within what one string can hold): more is refused before anything is written, never an
 * out-of-memory abort or "Invalid string length" after a minute.
 */
export const MAX_JSON_DRIVER_ROWS = 200_000;

export const COMPARE_USAGE = `usage: pay compare <file.xlsx> --table <table | address | name> --cohort <number | address | name> [--term key=value ...] [--preset <id>] [--population <range | table | name>] [--contracts <range | table | name>] [--options <ref> [--organisations <ref>]] [--years N [--start 2026/27]] [--risk N [--seed S] [--shape k]] [--units £|k|m] [--drivers N|all] [--columns "header=field" ...] [--json]
  --table   the pathway's steps: an Excel table by its name (PathwaySteps: its rows as they are now, never its
            Total Row), an address with the header row (Pathway!A3:F10; a table's whole range is read as the
            table), or a defined name. Every column is reported: read as a field, or not read (with the nearest)
  --columns "header=field": read the column so headed as that field (e.g. "Shift %=Change in volume"); repeatable
  --cohort  the cohort size, or the cell (address or defined name) that holds it
  --term    a contract term; the value is a number as typed in the UK (1,200; 20% for shares) or a cell
            (address or defined name) holding one. Keys:
${Object.entries(TERM_FIELDS)
  .map(([k, f]) => `              ${k.padEnd(24)} ${f.label} (default ${DEFAULT_TERMS_TEXT[k as keyof TermsText] || "none: see README"})`)
  .join("\n")}
              holder                   who holds a bundle or a capitated budget: lead (default) or alliance
              leadProvider             the lead provider, by name (default: the largest baseline value)
              partnerWeights           alliance and gain-share weights, e.g. "Acute trust:3,PCN:1" (default: baseline cost)
              capitationTiers          year-of-care tiers for the capitated budget: a range of two columns, patients
                                       and weight per tier (capitationRate is then £ per weighted patient)
              corridorThresholds       risk-share corridor: thresholds, as fractions of budget, e.g. 0,3%,8% (or a range)
              corridorShares           the commissioner's shares: one list for both directions, e.g. 0,50%,80% (or a range;
                                       a second column or row of a range is the underspend share, as PAY.RISK_SHARE reads it)
  --preset  a named NHS rule: today's payment for the points of delivery it covered (a payment typed in the
            table wins; every other step stays as it is) and the blended model's rates above and below baseline:
${BLENDED_PRESETS.map((p) => `              ${p.id.padEnd(12)} ${p.rateAbove * 100}% above, ${p.rateBelow * 100}% below (${p.year}, ${p.covers.join(" and ")}): ${p.name}${p.note ? `; ${p.note}` : ""}`).join("\n")}
  --risk    simulate N years of activity (2 to 2,000,000), as the panel's Risk view: each model's chance of a loss
            and bad year (5th percentile) by organisation, against what it can lose (--term riskCapacity, e.g.
            "Acute trust:£2,000,000; PCN:£50,000"; default: each organisation's margin today);
            --seed S (default 12345: the panel's), --shape k for over-dispersed activity (default: Poisson);
            --delivery 15% (or 80%,15%): the year after the care shift, the share achieved drawn around the plan
            (100%, or as given) with that standard deviation; --shock 5%: a common shock to every step's volume
  --contracts  the contracts as signed: a table with Organisation, Point of delivery (blank or all: every fixed step
            of the organisation not covered by another row) and Signed value £; each replaces the tariff valuation of
            the organisation's fixed steps there, shared pro rata (JSON baseline.reconciliation: tariff, signed, gap);
            --term glideYears=N closes each gap in equal steps over N years of the transition
  --options  an options appraisal over the years (needs --years): a table of Option, Model (today or a model) and
            any terms as columns (shiftShare, shiftAchieved, setupCost, gainShareRate, doubleRunning,
            doubleRunningBearer, transitionalFunding, fundingTo, …); "Do nothing" is always first. JSON options:
            [{name, model, years: [{label, parties: [{name, income, cost, margin, recurrent, nonRecurrent,
            withoutSupport, plan, withinPlan}]}], npv: [{name, npv, npvAdjusted}]}]; --term optimismBias=24% adds
            to costs and set-up in npvAdjusted; --organisations <ref>: Organisation and Plan (a margin in £ a year);
            switching values (JSON switchingValues: [{option, party, input, value, from, to, reason}]) for
            --switching "shiftAchieved, demandGrowth, gainShareRate, capitationRate, unitPrice:<step>" (default:
            the shift achieved, demand growth and the option's own rate); --scenarios <ref>: Scenario, then terms
            as columns (low, central, high …), each applied before every option (JSON scenarios: [{name, options:
            [{name, npv: [{name, npv, npvAdjusted}]}]}])
  --population  a population table whose need sets the capitated budget: headers for people (People,
            Population, List size, …) and a need weight (Weight, Need, Risk weight, …), a group or practice optional;
            budget = Σ people × weight × rate × MFF, the rate --term capitationRate (£ per weighted person) or, by
            default, calibrated to what the commissioner pays today
  --units   money in the text report in £ (default), k (£ thousands: £1,460k) or m (£ millions: £1.46m); the
            JSON always holds exact pounds
  --years   add a transition over N years (1 to 10); its terms, each one value or one per year (comma-separated):
              shiftAchieved            share of the target care shift achieved by year (default 25%, 50%, 75%, 100%, 100%)
              setupCost                one-off set-up cost, £ (one value: year 1 only)
              setupBearer              who bears it: commissioner (default) or an organisation's name
              releaseYear              the year from which stranded hospital fixed cost is released (default: never)
              backfillShare            share of freed capacity backfilled with other work paid at unit prices (default 0%)
              backfillPayer            who pays for that work: commissioner (default) or another payer's name, which
                                       then has a line of its own; never a saving of the system
              costUplift               yearly uplift of costs (default 0%)
              efficiency               the NHS Payment Scheme's yearly efficiency factor (default 2% under nhsps-2026, else 0%)
              priceUplift              yearly uplift of prices (default: costUplift less efficiency, by priceConvention)
              priceConvention          additive, 1 + uplift − efficiency (default), or multiplicative, (1 + uplift)(1 − efficiency)
              start                    the first year's financial year, e.g. 2026/27 (also --start 2026/27): the years'
                                       labels (JSON transition.labels); default Year 1, Year 2, …
              rebaseEvery              contracts re-based every this many years on last year's activity (default 1: every
                                       year, as in each year's NHS planning round)
              discountRate             for NPV and payback, both counting year 1 at time 0 (default 3.5%, HM Treasury
                                       Green Book)
              demandGrowth             yearly growth of every step's volume, doing nothing and under each proposal
                                       alike (default 0%); the JSON's versusToday measures each model against today's
                                       contracts doing nothing
            A year term given without --years is ignored, with a warning.
  --json    print one JSON object instead of the tables (with "sensitivity": what drives each model's result)
  --drivers the JSON's sensitivity: the N inputs that move each model's system margin most (default ${DEFAULT_DRIVERS}),
            or all of them (all: four per step, large for a big pathway); "sensitivityListed" says which`;

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
    else if (key === "riskCapacity") {
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
    let need: NeedBudget | null = null;
    if (o.population !== undefined) {
      if (inputs.capitationTiers) fail("--population and --term capitationTiers both set the capitated budget's groups: give one");
      const data = rangeValues(r, o.population);
      const pop = readPopulation(data.values, data.address);
      if (pop.problems.length > 0) fail(`--population: ${problemList(pop.problems, "the population")}`);
      ({ inputs, need } = needBasedInputs(inputs, pop, inputs.capitationRate, contractFor(inputs).totalValue));
    }
    return { inputs, notes: [...(table.notes ?? []), ...notes], riskCapacity, need, columns: table.columnsRead };
  } catch (e) {
    if (isPayError(e)) return fail(`--term ${e.message}`);
    throw e;
  }
}

/** The transition's terms from --term (year terms may be comma-separated lists, one value per year). */
function transitionTerms(file: string, o: CompareOptions): TransitionTerms {
  const text: TransitionText = { ...TRANSITION_TEXT_DEFAULTS };
  for (const [k, v] of Object.entries(o.terms)) if (k in TRANSITION_TEXT_DEFAULTS) text[k as keyof TransitionText] = v;
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

/** --delivery 15% (the plan's whole shift, sd 15%) or --delivery 80%,15% (a plan of 80% of the shift, sd 15%). */
function readDelivery(v: string): { mean: number; sd: number } {
  const parts = v.split(/[,;]/).map((x) => parseNumber(x, "share"));
  const ok = parts.length <= 2 && parts.every((x) => typeof x === "number" && x >= 0);
  const [mean, sd] = parts.length === 2 ? parts : [1, parts[0]];
  if (!ok || typeof mean !== "number" || typeof sd !== "number" || mean > 2 || sd > 1)
    throw new InputError(
      `--delivery: expected the standard deviation of the share of the shift achieved (15%), or the plan's share and it (80%,15%), got '${v}'`,
    );
  return { mean, sd };
}

const refuse = (message: string): never => {
  throw new InputError(message);
};

/** The panel's Risk view's seed, so `pay compare --risk` and the pane give the same figures by default. */
const DEFAULT_SEED = 12345;

function wholeNumber(option: string, v: string, min: number, max: number): number {
  const n = Number(v.replace(/,/g, ""));
  if (!/^\s*[\d,]+\s*$/.test(v) || !Number.isInteger(n) || n < min || n > max)
    throw new InputError(`${option}: expected a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}, got '${v}'`);
  return n;
}

export async function compareCommand(args: string[], io: { out: (l: string) => void; err: (l: string) => void }): Promise<number> {
  const rest: string[] = [];
  const terms: Record<string, string> = {};
  let table: string | undefined;
  let cohort: string | undefined;
  let json = false;
  let preset: string | undefined;
  let years: number | undefined;
  let trials: number | undefined;
  let seed = DEFAULT_SEED;
  let shape: number | null = null;
  let delivery: { mean: number; sd: number } | null = null;
  let population: string | undefined;
  let contracts: string | undefined;
  let optionsRef: string | undefined;
  let organisationsRef: string | undefined;
  let switching: string[] | undefined;
  let scenariosRef: string | undefined;
  let units: MoneyUnit = "£";
  let shock: { cv: number } | null = null;
  let drivers: number | "all" = DEFAULT_DRIVERS;
  const columns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new InputError(`${a} needs a value`);
      return v;
    };
    if (a === "--table") table = value();
    else if (a === "--cohort") cohort = value();
    else if (a === "--json") json = true;
    else if (a === "--preset") preset = value();
    else if (a === "--risk") trials = wholeNumber(a, value(), 2, MAX_TRIALS);
    else if (a === "--seed") seed = wholeNumber(a, value(), 0, 2 ** 32 - 1);
    else if (a === "--delivery") delivery = readDelivery(value());
    else if (a === "--population") population = value();
    else if (a === "--columns") columns.push(value());
    else if (a === "--start")
      terms.start = value(); // the first financial year: --term start=…
    else if (a === "--contracts") contracts = value();
    else if (a === "--options") optionsRef = value();
    else if (a === "--organisations") organisationsRef = value();
    else if (a === "--switching") switching = splitList(value());
    else if (a === "--scenarios") scenariosRef = value();
    else if (a === "--drivers") {
      const v = value().trim();
      const n = Number(v);
      if (v.toLowerCase() === "all") drivers = "all";
      else if (/^\d+$/.test(v) && n >= 1) drivers = n;
      else throw new InputError(`--drivers: expected how many drivers to list per model (a whole number from 1) or all, got '${v}'`);
    } else if (a === "--units") {
      const v = value();
      units = readMoneyUnit(v) ?? refuse(`--units: expected £, k (thousands) or m (millions), got '${v}'`);
    } else if (a === "--shock") {
      const v = value();
      const cv = parseNumber(v, "share");
      if (typeof cv !== "number" || cv < 0 || cv > 1)
        throw new InputError(`--shock: expected a coefficient of variation from 0% to 100% (e.g. 5%), got '${v}'`);
      shock = cv > 0 ? { cv } : null;
    } else if (a === "--shape") {
      const v = value();
      shape = Number(v);
      if (!/^\s*\d+(\.\d+)?\s*$/.test(v) || !(shape > 0))
        throw new InputError(`--shape: expected a number greater than 0 (over-dispersion k), got '${v}'`);
    } else if (a === "--years") {
      const v = value();
      if (!/^\s*\d+\s*$/.test(v) || Number(v) < 1 || Number(v) > MAX_YEARS)
        throw new InputError(`--years: expected a whole number of years from 1 to ${MAX_YEARS}, got '${v}'`);
      years = Number(v);
    } else if (a === "--term") {
      const kv = value();
      const eq = kv.indexOf("=");
      if (eq <= 0) throw new InputError(`--term: expected key=value, got '${kv}'`);
      const key = kv.slice(0, eq).trim();
      if (key in terms) throw new InputError(`--term ${key} is given twice ('${terms[key]}' and '${kv.slice(eq + 1).trim()}'); give each term once`);
      terms[key] = kv.slice(eq + 1).trim();
    } else if (a === "--help" || a === "-h") {
      io.out(COMPARE_USAGE);
      return 0;
    } else if (a.startsWith("--")) throw new InputError(`compare: unknown option ${a}\n${COMPARE_USAGE}`);
    else rest.push(a);
  }
  if (rest.length !== 1 || table === undefined || cohort === undefined) throw new InputError(COMPARE_USAGE);
  const file = rest[0];
  const yearTerms = Object.keys(terms).filter((k) => k in TRANSITION_TEXT_DEFAULTS);
  if (years === undefined && yearTerms.length > 0)
    io.err(
      `pay: warning: ${yearTerms.map((k) => `--term ${k}`).join(", ")} ${yearTerms.length === 1 ? "is a year term" : "are year terms"}, used only with --years N: ignored`,
    );
  if ((optionsRef !== undefined || organisationsRef !== undefined) && years === undefined)
    throw new InputError("--options and --organisations appraise options over years: give --years N too");
  const r = recalculate(await loadWorkbook(file), file);
  const riskOnly = ["--seed", "--shape", "--delivery", "--shock"].filter((x) => args.includes(x));
  if (trials === undefined && riskOnly.length > 0)
    io.err(`pay: warning: ${riskOnly.join(", ")} ${riskOnly.length === 1 ? "is" : "are"} used only with --risk N: ignored`);
  const dispersion: Dispersion = shape === null ? { kind: "poisson" } : { kind: "overdispersed", shape };
  const risk = trials === undefined ? undefined : { trials, seed, dispersion, delivery, shock };
  const {
    inputs,
    comparison: c,
    sensitivity: s,
    transition: tr,
    risk: rr,
    need,
    columns: read,
  } = comparisonFromWorkbookSync(r, file, { table, cohort, terms, preset, years, risk, population, columns, contracts });
  const budget = capitationBudget(contractFor(inputs));
  const capitation = need
    ? { source: "need" as const, rate: need.rate, budget, ...(need.selectionGain ? { selectionGain: need.selectionGain } : {}) }
    : { source: inputs.capitationRate === null ? ("activity" as const) : ("rate" as const), rate: inputs.capitationRate, budget };
  if (!Number.isInteger(inputs.cohort))
    io.err(
      `pay: warning: the cohort is ${inputs.cohort.toLocaleString("en-GB", { maximumFractionDigits: 6 })}, not a whole number of patients: used as an expected count`,
    );
  const listed = (drivers === "all" ? (s.models[0]?.rows.length ?? 0) : Math.min(drivers, s.models[0]?.rows.length ?? 0)) * s.models.length;
  if (json && listed > MAX_JSON_DRIVER_ROWS) {
    const perModel = Math.floor(MAX_JSON_DRIVER_ROWS / s.models.length);
    throw new InputError(
      `--drivers ${drivers}: ${listed.toLocaleString("en-GB")} rows (${(s.models[0]?.rows.length ?? 0).toLocaleString("en-GB")} inputs × ${s.models.length} models) are more than one JSON holds (${MAX_JSON_DRIVER_ROWS.toLocaleString("en-GB")}); give --drivers N, at most ${perModel.toLocaleString("en-GB")}`,
    );
  }
  const options =
    optionsRef !== undefined && tr
      ? optionsFromWorkbook(
          r,
          file,
          { options: optionsRef, organisations: organisationsRef, terms, preset, switching, scenarios: scenariosRef },
          inputs,
          tr.terms,
        )
      : null;
  const optionsJson = options
    ? { options: options.options, switchingValues: options.switchingValues, ...(scenariosRef !== undefined ? { scenarios: options.scenarios } : {}) }
    : {};
  if (json) io.out(JSON.stringify({ ...(comparisonJson(c, s, tr, rr, capitation, drivers, { columns: read }) as object), ...optionsJson }, null, 2));
  else {
    const money = units === "£" ? gbp : (x: number) => moneyText(x, units);
    for (const line of [
      ...comparisonTables(c, money, columnsNotes(read)),
      ...(tr ? transitionLines(tr, money) : []),
      ...(options ? optionsLines(options, money) : []),
      ...(rr ? riskLines(rr, money) : []),
      ...driverLines(s, money),
    ])
      io.out(line);
  }
  return 0;
}
