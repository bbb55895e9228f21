/**
 * A pathway's steps from a worksheet range: columns found by header name (tolerant of case, spacing and
 * common synonyms, with an explicit mapping where they cannot be matched), every row checked with zod, and
 * every problem reported with the cell's address and what was expected.
 */
import * as z from "./schema";
import { isBlank } from "../rules/cells";
import { absoluteRange, offsetAddress, parseAddress } from "../rules/address";
import { areaAddress, fillMerged, type CellArea } from "./merged";
import { TERM_FIELDS } from "./terms";
import type { Setting, Step } from "../comparison/compare";
import { POINTS_OF_DELIVERY, readPaymentToday, readPointOfDelivery, type PaymentToday } from "../comparison/today";
import {
  describeColumns,
  FIELD_LABELS,
  matchHeaders,
  normaliseHeader,
  PATHWAY_FIELDS,
  type ColumnMap,
  type ColumnReading,
  type PathwayField,
} from "./columns";

const squashPod = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, "");

export { PATHWAY_FIELDS, FIELD_LABELS, normaliseHeader, matchHeaders, type PathwayField, type ColumnMap, type ColumnReading } from "./columns";

/**
 * Text as Excel's TRIM leaves it: no spaces at either end, and one space where there were several. The written
 * sheet compares organisations through TRIM, so the engine names them the same way ("Acute trust " and
 * "Acute  trust" are the acute trust in both).
 */
export function excelTrim(s: string): string {
  return s.replace(/ +/g, " ").replace(/^ | $/g, "");
}

export const SETTINGS: Record<string, Setting> = {
  hospital: "hospital",
  acute: "hospital",
  inpatient: "hospital",
  secondary: "hospital",
  community: "community",
  home: "community",
  primary: "primary",
  gp: "primary",
  primarycare: "primary",
  other: "other",
};

/**
 * Whether the written formulas read a table's setting cell as the engine does: they compare the text with its
 * spaces taken out (case aside, as Excel compares) against the engine's words, so "Primary care" and "GP" are
 * read alike, but a setting spelt with other punctuation ("primary-care"), which the engine also accepts, is
 * not. The panel then writes that table by address instead (excel/plan.ts tableSteps).
 */
export function sheetReadsSetting(raw: unknown): boolean {
  if (raw === null || raw === undefined || String(raw).trim() === "") return true;
  return Object.hasOwn(SETTINGS, String(raw).replace(/ /g, "").toLowerCase());
}

const share = (typeError: string, error = "expected a share from 0 to 1") =>
  z.number({ error: typeError }).check(z.minimum(0, { error }), z.maximum(1, { error }));
// zod 4's numbers are finite: Infinity and NaN fail as "expected a number". An amount beyond any budget (a
// unit price over £1bn, a volume over a million a patient) is a typing slip or a stray cell, refused before any
// sum can lose its digits or overflow.
const amount = (max: number, beyond: string) =>
  z.number({ error: "expected a number" }).check(z.minimum(0, { error: "expected a number of at least 0" }), z.maximum(max, { error: beyond }));
const money = amount(1e9, "expected at most £1,000,000,000 a unit");
const perPatient = amount(1e6, "expected at most 1,000,000 a patient");
/** Excel's error values, as a cell holding one reads ("#REF!"). */
const EXCEL_ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!|ERROR!)$/;
/** Names of the parties every comparison has besides the organisations: no organisation may take one. */
const PARTY_NAMES = ["commissioner", "system"];
/**
 * A name (a step's or an organisation's): text, never a number, TRUE or FALSE or an error value turned into one;
 * an organisation is never called what the comparison calls the commissioner or the system.
 */
const nameRead = (party: boolean) =>
  z.pipe(
    z.union([z.string(), z.number(), z.boolean()], { error: "expected a name (text)" }),
    z.transform((v: string | number | boolean, ctx) => {
      const problem =
        typeof v !== "string"
          ? "expected a name (text)"
          : EXCEL_ERROR.test(v.trim())
            ? "expected a name, got an error value (mend the formula)"
            : party && PARTY_NAMES.includes(v.trim().toLowerCase())
              ? `'${v.trim()}' is a party of every comparison, not an organisation of the pathway: name the organisation otherwise`
              : null;
      if (problem) ctx.issues.push({ code: "custom", message: problem, input: v });
      return String(v);
    }),
  );
/** A text cell read by `read`, which reports a problem (its message) by returning it in `problem`. */
const textRead = <T>(read: (t: string) => { value: T } | { problem: string }) =>
  z.pipe(
    z.string(),
    z.transform((s: string, ctx) => {
      const r = read(s);
      if ("problem" in r) ctx.issues.push({ code: "custom", message: r.problem, input: s });
      return "value" in r ? r.value : undefined;
    }),
  );
const MFF_FIELD = TERM_FIELDS.mff;
const rowSchema = z.object({
  step: nameRead(false),
  setting: textRead((s) => {
    const key = normaliseHeader(s) || "other";
    const v = Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined; // never an Object.prototype member ("constructor")
    return v ? { value: v } : { problem: "expected hospital, community, primary or other" };
  }),
  unitPrice: money,
  unitCost: money,
  volume: perPatient,
  takeUp: share("expected a number"),
  organisation: z.optional(nameRead(true)),
  variableShare: z.optional(share("expected a share from 0 to 1")),
  volumeChange: z.optional(
    z
      .number({ error: "expected a signed change such as -30% or +45%" })
      .check(z.minimum(-1, { error: "expected a change of at least −100%" }), z.maximum(100, { error: "expected a change of at most +10,000%" })),
  ),
  // A step's MFF within the same range as the mff term (one rule: terms.ts TERM_FIELDS.mff).
  mff: z.optional(
    z
      .number({ error: `expected ${MFF_FIELD.expected}` })
      .check(
        z.minimum(MFF_FIELD.min, { error: `expected ${MFF_FIELD.expected}` }),
        z.maximum(MFF_FIELD.max, { error: `expected ${MFF_FIELD.expected}` }),
      ),
  ),
  plannedActivity: z.optional(
    z
      .number({ error: "expected the activity planned for the year (a number of spells, attendances or contacts, at least 0)" })
      .check(
        z.minimum(0, { error: "expected the activity planned for the year, at least 0" }),
        z.maximum(1e9, { error: "expected the activity planned for the year, at most 1,000,000,000" }),
      ),
  ),
  pointOfDelivery: z.optional(
    textRead((t) => {
      const pod = readPointOfDelivery(t);
      return pod ? { value: pod } : { problem: `expected ${POINTS_OF_DELIVERY.join(", ")} (or NEL, EL, A&E, SDEC, OP …)` };
    }),
  ),
  paymentToday: z.optional(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v: string | number, ctx): PaymentToday | undefined => {
        const p = readPaymentToday(v);
        if ("problem" in p) {
          ctx.issues.push({ code: "custom", message: p.problem.replace(/, got .*$/, ""), input: v });
          return undefined;
        }
        return p;
      }),
    ),
  ),
});

export interface Problem {
  /** Which input: "pathway", "cohort", a term's name. */
  input: string;
  /** Sheet address of the cell, where there is one. */
  address?: string;
  message: string;
}

export interface PathwayTable {
  steps: Step[];
  /** The data rows' columns as absolute addresses, for live formulas (absent: field not in the table). */
  columns: Partial<Record<PathwayField, string>>;
  rows: number;
  /** The table row (0-based, below the header) each step was read from; blank rows hold no step. */
  stepRows: number[];
  problems: Problem[];
  /** What was read that a reader should be told (NHS spellings of points of delivery, as read). */
  notes?: string[];
  /** Every column of the table: as what it was read, or not read (with the nearest field). */
  columnsRead: ColumnReading[];
  /** For a field whose cells were merged down rows: each filled row (from 0, below the header) and the row it reads from. */
  mergedFrom?: Partial<Record<PathwayField, Record<number, number>>>;
}

/** Columns the written sheet reads whole (ranges in its sums): never filled from a merged area. */
const WHOLE_COLUMNS: readonly PathwayField[] = ["unitPrice", "unitCost", "volume", "takeUp"];

/** A name cell as the schema reads it: blank is none; text as typed (or as Excel's TRIM leaves it); anything else as it is, to be refused. */
function nameCell(v: unknown, trim = true): string | number | boolean | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v === "string") return trim ? excelTrim(v) : v;
  return v as number | boolean;
}

function cellNumber(v: unknown): unknown {
  if (typeof v === "string" && /^\s*[-+]?\d+(\.\d+)?\s*%\s*$/.test(v)) return Number(v.trim().slice(0, -1)) / 100;
  return v;
}

/**
 * Read a pathway table whose first row is headers. `address` is the range's sheet address (for messages and
 * formulas); `mapping` overrides header matching (field → column index).
 */
export function readPathwayTable(
  typed: unknown[][],
  address: string,
  mapping: ColumnMap = {},
  /** The range's merged areas (relative to it): each cell of one reads as its top-left (merged.ts). */
  merged: readonly CellArea[] = [],
): PathwayTable & { missing: PathwayField[]; headers: string[]; fields: ColumnMap } {
  const { values, from } = fillMerged(typed, merged);
  const headers = (values[0] ?? []).map((h) => String(h ?? ""));
  const matched = matchHeaders(values[0] ?? []);
  const map: ColumnMap = { ...matched.map, ...mapping };
  const missing = matched.missing.filter((f) => mapping[f] === undefined);
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const problems: Problem[] = [];
  const steps: Step[] = [];
  const stepRows: number[] = [];
  const spellings = new Map<string, string>(); // a point of delivery as typed ("NEL") → as read ("non-elective")
  const body = values.slice(1);
  let last = body.length;
  while (last > 0 && body[last - 1].every(isBlank)) last--;
  if (values.length === 0) problems.push({ input: "pathway", address, message: "the range is empty; select the steps table with its header row" });
  for (const f of missing) {
    const twins = matched.ambiguous[f];
    const message = twins
      ? `${twins.length} columns match ${FIELD_LABELS[f]} (${twins.map((i) => `'${headers[i]}'`).join(", ")}): choose one below`
      : `no column for ${FIELD_LABELS[f]}: map one below`;
    problems.push({ input: "pathway", address, message });
  }
  if (missing.length === 0 && last === 0) problems.push({ input: "pathway", address, message: "no steps below the header row" });
  // A merged area in a column read whole by the written sheet's formulas is refused; elsewhere it is read per row.
  for (const a of merged) {
    const whole = WHOLE_COLUMNS.filter((f) => map[f] !== undefined && (map[f] as number) >= a.c0 && (map[f] as number) <= a.c1 && a.r1 > 0);
    for (const f of whole)
      problems.push({
        input: "pathway",
        address: areaAddress(ref, a),
        message: `${FIELD_LABELS[f]}: merged cells (${areaAddress(ref, a)}); unmerge them and give each row its own value`,
      });
  }
  const mergedFrom: Partial<Record<PathwayField, Record<number, number>>> = {};
  for (const [key, top] of from) {
    const [r, c] = key.split(",").map(Number);
    const f = PATHWAY_FIELDS.find((x) => map[x] === c);
    if (f !== undefined && r > 0) (mergedFrom[f] ??= {})[r - 1] = top - 1;
  }
  if (missing.length === 0) {
    for (let r = 0; r < last; r++) {
      const row = body[r];
      if (row.every(isBlank)) continue;
      const get = (f: PathwayField): unknown => (map[f] === undefined ? undefined : row[map[f] as number]);
      const raw = {
        step: nameCell(get("step"), false) ?? `Step ${r + 1}`,
        setting: isBlank(get("setting")) ? "other" : String(get("setting")),
        unitPrice: cellNumber(get("unitPrice")),
        unitCost: cellNumber(get("unitCost")),
        volume: cellNumber(get("volume")),
        takeUp: map.takeUp === undefined ? 1 : cellNumber(get("takeUp")),
        // Blank: the organisation of the setting, and the terms' variable share for the setting.
        organisation: nameCell(get("organisation")),
        variableShare: isBlank(get("variableShare")) ? undefined : cellNumber(get("variableShare")),
        pointOfDelivery: isBlank(get("pointOfDelivery")) ? undefined : String(get("pointOfDelivery")).trim(),
        paymentToday: isBlank(get("paymentToday")) ? undefined : (get("paymentToday") as string | number),
        volumeChange: isBlank(get("volumeChange")) ? undefined : cellNumber(get("volumeChange")),
        mff: isBlank(get("mff")) ? undefined : cellNumber(get("mff")),
        plannedActivity: isBlank(get("plannedActivity")) ? undefined : cellNumber(get("plannedActivity")),
      };
      const parsed = rowSchema.safeParse(raw);
      if (parsed.success) {
        const { step, organisation, variableShare, pointOfDelivery, paymentToday, volumeChange, mff, plannedActivity, ...rest } = parsed.data;
        stepRows.push(r);
        if (pointOfDelivery !== undefined && raw.pointOfDelivery !== undefined && squashPod(raw.pointOfDelivery) !== squashPod(pointOfDelivery))
          spellings.set(raw.pointOfDelivery, pointOfDelivery);
        steps.push({
          name: step,
          ...rest,
          ...(organisation !== undefined ? { organisation } : {}),
          ...(variableShare !== undefined ? { variableShare } : {}),
          ...(pointOfDelivery !== undefined ? { pointOfDelivery } : {}),
          ...(paymentToday !== undefined ? { paymentToday } : {}),
          ...(volumeChange !== undefined ? { volumeChange } : {}),
          ...(mff !== undefined ? { mff } : {}),
          ...(plannedActivity !== undefined ? { plannedActivity } : {}),
        } as Step);
      } else {
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] as PathwayField;
          const got = raw[field];
          const shown = isBlank(got)
            ? "a blank cell"
            : typeof got === "string"
              ? `'${got}'`
              : typeof got === "boolean"
                ? String(got).toUpperCase()
                : String(got);
          problems.push({
            input: "pathway",
            address: offsetAddress(ref, r + 1, map[field] ?? 0),
            message: `${FIELD_LABELS[field]}, row ${r + 1}: ${issue.message}, got ${shown}`,
          });
        }
      }
    }
  }
  const columns: Partial<Record<PathwayField, string>> = {};
  for (const f of PATHWAY_FIELDS) {
    const c = map[f];
    if (c !== undefined && last > 0) columns[f] = absoluteRange(ref, 1, c, last, 1);
  }
  const notes = spellings.size ? [`Point of delivery read: ${[...spellings].map(([typed, read]) => `'${typed}' as ${read}`).join(", ")}.`] : [];
  const columnsRead = describeColumns(headers, map, (c) => body.some((row) => !isBlank(row[c])));
  if (from.size > 0)
    notes.push(
      `Merged cells read for every row they cover: ${merged
        .filter((a) => a.r1 > a.r0 || a.c1 > a.c0)
        .map((a) => `${areaAddress(ref, a)} as '${String(values[a.r0]?.[a.c0] ?? "")}'`)
        .join(", ")}.`,
    );
  return { steps, columns, rows: last, stepRows, problems, missing, headers, fields: map, notes, columnsRead, mergedFrom };
}

/** Year-of-care tiers read from a worksheet range: patients and weight per tier, with their columns' addresses. */
export interface TiersTable {
  counts: number[];
  weights: number[];
  /** Absolute addresses of the counts and weights (no header), for live formulas. */
  columns: { counts: string; weights: string } | null;
  problems: Problem[];
}

/**
 * Year-of-care tiers from a range of two columns — patients in the tier, then the tier's weight — with an
 * optional header row (text in its first row). Every cell is checked; blank trailing rows are ignored.
 */
export function readTiers(values: unknown[][], address: string): TiersTable {
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const problems: Problem[] = [];
  if (values.length === 0 || (values[0]?.length ?? 0) !== 2) {
    problems.push({ input: "tiers", address, message: "expected two columns: patients in each tier, then the tier's weight" });
    return { counts: [], weights: [], columns: null, problems };
  }
  // A header row: text (not numbers) in both of its cells.
  const header = values[0].every((v) => typeof v === "string" && !isBlank(v) && Number.isNaN(Number(cellNumber(v))));
  const body = values.slice(header ? 1 : 0);
  let last = body.length;
  while (last > 0 && body[last - 1].every(isBlank)) last--;
  const counts: number[] = [];
  const weights: number[] = [];
  const check = (v: unknown, r: number, c: number, what: string): number => {
    const x = cellNumber(v);
    if (typeof x === "number" && Number.isFinite(x) && x >= 0) return x;
    const shown = isBlank(v) ? "a blank cell" : typeof v === "string" ? `'${v}'` : String(v);
    problems.push({
      input: "tiers",
      address: offsetAddress(ref, r + (header ? 1 : 0), c),
      message: `${what}, tier ${r + 1}: expected a number of at least 0, got ${shown}`,
    });
    return 0;
  };
  for (let r = 0; r < last; r++) {
    counts.push(check(body[r][0], r, 0, "Patients"));
    weights.push(check(body[r][1], r, 1, "Weight"));
  }
  if (last === 0) problems.push({ input: "tiers", address, message: "no tiers: expected at least one row of patients and weight" });
  const top = header ? 1 : 0;
  const columns = last > 0 ? { counts: absoluteRange(ref, top, 0, last, 1), weights: absoluteRange(ref, top, 1, last, 1) } : null;
  return { counts, weights, columns, problems };
}
