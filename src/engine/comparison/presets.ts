/**
 * Named NHS payment rules for the blended model (its rates above and below the baseline), each with its year
 * and source. The blended model settles each organisation as PAY.MARGINAL_RATE with these rates; today's
 * contracts pay the points of delivery the rule covered by it (todaysRule), every other step as it was.
 * Sources: docs/nhs-payment-rules.md. No 2026/27 preset: the final 2026/27 NHSPS was not found, only the
 * consultation (NHS England, "2026/27 NHSPS consultation proposals", closed 16 Dec 2025), which proposes a
 * blended payment for urgent and emergency care without a final rate to model.
 */
import type { PointOfDelivery, TodaysRule } from "./today";

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
];

export function presetById(id: string): BlendedPreset | undefined {
  return BLENDED_PRESETS.find((p) => p.id === id);
}

/** A preset as today's payment for the points of delivery it covered: its rates above and below today's value. */
export function todaysRule(p: BlendedPreset): TodaysRule {
  const payment =
    p.rateAbove === 1 && p.rateBelow === 1
      ? ({ kind: "activity" } as const)
      : p.rateAbove === 0 && p.rateBelow === 0
        ? ({ kind: "fixed" } as const)
        : { kind: "blended" as const, share: p.rateAbove, ...(p.rateBelow !== p.rateAbove ? { below: p.rateBelow } : {}) };
  return { id: p.id, name: `${p.name} (${p.year})`, covers: p.covers, payment };
}
