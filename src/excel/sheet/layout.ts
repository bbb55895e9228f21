/**
 * Where everything goes on the written sheet: the rows of each block, worked out before any is written so a
 * formula can point down the sheet (the who-gains matrix at the top reads the model blocks below it). From the
 * top: the title, who gains, the summary by model, the reading lines, the inputs echoed, the terms (with the
 * corridor and tiers beside them), the organisations, each model's block, today's contracts, the steps. The
 * sections below the steps (risk, drivers, years, assumptions) stack after it.
 */
import { againstTodayRows } from "./headline";
import { MODEL_IDS } from "../../engine/comparison/compare";
import type { PlanSource } from "../plan-types";
import { SHEET_TERMS, type TermTableKey } from "../../engine/inputs/term-table";

/** The terms on the sheet by key (the panel's and `pay compare --term`'s names), in their rows' order: the table of terms'. */
export const TERM_KEYS = SHEET_TERMS;
/** A term's key ("cohort" and the table of terms' keys); one without a row on the sheet throws when asked for. */
export type TermKey = "cohort" | TermTableKey;

export function sheetLayout(src: PlanSource) {
  const { columns, inputs } = src;
  const P = columns.unitPrice as string;
  const C = columns.unitCost as string;
  const V = columns.volume as string;
  const O = src.comparison.organisations.length;
  const R = src.rows;
  const bands = inputs.corridor.thresholds.length;
  const models = MODEL_IDS.length;
  const a0 = 5; // the headline, against today's contracts: title; header a0 + 1; organisations; commissioner; system
  const m0 = a0 + againstTodayRows(O) + 1; // who gains when care moves (the shift alone): title; header m0 + 1; organisations; commissioner; system
  const mh = m0 + 1;
  const mEnd = mh + O + 2;
  const s0 = mEnd + 2; // summary by model: title; header s0 + 1
  const sh = s0 + 1;
  const sEnd = sh + models;
  const rd = sEnd + 2; // reading lines
  const in0 = rd + models + 2; // inputs echoed
  const echo: [string, string][] = [
    ["Pathway table", src.tableAddress],
    ["Unit prices", P],
    ["Unit costs", C],
    ["Volumes per patient", V],
    ["Take-up", columns.takeUp ?? "(not in the table: 100%)"],
    ["Settings", columns.setting ?? "(not in the table: all 'other')"],
    ["Organisations", columns.organisation ?? "(not in the table: one per setting)"],
    ["Variable cost shares", columns.variableShare ?? "(not in the table: the defaults by setting below)"],
  ];
  const t0 = in0 + echo.length + 2; // terms
  const termRow = (i: number) => t0 + 1 + i;
  // Each term's cell by its key, never by a list's position: a term found here is the term written there (terms.ts).
  const cells: Record<string, string> = Object.fromEntries(TERM_KEYS.map((k, i) => [k, `$B$${termRow(i)}`]));
  const T = new Proxy(cells, {
    get: (o, k) => {
      if (typeof k === "string" && !(k in o)) throw new Error(`the written sheet has no row for the term '${k}' (term-table.ts: its sheet)`);
      return o[k as string];
    },
  }) as Readonly<Record<TermKey, string>>;
  const tiers = src.inputs.capitationTiers;
  const tierCount = tiers?.counts.length ?? 0;
  const tEnd = Math.max(termRow(TERM_KEYS.length - 1), t0 + 1 + bands, t0 + 1 + tierCount);
  // Year-of-care tiers (H, I beside the corridor): patients and weight per tier, pointing at their source.
  const TIER_COUNTS = `$H$${t0 + 2}:$H$${t0 + 1 + tierCount}`;
  const TIER_WEIGHTS = `$I$${t0 + 2}:$I$${t0 + 1 + tierCount}`;
  const g0 = tEnd + 2; // organisations: title; header g0 + 1; rows; total
  const orgRow = (o: number) => g0 + 2 + o;
  const totRow = g0 + 2 + O;
  const b0 = totRow + 2; // model blocks
  const blockRow = (k: number) => b0 + k * (O + 5);
  const todayRow = blockRow(models); // today's contracts: a block laid out as a model's
  const st0 = blockRow(models + 1); // steps: title; header st0 + 1; one row per table row (a note for an Excel table)
  const stepRow = (i: number) => st0 + 2 + i;
  const stLast = src.table ? st0 + 1 : stepRow(R - 1);
  return {
    a0,
    m0,
    mh,
    mEnd,
    s0,
    sh,
    sEnd,
    rd,
    in0,
    echo,
    t0,
    termRow,
    TERM_KEYS,
    T,
    TIER_COUNTS,
    TIER_WEIGHTS,
    g0,
    orgRow,
    totRow,
    b0,
    blockRow,
    todayRow,
    st0,
    stepRow,
    stLast,
  };
}

/** Where everything goes (sheetLayout). */
export type SheetLayout = ReturnType<typeof sheetLayout>;
