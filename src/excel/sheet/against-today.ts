/**
 * The written sheet's headline (issue 37, "the answer first"): against today's contracts, what moving to each
 * model and then moving care out of hospital does to each organisation's margin, the commissioner's payment and
 * the system's real cost, with keeping today's contracts as the first column. Live formulas over the model
 * blocks' switch + shift totals (contracts.ts) and today's block: the pane's "Against today's contracts" and
 * `pay compare`'s first table, cell by cell.
 */
import { MODEL_IDS, MODEL_NAMES } from "../../engine/comparison/compare";
import { columnLetters } from "../../engine/rules/address";
import type { SheetPlan } from "../plan";
import { writer, type PlannedCell } from "./common";

export interface AgainstTodayRefs {
  /** The section's title row; its header row is the next. */
  a0: number;
  orgs: readonly string[];
  baselineFigures: SheetPlan["baselineFigures"];
  versusToday: SheetPlan["versusToday"];
  /** The key assumptions' cells: the cohort, the care shift's two terms, and today's payment at tariff and as signed (if signed). */
  keys: { cohort: string; shift: string; uplift: string; tariff: string; signed: string | null; rule: string; unit: string };
}

/** Rows the headline takes: title, header, the organisations, the commissioner and the system, then the key assumptions. */
export const againstTodayRows = (organisations: number): number => organisations + 4 + 1 + KEY_ROWS;
const KEY_ROWS = 4;

/** The section's cells, its table's range, and the cells of each party's figures (keep today's first, then each model). */
export function againstTodaySection(ref: AgainstTodayRefs): {
  cells: PlannedCell[];
  table: string;
  headline: { organisations: string[][]; commissioner: string[]; system: string[] };
} {
  const { a0, orgs, baselineFigures: today, versusToday } = ref;
  const O = orgs.length;
  const ah = a0 + 1;
  const { cells, label, heading, money } = writer();
  heading(
    `A${a0}`,
    "Against today's contracts: each model, then care moving out of hospital (change in margin; the commissioner's and the system's saving)",
  );
  label(`A${ah}`, "Organisation", true);
  label(`B${ah}`, "Keep today's contracts", true);
  MODEL_IDS.forEach((id, k) => label(`${columnLetters(2 + k)}${ah}`, MODEL_NAMES[id], true));
  const headline = { organisations: orgs.map((): string[] => []), commissioner: [] as string[], system: [] as string[] };
  const put = (c: string, r: number, formula: string, into: string[]) => {
    money(`${c}${r}`, formula);
    into.push(`${c}${r}`);
  };
  orgs.forEach((name, o) => {
    const r = ah + 1 + o;
    label(`A${r}`, name);
    const m = today.organisations[o].margin;
    put("B", r, `=${m.shifted}-${m.base}`, headline.organisations[o]);
    MODEL_IDS.forEach((id, k) => put(columnLetters(2 + k), r, `=${versusToday[id].organisations[o].total}`, headline.organisations[o]));
  });
  const cr = ah + 1 + O;
  const sr = cr + 1;
  label(`A${cr}`, "Commissioner (saving)");
  label(`A${sr}`, "System (saving in real cost)");
  put("B", cr, `=${today.commissioner.base}-${today.commissioner.shifted}`, headline.commissioner);
  MODEL_IDS.forEach((id, k) => put(columnLetters(2 + k), cr, `=${versusToday[id].commissioner.total}`, headline.commissioner));
  // The system's saving is what the commissioner saves plus what the organisations gain: money moves between
  // them but is not made or lost (Σ switch = 0), so only the real cost is left.
  ["B", ...MODEL_IDS.map((_, k) => columnLetters(2 + k))].forEach((c) => put(c, sr, `=SUM(${c}${ah + 1}:${c}${cr})`, headline.system));
  // The key assumptions, live where they are figures (the full list closes the sheet).
  const k = ref.keys;
  heading(`A${sr + 2}`, "Key assumptions");
  const line = (r: number, formula: string) => cells.push({ address: `A${r}`, formula });
  line(
    sr + 3,
    `="Cohort "&TEXT(${k.cohort},"#,##0")&" patients. Care moving out of hospital: "&TEXT(${k.shift},"0%")&" of hospital activity avoided, "&TEXT(${k.uplift},"0%")&" more community activity."`,
  );
  const signed = k.signed === null ? `" (no contracts table: today valued at tariff)"` : `", signed at "&TEXT(${k.signed},"£#,##0")`;
  line(sr + 4, `="Today's contracts: ${k.rule.replace(/"/g, '""')}; worth "&TEXT(${k.tariff},"£#,##0")&" a year at tariff"&${signed}&"."`);
  cells.push({ address: `A${sr + 5}`, value: k.unit });
  return { cells, table: `A${ah}:${columnLetters(1 + MODEL_IDS.length)}${sr}`, headline };
}
