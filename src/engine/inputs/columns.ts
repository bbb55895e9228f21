/**
 * Which column of a pathway table is read as which field, and what is said of every other column.
 *
 * A header is read as a field when it is one of the field's names (case, spaces, punctuation and currency signs
 * aside), or one of them followed only by a year ("Unit price 2025/26"). A header that merely begins like a
 * name is not read: "Change vs 2024/25" (last year's price change) is no change in volume, "Share of spend" no
 * take-up, "Cost centre" no unit cost. A person's own mapping (`--columns "Shift %=Change in volume"`, the
 * pane's "Match the columns") wins over the names. Every header is reported: read as a field, or not read, with
 * the nearest field's name so the person can map it.
 */

export const PATHWAY_FIELDS = [
  "step",
  "setting",
  "unitPrice",
  "unitCost",
  "volume",
  "takeUp",
  "organisation",
  "variableShare",
  "pointOfDelivery",
  "paymentToday",
  "volumeChange",
  "mff",
  "plannedActivity",
] as const;
export type PathwayField = (typeof PATHWAY_FIELDS)[number];

export const FIELD_LABELS: Record<PathwayField, string> = {
  step: "Step",
  setting: "Setting",
  unitPrice: "Unit price £",
  unitCost: "Unit cost £",
  volume: "Volume per patient",
  takeUp: "Take-up",
  organisation: "Organisation",
  variableShare: "Variable cost share",
  pointOfDelivery: "Point of delivery",
  paymentToday: "Payment today",
  volumeChange: "Change in volume",
  mff: "MFF",
  plannedActivity: "Planned activity",
};

/** The headers read as each field, after normaliseHeader. */
const SYNONYMS: Record<PathwayField, readonly string[]> = {
  step: ["step", "stepname", "activity", "item", "description", "name", "serviceline", "service", "pathwaystep", "stepdescription"],
  setting: ["setting", "location", "place", "caresetting", "site"],
  unitPrice: ["unitprice", "price", "tariff", "tariffprice", "unittariff", "priceperunit", "nationalprice"],
  unitCost: ["unitcost", "cost", "costperunit", "referencecost", "plicscost"],
  volume: ["volumeperpatient", "volume", "units", "unitsperpatient", "quantity", "activityperpatient", "contacts"],
  takeUp: ["takeup", "uptake", "share", "proportion", "percentagetaking", "takeuprate", "probability"],
  organisation: ["organisation", "organization", "provider", "trust", "org", "deliveredby", "providerorganisation", "body"],
  variableShare: ["variableshare", "variable", "variablecostshare", "variablecost", "marginalcostshare", "marginalcost", "variableproportion"],
  pointOfDelivery: ["pointofdelivery", "pod", "activitytype"],
  paymentToday: ["paymenttoday", "todayspayment", "currentpayment"],
  volumeChange: ["changeinvolume", "volumechange", "change"],
  mff: ["mff", "marketforcesfactor", "marketforces", "mffindex", "trustmff"],
  plannedActivity: ["plannedactivity", "plan", "iap", "indicativeactivityplan", "activityplan", "plannedvolume", "planned"],
};

/**
 * Words that point towards a field without being read as it (their meaning or sign is not certain): used only to
 * name the nearest field of a header that is not read, so the person can map it if it is meant.
 */
const HINTS: Partial<Record<PathwayField, readonly string[]>> = {
  volumeChange: ["shift", "plannedchange", "changeinactivity", "growth", "reduction", "activitychange"],
  paymentToday: ["paymentmechanism", "contracttype", "mechanism", "contract", "currency"],
  unitPrice: ["pricechange", "tariffuplift"],
  takeUp: ["shareofspend", "percentage"],
  pointOfDelivery: ["delivery", "podcode", "activitycategory"],
  organisation: ["providername", "costcentre", "department"],
};

/** "Unit price (£)" → "unitprice": case, spaces, punctuation and currency signs do not matter. */
export function normaliseHeader(h: unknown): string {
  return String(h ?? "")
    .toLowerCase()
    .replace(/[£$€%()[\]{}.,:;_\-\s/\\'"]/g, "");
}

export type ColumnMap = Partial<Record<PathwayField, number>>;

/** A name followed only by a year or a number ("unitprice202526") is the name; anything else after it is not. */
const readsAs = (header: string, name: string): boolean => header === name || (header.startsWith(name) && /^\d+$/.test(header.slice(name.length)));

/**
 * Match headers to fields. A field left out — required and unmatched, or matched by two or more columns
 * ("Unit price" and "Price") — needs a mapping from the person: a duplicate is never resolved silently.
 */
export function matchHeaders(headers: readonly unknown[]): {
  map: ColumnMap;
  missing: PathwayField[];
  ambiguous: Partial<Record<PathwayField, number[]>>;
} {
  const norm = headers.map(normaliseHeader);
  const map: ColumnMap = {};
  const ambiguous: Partial<Record<PathwayField, number[]>> = {};
  for (const field of PATHWAY_FIELDS) {
    const found = norm.flatMap((h, i) => (h.length > 0 && SYNONYMS[field].some((n) => readsAs(h, n)) ? [i] : []));
    if (found.length === 1) map[field] = found[0];
    else if (found.length > 1) ambiguous[field] = found;
  }
  const missing = PATHWAY_FIELDS.filter((f) => map[f] === undefined && (!OPTIONAL_FIELDS.includes(f) || ambiguous[f] !== undefined));
  return { map, missing, ambiguous };
}

/** Fields every table must have: what each step costs and is paid, and how often it happens. */
const REQUIRED_FIELDS: readonly PathwayField[] = ["unitPrice", "unitCost", "volume"];

/**
 * Fields a table may leave out: take-up (100%), setting ("other"), step name ("Step n"), organisation (one
 * per setting), variable cost share (the terms' default for the setting), today's payment's columns, the MFF.
 */
export const OPTIONAL_FIELDS: readonly PathwayField[] = PATHWAY_FIELDS.filter((f) => !REQUIRED_FIELDS.includes(f));

/** Edit distance (insertions, deletions, substitutions), for naming the nearest field of a header not read. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The field whose name a header not read is nearest: one of the field's names or hints inside it (or it inside
 * one), else the closest spelling; null when nothing is near (a third of the letters or more to change).
 */
export function nearestField(header: string): PathwayField | null {
  const h = normaliseHeader(header);
  if (h.length === 0) return null;
  let best: { field: PathwayField; score: number } | null = null;
  for (const field of PATHWAY_FIELDS) {
    for (const name of [...SYNONYMS[field], ...(HINTS[field] ?? []), normaliseHeader(FIELD_LABELS[field])]) {
      const within = name.length >= 4 && (h.includes(name) || name.includes(h));
      // A name within the header scores by how much of the header it covers; a spelling by its edits.
      const score = within
        ? 0.5 - Math.min(name.length, h.length) / Math.max(name.length, h.length) / 2
        : distance(h, name) / Math.max(h.length, name.length);
      if (best === null || score < best.score) best = { field, score };
    }
  }
  return best !== null && best.score <= 0.34 ? best.field : null;
}

/** A field by the name a person types: its label ("Change in volume"), its key ("volumeChange") or a header it reads. */
export function fieldNamed(text: string): PathwayField | null {
  const n = normaliseHeader(text);
  return (
    PATHWAY_FIELDS.find((f) => normaliseHeader(FIELD_LABELS[f]) === n || f.toLowerCase() === n) ??
    PATHWAY_FIELDS.find((f) => SYNONYMS[f].includes(n)) ??
    null
  );
}

/**
 * Mappings as typed ("Shift %=Change in volume", one per --columns), against the table's headers: the header
 * found as typed (case and spacing aside), the field by its label, key or a name it reads. A header or field not
 * found, or a field mapped twice, is a problem naming it.
 */
export function parseColumnMappings(specs: readonly string[], headers: readonly string[]): { map: ColumnMap } | { problem: string } {
  const map: ColumnMap = {};
  const known = headers.map((h) => h.trim().toLowerCase().replace(/\s+/g, " "));
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq <= 0 || eq === spec.length - 1) return { problem: `--columns: expected "header=field" (e.g. "Shift %=Change in volume"), got '${spec}'` };
    const header = spec.slice(0, eq).trim();
    const fieldText = spec.slice(eq + 1).trim();
    const at = known.indexOf(header.toLowerCase().replace(/\s+/g, " "));
    if (at < 0)
      return { problem: `--columns ${spec}: the table has no column headed '${header}'; its headers are ${headers.map((h) => `'${h}'`).join(", ")}` };
    const field = fieldNamed(fieldText);
    if (field === null)
      return {
        problem: `--columns ${spec}: '${fieldText}' is not a field; expected one of ${PATHWAY_FIELDS.map((f) => FIELD_LABELS[f]).join(", ")}`,
      };
    if (map[field] !== undefined && map[field] !== at)
      return { problem: `--columns: ${FIELD_LABELS[field]} is mapped twice ('${headers[map[field] as number]}' and '${headers[at]}'); map it once` };
    map[field] = at;
  }
  return { map };
}

/** One column as the comparison read it: its header, the field it was read as (null: not read), and the nearest field where not read. */
export interface ColumnReading {
  /** The column's place in the table, from 0. */
  column: number;
  header: string;
  readAs: string | null;
  nearest?: string | null;
}

/**
 * Every column of the table, read or not: a column with neither a header nor any value is left out (a spare
 * column of the range); a column without a header but with values is named by its position.
 */
export function describeColumns(headers: readonly string[], map: ColumnMap, hasValues: (col: number) => boolean): ColumnReading[] {
  const fieldAt = new Map<number, PathwayField>();
  for (const f of PATHWAY_FIELDS) if (map[f] !== undefined) fieldAt.set(map[f] as number, f);
  return headers.flatMap((raw, i): ColumnReading[] => {
    const header = raw.trim() === "" ? `Column ${i + 1} (no header)` : raw;
    const field = fieldAt.get(i);
    if (field !== undefined) return [{ column: i, header, readAs: FIELD_LABELS[field] }];
    if (raw.trim() === "" && !hasValues(i)) return [];
    const near = nearestField(raw);
    return [{ column: i, header, readAs: null, nearest: near === null ? null : FIELD_LABELS[near] }];
  });
}

/** The columns in words: as what each was read, and each not read with its nearest field. */
export function columnsNotes(columns: readonly ColumnReading[]): string[] {
  const read = columns.filter((c) => c.readAs !== null);
  const unread = columns.filter((c) => c.readAs === null);
  const notes = [`Columns read: ${read.map((c) => (c.header === c.readAs ? `'${c.header}'` : `'${c.header}' as ${c.readAs}`)).join(", ")}.`];
  if (unread.length > 0)
    notes.push(
      `Columns not read (map one to a field to read it): ${unread
        .map((c) => `'${c.header}' (${c.nearest ? `nearest: ${c.nearest}` : "no field is near"})`)
        .join(", ")}.`,
    );
  return notes;
}
