/**
 * The written sheet's terms: each term of the comparison in column B (a value typed, a formula where it defaults
 * to today's figures, or a pointer to the cell it was read from), the risk-share corridor beside them (D:F),
 * and the year-of-care tiers (H:I) pointing at their source.
 */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { NUMBER_TERMS, sheetLabel } from "../../engine/inputs/term-table";
import type { PlanSource } from "../plan-types";
import type { TermKey } from "./layout";
import { GBP, PCT, sourceCell, type PlannedCell, writer } from "./common";

/** Where the terms sit and the cells they read. */
export interface TermsRefs {
  src: PlanSource;
  /** The terms' title row, and each term's row by its index in TERM_KEYS. */
  t0: number;
  termRow: (i: number) => number;
  TERM_KEYS: readonly string[];
  /** Each term's cell ($B$n) by key. */
  T: Readonly<Record<TermKey, string>>;
  TIER_COUNTS: string;
  TIER_WEIGHTS: string;
  /** Today's activity value of all organisations (the block and bundle defaults read it). */
  BASE_VALUE: string;
  orgRow: (o: number) => number;
}

type TermCell = Omit<PlannedCell, "address">;

/**
 * Each term's cell: its value as typed, or — where it defaults to today's figures — the formula that works the
 * default out on the sheet (beside the engine's rule for the same default). By key, never by position.
 */
function termCell(key: string, ref: TermsRefs): { label: string; cell: TermCell } {
  const { src, T, TIER_COUNTS, TIER_WEIGHTS, BASE_VALUE, orgRow } = ref;
  const { inputs } = src;
  const O = src.comparison.organisations.length;
  const tiers = inputs.capitationTiers;
  const orFormula = (v: number | null, formula: string, format: string): TermCell => (v === null ? { formula, format } : { value: v, format });
  const lead = `$A$${orgRow(0)}:$A$${orgRow(O - 1)}`;
  const leadValue = `$B$${orgRow(0)}:$B$${orgRow(O - 1)}`;
  const special: Record<string, () => { label?: string; cell: TermCell }> = {
    cohort: () => ({
      label: "Cohort (patients)",
      cell: src.cohortSource ? { formula: `=${src.cohortSource}`, format: "#,##0" } : { value: inputs.cohort, format: "#,##0" },
    }),
    mff: () => ({ cell: { value: inputs.mff, format: "0.000" } }),
    blockValue: () => ({ cell: orFormula(inputs.blockValue, `=${BASE_VALUE}`, GBP) }),
    blendedRateBelow: () => ({ cell: orFormula(inputs.blendedRateBelow, `=${T.blendedVariableRate}`, PCT) }),
    bundlePrice: () => ({ cell: orFormula(inputs.bundlePrice, `=${BASE_VALUE}/${T.cohort}`, GBP) }),
    capitationRate: () =>
      tiers === null
        ? { cell: orFormula(inputs.capitationRate, `=${BASE_VALUE}/${T.cohort}`, GBP) }
        : {
            label: "Capitation per weighted patient (year-of-care tiers)",
            cell: orFormula(inputs.capitationRate, `=${BASE_VALUE}/SUMPRODUCT(${TIER_COUNTS},${TIER_WEIGHTS})`, GBP),
          },
    holder: () => ({ cell: { value: inputs.holder } }),
    leadProvider: () => ({
      cell: inputs.leadProvider !== null ? { value: inputs.leadProvider } : { formula: `=INDEX(${lead},MATCH(MAX(${leadValue}),${leadValue},0))` },
    }),
  };
  const label = key === "cohort" ? "" : sheetLabel(key);
  const own = special[key]?.();
  if (own) return { label: own.label ?? label, cell: own.cell };
  const t = NUMBER_TERMS.find((x) => x.key === key);
  const value = t?.setting ? inputs.variableShares[t.setting] : (inputs[key as keyof ComparisonInputs] as number);
  return { label, cell: { value, format: t?.kind === "share" ? PCT : GBP } };
}

export function termsSection(ref: TermsRefs): { cells: PlannedCell[]; TH: string; SH: string } {
  const { src, t0, termRow, TERM_KEYS } = ref;
  const { inputs } = src;
  const tiers = inputs.capitationTiers;
  const bands = inputs.corridor.thresholds.length;
  const { cells, put, label, heading } = writer();
  heading(`A${t0}`, "Terms");
  // A term read from a cell points at it, so the sheet follows the workbook's own figure.
  const fromCell = src.termSources ?? {};
  TERM_KEYS.forEach((key, i) => {
    const { label: text, cell } = termCell(key, ref);
    label(`A${termRow(i)}`, text);
    const source = fromCell[key];
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
