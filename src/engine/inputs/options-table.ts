/**
 * The options a board decides between, as a table (issue 35 A; the appraisal in comparison/options.ts): one row
 * per option — its name, its model (today's contracts or any of the comparison's) and any terms as columns, each
 * read by the same rule as the pane's field and `pay compare --term` (terms.ts), blank taking the comparison's.
 * And the organisations table: each organisation's planned margin a year. Every problem names its cell; a
 * column that is not a term is refused, naming the terms.
 */
import { offsetAddress, parseAddress } from "../rules/address";
import { isBlank } from "../rules/cells";
import { MODEL_IDS, type ModelId } from "../comparison/settlement";
import type { OptionSpec, Scenario } from "../comparison/options";
import type { ComparisonInputs } from "../comparison/compare";
import type { TransitionTerms } from "../comparison/transition";
import { parseHolderAmount } from "./holder-terms";
import { normaliseHeader, type Problem } from "./pathway-table";
import {
  parseNumber,
  parseYearList,
  readNumberField,
  readTransitionTerms,
  TERM_FIELDS,
  TRANSITION_TEXT_DEFAULTS,
  type TransitionText,
} from "./terms";

/** A model as a board paper names it. */
const MODEL_WORDS: Record<string, ModelId | "today"> = {
  today: "today",
  todayscontracts: "today",
  currentcontracts: "today",
  activity: "activity",
  activitybased: "activity",
  activitybasedpbr: "activity",
  pbr: "activity",
  paymentbyresults: "activity",
  block: "block",
  blockcontract: "block",
  blended: "blended",
  blendedpayment: "blended",
  bundle: "bundle",
  pathwaybundle: "bundle",
  capitation: "capitation",
  capitatedbudget: "capitation",
  riskshare: "riskshare",
  capitationriskshare: "riskshare",
  gainshare: "gainshare",
};
for (const id of MODEL_IDS) MODEL_WORDS[id] = id;

/** Terms only an option has: non-recurrent double running and transitional funding, and who bears or gets them. */
const OPTION_ONLY = ["doubleRunning", "doubleRunningBearer", "transitionalFunding", "fundingTo", "managementFee", "riskReserve"] as const;
/** Terms every option shares (the years' labels and the discount rate): refused in the options table. */
const SHARED = ["start", "discountRate"];

export interface OptionsTable {
  options: OptionSpec[];
  problems: Problem[];
}

const text = (v: unknown): string => (typeof v === "number" ? String(v) : String(v ?? "").trim());

/**
 * Read an options table whose first row is headers: Option, Model, then any terms. `base`: the transition's terms
 * as typed (the rules each option's year terms are read by); `years` and `preset` as the transition is read.
 */
export function readOptionsTable(values: unknown[][], address: string, base: TransitionText, years: number, preset: string | null): OptionsTable {
  const read = readTermRows(values, address, "options", base, years, preset);
  return { options: read.rows as OptionSpec[], problems: read.problems };
}

/** Read a scenarios table whose first row is headers: Scenario, then any terms (low, central, high …). */
export function readScenariosTable(
  values: unknown[][],
  address: string,
  base: TransitionText,
  years: number,
  preset: string | null,
): { scenarios: Scenario[]; problems: Problem[] } {
  const read = readTermRows(values, address, "scenarios", base, years, preset);
  return { scenarios: read.rows, problems: read.problems };
}

/** The year terms a row typed, with the price uplift wherever the price path was typed (it is derived from it). */
function typedYears(t: TransitionTerms, typed: ReadonlySet<string>): Partial<TransitionTerms> {
  const keys = [...typed].filter((k) => k in t) as (keyof TransitionTerms)[];
  if (["costUplift", "efficiency", "priceConvention"].some((k) => typed.has(k))) keys.push("priceUplift");
  return Object.fromEntries(keys.map((k) => [k, t[k]])) as Partial<TransitionTerms>;
}

function readTermRows(
  values: unknown[][],
  address: string,
  what: "options" | "scenarios",
  base: TransitionText,
  years: number,
  preset: string | null,
) {
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const rows: (Scenario & Partial<OptionSpec>)[] = [];
  const problems: Problem[] = [];
  const problem = (r: number, c: number, message: string) => problems.push({ input: what, address: offsetAddress(ref, r, c), message });
  const options = what === "options";
  const expected = options ? "Option and Model, then any terms as columns" : "Scenario, then any terms as columns";
  if (values.length < 2) return { rows, problems: [{ input: what, address, message: `expected a header row (${expected}) and at least one row` }] };
  const heads = values[0].map(normaliseHeader);
  const nameCol = heads.findIndex((h) => (options ? ["option", "name", "optionname"] : ["scenario", "name", "scenarioname"]).includes(h));
  const modelCol = options ? heads.findIndex((h) => ["model", "paymentmodel"].includes(h)) : -1;
  if (nameCol < 0 || (options && modelCol < 0)) return { rows, problems: [{ input: what, address, message: `expected headers ${expected}` }] };
  // Every other column: a term by its key or its label, as the pane and pay compare --help name it.
  const keyOf = new Map<string, string>();
  for (const k of [...Object.keys(TERM_FIELDS), ...Object.keys(TRANSITION_TEXT_DEFAULTS), ...(options ? OPTION_ONLY : [])])
    keyOf.set(normaliseHeader(k), k);
  for (const [k, f] of Object.entries(TERM_FIELDS)) keyOf.set(normaliseHeader(f.label), k);
  const terms = new Map<number, string>();
  values[0].forEach((h, c) => {
    if (c === nameCol || c === modelCol || isBlank(h)) return;
    const key = keyOf.get(normaliseHeader(h));
    if (key === undefined || SHARED.includes(key))
      problem(
        0,
        c,
        `'${text(h)}' is not a term ${options ? "an option" : "a scenario"} can set; expected terms such as shiftShare, shiftAchieved, setupCost, gainShareRate, capitationRate, demandGrowth${options ? ", doubleRunning, transitionalFunding" : ""} (pay compare --help lists them)`,
      );
    else terms.set(c, key);
  });
  values.slice(1).forEach((row, i) => {
    const r = i + 1;
    if (row.every(isBlank)) return;
    const name = text(row[nameCol]);
    if (name === "") return problem(r, nameCol, `expected the ${options ? "option" : "scenario"}'s name`);
    const model = options ? MODEL_WORDS[normaliseHeader(row[modelCol])] : undefined;
    if (options && model === undefined)
      return problem(r, modelCol, `expected today or a model (${MODEL_IDS.join(", ")}), got '${text(row[modelCol])}'`);
    const spec: Scenario & Partial<OptionSpec> = { name, ...(model ? { model } : {}) };
    const inputs: Partial<Record<string, unknown>> = {};
    const yearsText: TransitionText = { ...base };
    const typed = new Set<string>();
    for (const [c, key] of terms) {
      const v = row[c];
      if (isBlank(v)) continue;
      if (key in TERM_FIELDS) {
        const got = readNumberField(text(v), TERM_FIELDS[key]);
        if ("problem" in got) problem(r, c, got.problem);
        else inputs[key] = got.value;
      } else if (key in TRANSITION_TEXT_DEFAULTS) {
        yearsText[key as keyof TransitionText] = text(v);
        typed.add(key);
      } else if (key === "managementFee" || key === "riskReserve") {
        // A single holder's fee and reserve (holder/economics.ts): a share of the budget, £, or (the reserve) auto.
        const got = parseHolderAmount(text(v), key, key === "riskReserve");
        if ("problem" in got) problem(r, c, got.problem);
        else (inputs as Record<string, unknown>)[key] = got.value;
      } else if (key === "doubleRunning" || key === "transitionalFunding") {
        const got = parseYearList(text(v), "amount", key);
        if ("problem" in got) problem(r, c, got.problem);
        else spec[key] = got.value;
      } else spec[key as "doubleRunningBearer" | "fundingTo"] = text(v);
    }
    const t = readTransitionTerms(yearsText, years, preset);
    for (const [k, message] of Object.entries(t.problems)) problem(r, [...terms].find(([, key]) => key === k)?.[0] ?? nameCol, message);
    if (t.terms && typed.size > 0) spec.years = typedYears(t.terms, typed);
    if (Object.keys(inputs).length > 0) spec.inputs = inputs as Partial<ComparisonInputs>;
    rows.push(spec);
  });
  return { rows, problems };
}

export interface OrganisationsTable {
  /** Each organisation's planned margin a year, £, by name as typed. */
  plans: Record<string, number>;
  problems: Problem[];
  /** Headers not read, each said so. */
  notRead: string[];
}

/** Read an organisations table: `Organisation` and `Plan` (a margin in £ a year; blank: none). */
export function readOrganisationsTable(values: unknown[][], address: string): OrganisationsTable {
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const out: OrganisationsTable = { plans: {}, problems: [], notRead: [] };
  const heads = values[0]?.map(normaliseHeader) ?? [];
  const orgCol = heads.findIndex((h) => ["organisation", "organization", "provider", "trust"].includes(h));
  const planCol = heads.findIndex((h) => ["plan", "plannedmargin", "planmargin", "controltotal", "financialplan"].includes(h));
  if (values.length < 2 || orgCol < 0 || planCol < 0)
    return {
      ...out,
      problems: [
        { input: "organisations", address, message: "expected headers Organisation and Plan (a margin in £ a year), and at least one organisation" },
      ],
    };
  out.notRead = values[0].flatMap((h, c) => (c === orgCol || c === planCol || isBlank(h) ? [] : [text(h)]));
  values.slice(1).forEach((row, i) => {
    if (row.every(isBlank) || isBlank(row[planCol])) return;
    const name = text(row[orgCol]);
    const v = typeof row[planCol] === "number" ? (row[planCol] as number) : parseNumber(text(row[planCol]), "amount");
    if (name === "")
      out.problems.push({ input: "organisations", address: offsetAddress(ref, i + 1, orgCol), message: "expected the organisation's name" });
    else if (typeof v !== "number" || !Number.isFinite(v))
      out.problems.push({
        input: "organisations",
        address: offsetAddress(ref, i + 1, planCol),
        message: `expected a planned margin in £ a year, got '${text(row[planCol])}'`,
      });
    else out.plans[name] = v + 0;
  });
  return out;
}
