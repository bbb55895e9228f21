/**
 * The pathway by organisation (docs/design.md, "The economics behind the comparison"): which organisation delivers
 * each step, how each step's cost behaves when its activity moves in-year (a variable part that moves, a
 * fixed part that does not), and each organisation's activity value and cost in any state of activity.
 * Both go through PATHWAY_COST, so the comparison, the sheet's formulas and the functions agree.
 */
import { invalid } from "../rules/errors";
import { pathwayCost } from "../rules/formulas";

export const POINTS_OF_DELIVERY = [
  "elective",
  "non-elective",
  "urgent",
  "outpatient first",
  "outpatient procedure",
  "outpatient follow-up",
  "outpatient",
  "community",
  "primary care",
  "ambulance",
  "independent sector",
  "other",
] as const;
export type PointOfDelivery = (typeof POINTS_OF_DELIVERY)[number];

/**
 * How a step is paid today: by activity (price × MFF a unit), fixed (today's value whatever happens), or blended:
 * today's value plus `share` of the value of activity above today's and less `below` (default: `share`) of the
 * value of activity below it — the marginal rate emergency rule pays 30% above and deducts 100% below.
 */
export type PaymentToday = { kind: "activity" } | { kind: "fixed" } | { kind: "blended"; share: number; below?: number };

export type Setting = "hospital" | "community" | "primary" | "other";
export const SETTINGS: readonly Setting[] = ["hospital", "community", "primary", "other"];

export interface Step {
  name: string;
  setting: Setting;
  unitPrice: number;
  unitCost: number;
  volume: number;
  takeUp: number;
  /** The organisation that delivers the step; absent: the default organisation of its setting. */
  organisation?: string;
  /** Share of the unit cost that moves with activity in-year, 0..1; absent: the default of its setting. */
  variableShare?: number;
  /** Where the step is delivered, for how it is paid today (today.ts); absent: read from its setting. */
  pointOfDelivery?: PointOfDelivery;
  /** How the step is paid today; absent: the 2025/26 NHS Payment Scheme's default for its point of delivery. */
  paymentToday?: PaymentToday;
  /** The step's own signed change in volume when care moves (−0.3, +0.45); absent: its setting's rule. */
  volumeChange?: number;
  /** The market forces factor of the organisation that delivers it (each trust has its own); absent: stepMff's default. */
  mff?: number;
  /**
   * The activity planned for the year (units: spells, attendances, contacts), as the contract's activity plan or
   * IAP states it; today's fixed and blended payments are set on it (today.ts). Absent: today's activity.
   */
  plannedActivity?: number;
}

/** Where the pathway table names no organisation, one per setting (docs/design.md). */
export const DEFAULT_ORGANISATIONS: Record<Setting, string> = {
  hospital: "Acute trust",
  community: "Community provider",
  primary: "General practice",
  other: "Other providers",
};

/**
 * Default variable-cost shares by setting, each with its reason (shown in the panel and the README). They
 * apply to a step whose row gives no share of its own, and can be changed in the terms.
 */
export const VARIABLE_SHARE_DEFAULTS: Record<Setting, { share: number; reason: string }> = {
  hospital: {
    share: 0.5,
    reason:
      "NHS England's 2022/23 aligned payment and incentive design deducted 50% of price for elective activity below " +
      "baseline, reasoning that only variable costs and some staffing costs are avoided in-year (HFMA, 'API approach " +
      "proposed for 2022/23'); estates, established staff and overheads stay.",
  },
  community: {
    share: 0.8,
    reason:
      "community contacts are mostly staff time; extra visits need extra (bank or agency) hours, while bases, " +
      "management and travel are largely fixed.",
  },
  primary: {
    share: 0.8,
    reason: "appointments are mostly clinical sessions bought by the hour; premises and the practice team are fixed.",
  },
  other: {
    share: 1,
    reason: "activity bought per unit from other providers (independent sector, drugs, transport) costs as it is used.",
  },
};

export type VariableShares = Record<Setting, number>;

export const DEFAULT_VARIABLE_SHARES: VariableShares = {
  hospital: VARIABLE_SHARE_DEFAULTS.hospital.share,
  community: VARIABLE_SHARE_DEFAULTS.community.share,
  primary: VARIABLE_SHARE_DEFAULTS.primary.share,
  other: VARIABLE_SHARE_DEFAULTS.other.share,
};

/** A state of activity: every volume × `scale`, hospital volumes × (1 − shift), community × (1 + uplift). */
export interface Activity {
  scale: number;
  shift: number;
  uplift: number;
  /** The share of the care shift achieved (0 today, 1 after the whole shift): a step's own change moves by it. */
  achieved: number;
}

/** The pathway's activity as it stands: the state contracts are set on. */
export const CURRENT_ACTIVITY: Activity = { scale: 1, shift: 0, uplift: 0, achieved: 0 };

/**
 * The factor on a step's volume in a state of activity: the step's own change in volume where the pathway
 * table gives one (−30% of admissions, +45% of visits), by the share of the shift achieved; otherwise its
 * setting's rule (hospital − shift, community + uplift).
 */
export function volumeFactor(s: Step, a: Activity): number {
  if (s.volumeChange !== undefined) return a.scale * (1 + s.volumeChange * a.achieved);
  const setting = s.setting === "hospital" ? 1 - a.shift : s.setting === "community" ? 1 + a.uplift : 1;
  return a.scale * setting;
}

export function organisationOf(s: Step): string {
  return s.organisation ?? DEFAULT_ORGANISATIONS[s.setting];
}

/**
 * Organisations are told apart as Excel compares text: without regard to case ("PCN" and "pcn" are one), so
 * the written sheet's formulas, which match names with "=", group steps exactly as the engine does.
 */
const orgKey = (name: string): string => name.toLowerCase();

/**
 * The organisation of `orgs` a typed name means (a lead provider, a partner's weight, who bears a cost): names
 * matched as everywhere else, as Excel's TRIM leaves them and without regard to case; -1 when none is.
 */
export function findOrganisation(orgs: readonly string[], name: string): number {
  const key = orgKey(name.replace(/\s+/g, " ").trim());
  return orgs.findIndex((o) => orgKey(o) === key);
}

/** Each list of organisations' index by name (as orgKey), built once per list: a step's organisation in O(1). */
const INDEXES = new WeakMap<readonly string[], Map<string, number>>();

/** The index in `orgs` of the organisation that delivers a step. */
export function organisationIndex(orgs: readonly string[], s: Step): number {
  let index = INDEXES.get(orgs);
  if (!index) {
    index = new Map();
    for (let o = orgs.length - 1; o >= 0; o--) index.set(orgKey(orgs[o]), o); // the first of equal names wins, as findIndex
    INDEXES.set(orgs, index);
  }
  return index.get(orgKey(organisationOf(s))) ?? -1;
}

export function variableShareOf(s: Step, defaults: VariableShares): number {
  return s.variableShare ?? defaults[s.setting];
}

/**
 * A step's market forces factor: its own (the table's MFF column: each trust has its own), else the terms' MFF,
 * except for a primary care step, whose practice's or PCN's capitation carries no MFF unless one is typed
 * (NHS Payment Scheme MFFs apply to trusts' prices; the GP contract's global sum is not set by them).
 */
export function stepMff(s: Step, t: { mff: number }): number {
  return s.mff ?? (s.setting === "primary" ? 1 : t.mff);
}

/** The organisations of a pathway, in the order their first step appears, each spelt as there. */
export function organisationsOf(steps: readonly Step[]): string[] {
  const seen = new Map<string, string>();
  for (const s of steps) {
    const name = organisationOf(s);
    if (!seen.has(orgKey(name))) seen.set(orgKey(name), name);
  }
  return [...seen.values()];
}

export interface PathwayTerms {
  cohort: number;
  mff: number;
  variableShares: VariableShares;
}

/** Each organisation's activity value (unit prices × MFF) and cost in one state of activity. */
export interface OrganisationState {
  value: Float64Array;
  cost: Float64Array;
}

/**
 * Each organisation's activity value and cost in state `a`, in the order of `orgs`. Value is PATHWAY_COST at
 * unit prices with the MFF. Cost is PATHWAY_COST at unit costs on the volume the cost moves with: the
 * baseline volume plus the variable share of the change, so a step's cost is
 * unit_cost × take_up × cohort × (volume + variable_share × (volume_state − volume)). At today's activity it is
 * PATHWAY_COST at unit costs, whatever the shares.
 */
export function organisationState(steps: readonly Step[], orgs: readonly string[], t: PathwayTerms, a: Activity): OrganisationState {
  const value = new Float64Array(orgs.length);
  const cost = new Float64Array(orgs.length);
  // Steps grouped by organisation in one pass (O(steps + organisations), never steps × organisations).
  // (Only the organisations that have steps are visited: the sensitivity calls this for one step at a time.)
  const byOrg = new Map<number, Step[]>();
  for (const s of steps) {
    const o = organisationIndex(orgs, s);
    if (o < 0) continue;
    const own = byOrg.get(o);
    if (own) own.push(s);
    else byOrg.set(o, [s]);
  }
  byOrg.forEach((own, o) => {
    const takeUp = own.map((s) => [s.takeUp]);
    value[o] = pathwayCost(
      // Each step's price with its own MFF (stepMff), so the factor argument is 1.
      own.map((s) => [s.unitPrice * stepMff(s, t)]),
      own.map((s) => [s.volume * volumeFactor(s, a)]),
      takeUp,
      t.cohort,
      1,
    );
    cost[o] = pathwayCost(
      own.map((s) => [s.unitCost]),
      own.map((s) => [s.volume * (1 + variableShareOf(s, t.variableShares) * (volumeFactor(s, a) - 1))]),
      takeUp,
      t.cohort,
    );
  });
  return { value, cost };
}

/**
 * One step's activity value and cost in state `a`: its entry of organisationState([s], …), the same arithmetic
 * as PATHWAY_COST of one row (unit × volume × take-up, then × cohort × MFF), without the arrays. For a step's
 * inputs already checked (the sensitivity moves them within their ranges); tested equal to organisationState.
 */
export function stepState(s: Step, t: PathwayTerms, a: Activity): { value: number; cost: number } {
  const factor = volumeFactor(s, a);
  const value = s.unitPrice * stepMff(s, t) * (s.volume * factor) * s.takeUp * t.cohort * 1;
  const cost = s.unitCost * (s.volume * (1 + variableShareOf(s, t.variableShares) * (factor - 1))) * s.takeUp * t.cohort * 1;
  return { value, cost };
}

export function checkVariableShares(v: VariableShares): void {
  for (const s of SETTINGS) {
    const x = v[s];
    if (!(x >= 0 && x <= 1)) throw invalid(`variable-cost share for ${s}: expected a share from 0 to 1, got ${x}`);
  }
}

export const sum = (x: ArrayLike<number>): number => {
  let t = 0;
  for (let i = 0; i < x.length; i++) t += x[i];
  return t;
};
