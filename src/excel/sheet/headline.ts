/**
 * The top of the written sheet. First the headline (issue 37, "the answer first"): against today's contracts,
 * what moving to each model and then moving care out of hospital does to each organisation's margin, the
 * commissioner's payment and the system's real cost, keeping today's contracts as the first column (live over the
 * model blocks' switch + shift totals, contracts.ts, and today's block: the pane's "Against today's contracts"
 * and `pay compare`'s first table, cell by cell), with the key assumptions under it. Then who gains and who
 * loses when care moves out of hospital (the shift alone), the summary by model, each model's reading line and
 * the inputs echoed with their sources, with the two headline charts beside them.
 */
import type { Comparison, StateId } from "../../engine/comparison/compare";
import { MODEL_IDS, MODEL_NAMES, type ModelId } from "../../engine/comparison/compare";
import { columnLetters } from "../../engine/rules/address";
import type { SheetPlan } from "../plan-types";
import { FIGURE_KEYS, FIGURE_LABELS, GBP_AXIS, type FigureKey, type PlannedCell, type PlannedChart, writer } from "./common";

/** Where the headline's blocks sit (rows worked out by the layout) and what they read. */
export interface HeadlineRefs {
  /** The who-gains title row, its header row. */
  m0: number;
  mh: number;
  /** The summary's title row, header row and last row. */
  s0: number;
  sh: number;
  sEnd: number;
  /** The reading's and the inputs' title rows. */
  rd: number;
  in0: number;
  /** The inputs echoed: what, and where it is read from. */
  echo: [string, string][];
  orgs: readonly string[];
  comparison: Comparison;
  organisationFigures: SheetPlan["organisationFigures"];
  /** All organisations' cost in a state under a model (a held model's carries the VAT its partners lose). */
  cTot: (st: StateId, id: ModelId) => string;
}

export function headlineSection(ref: HeadlineRefs): {
  cells: PlannedCell[];
  charts: PlannedChart[];
  matrix: SheetPlan["matrix"];
  figures: Record<ModelId, Record<FigureKey, string>>;
} {
  const { m0, mh, s0, sh, sEnd, rd, in0, echo, orgs, comparison, organisationFigures, cTot } = ref;
  const O = orgs.length;
  const lastModel = columnLetters(MODEL_IDS.length);
  const col = (k: number) => columnLetters(k);
  const { cells, put, label, heading, money } = writer();
  // ——— The headline: who gains and who loses when care moves out of hospital ———
  heading(`A${m0}`, "Who gains and who loses when care moves out of hospital (change in margin; the commissioner's and the system's saving)");
  label(`A${mh}`, "Organisation", true);
  const matrix: SheetPlan["matrix"] = { organisations: orgs.map(() => []), commissioner: [], system: [] };
  MODEL_IDS.forEach((id, k) => {
    const c = col(1 + k);
    label(`${c}${mh}`, MODEL_NAMES[id], true);
    const f = organisationFigures[id];
    orgs.forEach((_, o) => {
      money(`${c}${mh + 1 + o}`, `=${f.organisations[o].margin.shifted}-${f.organisations[o].margin.base}`);
      matrix.organisations[o].push(`${c}${mh + 1 + o}`);
    });
    money(`${c}${mh + 1 + O}`, `=${f.commissioner.base}-${f.commissioner.shifted}`);
    money(`${c}${mh + 2 + O}`, `=${cTot("base", id)}-${cTot("shifted", id)}`);
    matrix.commissioner.push(`${c}${mh + 1 + O}`);
    matrix.system.push(`${c}${mh + 2 + O}`);
  });
  orgs.forEach((name, o) => label(`A${mh + 1 + o}`, name));
  label(`A${mh + 1 + O}`, "Commissioner (saving)");
  label(`A${mh + 2 + O}`, "System (saving in real cost)");

  // ——— Summary by model ———
  heading(`A${s0}`, "Summary by model (all organisations together)");
  label(`A${sh}`, "Model", true);
  FIGURE_KEYS.forEach((key, i) => label(`${col(1 + i)}${sh}`, FIGURE_LABELS[key], true));
  const figures = {} as Record<ModelId, Record<FigureKey, string>>;
  MODEL_IDS.forEach((id, i) => {
    const r = sh + 1 + i;
    const f = organisationFigures[id].commissioner;
    label(`A${r}`, MODEL_NAMES[id]);
    const cellsOf: Record<FigureKey, string> = {
      payment: `B${r}`,
      cost: `C${r}`,
      margin: `D${r}`,
      marginLower: `E${r}`,
      marginHigher: `F${r}`,
      marginShifted: `G${r}`,
      systemShifted: `H${r}`,
    };
    money(cellsOf.payment, `=${f.base}`);
    money(cellsOf.cost, `=${cTot("base", id)}`);
    money(cellsOf.margin, `=${cellsOf.payment}-${cellsOf.cost}`);
    money(cellsOf.marginLower, `=${f.lower}-${cTot("lower", id)}`);
    money(cellsOf.marginHigher, `=${f.higher}-${cTot("higher", id)}`);
    money(cellsOf.marginShifted, `=${f.shifted}-${cTot("shifted", id)}`);
    money(cellsOf.systemShifted, `=${f.shifted}`);
    figures[id] = cellsOf;
  });

  // What each model does, in a line naming the organisations.
  heading(`A${rd}`, "Reading");
  comparison.models.forEach((m, i) => put(`A${rd + 1 + i}`, { value: m.reading }));

  // Inputs echoed with their sources.
  heading(`A${in0}`, "Inputs");
  label(`B${in0}`, "Source", true);
  echo.forEach(([k, v], i) => {
    label(`A${in0 + 1 + i}`, k);
    put(`B${in0 + 1 + i}`, { value: v });
  });

  const charts: PlannedChart[] = [
    {
      type: "columnClustered",
      title: "Change in margin when care moves out of hospital, by organisation and model",
      source: `A${mh}:${lastModel}${mh + O}`,
      axes: { category: "Organisation", value: "Change in margin (£ a year)", valueFormat: GBP_AXIS },
      position: [`N${m0}`, `U${m0 + 19}`],
    },
    {
      type: "columnClustered",
      title: "Commissioner payment and providers' margin by model",
      source: `A${sh}:B${sEnd}`,
      extraSeries: [{ name: "Providers' margin", values: `D${sh + 1}:D${sEnd}` }],
      axes: { category: "Payment model", value: "£ a year", valueFormat: GBP_AXIS },
      position: [`N${m0 + 21}`, `U${m0 + 40}`],
    },
  ];
  return { cells, charts, matrix, figures };
}

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
