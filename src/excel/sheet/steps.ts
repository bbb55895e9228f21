/**
 * The pathway's steps in Excel's terms: how the written formulas read a step's setting, point of delivery and
 * payment today as the engine does (today.ts, pathway-table.ts), and, for an Excel table, each step-level
 * figure as an array expression over the table's columns (so a row added to the table is in every figure).
 */
import { DEFAULT_ORGANISATIONS, SETTINGS as SETTING_IDS, type Setting } from "../../engine/comparison/organisations";
import {
  PAID_BY_ACTIVITY,
  POD_FROM_SETTING,
  SHEET_SPELLINGS,
  changeShare,
  type PointOfDelivery,
  type TodaysRule,
} from "../../engine/comparison/today";
import { SETTINGS, type PathwayField } from "../../engine/inputs/pathway-table";
import { columnLetters } from "../../engine/rules/address";
import type { PlanSource } from "../plan-types";
import { PCT, sourceCell, type PlannedCell, writer } from "./common";

/** Text as the engine compares spellings (today.ts): lower case, without spaces and punctuation, & as "and". */
export const squashedText = (c: string): string =>
  `LOWER(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${c}&""," ",""),"-",""),".",""),"/",""),"_",""),"&","and"))`;

/**
 * Whether a text is one of the words, element by element: found, between bars, in the words joined by bars
 * (FIND: exact case, no wildcards; the text is lower case, as the words are). One mention of the text, however
 * many words, keeps an Excel table's array expressions well within Excel's formula length.
 */
export const oneOf = (text: string, words: readonly string[]): string => `ISNUMBER(FIND("|"&${text}&"|","|${words.join("|")}|"))`;

/**
 * Whether a step is at one of the points of delivery, as the engine's pointOfDeliveryOf (today.ts): its own,
 * spelt as the engine reads it (the whole cell one of its spellings or codes), or, blank or without the column,
 * its setting's (none for a hospital step).
 */
export function podIs(pods: readonly PointOfDelivery[], pod: string | null | undefined, settingIs: (st: Setting) => string): string {
  const settings = SETTING_IDS.filter((st) => {
    const own = POD_FROM_SETTING[st];
    return own !== null && pods.includes(own);
  });
  // Each test ×1 before the sum: Excel ranks TRUE and FALSE above every number, so a bare test compared with 0 is TRUE.
  const any = (tests: string[]) => `((${tests.map((t) => `(${t})*1`).join("+")})>0)`;
  const bySetting = settings.length === 0 ? "FALSE()" : any(settings.map(settingIs));
  if (!pod) return bySetting;
  const words = pods.flatMap((p) => SHEET_SPELLINGS.pointOfDelivery(p));
  return `IF(${pod}="",${bySetting},${oneOf(squashedText(pod), words)})`;
}

/**
 * The share of a change in its value a step is paid today, as the engine's paymentTodayOf (today.ts): a number
 * as typed, activity 1, fixed 0, a percentage typed as text its value; blank: the named rule's share where it
 * covers the step's point of delivery (its share above, or below when `rising` is false), else 1 for a point of
 * delivery paid by activity (PAID_BY_ACTIVITY) and 0 for the rest (the 2025/26 NHS Payment Scheme). Cells or, for an Excel table, whole
 * columns (array expressions).
 */
export function paidShareFormula(
  pay: string | null | undefined,
  pod: string | null | undefined,
  settingIs: (st: Setting) => string,
  rule: TodaysRule | null,
  rising: boolean,
): string {
  const elective = pod ? `IF(${podIs(PAID_BY_ACTIVITY, pod, settingIs)},1,0)` : "0";
  // The rule's parts in turn (the first that covers the step's point of delivery pays it), else the default.
  const byDefault = (rule?.parts ?? []).reduceRight(
    (otherwise, part) => `IF(${podIs(part.covers, pod, settingIs)},${changeShare(part.payment, rising)},${otherwise})`,
    elective,
  );
  if (!pay) return byDefault;
  const k = squashedText(pay);
  return `IF(ISNUMBER(${pay}),${pay},IF(${pay}="",${byDefault},IF(${oneOf(k, SHEET_SPELLINGS.activity)},1,IF(${oneOf(k, SHEET_SPELLINGS.fixed)},0,VALUE(${pay})))))`;
}

/** Whether a rule pays a fall at another share than a rise (MRET): the sheet then needs both shares. */
export const twoSided = (rule: TodaysRule | null): boolean =>
  rule !== null && rule.parts.some((p) => changeShare(p.payment, true) !== changeShare(p.payment, false));

/**
 * A table's steps as array expressions over its columns: the setting read as the engine reads it (its words and
 * their synonyms, pathway-table.ts SETTINGS, compared as Excel compares text, spaces ignored), each step's
 * organisation and variable cost share (the table's own, or the setting's default), and its care-shift factor.
 */
/** The steps of an Excel table as array expressions over its columns (tableSteps). */
export type TableSteps = ReturnType<typeof tableSteps>;

export function tableSteps(
  columns: Partial<Record<PathwayField, string>>,
  T: Record<
    | "shiftShare"
    | "shiftCommunityUplift"
    | "variableShareHospital"
    | "variableShareCommunity"
    | "variableSharePrimary"
    | "variableShareOther"
    | "mff",
    string
  >,
  rule: TodaysRule | null,
): {
  org: string;
  variableShare: string;
  shiftFactor: string;
  hospital: string;
  yearFactor: (achieved: string) => string;
  paidShare: (rising: boolean) => string;
  ruleCovers: (part: number) => string;
  /** Whether each step is in a setting, as the engine reads the setting column (an array expression). */
  is: (st: Setting) => string;
  mff: string;
} {
  const words = (st: Setting) => Object.keys(SETTINGS).filter((w) => SETTINGS[w] === st);
  const S = columns.setting ? `SUBSTITUTE(${columns.setting}," ","")` : null;
  const is = (st: Setting) =>
    S
      ? `((${words(st)
          .map((w) => `(${S}="${w}")`)
          .join("+")})>0)`
      : "FALSE()"; // Excel reads FALSE() as FALSE; the function form reads the same in any engine that recomputes the sheet
  const H = is("hospital");
  const Cm = is("community");
  const Pr = is("primary");
  const bySetting = (h: string, c: string, p: string, o: string) => `IF(${H},${h},IF(${Cm},${c},IF(${Pr},${p},${o})))`;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const byOrg = bySetting(
    q(DEFAULT_ORGANISATIONS.hospital),
    q(DEFAULT_ORGANISATIONS.community),
    q(DEFAULT_ORGANISATIONS.primary),
    q(DEFAULT_ORGANISATIONS.other),
  );
  const byShare = bySetting(T.variableShareHospital, T.variableShareCommunity, T.variableSharePrimary, T.variableShareOther);
  const own = (c: string | undefined, fallback: string, given: (c: string) => string = (x) => x) =>
    c ? `IF(${c}="",${fallback},${given(c)})` : fallback;
  // Organisations compared through TRIM, as the engine names them (pathway-table.ts excelTrim).
  const org = columns.organisation ? `IF(TRIM(${columns.organisation})="",${byOrg},TRIM(${columns.organisation}))` : byOrg;
  return {
    org,
    variableShare: `(${own(columns.variableShare, byShare)})`,
    // A step's own change in volume where the table gives one (blank: the setting's rule), as volumeFactor.
    shiftFactor: own(
      columns.volumeChange ? `${columns.volumeChange}` : undefined,
      `IF(${H},1-${T.shiftShare},IF(${Cm},1+${T.shiftCommunityUplift},1))`,
      (c) => `1+${c}`,
    ),
    hospital: H,
    is,
    paidShare: (rising) => `(${paidShareFormula(columns.paymentToday, columns.pointOfDelivery, (st) => is(st), rule, rising)})`,
    // 1 where the named rule's part k pays a step today (its payment today blank, its point of delivery covered
    // by that part and by no part before it), else 0.
    ruleCovers: (k) => {
      if (!rule) return "0";
      const covered = (j: number) => podIs(rule.parts[j].covers, columns.pointOfDelivery, (st) => is(st));
      const before = rule.parts.slice(0, k).map((_, j) => `*(1-${covered(j)})`);
      return `(${columns.paymentToday ? `(${columns.paymentToday}="")*` : ""}${covered(k)}${before.join("")})`;
    },
    yearFactor: (k) =>
      own(columns.volumeChange, `IF(${H},1-${T.shiftShare}*${k},IF(${Cm},1+${T.shiftCommunityUplift}*${k},1))`, (c) => `1+${c}*${k}`),
    // Each step's market forces factor, as the engine's stepMff: its own, else the terms' (1 for primary care).
    mff: `(${own(columns.mff, `IF(${Pr},1,${T.mff})`)})`,
  };
}

/**
 * The cell a step's field is read from on a range's row (from 0, below the header): its own, or, where the field's
 * cells were merged down rows, the merged area's top-left cell, which holds the value for every row it covers
 * (merged.ts); null where the table has no such column.
 */
export function stepCell(src: Pick<PlanSource, "columns" | "mergedFrom">, f: PathwayField, row: number): string | null {
  const column = src.columns[f];
  return column ? sourceCell(column, src.mergedFrom?.[f]?.[row] ?? row) : null;
}

/**
 * The steps block of the written sheet (a pathway given as a range): one row per row of the pathway table, its
 * organisation, variable cost share, care-shift factor and the shares of a change it is paid today, each a
 * formula on the table's own cells. For an Excel table, a note: the same figures live inside the formulas.
 */
export function stepsSection(ref: {
  src: PlanSource;
  steps: TableSteps | null;
  st0: number;
  stepRow: (row: number) => number;
  T: Readonly<Record<string, string>>;
}): PlannedCell[] {
  const { src, steps, st0, stepRow, T } = ref;
  const { inputs } = src;
  const rule = inputs.todaysRule ?? null;
  const { cells, put, label, heading } = writer();
  const col = (k: number) => columnLetters(k);
  const cellOf = (f: PathwayField, row: number): string | null => stepCell(src, f, row);
  if (steps) {
    heading(`A${st0}`, `Steps: read live from the table ${src.table?.name}`);
    label(
      `A${st0 + 1}`,
      `Each step's organisation, variable cost share and care-shift factor are worked out inside the formulas above from the table's columns, so rows added to ${src.table?.name} are counted. A step of an organisation not listed above is shown by the check line of the organisations table.`,
    );
  } else {
    heading(`A${st0}`, "Steps (one row per row of the pathway table)");
    ["Step", "Setting", "Organisation", "Variable cost share", "Care-shift factor", "Paid today on a rise", "Paid today on a fall", "MFF"].forEach(
      (h, i) => label(`${col(i)}${st0 + 1}`, h, true),
    );
    src.stepRows.forEach((row, j) => {
      const s = inputs.steps[j];
      const x = stepRow(row);
      const setting = `$B$${x}`;
      const byOrg = `IF(${setting}="hospital","${DEFAULT_ORGANISATIONS.hospital}",IF(${setting}="community","${DEFAULT_ORGANISATIONS.community}",IF(${setting}="primary","${DEFAULT_ORGANISATIONS.primary}","${DEFAULT_ORGANISATIONS.other}")))`;
      const byShare = `IF(${setting}="hospital",${T.variableShareHospital},IF(${setting}="community",${T.variableShareCommunity},IF(${setting}="primary",${T.variableSharePrimary},${T.variableShareOther})))`;
      put(`A${x}`, { value: s.name });
      put(`B${x}`, { value: s.setting });
      const org = cellOf("organisation", row);
      put(`C${x}`, { formula: org ? `=IF(TRIM(${org})="",${byOrg},TRIM(${org}))` : `=${byOrg}` });
      const share = cellOf("variableShare", row);
      put(`D${x}`, { formula: share ? `=IF(${share}="",${byShare},${share})` : `=${byShare}`, format: PCT });
      // A step's own change in volume where the table gives one; otherwise the setting's rule (as the engine's volumeFactor).
      const bySettingFactor = `IF(${setting}="hospital",1-${T.shiftShare},IF(${setting}="community",1+${T.shiftCommunityUplift},1))`;
      const change = cellOf("volumeChange", row);
      put(`E${x}`, { formula: change ? `=IF(${change}="",${bySettingFactor},1+${change})` : `=${bySettingFactor}`, format: "0.00" });
      // The share of a change in its value the step is paid today (today.ts): by activity 1, fixed 0, or a share.
      const pay = cellOf("paymentToday", row);
      const pod = cellOf("pointOfDelivery", row);
      const settingIs = (st: Setting) => `(${setting}="${st}")`;
      put(`F${x}`, { formula: `=${paidShareFormula(pay, pod, settingIs, rule, true)}`, format: PCT });
      put(`G${x}`, { formula: `=${paidShareFormula(pay, pod, settingIs, rule, false)}`, format: PCT });
      // The step's market forces factor (the engine's stepMff): its own, else the terms' (none for primary care).
      const mff = cellOf("mff", row);
      const byMff = `IF(${setting}="primary",1,${T.mff})`;
      put(`H${x}`, { formula: mff ? `=IF(${mff}="",${byMff},${mff})` : `=${byMff}`, format: "0.000" });
    });
  }
  return cells;
}

/**
 * The share of each step's change paid today: on a fall where `falls` (an Excel condition, per step or for
 * all) holds, else on a rise. For a table, the share on a rise plus each two-sided rule part's difference where
 * a step it pays falls (one mention of each column, so the formula stays within Excel's length).
 */
export function paidWhere(rule: TodaysRule | null, steps: TableSteps | null, PAID: string, PAID_FALL: string, falls: string): string {
  if (!rule || !twoSided(rule)) return PAID;
  if (!steps) return `(${PAID}+(${PAID_FALL}-${PAID})*${falls})`;
  const parts = rule.parts
    .map((part, k) => ({ k, fall: changeShare(part.payment, false) - changeShare(part.payment, true) }))
    .filter((x) => x.fall !== 0)
    .map((x) => `${x.fall}*${steps.ruleCovers(x.k)}`);
  return `(${PAID}+${falls}*(${parts.join("+")}))`;
}

/** The share of each step's change paid today for a volume factor `f` (today's contracts set on today's activity). */
export function paidOnFor(rule: TodaysRule | null, steps: TableSteps | null, PAID: string, PAID_FALL: string): (f: string) => string {
  return (f) => (f === "0.9" ? PAID_FALL : f === "1.1" ? PAID : paidWhere(rule, steps, PAID, PAID_FALL, `(${f}<1)`));
}
