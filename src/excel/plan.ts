/**
 * What "Write to sheet" writes, as a plan of cells: the inputs echoed with their source addresses, the
 * terms, and the comparison as live PAY formulas (and plain Excel ones) that reference the pathway table where
 * it is, so the sheet recalculates when an input changes and an auditor can trace every figure. Pure: no
 * Office.js here (src/excel/workbook.ts applies the plan), so the formulas are tested without Excel.
 */
import type { ComparisonInputs, Comparison } from "../engine/compare";
import { MODEL_IDS, MODEL_NAMES, type ModelId } from "../engine/compare";
import type { PathwayField } from "../engine/pathway-table";
import { describeDispersion, type ModelRisk, type RiskResult, type Sweep } from "../engine/simulate";
import { columnLetters } from "../engine/address";

export interface PlannedCell {
  address: string; // on the new sheet, e.g. "B12"
  value?: string | number;
  formula?: string; // English names, "," separators, leading "="
  format?: string;
  bold?: boolean;
}

/**
 * A native chart made from `source` with series by columns: the header row names the series; a source of
 * several columns has text categories in its first column, a source of one column is a single series.
 */
export interface PlannedChart {
  type: "columnClustered" | "line";
  title: string;
  source: string;
  /** Further series (name, values range) added after the source's own. */
  extraSeries?: { name: string; values: string }[];
  /** Category (x) values for every series, when they are not the source's first column. */
  xValues?: string;
  /** Top-left and bottom-right cells the chart covers. */
  position: [string, string];
}

export interface SheetPlan {
  cells: PlannedCell[];
  charts: PlannedChart[];
  /** Header rows of the tables, shaded. */
  headerRanges: string[];
  /** The comparison table (header row included), for formatting and the copied table. */
  tableRange: string;
  /** Cell of each model's figures, by column key, for tests and the copied table. */
  figures: Record<ModelId, Record<FigureKey, string>>;
  columnWidths: number[];
}

export const FIGURE_KEYS = ["payment", "cost", "margin", "marginLower", "marginHigher", "marginShifted", "systemShifted"] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export const FIGURE_LABELS: Record<FigureKey, string> = {
  payment: "Commissioner pays",
  cost: "Provider cost",
  margin: "Provider margin",
  marginLower: "Margin, activity −10%",
  marginHigher: "Margin, activity +10%",
  marginShifted: "Margin after care shift",
  systemShifted: "Commissioner pays after shift",
};

const GBP = '"£"#,##0;[Red]-"£"#,##0';
const PCT = "0%";

export interface RiskSection {
  result: RiskResult;
  sweep: Sweep;
}

export interface PlanSource {
  /** Absolute addresses of the pathway table's data columns (no header). */
  columns: Partial<Record<PathwayField, string>>;
  tableAddress: string;
  cohortSource: string | null;
  inputs: ComparisonInputs;
  comparison: Comparison;
  writtenOn: string;
  /** The simulated risk figures, when the panel has them: written below the comparison as values. */
  risk?: RiskSection;
}

export function buildPlan(src: PlanSource): SheetPlan {
  const { columns, inputs } = src;
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const label = (address: string, text: string, bold = false) => put(address, { value: text, bold });
  const P = columns.unitPrice as string;
  const C = columns.unitCost as string;
  const V = columns.volume as string;
  const n = src.inputs.steps.length;

  label("A1", "Payment models compared", true);
  label("A2", `Written by the PAY add-in on ${src.writtenOn}. Every figure is a live formula on the inputs below.`);

  // Inputs echoed with their sources.
  label("A4", "Inputs", true);
  label("B4", "Source", true);
  const echo: [string, string][] = [
    ["Pathway table", src.tableAddress],
    ["Unit prices", P],
    ["Unit costs", C],
    ["Volumes per patient", V],
    ["Take-up", columns.takeUp ?? "(not in the table: 100%)"],
    ["Settings", columns.setting ?? "(not in the table: all 'other')"],
  ];
  echo.forEach(([k, v], i) => {
    label(`A${5 + i}`, k);
    put(`B${5 + i}`, { value: v });
  });
  // Take-up: the column, or 1 for every step.
  const T = columns.takeUp ?? "1";

  // Terms (values typed in the panel, or read from the workbook); the defaults are formulas. The terms sit at
  // fixed rows 13–23; every block below them is placed after the one above it, so nothing overlaps whatever
  // the number of corridor bands or pathway steps (the layout is tested from 1 to 500 steps).
  const terms: [string, string, (base: string) => Omit<PlannedCell, "address">][] = [
    [
      "B13",
      "Cohort (patients)",
      () => (src.cohortSource ? { formula: `=${src.cohortSource}`, format: "#,##0" } : { value: inputs.cohort, format: "#,##0" }),
    ],
    ["B14", "Market forces factor", () => ({ value: inputs.mff, format: "0.000" })],
    [
      "B15",
      "Block contract value",
      (base) => (inputs.blockValue === null ? { formula: `=${base}`, format: GBP } : { value: inputs.blockValue, format: GBP }),
    ],
    ["B16", "Blended: variable rate", () => ({ value: inputs.blendedVariableRate, format: PCT })],
    [
      "B17",
      "Bundle price per patient",
      (base) => (inputs.bundlePrice === null ? { formula: `=${base}/B13`, format: GBP } : { value: inputs.bundlePrice, format: GBP }),
    ],
    ["B18", "Bundle stop-gain", () => ({ value: inputs.stopGain, format: PCT })],
    ["B19", "Bundle stop-loss", () => ({ value: inputs.stopLoss, format: PCT })],
    [
      "B20",
      "Capitation per patient",
      (base) => (inputs.capitationRate === null ? { formula: `=${base}/B13`, format: GBP } : { value: inputs.capitationRate, format: GBP }),
    ],
    ["B21", "Gain share: providers' share", () => ({ value: inputs.gainShareRate, format: PCT })],
    ["B22", "Care shift: hospital activity avoided", () => ({ value: inputs.shiftShare, format: PCT })],
    ["B23", "Care shift: community activity added", () => ({ value: inputs.shiftCommunityUplift, format: PCT })],
  ];
  // Risk-share corridor (D13:F…): thresholds, overspend shares, underspend shares.
  label("D12", "Risk-share corridor", true);
  label("D13", "Threshold", true);
  label("E13", "Share of overspend", true);
  label("F13", "Share of underspend", true);
  const bands = inputs.corridor.thresholds.length;
  inputs.corridor.thresholds.forEach((t, i) => {
    put(`D${14 + i}`, { value: t, format: PCT });
    put(`E${14 + i}`, { value: inputs.corridor.overShares[i], format: PCT });
    put(`F${14 + i}`, { value: inputs.corridor.underShares[i], format: PCT });
  });
  const TH = `$D$14:$D$${13 + bands}`;
  const SH = `$E$14:$F$${13 + bands}`;
  const termsEnd = Math.max(13 + terms.length - 1, 13 + bands);

  // Activity value and cost, at baseline, ±10% and after the care shift.
  const a0 = termsEnd + 2; // header row; states in a0+1 … a0+4
  const BASE = `$B$${a0 + 1}`;
  label("A12", "Terms", true);
  terms.forEach(([addr, text, cell], i) => {
    label(`A${13 + i}`, text);
    put(addr, cell(BASE));
  });

  // The comparison table: one row per model; reading lines and the gain share by setting below it; the
  // steps list (setting and care-shift factor per step) below those, so it may be as long as it needs.
  const top = a0 + 7;
  const bottom = top + MODEL_IDS.length;
  const g = bottom + 4 + MODEL_IDS.length;
  const s0 = g + 7; // "Steps" title; column headers at s0 + 1; steps from s0 + 2
  const first = s0 + 2;
  const last = s0 + 1 + n;
  label(`A${s0}`, "Steps", true);
  label(`A${s0 + 1}`, "Step", true);
  label(`B${s0 + 1}`, "Setting", true);
  label(`C${s0 + 1}`, "Care-shift factor", true);
  inputs.steps.forEach((s, i) => {
    const r = first + i;
    put(`A${r}`, { value: s.name });
    put(`B${r}`, { value: s.setting });
    put(`C${r}`, { formula: `=IF(B${r}="hospital",1-$B$22,IF(B${r}="community",1+$B$23,1))`, format: "0.00" });
  });
  const K = `$C$${first}:$C$${last}`;
  const SETTING = `$B$${first}:$B$${last}`;

  label(`A${a0}`, "Pathway", true);
  label(`B${a0}`, "Activity value (PbR prices)", true);
  label(`C${a0}`, "Provider cost", true);
  const states: [string, string][] = [
    ["Current activity", V],
    ["Activity −10%", `${V}*0.9`],
    ["Activity +10%", `${V}*1.1`],
    ["After care shift", `${V}*${K}`],
  ];
  states.forEach(([name, vol], i) => {
    const r = a0 + 1 + i;
    label(`A${r}`, name);
    put(`B${r}`, { formula: `=PAY.PATHWAY_COST(${P},${vol},${T},$B$13,$B$14)`, format: GBP });
    put(`C${r}`, { formula: `=PAY.PATHWAY_COST(${C},${vol},${T},$B$13)`, format: GBP });
  });

  label(`A${top}`, "Model", true);
  FIGURE_KEYS.forEach((k, i) => label(`${columnLetters(1 + i)}${top}`, FIGURE_LABELS[k], true));
  const figures = {} as Record<ModelId, Record<FigureKey, string>>;
  // For activity state i (0 base, 1 lower, 2 higher, 3 shifted): the model's payment.
  const payment = (id: ModelId, i: number): string => {
    const value = `$B$${a0 + 1 + i}`;
    const cost = `$C$${a0 + 1 + i}`;
    const vol = states[i][1];
    switch (id) {
      case "activity":
        return value;
      case "block":
        return "$B$15";
      case "blended":
        return `PAY.BLENDED_PAYMENT((1-$B$16)*${BASE},${P},${vol}*${T}*$B$13,$B$16,$B$14)`;
      case "bundle":
        return `${cost}+PAY.BUNDLE_RECONCILE($B$17,$B$13,${cost},0,$B$18,$B$19)`;
      case "capitation":
        return "PAY.CAPITATION($B$13,1,$B$20)";
      case "riskshare":
        return `PAY.CAPITATION($B$13,1,$B$20)+PAY.RISK_SHARE(${cost},PAY.CAPITATION($B$13,1,$B$20),${TH},${SH})`;
      case "gainshare":
        return `${cost}+$B$21*(${BASE}-${cost})`;
    }
  };
  MODEL_IDS.forEach((id, i) => {
    const r = top + 1 + i;
    label(`A${r}`, MODEL_NAMES[id]);
    const f: Record<FigureKey, string> = {
      payment: `B${r}`,
      cost: `C${r}`,
      margin: `D${r}`,
      marginLower: `E${r}`,
      marginHigher: `F${r}`,
      marginShifted: `G${r}`,
      systemShifted: `H${r}`,
    };
    put(f.payment, { formula: `=${payment(id, 0)}`, format: GBP });
    put(f.cost, { formula: `=$C$${a0 + 1}`, format: GBP });
    put(f.margin, { formula: `=${f.payment}-${f.cost}`, format: GBP });
    put(f.marginLower, { formula: `=${payment(id, 1)}-$C$${a0 + 2}`, format: GBP });
    put(f.marginHigher, { formula: `=${payment(id, 2)}-$C$${a0 + 3}`, format: GBP });
    put(f.marginShifted, { formula: `=${payment(id, 3)}-$C$${a0 + 4}`, format: GBP });
    put(f.systemShifted, { formula: `=${payment(id, 3)}`, format: GBP });
    figures[id] = f;
  });

  // What each model means, in a line.
  label(`A${bottom + 2}`, "Reading", true);
  src.comparison.models.forEach((m, i) => put(`A${bottom + 3 + i}`, { value: m.reading }));

  // Gain share between the settings' providers (GAIN_SHARE spills one row per setting).
  label(`A${g}`, "Gain share by setting", true);
  label(`B${g}`, "Weight (cost)", true);
  label(`C${g}`, "Share of saving", true);
  const settings = ["hospital", "community", "primary", "other"];
  settings.forEach((s, i) => {
    label(`A${g + 1 + i}`, s);
    put(`B${g + 1 + i}`, { formula: `=SUMPRODUCT((${SETTING}="${s}")*${C}*${V}*${T})`, format: GBP });
  });
  put(`C${g + 1}`, { formula: `=PAY.GAIN_SHARE($B$21*(${BASE}-$C$${a0 + 1}),B${g + 1}:B${g + 4})`, format: GBP });
  for (let i = 1; i < 4; i++) cells.push({ address: `C${g + 1 + i}`, format: GBP });

  const charts: PlannedChart[] = [
    {
      type: "columnClustered",
      title: "Commissioner payment and provider margin by model",
      source: `A${top}:B${bottom}`,
      extraSeries: [{ name: "Provider margin", values: `D${top + 1}:D${bottom}` }],
      position: [`J${top}`, `Q${top + 19}`],
    },
  ];
  const headerRanges = [`A${top}:H${top}`, `A${s0 + 1}:C${s0 + 1}`];
  if (src.risk) {
    const risk = riskCells(src.risk, Math.max(last + 3, top + 21));
    cells.push(...risk.cells);
    charts.push(...risk.charts);
    headerRanges.push(...risk.headerRanges);
  }
  return {
    cells,
    charts,
    headerRanges,
    tableRange: `A${top}:H${bottom}`,
    figures,
    columnWidths: [34, 20, 16, 16, 18, 18, 20, 22, 22, 14, 14, 14, 14, 14, 14],
  };
}

const GBP_SE = '"± £"#,##0';
const PCT_1 = "0.0%";
const PCT_SE = '"± "0.0%';

/**
 * The risk section: simulated figures as values (a simulation is not a formula), with the seed, trials and
 * activity model stated so anyone can reproduce them, and the closed-form PAY.OVERSPEND_PROBABILITY and
 * PAY.MIN_POPULATION beside them as live formulas on the written values.
 */
function riskCells(risk: RiskSection, start: number): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const { result, sweep } = risk;
  put(`A${start}`, { value: "Financial risk by simulation", bold: true });
  put(`A${start + 1}`, {
    value:
      `Simulated values, not live formulas: ${result.trials.toLocaleString("en-GB")} trials of one year, seed ${result.seed}, ` +
      `${describeDispersion(result.dispersion)}, generator ${result.generator}. Run again in the PAY panel with the same ` +
      "seed to reproduce them. ± figures are the simulation's standard errors.",
  });
  const meta: [string, string | number, string?][] = [
    ["Trials", result.trials, "#,##0"],
    ["Seed", result.seed, "0"],
    ["Activity", describeDispersion(result.dispersion)],
    ["Cohort (patients)", result.cohort, "#,##0"],
  ];
  meta.forEach(([k, v, f], i) => {
    put(`A${start + 2 + i}`, { value: k });
    put(`B${start + 2 + i}`, { value: v, format: f });
  });

  // Two tables by model, provider margin (charted: its percentiles come first) and commissioner payment,
  // each estimate followed further along by its standard error.
  type Col = [string, (m: ModelRisk) => number, string];
  const estimates = (what: "margin" | "payment"): Col[] => [
    ["5th percentile", (m) => m[what].p5.value, GBP],
    ["Median", (m) => m[what].p50.value, GBP],
    ["95th percentile", (m) => m[what].p95.value, GBP],
    ["Mean", (m) => m[what].mean.value, GBP],
    ["± mean", (m) => m[what].mean.se, GBP_SE],
    ["± 5th", (m) => m[what].p5.se, GBP_SE],
    ["± median", (m) => m[what].p50.se, GBP_SE],
    ["± 95th", (m) => m[what].p95.se, GBP_SE],
  ];
  const table = (top: number, title: string, cols: Col[]): number => {
    put(`A${top}`, { value: title, bold: true });
    cols.forEach(([label], j) => put(`${columnLetters(1 + j)}${top}`, { value: label, bold: true }));
    result.models.forEach((m, i) => {
      put(`A${top + 1 + i}`, { value: m.name });
      cols.forEach(([, get, format], j) => put(`${columnLetters(1 + j)}${top + 1 + i}`, { value: get(m), format }));
    });
    return top + result.models.length;
  };
  const marginCols: Col[] = [
    ...estimates("margin"),
    ["Chance of a provider loss", (m) => m.lossChance.value, PCT_1],
    ["± chance", (m) => m.lossChance.se, PCT_SE],
  ];
  const h = start + 7;
  const hb = table(h, "Provider margin", marginCols);
  const p = hb + 2;
  const pb0 = table(p, "Commissioner pays", estimates("payment"));
  result.models.forEach((m, i) => put(`A${pb0 + 2 + i}`, { value: m.reading }));
  const pb = pb0 + 1 + result.models.length;

  // Population sweep.
  const s0 = pb + 3;
  put(`A${s0}`, { value: "Population size: a capitated budget set at the expected cost", bold: true });
  put(`A${s0 + 1}`, {
    value:
      `Each population simulated for ${sweep.trials.toLocaleString("en-GB")} years (seed ${sweep.seed}). The normal-approximation ` +
      "columns are live PAY formulas on the cost spread below; where they differ from the simulation, trust the simulation.",
  });
  const terms: [string, number, string, string?][] = [
    ["Cost per person-year", sweep.costPerPerson, GBP],
    ["Coefficient of variation of a person's cost", sweep.costCv, "0.00"],
    ["Overspend tolerance", sweep.tolerance, PCT_1],
    ["Confidence", sweep.confidence, PCT_1],
  ];
  terms.forEach(([k, v, f], i) => {
    put(`A${s0 + 2 + i}`, { value: k });
    put(`B${s0 + 2 + i}`, { value: v, format: f });
  });
  const CV = `$B$${s0 + 3}`;
  const TOL = `$B$${s0 + 4}`;
  const CONF = `$B$${s0 + 5}`;
  put(`A${s0 + 6}`, { value: "Minimum population: PAY.MIN_POPULATION" });
  put(`B${s0 + 6}`, { formula: `=PAY.MIN_POPULATION(${CV},${TOL},${CONF})`, format: "#,##0" });
  put(`A${s0 + 7}`, { value: "Minimum population: simulated (smallest size from which every simulated chance is within)" });
  put(
    `B${s0 + 7}`,
    sweep.minPopulationSimulated === null ? { value: "not reached in the sweep" } : { value: sweep.minPopulationSimulated, format: "#,##0" },
  );
  const t = s0 + 9;
  const sweepCols = [
    "Population",
    "Overspend chance: simulated",
    "Normal formula: PAY.OVERSPEND_PROBABILITY",
    "± (simulated)",
    "Spread of result: SD % of budget",
    "5th percentile % of budget",
    "95th percentile % of budget",
  ];
  sweepCols.forEach((label, j) => put(`${columnLetters(j)}${t}`, { value: label, bold: true }));
  sweep.rows.forEach((r, i) => {
    const row = t + 1 + i;
    put(`A${row}`, { value: r.population, format: "#,##0" });
    put(`B${row}`, { value: r.overspend.value, format: PCT_1 });
    put(`C${row}`, { formula: `=PAY.OVERSPEND_PROBABILITY(A${row},${CV},${TOL})`, format: PCT_1 });
    put(`D${row}`, { value: r.overspend.se, format: PCT_SE });
    put(`E${row}`, { value: r.sdShare, format: PCT_1 });
    put(`F${row}`, { value: r.p5Share, format: PCT_1 });
    put(`G${row}`, { value: r.p95Share, format: PCT_1 });
  });
  const tb = t + sweep.rows.length;
  return {
    cells,
    charts: [
      {
        type: "columnClustered",
        title: `Provider margin by model: 5th, 50th and 95th percentile (${result.trials.toLocaleString("en-GB")} trials, seed ${result.seed})`,
        source: `A${h}:D${hb}`,
        position: [`P${start}`, `W${start + 19}`],
      },
      {
        type: "line",
        title: "Chance of overspending the budget by more than the tolerance, by population",
        source: `B${t}:B${tb}`,
        extraSeries: [{ name: "Normal formula", values: `C${t + 1}:C${tb}` }],
        xValues: `A${t + 1}:A${tb}`,
        position: [`P${start + 21}`, `W${start + 40}`],
      },
    ],
    headerRanges: [`A${h}:${columnLetters(marginCols.length)}${h}`, `A${p}:${columnLetters(8)}${p}`, `A${t}:G${t}`],
  };
}
