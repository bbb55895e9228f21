/**
 * What Compare reads: the pane's form (the pathway table, the cohort, each term, the corridor, the tiers and the
 * population: typed, or a cell, range, table or defined name) turned into the engine's inputs and its
 * comparison, or the problems to put beside each field. No React here: the pane's state is App's.
 */
import { comparePaymentModels, contractFor, DEFAULT_TERMS, gbp, type Comparison, type ComparisonInputs } from "../../engine/comparison/compare";
import { describeNeed, needBasedInputs, readPopulation, type NeedBudget } from "../../engine/inputs/population";
import { readCorridor, type Corridor } from "../../engine/rules/formulas";
import { isPayError } from "../../engine/rules/errors";
import {
  readPathwayTable,
  readTiers,
  sheetReadsSetting,
  type ColumnMap,
  type ColumnReading,
  type PathwayField,
} from "../../engine/inputs/pathway-table";
import { readRange } from "../../excel/workbook";
import { COHORT_FIELD, parseNumber, readNumberField, readTerms, type TermsText } from "../terms";
import { comparisonInputs, parsePartnerWeights } from "../../engine/inputs/terms";
import type { Holder } from "../../engine/comparison/settlement";
import { presetById, todaysRule } from "../../engine/comparison/presets";
import { contractsNotRead, readContractsTable } from "../../engine/inputs/contracts-table";
import { parseHolderAmount, readPartnerTerms } from "../../engine/inputs/holder-terms";
import { structuredColumns } from "../../engine/inputs/structured";

/** Each field's problem, by the field's id. */
export type Problems = Record<string, string>;

/** What the form holds: references and text as typed. */
export interface PaneForm {
  tableRef: string;
  cohortRef: string;
  thresholdsRef: string;
  sharesRef: string;
  tiersRef: string;
  populationRef: string;
  /** The contracts as signed: a range, table or name (signed.ts); blank: none. */
  contractsRef: string;
  /** The organisations table: each partner's subcontract basis and VAT (holder/partners.ts); blank: none. */
  organisationsRef: string;
  /** A single holder's management fee and risk reserve as typed (2%, £200,000; the reserve also auto). */
  fee: string;
  reserve: string;
  terms: TermsText;
  mapping: ColumnMap;
  preset: string;
  holder: Holder;
  lead: string;
  weights: string;
}

/** A comparison made, with what the written sheet needs to point back at the inputs. */
export interface Ready {
  comparison: Comparison;
  inputs: ComparisonInputs;
  columns: ReturnType<typeof readPathwayTable>["columns"];
  table?: { name: string };
  rows: number;
  stepRows: number[];
  tableAddress: string;
  cohortSource: string | null;
  termSources: Partial<Record<keyof TermsText, string>>;
  tiers: { counts: string; weights: string } | null;
  /** Fields whose cells were merged down rows, and the rows they read from: the sheet points at the merged cell. */
  mergedFrom?: ReturnType<typeof readPathwayTable>["mergedFrom"];
  /** Each contract's signed-value cell: the written sheet's contracts block points at them. */
  contractCells?: string[];
}

/** The table's columns as read: fields to match by hand (missing), every header, and every column read or not. */
export type NeedMapping = { missing: PathwayField[]; headers: string[]; columns: ColumnReading[] } | null;

export interface ReadOutcome {
  problems: Problems;
  /** The table's own problems, one line each (cell and what was expected). */
  tableProblems: string[];
  /** The table's columns: as read, and those to match by hand; absent when the table was not read. */
  needMapping?: NeedMapping;
  ready: Ready | null;
  /** Something to say beside a comparison made (the table will be written by address). */
  info: string | null;
}

export function errorText(e: unknown): string {
  if (isPayError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

const lines = (problems: { address?: string; message: string }[]): string[] =>
  problems.map((p) => (p.address ? `${p.address}: ${p.message}` : p.message));

/** Reads the form and compares; every problem found is reported at once, and nothing is computed while any is left. */
export async function readForm(form: PaneForm): Promise<ReadOutcome> {
  const found: Problems = {};
  const table = await readTableRef(form, found);
  const cohort = await readCohortRef(form.cohortRef, found);
  const { typedTerms, termSources } = await readTermCells(form.terms, found);
  const t = readTerms(typedTerms);
  // A cell that could not be read is the problem to show for its term, not the text that named it.
  for (const [k, v] of Object.entries(t.problems)) found[k] ??= v;
  const corridor = await readCorridorRefs(form, found);
  const tiers = await readTiersRef(form.tiersRef, found);
  // A population whose need sets the capitated budget: read here, applied once the inputs are built.
  const population = await readTableField(form.populationRef, "population", found, readPopulation);
  if (population && tiers) found.population = "The population and year-of-care tiers both set the capitated budget's groups: give one";
  const contracts = await readTableField(form.contractsRef, "contracts", found, readContractsTable);
  const partners = await readTableField(form.organisationsRef, "organisations", found, readPartnerTerms);
  const fee = parseHolderAmount(form.fee, "Management fee");
  const reserve = parseHolderAmount(form.reserve, "Risk reserve", true);
  if ("problem" in fee) found.fee = fee.problem;
  if ("problem" in reserve) found.reserve = reserve.problem;
  const outcome: ReadOutcome = { problems: found, tableProblems: table?.rows ?? [], needMapping: table?.needMapping, ready: null, info: null };
  if (Object.keys(found).length > 0 || !table?.read || cohort.value === null || !t.terms) return outcome;
  const partnerWeights = parsePartnerWeights(form.weights);
  if ("problem" in partnerWeights) return { ...outcome, problems: { weights: partnerWeights.problem } };
  const rule = presetById(form.preset);
  const asTyped = comparisonInputs(t.terms, {
    corridor,
    steps: table.read.steps,
    cohort: cohort.value,
    holder: form.holder,
    leadProvider: form.lead.trim() === "" ? null : form.lead.trim(),
    partnerWeights: partnerWeights.value,
    capitationTiers: tiers ? { counts: tiers.counts, weights: tiers.weights } : null,
    todaysRule: rule ? todaysRule(rule, t.terms.aboveIAP) : null,
    contracts: contracts?.contracts ?? null,
    // A single holder's partners, fee and reserve (issue 36).
    partners: partners?.partners ?? null,
    managementFee: "value" in fee ? fee.value : null,
    riskReserve: "value" in reserve ? reserve.value : null,
  });
  let comparison: Comparison;
  let inputs = asTyped;
  let need: NeedBudget | null = null;
  try {
    if (population) ({ inputs, need } = needBasedInputs(asTyped, population, asTyped.capitationRate, contractFor(asTyped).totalPaid));
    comparison = comparePaymentModels(inputs);
  } catch (e) {
    // A contract the pathway cannot carry is the contracts field's problem; anything else, the lead's.
    const message = errorText(e);
    const field = message.startsWith("contracts, row") ? "contracts" : message.startsWith("organisations:") ? "organisations" : "lead";
    return { ...outcome, problems: { [field]: message } };
  }
  const { read, excelTable } = table;
  const ready: Ready = {
    // What the table reader says it read (points of delivery as NHS spellings), before the comparison's own notes.
    comparison: {
      ...comparison,
      notes: [
        ...(read.notes ?? []),
        ...(need ? [describeNeed(need, gbp)] : []),
        ...(contracts?.notRead.length ? [contractsNotRead(contracts.notRead)] : []),
        ...(partners?.notRead.length
          ? [
              `The organisations table's ${partners.notRead.map((h) => `'${h}'`).join(", ")} ${partners.notRead.length === 1 ? "is" : "are"} not read.`,
            ]
          : []),
        ...comparison.notes,
      ],
    },
    inputs,
    // An Excel table: its columns by structured reference, so the written sheet follows its rows.
    columns: excelTable ? structuredColumns(excelTable, read.headers, read.fields) : read.columns,
    table: excelTable ? { name: excelTable } : undefined,
    rows: read.rows,
    stepRows: read.stepRows,
    tableAddress: form.tableRef,
    cohortSource: cohort.source,
    termSources,
    tiers: tiers?.columns ?? population?.columns ?? null,
    ...(read.mergedFrom ? { mergedFrom: read.mergedFrom } : {}),
    ...(contracts ? { contractCells: contracts.signedCells } : {}),
  };
  return { ...outcome, ready, info: table.byAddress };
}

interface TableRead {
  read: ReturnType<typeof readPathwayTable> | null;
  rows: string[];
  needMapping?: NeedMapping;
  excelTable?: string;
  byAddress: string | null;
}

/** The pathway table, from any cell of an Excel table, an address or a name. */
async function readTableRef(form: PaneForm, found: Problems): Promise<TableRead | null> {
  if (form.tableRef.trim() === "") {
    found.table = "Choose the pathway steps table (with its header row).";
    return null;
  }
  try {
    const data = await readRange(form.tableRef, true);
    const read = readPathwayTable(data.values, data.address, form.mapping, data.merged ?? []);
    let excelTable = data.table;
    let byAddress: string | null = null;
    // A setting the written formulas would read differently from the engine: write that table by address.
    const at = read.fields.setting;
    if (excelTable && at !== undefined && !data.values.slice(1).every((row) => sheetReadsSetting(row[at]))) {
      byAddress = `The table ${excelTable} has a setting spelt with punctuation (such as "primary-care"): the sheet will refer to its cells by address, so rows added to it later are not counted. Spell settings as hospital, community, primary (or primary care, GP, acute …) to write it as a table.`;
      excelTable = undefined;
    }
    if (read.problems.length > 0) found.table = `${read.problems.length} problem(s) in the table, listed below.`;
    const needMapping = { missing: read.missing, headers: read.headers, columns: read.columnsRead };
    return { read, rows: lines(read.problems), needMapping, excelTable, byAddress };
  } catch (e) {
    found.table = `Cannot read '${form.tableRef}': ${errorText(e)}`;
    return null;
  }
}

/** A single cell's number (a term or the cohort named by address or name), or the problem with it. */
async function readCell(ref: string): Promise<{ value: number; address: string } | { problem: string }> {
  try {
    const data = await readRange(ref);
    const v = data.values[0]?.[0];
    if (data.values.length * (data.values[0]?.length ?? 0) !== 1) return { problem: `${data.address}: expected a single cell` };
    if (typeof v !== "number") return { problem: `${data.address}: expected a number, got ${v === "" ? "a blank cell" : `'${String(v)}'`}` };
    return { value: v, address: data.address };
  } catch (e) {
    return { problem: `Cannot read '${ref}': ${errorText(e)}` };
  }
}

/** The cohort: a number as typed, or a cell (address or defined name) holding one; either way within range. */
async function readCohortRef(ref: string, found: Problems): Promise<{ value: number | null; source: string | null }> {
  const typed = parseNumber(ref, COHORT_FIELD.kind);
  if (typed === null) {
    found.cohort = "Enter the cohort size, or pick the cell that holds it.";
    return { value: null, source: null };
  }
  if (typeof typed === "number" || /^\s*[-+£\d.]/.test(ref)) {
    const r = readNumberField(ref, COHORT_FIELD);
    if ("problem" in r) found.cohort = r.problem;
    return { value: "problem" in r ? null : r.value, source: null };
  }
  const cell = await readCell(ref);
  if ("problem" in cell) {
    found.cohort = cell.problem;
    return { value: null, source: null };
  }
  const r = readNumberField(String(cell.value), COHORT_FIELD);
  if ("problem" in r) {
    found.cohort = `${cell.address}: ${r.problem}`;
    return { value: null, source: null };
  }
  return { value: r.value, source: cell.address };
}

/** Terms: each a number as typed, or, like the cohort, a cell or defined name holding one. */
async function readTermCells(
  terms: TermsText,
  found: Problems,
): Promise<{ typedTerms: TermsText; termSources: Partial<Record<keyof TermsText, string>> }> {
  const typedTerms: TermsText = { ...terms };
  const termSources: Partial<Record<keyof TermsText, string>> = {};
  for (const k of Object.keys(terms) as (keyof TermsText)[]) {
    const text = terms[k].trim();
    if (text === "" || /^[-+£\d.]/.test(text)) continue;
    const cell = await readCell(text);
    if ("problem" in cell) found[k] = cell.problem;
    else {
      typedTerms[k] = String(cell.value);
      termSources[k] = cell.address;
    }
  }
  return { typedTerms, termSources };
}

/** The risk share's corridor: thresholds and the commissioner's shares, or the default. */
async function readCorridorRefs(form: PaneForm, found: Problems): Promise<Corridor> {
  if (form.thresholdsRef.trim() === "" && form.sharesRef.trim() === "") return DEFAULT_TERMS.corridor;
  try {
    const [th, sh] = await Promise.all([readRange(form.thresholdsRef), readRange(form.sharesRef)]);
    return readCorridor(th.values, sh.values);
  } catch (e) {
    found.corridor = errorText(e);
    return DEFAULT_TERMS.corridor;
  }
}

/** Year-of-care tiers for the capitated budget: patients and weight per tier. */
async function readTiersRef(ref: string, found: Problems): Promise<ReturnType<typeof readTiers> | null> {
  if (ref.trim() === "") return null;
  try {
    const data = await readRange(ref);
    const tiers = readTiers(data.values, data.address);
    if (tiers.problems.length > 0) found.tiers = lines(tiers.problems).join("; ");
    return tiers;
  } catch (e) {
    found.tiers = `Cannot read '${ref}': ${errorText(e)}`;
    return null;
  }
}

/**
 * A table named in the pane (a range, table or name; blank: none), read by `read`; its problems, or why it could
 * not be read, put beside its field (`key`). The population table and the contracts as signed.
 */
async function readTableField<T extends { problems: { address?: string; message: string }[] }>(
  ref: string,
  key: string,
  found: Problems,
  read: (values: unknown[][], address: string) => T,
): Promise<T | null> {
  if (ref.trim() === "") return null;
  try {
    const data = await readRange(ref);
    const table = read(data.values, data.address);
    if (table.problems.length === 0) return table;
    found[key] = lines(table.problems).join("; ");
  } catch (e) {
    found[key] = `Cannot read '${ref}': ${errorText(e)}`;
  }
  return null;
}
