/**
 * `pay compare <file.xlsx> --table <address | name> --cohort <number | address | name> [--term key=value …] [--json]`:
 * the panel's comparison from a workbook, for pipelines and for checking a board paper's figures without
 * Excel. The workbook is recalculated first (so a cohort or a term may be a formula); the pathway table is
 * read by the same reader as the panel's, the terms by the same rules, and the comparison is the engine's.
 */

import { contractFor, gbp, type ComparisonInputs } from "../../engine/comparison/compare";
import type { Sensitivity } from "../../engine/comparison/sensitivity";
import type { NeedBudget } from "../../engine/inputs/population";
import { capitationBudget } from "../../engine/comparison/settlement";
import { moneyText, readMoneyUnit, type MoneyUnit } from "../../engine/comparison/money";
import { comparisonJson, comparisonTables, DEFAULT_DRIVERS, driverLines, holderLines, riskLines, transitionLines } from "./output";
import { columnsNotes } from "../../engine/inputs/columns";
import { optionsFromWorkbook, optionsAsJson, optionsLines } from "./options";
import { MAX_YEARS } from "../../engine/comparison/transition";
import { MAX_TRIALS, type Dispersion } from "../../engine/risk/simulate";
import { parseNumber, splitList, TRANSITION_TEXT_DEFAULTS } from "../../engine/inputs/terms";
import { InputError } from "../workbook";
import { recalculatedForReading } from "./recalculated";
import { COMPARE_USAGE } from "./help";
import { comparisonFromWorkbookSync } from "./inputs";

/**
 * Sensitivity rows one JSON answer holds at most, over all models (about 600 bytes a row with three organisations,
 * so well within what one string can hold): more is refused before anything is written, never an
 * out-of-memory abort or "Invalid string length" after a minute.
 */
export const MAX_JSON_DRIVER_ROWS = 200_000;

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
  if (optionsRef !== undefined && years === undefined) throw new InputError("--options appraises options over years: give --years N too");
  const r = await recalculatedForReading(file);
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
  } = comparisonFromWorkbookSync(r, file, {
    table,
    cohort,
    terms,
    preset,
    years,
    risk,
    population,
    columns,
    contracts,
    organisations: organisationsRef,
  });
  const capitation = capitationOf(inputs, need);
  if (!Number.isInteger(inputs.cohort))
    io.err(
      `pay: warning: the cohort is ${inputs.cohort.toLocaleString("en-GB", { maximumFractionDigits: 6 })}, not a whole number of patients: used as an expected count`,
    );
  if (json) checkDriverRows(s, drivers);
  const options =
    optionsRef !== undefined && tr
      ? optionsFromWorkbook(
          r,
          file,
          { options: optionsRef, organisations: organisationsRef, terms, preset, switching, scenarios: scenariosRef, risk },
          inputs,
          tr.terms,
        )
      : null;
  const optionsJson = options ? optionsAsJson(options, scenariosRef !== undefined) : {};
  if (json) io.out(JSON.stringify({ ...(comparisonJson(c, s, tr, rr, capitation, drivers, { columns: read }) as object), ...optionsJson }, null, 2));
  else {
    const money = units === "£" ? gbp : (x: number) => moneyText(x, units);
    for (const line of [
      ...comparisonTables(c, money, columnsNotes(read)),
      ...holderLines(c, money),
      ...(tr ? transitionLines(tr, money) : []),
      ...(options ? optionsLines(options, money) : []),
      ...(rr ? riskLines(rr, money) : []),
      ...driverLines(s, money),
    ])
      io.out(line);
  }
  return 0;
}

/** What the JSON says of the capitated budget: set on need, on today's payment ("activity") or a rate typed; its budget. */
function capitationOf(inputs: ComparisonInputs, need: NeedBudget | null) {
  const budget = capitationBudget(contractFor(inputs));
  return need
    ? { source: "need" as const, rate: need.rate, budget, ...(need.selectionGain ? { selectionGain: need.selectionGain } : {}) }
    : { source: inputs.capitationRate === null ? ("activity" as const) : ("rate" as const), rate: inputs.capitationRate, budget };
}

/** Refused before writing: more sensitivity rows than one JSON holds. */
function checkDriverRows(s: Sensitivity, drivers: number | "all"): void {
  const listed = (drivers === "all" ? (s.models[0]?.rows.length ?? 0) : Math.min(drivers, s.models[0]?.rows.length ?? 0)) * s.models.length;
  if (listed <= MAX_JSON_DRIVER_ROWS) return;
  const perModel = Math.floor(MAX_JSON_DRIVER_ROWS / s.models.length);
  throw new InputError(
    `--drivers ${drivers}: ${listed.toLocaleString("en-GB")} rows (${(s.models[0]?.rows.length ?? 0).toLocaleString("en-GB")} inputs × ${s.models.length} models) are more than one JSON holds (${MAX_JSON_DRIVER_ROWS.toLocaleString("en-GB")}); give --drivers N, at most ${perModel.toLocaleString("en-GB")}`,
  );
}
