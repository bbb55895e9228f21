/**
 * Named NHS payment rules for the blended model (its rates above and below the baseline), each with its year
 * and source. The blended model settles each organisation as PAY.MARGINAL_RATE with these rates.
 */
export interface BlendedPreset {
  id: string;
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
    name: "Marginal rate emergency rule",
    rateAbove: 0.3,
    rateBelow: 1,
    year: "2010/11",
    source: "Department of Health, Payment by Results guidance 2010-11: emergency admissions above the 2008/09 baseline value paid at 30% of tariff",
  },
  {
    id: "mret-2017",
    name: "Marginal rate emergency rule (70%)",
    rateAbove: 0.7,
    rateBelow: 1,
    year: "2017/18",
    source: "NHS Improvement, National Tariff Payment System 2017/18 and 2018/19: the marginal rate raised to 70% above the baseline",
  },
  {
    id: "uec-2019",
    name: "Urgent and emergency care blended payment",
    rateAbove: 0.2,
    rateBelow: 0.2,
    year: "2019/20",
    source:
      "NHS Improvement, 2019/20 National Tariff: a fixed element for planned activity and 20% of price paid (or refunded) for activity above (or below) plan",
  },
  {
    id: "api-2022",
    name: "Aligned payment and incentive",
    rateAbove: 0.75,
    rateBelow: 0.5,
    year: "2022/23",
    source: "NHS England, 2022/23 National Tariff: elective activity above the baseline paid at 75% of price; 50% deducted below it",
    note: "the deduction below the baseline was not applied in practice in 2022/23",
  },
  {
    id: "nhsps-2025",
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
