/**
 * The written sheet's terms: each term of the comparison in column B (a value typed, a formula where it defaults
 * to today's figures, or a pointer to the cell it was read from), the risk-share corridor beside them (D:F),
 * and the year-of-care tiers (H:I) pointing at their source.
 */
import type { PlanSource } from "../plan-types";
import { GBP, PCT, sourceCell, type PlannedCell, writer } from "./common";

/** Where the terms sit and the cells they read. */
export interface TermsRefs {
  src: PlanSource;
  /** The terms' title row, and each term's row by its index in TERM_KEYS. */
  t0: number;
  termRow: (i: number) => number;
  TERM_KEYS: readonly string[];
  /** Each term's cell ($B$n) by key. */
  T: Readonly<Record<string, string>>;
  TIER_COUNTS: string;
  TIER_WEIGHTS: string;
  /** Today's activity value of all organisations (the block and bundle defaults read it). */
  BASE_VALUE: string;
  orgRow: (o: number) => number;
}

export function termsSection(ref: TermsRefs): { cells: PlannedCell[]; TH: string; SH: string } {
  const { src, t0, termRow, TERM_KEYS, T, TIER_COUNTS, TIER_WEIGHTS, BASE_VALUE, orgRow } = ref;
  const { inputs } = src;
  const O = src.comparison.organisations.length;
  const tiers = inputs.capitationTiers;
  const bands = inputs.corridor.thresholds.length;
  const { cells, put, label, heading } = writer();
  heading(`A${t0}`, "Terms");
  const terms: [string, Omit<PlannedCell, "address">][] = [
    ["Cohort (patients)", src.cohortSource ? { formula: `=${src.cohortSource}`, format: "#,##0" } : { value: inputs.cohort, format: "#,##0" }],
    ["Market forces factor", { value: inputs.mff, format: "0.000" }],
    ["Block contract value", inputs.blockValue === null ? { formula: `=${BASE_VALUE}`, format: GBP } : { value: inputs.blockValue, format: GBP }],
    ["Blended: rate paid above baseline", { value: inputs.blendedVariableRate, format: PCT }],
    [
      "Blended: rate deducted below baseline",
      inputs.blendedRateBelow === null ? { formula: `=${T.rate}`, format: PCT } : { value: inputs.blendedRateBelow, format: PCT },
    ],
    [
      "Bundle price per patient",
      inputs.bundlePrice === null ? { formula: `=${BASE_VALUE}/${T.cohort}`, format: GBP } : { value: inputs.bundlePrice, format: GBP },
    ],
    ["Bundle stop-gain", { value: inputs.stopGain, format: PCT }],
    ["Bundle stop-loss", { value: inputs.stopLoss, format: PCT }],
    tiers === null
      ? [
          "Capitation per patient",
          inputs.capitationRate === null ? { formula: `=${BASE_VALUE}/${T.cohort}`, format: GBP } : { value: inputs.capitationRate, format: GBP },
        ]
      : [
          "Capitation per weighted patient (year-of-care tiers)",
          inputs.capitationRate === null
            ? { formula: `=${BASE_VALUE}/SUMPRODUCT(${TIER_COUNTS},${TIER_WEIGHTS})`, format: GBP }
            : { value: inputs.capitationRate, format: GBP },
        ],
    ["Gain share: providers' share", { value: inputs.gainShareRate, format: PCT }],
    ["Care shift: hospital activity avoided", { value: inputs.shiftShare, format: PCT }],
    ["Care shift: community activity added", { value: inputs.shiftCommunityUplift, format: PCT }],
    ["Variable cost share: hospital", { value: inputs.variableShares.hospital, format: PCT }],
    ["Variable cost share: community", { value: inputs.variableShares.community, format: PCT }],
    ["Variable cost share: primary", { value: inputs.variableShares.primary, format: PCT }],
    ["Variable cost share: other", { value: inputs.variableShares.other, format: PCT }],
    ["Holder of bundle and budgets (lead or alliance)", { value: inputs.holder }],
    [
      "Lead provider",
      inputs.leadProvider !== null
        ? { value: inputs.leadProvider }
        : {
            formula: `=INDEX($A$${orgRow(0)}:$A$${orgRow(O - 1)},MATCH(MAX($B$${orgRow(0)}:$B$${orgRow(O - 1)}),$B$${orgRow(0)}:$B$${orgRow(O - 1)},0))`,
          },
    ],
    ["Quality element: share of payment held back", { value: inputs.qualityShare, format: PCT }],
    ["Quality element: achievement", { value: inputs.qualityAchievement, format: PCT }],
  ];
  // A term read from a cell points at it, so the sheet follows the workbook's own figure (the terms' keys
  // as the panel and `pay compare --term` name them, against the rows above).
  const SOURCE_ROWS: Record<string, (typeof TERM_KEYS)[number]> = {
    mff: "mff",
    blockValue: "block",
    blendedVariableRate: "rate",
    blendedRateBelow: "rateBelow",
    bundlePrice: "bundlePrice",
    stopGain: "stopGain",
    stopLoss: "stopLoss",
    capitationRate: "capitation",
    gainShareRate: "gainShare",
    shiftShare: "shift",
    shiftCommunityUplift: "uplift",
    variableShareHospital: "vsHospital",
    variableShareCommunity: "vsCommunity",
    variableSharePrimary: "vsPrimary",
    variableShareOther: "vsOther",
    qualityShare: "qualityShare",
    qualityAchievement: "qualityAchievement",
  };
  const fromCell = new Map(Object.entries(src.termSources ?? {}).map(([k, address]) => [SOURCE_ROWS[k], address]));
  terms.forEach(([text, cell], i) => {
    label(`A${termRow(i)}`, text);
    const source = fromCell.get(TERM_KEYS[i]);
    const given = source ? { formula: `=${source}`, format: cell.format } : cell;
    put(`B${termRow(i)}`, { ...given, style: given.formula === undefined ? "Input" : "Calculation" });
  });
  label(`D${t0}`, "Risk-share corridor", true);
  label(`D${t0 + 1}`, "Threshold", true);
  label(`E${t0 + 1}`, "Share of overspend", true);
  label(`F${t0 + 1}`, "Share of underspend", true);
  inputs.corridor.thresholds.forEach((t, i) => {
    put(`D${t0 + 2 + i}`, { value: t, format: PCT, style: "Input" });
    put(`E${t0 + 2 + i}`, { value: inputs.corridor.overShares[i], format: PCT, style: "Input" });
    put(`F${t0 + 2 + i}`, { value: inputs.corridor.underShares[i], format: PCT, style: "Input" });
  });
  const TH = `$D$${t0 + 2}:$D$${t0 + 1 + bands}`;
  const SH = `$E$${t0 + 2}:$F$${t0 + 1 + bands}`;
  if (tiers !== null) {
    label(`H${t0}`, "Year-of-care tiers", true);
    label(`H${t0 + 1}`, "Patients", true);
    label(`I${t0 + 1}`, "Weight", true);
    tiers.counts.forEach((count, i) => {
      const from = src.tiers ? { counts: sourceCell(src.tiers.counts, i), weights: sourceCell(src.tiers.weights, i) } : null;
      put(
        `H${t0 + 2 + i}`,
        from ? { formula: `=${from.counts}`, format: "#,##0", style: "Calculation" } : { value: count, format: "#,##0", style: "Input" },
      );
      put(
        `I${t0 + 2 + i}`,
        from ? { formula: `=${from.weights}`, format: "0.00", style: "Calculation" } : { value: tiers.weights[i], format: "0.00", style: "Input" },
      );
    });
  }

  return { cells, TH, SH };
}
