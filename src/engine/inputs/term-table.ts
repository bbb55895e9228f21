/**
 * The comparison's terms, one row each: the one table the pane's form, `pay compare --help` and `--term`, the
 * written sheet's terms section, the key assumptions and the sensitivity all read. A new term is a row here plus
 * its rule (where the settlement reads it) — docs/developing.md, "Adding a term".
 *
 * The order is each reader's: the form, the help and the sheet list the rows they show in this order, and the
 * sensitivity moves its drivers in it (a tie in a driver's swing keeps this order).
 */
import { VARIABLE_SHARE_DEFAULTS, type Setting } from "../comparison/organisations";

/** How a field's number may be typed: a share may be a percentage ("20%"); an amount may carry "£". */
export type NumberKind = "share" | "amount" | "count";

/**
 * What a reader does with a driver: an `uncertain` one may turn out differently (volumes, take-up, costs, the
 * share of the shift achieved, cost behaviour, quality achieved); a `negotiated` one is set in the contract
 * (prices, rates, thresholds, shares). A nationally published constant (the MFF) is neither: it is left out
 * unless asked for (SensitivityOptions.includeMff).
 */
export type DriverGroup = "uncertain" | "negotiated" | "published";

export const DRIVER_GROUP_NAMES: Record<DriverGroup, string> = {
  uncertain: "What may turn out differently",
  negotiated: "What is negotiated",
  published: "Published constants",
};

/** How the sensitivity moves a term: money by ±relative, a share by ±points within 0 to 1, an uplift by ±points. */
export interface TermDriver {
  group: DriverGroup;
  move: "relative" | "share" | "uplift";
  /** Its label among the drivers, where not the form's. */
  label?: string;
}

/** A term typed as one number. */
export interface NumberTerm {
  key: string;
  kind: NumberKind;
  min: number;
  max: number;
  /** The range in words, where "from min to max" would not tell an analyst enough. */
  expected?: string;
  /** Blank means "none" (null): the model's default from today's figures. Otherwise blank takes `default`. */
  optional?: boolean;
  /** As typed when nothing is ("": none). */
  default: string;
  /** The pane's field. */
  label: string;
  /** In a message naming the term, and in `pay compare --help`. */
  short: string;
  /** The pane's hint under the field. */
  help: string;
  /** Where the typed number goes: a comparison input of its own name, a setting's variable cost share, or today's rule. */
  goes: "input" | "variableShare" | "rule";
  /** A variable cost share's setting (goes: "variableShare"): the one place its key and its setting are tied. */
  setting?: Setting;
  /** Its row in the written sheet's terms (its label there, where not the form's); null: not among them. */
  sheet?: { label?: string } | null;
  driver: TermDriver | null;
}

/** A term given as something other than one number: a name, a list, a range, an amount or a share. */
export interface OtherTerm {
  key: string;
  /** `pay compare --help`'s lines for it (null: given otherwise than by --term, as the partners are). */
  cli: readonly string[] | null;
  sheet?: { label: string } | null;
  driver: TermDriver | null;
}

export type TermRow = NumberTerm | OtherTerm;

export const isNumberTerm = (t: TermRow): t is NumberTerm => "kind" in t;

const MONEY_MAX = 1e12; // £1 trillion: more than the whole NHS budget, so a larger figure is a typing slip

/** A term's row, its key kept as a literal so the typed terms' shape follows the table (terms.ts Terms). */
type Keyed<K extends string> = NumberTerm & { key: K };
const share = <K extends string>(
  key: K,
  short: string,
  label: string,
  help: string,
  def: string,
  driver: TermDriver | null,
  rest: Partial<NumberTerm> = {},
) => ({ key, kind: "share", min: 0, max: 1, default: def, label, short, help, goes: "input", driver, ...rest }) as Keyed<K>;
/** An amount left blank for "at today's value", with its labels on the sheet and among the drivers. */
const money = <K extends string>(key: K, short: string, label: string, help: string, labels: { sheet: string; driver: string }) =>
  ({
    key,
    kind: "amount",
    min: 0,
    max: MONEY_MAX,
    optional: true,
    default: "",
    label,
    short,
    help,
    goes: "input",
    sheet: { label: labels.sheet },
    driver: { group: "negotiated", move: "relative", label: labels.driver },
  }) as Keyed<K>;
const variableShare = <S extends Setting>(setting: S, steps: string): Keyed<`variableShare${Capitalize<S>}`> => ({
  key: `variableShare${setting[0].toUpperCase()}${setting.slice(1)}` as `variableShare${Capitalize<S>}`,
  kind: "share",
  min: 0,
  max: 1,
  default: `${VARIABLE_SHARE_DEFAULTS[setting].share * 100}%`,
  label: `Variable cost share: ${steps}`,
  short: `Variable cost share, ${setting}`,
  help: `default ${VARIABLE_SHARE_DEFAULTS[setting].share * 100}%: ${VARIABLE_SHARE_DEFAULTS[setting].reason}`,
  goes: "variableShare",
  setting,
  sheet: { label: `Variable cost share: ${setting}` },
  driver: { group: "uncertain", move: "share", label: `Variable cost share: ${setting}` },
});
const NEGOTIATED_SHARE: TermDriver = { group: "negotiated", move: "share" };

export const TERM_TABLE = [
  {
    key: "mff" as const,
    kind: "amount",
    min: 0.5,
    max: 2,
    expected: "a market forces factor from 0.5 to 2 (NHS Payment Scheme factors lie between about 0.9 and 1.3)",
    default: "1",
    label: "Market forces factor",
    short: "MFF",
    help: "e.g. 1.03, or the cell (or name) that holds it — as for every term",
    goes: "input",
    driver: { group: "published", move: "relative" },
  } as Keyed<"mff">,
  money("blockValue", "Block value", "Block contract value £", "blank: today's activity value", {
    sheet: "Block contract value",
    driver: "Block contract value",
  }),
  share(
    "blendedVariableRate",
    "Variable rate",
    "Blended: rate above baseline",
    "share of prices paid for activity above baseline",
    "50%",
    NEGOTIATED_SHARE,
    {
      sheet: { label: "Blended: rate paid above baseline" },
    },
  ),
  share(
    "blendedRateBelow",
    "Rate below baseline",
    "Blended: rate below baseline",
    "share of prices deducted below baseline; blank: the rate above",
    "",
    NEGOTIATED_SHARE,
    {
      optional: true,
      sheet: { label: "Blended: rate deducted below baseline" },
    },
  ),
  money("bundlePrice", "Bundle price", "Bundle price per patient £", "blank: today's price per patient", {
    sheet: "Bundle price per patient",
    driver: "Bundle price per patient",
  }),
  share("stopGain", "Stop-gain", "Bundle stop-gain", "fraction of target", "10%", NEGOTIATED_SHARE),
  share("stopLoss", "Stop-loss", "Bundle stop-loss", "fraction of target", "10%", NEGOTIATED_SHARE),
  money("capitationRate", "Capitation per patient", "Capitation £ per patient", "blank: today's payment per patient", {
    sheet: "Capitation per patient",
    driver: "Capitation rate",
  }),
  {
    key: "corridorThresholds" as const,
    cli: ["risk-share corridor: thresholds, as fractions of budget, e.g. 0,3%,8% (or a range)"],
    driver: { group: "negotiated", move: "relative", label: "Risk-share thresholds (all, scaled)" },
  },
  {
    key: "corridorShares" as const,
    cli: [
      "the commissioner's shares: one list for both directions, e.g. 0,50%,80% (or a range;",
      "a second column or row of a range is the underspend share, as PAY.RISK_SHARE reads it)",
    ],
    driver: { group: "negotiated", move: "uplift", label: "Risk-share commissioner shares (all)" },
  },
  share("gainShareRate", "Providers' share of saving", "Gain share: providers' share", "of the saving", "50%", NEGOTIATED_SHARE),
  // A single holder's partners (the organisations table): each one's margin on cost and VAT-bearing share, as drivers.
  { key: "partners" as const, cli: null, driver: { group: "negotiated", move: "share" } },
  share("shiftShare", "Hospital activity avoided", "Care shift: hospital activity avoided", "e.g. 20%", "20%", { group: "uncertain", move: "share" }),
  {
    ...share("shiftCommunityUplift", "Community activity added", "Care shift: community activity added", "e.g. 20%", "20%", {
      group: "uncertain",
      move: "uplift",
    }),
    max: 10,
    expected: "a share from 0% to 1,000%",
  },
  variableShare("hospital", "hospital steps"),
  variableShare("community", "community steps"),
  variableShare("primary", "primary care steps"),
  variableShare("other", "other steps"),
  {
    key: "holder" as const,
    cli: ["who holds a bundle or a capitated budget: lead (default) or alliance"],
    sheet: { label: "Holder of bundle and budgets (lead or alliance)" },
    driver: null,
  },
  {
    key: "leadProvider" as const,
    cli: ["the lead provider, by name (default: the largest baseline value)"],
    sheet: { label: "Lead provider" },
    driver: null,
  },
  share(
    "qualityShare",
    "Quality element: share held back",
    "Quality element: share of payment held back",
    "CQUIN-style, earned on achievement; e.g. 1.25% (0: none)",
    "0%",
    { group: "negotiated", move: "share", label: "Quality element: share held back" },
  ),
  share(
    "qualityAchievement",
    "Quality element: achievement",
    "Quality element: achievement",
    "share of the quality indicators achieved, e.g. 80%",
    "100%",
    {
      group: "uncertain",
      move: "share",
    },
  ),
  share(
    "aboveIAP",
    "Paid above the activity plan",
    "2026/27: elective paid above plan",
    "share of unit prices paid above the indicative activity plan (agreed locally)",
    "100%",
    null,
    { goes: "rule", sheet: null },
  ),
  { key: "partnerWeights" as const, cli: ['alliance and gain-share weights, e.g. "Acute trust:3,PCN:1" (default: baseline cost)'], driver: null },
  {
    key: "capitationTiers" as const,
    cli: [
      "year-of-care tiers for the capitated budget: a range of two columns, patients",
      "and weight per tier (capitationRate is then £ per weighted patient)",
    ],
    driver: null,
  },
  { key: "managementFee" as const, cli: ["a single holder's management fee: a share of its budget (2%) or £ (default none)"], driver: null },
  { key: "riskReserve" as const, cli: ["its risk reserve: a share (1.5%), £, or auto (sized from --risk's bad year)"], driver: null },
] satisfies readonly TermRow[];

/** The key of each term. */
export type TermTableKey = (typeof TERM_TABLE)[number]["key"];
/** The key of each term typed as one number. */
export type NumberTermKey = Extract<(typeof TERM_TABLE)[number], NumberTerm>["key"];
const ROWS: readonly TermRow[] = TERM_TABLE;

/** A number term's default as the comparison takes it: "" is none (null), "20%" is 0.2, "1" is 1. */
export function defaultValue(t: NumberTerm): number | null {
  const d = t.default.trim();
  if (d === "") return null;
  return d.endsWith("%") ? Number(d.slice(0, -1)) / 100 : Number(d);
}

/** The terms typed as one number, in the table's order. */
export const NUMBER_TERMS = ROWS.filter(isNumberTerm) as readonly Keyed<NumberTermKey>[];

/** The written sheet's terms, in order: the cohort first, then each term with a row (by key; never by position). */
export const SHEET_TERMS: readonly string[] = ["cohort", ...ROWS.filter((t) => (isNumberTerm(t) ? t.sheet !== null : t.sheet)).map((t) => t.key)];

/** A term's row in the written sheet's terms: its label there. */
export function sheetLabel(key: string): string {
  const t = ROWS.find((x) => x.key === key);
  if (!t) throw new Error(`no term '${key}'`);
  return isNumberTerm(t) ? (t.sheet?.label ?? t.label) : (t.sheet?.label ?? key);
}
