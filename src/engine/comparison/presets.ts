/**
 * Named NHS payment rules for the blended model (its rates above and below the baseline), each with its year
 * and source. The blended model settles each organisation as PAY.MARGINAL_RATE with these rates; today's
 * contracts pay the points of delivery the rule covered by it (todaysRule), every other step as it was.
 * Sources: docs/nhs-payment-rules.md. The 2026/27 rule (nhsps-2026) is from the medium term planning framework
 * (24 Oct 2025, §1.1) and the NHSPS 2026/27 consultation: urgent and emergency care a fixed element on each year's
 * plan plus 20% of the value of activity above or below it; elective at unit prices against an indicative activity
 * plan, what is paid above the plan a term (aboveIAP, default 100%: the share is agreed locally). SDEC's place was
 * not found in a final text: it is read as urgent care (today.ts), so paid in the UEC blended payment unless its
 * payment today is typed in the table.
 */
import type { PaymentToday, PointOfDelivery, TodaysRule } from "./today";

export interface BlendedPreset {
  id: string;
  /** The points of delivery the rule covered: steps there without a typed payment today are paid by it today. */
  covers: readonly PointOfDelivery[];
  name: string;
  /** Share of unit prices paid for activity above the baseline, and deducted for activity below it. */
  rateAbove: number;
  rateBelow: number;
  year: string;
  source: string;
  note?: string;
  /**
   * Points of delivery paid at unit prices against an indicative activity plan (nhsps-2026): 100% below the plan,
   * the aboveIAP share above it. Absent: none.
   */
  againstPlan?: readonly PointOfDelivery[];
  /** The plan is each year's previous outturn (TodaysRule.planYearly). */
  planYearly?: boolean;
}

export const BLENDED_PRESETS: readonly BlendedPreset[] = [
  {
    id: "mret-2010",
    covers: ["non-elective"],
    name: "Marginal rate emergency rule",
    rateAbove: 0.3,
    rateBelow: 1,
    year: "2010/11",
    source: "Department of Health, Payment by Results guidance 2010-11: emergency admissions above the 2008/09 baseline value paid at 30% of tariff",
  },
  {
    id: "mret-2017",
    covers: ["non-elective"],
    name: "Marginal rate emergency rule (70%)",
    rateAbove: 0.7,
    rateBelow: 1,
    year: "2017/18",
    source: "NHS Improvement, National Tariff Payment System 2017/18 and 2018/19: the marginal rate raised to 70% above the baseline",
  },
  {
    id: "uec-2019",
    covers: ["urgent", "non-elective"],
    name: "Urgent and emergency care blended payment",
    rateAbove: 0.2,
    rateBelow: 0.2,
    year: "2019/20",
    source:
      "NHS Improvement, 2019/20 National Tariff: a fixed element for planned activity and 20% of price paid (or refunded) for activity above (or below) plan",
  },
  {
    id: "api-2022",
    covers: ["elective"],
    name: "Aligned payment and incentive",
    rateAbove: 0.75,
    rateBelow: 0.5,
    year: "2022/23",
    source: "NHS England, 2022/23 National Tariff: elective activity above the baseline paid at 75% of price; 50% deducted below it",
    note: "the deduction below the baseline was not applied in practice in 2022/23",
  },
  {
    id: "nhsps-2025",
    covers: ["elective"],
    name: "NHS Payment Scheme elective variable element",
    rateAbove: 1,
    rateBelow: 1,
    year: "2025/26",
    source: "NHS England, NHS Payment Scheme 2025/26: elective activity paid at 100% of unit prices above and below the fixed element",
  },
  {
    id: "nhsps-2026",
    covers: ["urgent", "non-elective"],
    name: "NHS Payment Scheme 2026/27: UEC blended payment, elective against plan",
    rateAbove: 0.2,
    rateBelow: 0.2,
    year: "2026/27",
    source:
      "NHS England and DHSC, Medium term planning framework 2026/27 to 2028/29 (24 Oct 2025), §1.1, and the NHSPS 2026/27 consultation: urgent and emergency care a fixed element at price × planned activity plus 20% of the value of activity above or below plan, re-based on each year's plan; elective at unit prices against indicative activity plans",
    note: "what an indicative activity plan pays above plan is agreed locally: the term aboveIAP (default 100%); SDEC is read as urgent care",
    againstPlan: ["elective", "outpatient first", "outpatient procedure"],
    planYearly: true,
  },
];

export function presetById(id: string): BlendedPreset | undefined {
  return BLENDED_PRESETS.find((p) => p.id === id);
}

/** A payment from a share of price paid above and below where it was set: activity, fixed, or blended. */
function paymentFromRates(above: number, below: number): PaymentToday {
  if (above === 1 && below === 1) return { kind: "activity" };
  if (above === 0 && below === 0) return { kind: "fixed" };
  return { kind: "blended", share: above, ...(below !== above ? { below } : {}) };
}

/**
 * A preset as today's payment for the points of delivery it covered: its rates above and below where today's
 * payment was set; under a rule with an activity plan (nhsps-2026), elective activity at 100% below the plan and
 * `aboveIAP` of price above it (£3,000 × an IAP of 5,000 with 5,400 done: £15.0m at 0%, £16.2m at 100%).
 */
export function todaysRule(p: BlendedPreset, aboveIAP = 1): TodaysRule {
  const parts = [{ covers: p.covers, payment: paymentFromRates(p.rateAbove, p.rateBelow) }];
  if (p.againstPlan) parts.push({ covers: p.againstPlan, payment: paymentFromRates(aboveIAP, 1) });
  return {
    id: p.id,
    name: `${p.name} (${p.year})`,
    covers: parts.flatMap((x) => x.covers),
    parts,
    ...(p.planYearly ? { planYearly: true } : {}),
  };
}
