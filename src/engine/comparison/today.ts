/**
 * Today's contracts (docs/design.md, "Today's contracts: the baseline every proposal is measured against"): how
 * each step is paid now — by activity, fixed, or blended (today's value plus a share of the value of any
 * change) — from its point of delivery and payment today; each organisation's income in every state under
 * those payments; and every model against it: switch (the proposal at today's activity − today's contracts),
 * shift (the proposal after the care shift − at today's activity) and total.
 */
import { invalid } from "../rules/errors";
import {
  CURRENT_ACTIVITY,
  organisationState,
  POINTS_OF_DELIVERY,
  volumeFactor,
  type Activity,
  type PathwayTerms,
  type PaymentToday,
  type PointOfDelivery,
  type Setting,
  type Step,
} from "./organisations";

/** A step's point of delivery and payment today are part of its shape (organisations.ts, beside Step). */
export { POINTS_OF_DELIVERY, type PaymentToday, type PointOfDelivery };

/**
 * Spellings and codes NHS workbooks use, after squash (lower case, & as "and", only letters and digits left). A
 * point of delivery is read only when the whole cell is one of them: never by a part of a word ("Aerobic" is no
 * A&E). The codes are the NHS Payment Scheme's and SUS's: NELST, NELNE and NELXBD non-elective; OPFASPCL and its
 * kin first attendances, OPFUPSPCL (or OPFUSPCL) and kin follow-ups, OPPROC procedures; ELIP and ELDC elective.
 */
const POD_SPELLINGS: Record<string, PointOfDelivery> = {
  ...spellings("elective", ["elective", "el", "eldc", "elip", "elxbd", "daycase", "dc", "electiveinpatient", "ordinaryelective", "electivedaycase"]),
  ...spellings("non-elective", [
    "nonelective",
    "nel",
    "nelst",
    "nelne",
    "nelxbd",
    "nelnexbd",
    "emergency",
    "emergencyadmission",
    "nonelectiveadmission",
    "nonelectiveshortstay",
  ]),
  ...spellings("urgent", [
    "urgent",
    "urgentcare",
    "ae",
    "aande",
    "accidentandemergency",
    "ed",
    "emergencydepartment",
    "type1",
    "type1ae",
    "type1aande",
    "aetype1",
    "aandetype1",
    "sdec",
    "samedayemergencycare",
    "uec",
    "utc",
  ]),
  ...spellings("outpatient first", [
    "opfa",
    "opfaspcl",
    "opfaspncl",
    "opfampcl",
    "opfampncl",
    "firstoutpatient",
    "outpatientfirst",
    "firstattendance",
    "outpatientfirstattendance",
    "firstoutpatientattendance",
  ]),
  ...spellings("outpatient procedure", ["opproc", "outpatientprocedure", "opprocedure", "outpatientprocedures"]),
  ...spellings("outpatient follow-up", [
    "opfu",
    "opfup",
    "opfupspcl",
    "opfupspncl",
    "opfupmpcl",
    "opfupmpncl",
    "opfuspcl",
    "opfuspncl",
    "opfumpcl",
    "opfumpncl",
    "followup",
    "outpatientfollowup",
    "followupattendance",
    "outpatientfollowupattendance",
  ]),
  ...spellings("outpatient", ["outpatient", "outpatients", "op"]),
  ...spellings("community", ["community", "communityservices", "chs"]),
  ...spellings("primary care", ["primarycare", "primary", "gp", "generalpractice"]),
  ...spellings("ambulance", ["ambulance", "amb", "999", "seeandtreat", "conveyance", "seeandconvey", "hearandtreat"]),
  ...spellings("independent sector", ["independentsector", "is", "isp", "independentsectorprovider"]),
  ...spellings("other", ["other"]),
};

function spellings(pod: PointOfDelivery, words: readonly string[]): Record<string, PointOfDelivery> {
  return Object.fromEntries(words.map((w) => [w, pod]));
}

const squash = (s: string): string =>
  s
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");

/** A point of delivery as typed ("NEL", "A&E", "Type 1", "OPFASPCL", "Day case"), or null when the cell is none of them. */
export function readPointOfDelivery(text: string): PointOfDelivery | null {
  const key = squash(text);
  return Object.hasOwn(POD_SPELLINGS, key) ? POD_SPELLINGS[key] : null;
}

/**
 * The point of delivery a step without one is taken to have, from its setting: none for a hospital step (a
 * hospital step may be elective, non-elective, A&E or outpatient, so no guess is made and no NHS rule for a point
 * of delivery applies to it: it is paid as the setting's default, fixed), and the setting's own otherwise.
 */
export const POD_FROM_SETTING: Record<Setting, PointOfDelivery | null> = {
  hospital: null,
  community: "community",
  primary: "primary care",
  other: "other",
};

/**
 * The points of delivery the 2025/26 NHS Payment Scheme pays by activity by default: the aligned payment and
 * incentive's variable element at 100% of unit prices (elective admissions, first outpatient attendances and
 * outpatient procedures: NHSPS 2023/24 to 2025/26 "API variable element"), and independent-sector providers'
 * activity at unit prices. Everything else (non-elective, A&E, follow-ups, community, ambulance, general
 * practice) sits in a fixed payment.
 */
export const PAID_BY_ACTIVITY: readonly PointOfDelivery[] = ["elective", "outpatient first", "outpatient procedure", "independent sector"];

/** The 2025/26 NHS Payment Scheme's default for a point of delivery (none: fixed, the setting's default). */
export function defaultPaymentToday(pod: PointOfDelivery | null): PaymentToday {
  return pod !== null && PAID_BY_ACTIVITY.includes(pod) ? { kind: "activity" } : { kind: "fixed" };
}

const PAYMENT_SPELLINGS: Record<string, PaymentToday["kind"]> = {
  activity: "activity",
  byactivity: "activity",
  pbr: "activity",
  paymentbyresults: "activity",
  tariff: "activity",
  unitprice: "activity",
  unitprices: "activity",
  variable: "activity",
  fixed: "fixed",
  block: "fixed",
  fixedelement: "fixed",
  apifixed: "fixed",
  capitation: "fixed",
};

/** A payment today as typed: activity, fixed, or a share ("20%", 0.2) of the value of any change. */
export function readPaymentToday(v: unknown): PaymentToday | { problem: string } {
  if (typeof v === "number") {
    if (v >= 0 && v <= 1) return v === 1 ? { kind: "activity" } : v === 0 ? { kind: "fixed" } : { kind: "blended", share: v };
    return { problem: `expected activity, fixed, or a share from 0% to 100%, got ${v}` };
  }
  const text = String(v).trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (pct) return readPaymentToday(Number(pct[1]) / 100);
  const key = squash(text);
  if (Object.hasOwn(PAYMENT_SPELLINGS, key)) return { kind: PAYMENT_SPELLINGS[key] } as PaymentToday;
  return { problem: `expected activity, fixed, or a share such as 20%, got '${text}'` };
}

/**
 * The share of the value of a change in activity a payment passes on: 1 by activity, 0 fixed, p blended; for a
 * fall (`rising` false), a blended payment's share below where it has one.
 */
export function changeShare(p: PaymentToday, rising = true): number {
  return p.kind === "activity" ? 1 : p.kind === "fixed" ? 0 : rising ? p.share : (p.below ?? p.share);
}

/**
 * An NHS rule of a given year for today's payment of the points of delivery it covered (a preset: MRET for
 * non-elective admissions, say). Steps without a typed payment today at those points of delivery are paid by it.
 */
export interface TodaysRule {
  id: string;
  name: string;
  /** Every point of delivery the rule pays: the union of its parts'. */
  covers: readonly PointOfDelivery[];
  /** Each group of points of delivery the rule pays, and how (nhsps-2026: urgent care blended, elective against plan). */
  parts: readonly { covers: readonly PointOfDelivery[]; payment: PaymentToday }[];
  /**
   * Whether the rule's plan is each year's previous outturn (nhsps-2026: "the fixed element follows each year's
   * plan"): today's contracts are then re-based every year of a transition, whatever rebaseEvery says.
   */
  planYearly?: boolean;
}

/** Words in a list as a sentence has them: "a", "a and b", "a, b and c". */
export const wordList = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** How a rule pays a point of delivery: its part's payment, or null where no part covers it. */
export function rulePayment(rule: TodaysRule | null, pod: PointOfDelivery | null): PaymentToday | null {
  if (rule === null || pod === null) return null;
  return rule.parts.find((p) => p.covers.includes(pod))?.payment ?? null;
}

/** A step's point of delivery: its own, or its setting's (none for a hospital step without one). */
export const pointOfDeliveryOf = (s: Step): PointOfDelivery | null => s.pointOfDelivery ?? POD_FROM_SETTING[s.setting];

/** How a step is paid today: as typed; else by the rule for its point of delivery, if one covers it; else the default. */
export function paymentTodayOf(s: Step, rule: TodaysRule | null = null): PaymentToday {
  if (s.paymentToday) return s.paymentToday;
  const pod = pointOfDeliveryOf(s);
  return rulePayment(rule, pod) ?? defaultPaymentToday(pod);
}

/** Where a step's payment today came from: typed in the table, a named rule, or the 2025/26 default. */
export function paymentTodaySource(s: Step, rule: TodaysRule | null = null): "typed" | "rule" | "default" {
  if (s.paymentToday) return "typed";
  return rulePayment(rule, pointOfDeliveryOf(s)) !== null ? "rule" : "default";
}

/** "activity", "fixed", a share (0.2), or {above, below} where a blended payment differs below: as the JSON shows it. */
export function paymentTodayValue(p: PaymentToday): "activity" | "fixed" | number | { above: number; below: number } {
  if (p.kind !== "blended") return p.kind;
  return p.below === undefined || p.below === p.share ? p.share : { above: p.share, below: p.below };
}

/**
 * A step as its plan: the same step with its planned activity as its volume (units = plan at today's activity);
 * a step without a plan as it is.
 */
export function asPlanned(s: Step, cohort: number): Step {
  if (s.plannedActivity === undefined) return s;
  // The plan as the step's volume; the step's own change in volume is no part of it.
  const planned: Step = { ...s, volume: s.plannedActivity / cohort, takeUp: 1 };
  delete planned.volumeChange;
  delete planned.plannedActivity;
  return planned;
}

/**
 * Each organisation's income under today's contracts in state `a`: for every step, its value when the payment was
 * set (`setOn`: today's activity, or its plan where the table gives one, unless re-based since on a later year's
 * activity) plus the share its payment passes on of the change from there (1 by activity, 0 fixed, p blended; a
 * blended payment's share below where the step's activity is below where it was set). A UEC plan of 10,000
 * admissions at £2,000 with 9,000 done: £20.0m fixed − 20% × £2.0m = £19.6m. Computed per group of steps with
 * the same share, through the comparison's own organisationState. A rule such as MRET was set on a provider's
 * total emergency value; taken step by step here (and on the written sheet) it is the same whenever the
 * provider's covered steps move the same way, as they do in every state the comparison draws unless a typed
 * change in volume runs against the rest.
 */
export function incomeToday(
  steps: readonly Step[],
  orgs: readonly string[],
  t: PathwayTerms,
  a: Activity,
  /** The activity today's payments were last set on (re-based): today's, or a later year's on the do-nothing path. */
  setOn: Activity = CURRENT_ACTIVITY,
  rule: TodaysRule | null = null,
  /** Whether today's payments are still set on the plan (not re-based since): true for today's contracts as they stand. */
  onPlan = true,
  /** Per step, the factor on its fixed payment's value from the contracts as signed (signed.ts); absent: 1. */
  signed: readonly number[] | null = null,
): Float64Array {
  const setSteps = steps.map((s, i) => {
    const set = onPlan ? asPlanned(s, t.cohort) : s;
    const f = signed?.[i] ?? 1;
    return f === 1 ? set : { ...set, unitPrice: set.unitPrice * f };
  });
  const income = organisationState(setSteps, orgs, t, setOn).value;
  const groups = new Map<number, { now: Step[]; set: Step[] }>();
  steps.forEach((s, i) => {
    // A step's own change decides which share it is paid: above where its payment was set, or below it.
    const set = setSteps[i];
    const rising = s.volume * s.takeUp * volumeFactor(s, a) >= set.volume * set.takeUp * volumeFactor(set, setOn);
    const share = changeShare(paymentTodayOf(s, rule), rising);
    if (share === 0) return;
    const g = groups.get(share) ?? { now: [], set: [] };
    g.now.push(s);
    g.set.push(set);
    groups.set(share, g);
  });
  for (const [share, group] of groups) {
    const then = organisationState(group.now, orgs, t, a);
    const was = organisationState(group.set, orgs, t, setOn);
    for (let o = 0; o < orgs.length; o++) income[o] += share * (then.value[o] - was.value[o]);
  }
  return income;
}

/**
 * The spellings the written sheet's formulas read, as the engine reads them (lower case, without spaces,
 * hyphens, full stops or ampersands): a payment by activity, a fixed payment, an elective point of delivery.
 * One list for the engine and the sheet; a spelling outside it the sheet reads as the default (fixed).
 */
export const SHEET_SPELLINGS = {
  activity: Object.keys(PAYMENT_SPELLINGS).filter((k) => PAYMENT_SPELLINGS[k] === "activity"),
  fixed: Object.keys(PAYMENT_SPELLINGS).filter((k) => PAYMENT_SPELLINGS[k] === "fixed"),
  /** Each point of delivery's spellings and codes, as squashed. */
  pointOfDelivery: (pod: PointOfDelivery) => Object.keys(POD_SPELLINGS).filter((k) => POD_SPELLINGS[k] === pod),
};

export function checkPaymentToday(p: PaymentToday): void {
  if (p.kind !== "blended") return;
  for (const x of [p.share, p.below ?? p.share]) if (!(x >= 0 && x <= 1)) throw invalid(`payment today: expected a share from 0% to 100%, got ${x}`);
}
