/**
 * What "Write to sheet" writes, as a plan of cells: the headline (who gains and who loses, organisation by
 * organisation, when care moves out of hospital), a summary by model, the reading lines, the inputs echoed
 * with their source addresses, the terms, each organisation's activity value and cost in every state, and each
 * model's contracts organisation by organisation — all as live PAY formulas (and plain Excel ones) on the
 * pathway table where it is, so the sheet recalculates when an input changes and an auditor can trace every
 * figure. The formulas are the engine's settlement (settlement.ts) in Excel's terms; a test recomputes them
 * in HyperFormula and gets the engine's figures. Pure: no Office.js here (src/excel/workbook.ts applies it).
 */
import type { ComparisonInputs, Comparison, StateId } from "../engine/compare";
import { MODEL_IDS, MODEL_NAMES, STATE_IDS, STATE_NAMES, type ModelId } from "../engine/compare";
import { DEFAULT_ORGANISATIONS } from "../engine/organisations";
import type { PathwayField } from "../engine/pathway-table";
import { describeDispersion, type ModelRisk, type RiskResult, type Sweep } from "../engine/simulate";
import { byTarget, driversReading, swing, targetName, type DriverTarget, type Sensitivity } from "../engine/sensitivity";
import type { Transition } from "../engine/transition";
import { columnLetters, offsetAddress, parseAddress } from "../engine/address";

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
  type: "columnClustered" | "line" | "barClustered";
  title: string;
  source: string;
  /** Further series (name, values range) added after the source's own. */
  extraSeries?: { name: string; values: string }[];
  /** Category (x) values for every series, when they are not the source's first column. */
  xValues?: string;
  /** Top-left and bottom-right cells the chart covers. */
  position: [string, string];
  /** Series by rows instead: the first row holds the categories, the first column names each row's series. */
  seriesBy?: "rows";
}

/** Where one model's figures for one organisation stand on the sheet. */
export interface OrgCells {
  income: Record<StateId, string>;
  margin: Record<StateId, string>;
}

export interface SheetPlan {
  cells: PlannedCell[];
  charts: PlannedChart[];
  /** Header rows of the tables, shaded. */
  headerRanges: string[];
  /** The summary table by model (header row included), for formatting and the copied table. */
  tableRange: string;
  /** Cell of each model's totals, by column key, for tests and the copied table. */
  figures: Record<ModelId, Record<FigureKey, string>>;
  /** Cells of each model's figures by organisation and state, and of the commissioner's payment. */
  organisationFigures: Record<ModelId, { commissioner: Record<StateId, string>; organisations: OrgCells[] }>;
  /** The who-gains matrix: [organisation][model] change in margin, and the commissioner's and system's saving by model. */
  matrix: { organisations: string[][]; commissioner: string[]; system: string[] };
  columnWidths: number[];
}

export const FIGURE_KEYS = ["payment", "cost", "margin", "marginLower", "marginHigher", "marginShifted", "systemShifted"] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export const FIGURE_LABELS: Record<FigureKey, string> = {
  payment: "Commissioner pays",
  cost: "Providers' cost",
  margin: "Providers' margin",
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
  /** The table's rows below its header (blank rows included), and the row each step was read from. */
  rows: number;
  stepRows: number[];
  tableAddress: string;
  cohortSource: string | null;
  inputs: ComparisonInputs;
  comparison: Comparison;
  writtenOn: string;
  /** The simulated risk figures, when the panel has them: written below the comparison as values. */
  risk?: RiskSection;
  /** The transition the Years view showed, and the model its chart followed. */
  transition?: { transition: Transition; model: string };
  /** The sensitivity analysis the panel showed (a model and a result): written with a tornado chart. */
  drivers?: { sensitivity: Sensitivity; model: string; target: DriverTarget };
  /** Where the year-of-care tiers come from (patients and weights columns), when the capitation uses tiers. */
  tiers?: { counts: string; weights: string } | null;
}

/** The columns of the organisations table holding each state's activity value and cost. */
const STATE_COLUMNS: Record<StateId, { value: string; cost: string; income: string; margin: string }> = {
  base: { value: "B", cost: "C", income: "B", margin: "F" },
  lower: { value: "D", cost: "E", income: "C", margin: "G" },
  higher: { value: "F", cost: "G", income: "D", margin: "H" },
  shifted: { value: "H", cost: "I", income: "E", margin: "I" },
};

/** The first cell of a source column, moved down `i` rows (a step's own cell in the pathway table). */
function sourceCell(column: string, i: number): string {
  const ref = parseAddress(column.split(":")[0]);
  if (!ref) throw new Error(`not an address: ${column}`);
  return offsetAddress(ref, i, 0);
}

export function buildPlan(src: PlanSource): SheetPlan {
  const { columns, inputs, comparison } = src;
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const label = (address: string, text: string, bold = false) => put(address, { value: text, bold });
  const money = (address: string, formula: string) => put(address, { formula, format: GBP });
  const P = columns.unitPrice as string;
  const C = columns.unitCost as string;
  const V = columns.volume as string;
  const orgs = comparison.organisations;
  const O = orgs.length;
  const R = src.rows;
  const bands = inputs.corridor.thresholds.length;
  const models = MODEL_IDS.length;
  const col = (k: number) => columnLetters(k);

  // ——— Where everything goes (rows), worked out first so formulas can point down the sheet. ———
  const m0 = 4; // who gains: title; header m0 + 1; organisations; commissioner; system
  const mh = m0 + 1;
  const mEnd = mh + O + 2;
  const s0 = mEnd + 2; // summary by model: title; header s0 + 1
  const sh = s0 + 1;
  const sEnd = sh + models;
  const rd = sEnd + 2; // reading lines
  const in0 = rd + models + 2; // inputs echoed
  const echo: [string, string][] = [
    ["Pathway table", src.tableAddress],
    ["Unit prices", P],
    ["Unit costs", C],
    ["Volumes per patient", V],
    ["Take-up", columns.takeUp ?? "(not in the table: 100%)"],
    ["Settings", columns.setting ?? "(not in the table: all 'other')"],
    ["Organisations", columns.organisation ?? "(not in the table: one per setting)"],
    ["Variable cost shares", columns.variableShare ?? "(not in the table: the defaults by setting below)"],
  ];
  const t0 = in0 + echo.length + 2; // terms
  const termRow = (i: number) => t0 + 1 + i;
  const TERM_KEYS = [
    "cohort",
    "mff",
    "block",
    "rate",
    "rateBelow",
    "bundlePrice",
    "stopGain",
    "stopLoss",
    "capitation",
    "gainShare",
    "shift",
    "uplift",
    "vsHospital",
    "vsCommunity",
    "vsPrimary",
    "vsOther",
    "holder",
    "lead",
    "qualityShare",
    "qualityAchievement",
  ] as const;
  const T = Object.fromEntries(TERM_KEYS.map((k, i) => [k, `$B$${termRow(i)}`])) as Record<(typeof TERM_KEYS)[number], string>;
  const tiers = inputs.capitationTiers;
  const tierCount = tiers?.counts.length ?? 0;
  const tEnd = Math.max(termRow(TERM_KEYS.length - 1), t0 + 1 + bands, t0 + 1 + tierCount);
  // Year-of-care tiers (H, I beside the corridor): patients and weight per tier, pointing at their source.
  const TIER_COUNTS = `$H$${t0 + 2}:$H$${t0 + 1 + tierCount}`;
  const TIER_WEIGHTS = `$I$${t0 + 2}:$I$${t0 + 1 + tierCount}`;
  const g0 = tEnd + 2; // organisations: title; header g0 + 1; rows; total
  const orgRow = (o: number) => g0 + 2 + o;
  const totRow = g0 + 2 + O;
  const b0 = totRow + 2; // model blocks
  const blockRow = (k: number) => b0 + k * (O + 5);
  const st0 = blockRow(models); // steps: title; header st0 + 1; one row per table row
  const stepRow = (i: number) => st0 + 2 + i;
  const stLast = stepRow(R - 1);

  label("A1", "Payment models compared, organisation by organisation", true);
  label("A2", `Written by the PAY add-in on ${src.writtenOn}. Every figure is a live formula on the inputs below.`);

  // ——— Terms ———
  label(`A${t0}`, "Terms", true);
  const BASE_VALUE = `$B$${totRow}`;
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
  terms.forEach(([text, cell], i) => {
    label(`A${termRow(i)}`, text);
    put(`B${termRow(i)}`, cell);
  });
  label(`D${t0}`, "Risk-share corridor", true);
  label(`D${t0 + 1}`, "Threshold", true);
  label(`E${t0 + 1}`, "Share of overspend", true);
  label(`F${t0 + 1}`, "Share of underspend", true);
  inputs.corridor.thresholds.forEach((t, i) => {
    put(`D${t0 + 2 + i}`, { value: t, format: PCT });
    put(`E${t0 + 2 + i}`, { value: inputs.corridor.overShares[i], format: PCT });
    put(`F${t0 + 2 + i}`, { value: inputs.corridor.underShares[i], format: PCT });
  });
  const TH = `$D$${t0 + 2}:$D$${t0 + 1 + bands}`;
  const SH = `$E$${t0 + 2}:$F$${t0 + 1 + bands}`;
  if (tiers !== null) {
    label(`H${t0}`, "Year-of-care tiers", true);
    label(`H${t0 + 1}`, "Patients", true);
    label(`I${t0 + 1}`, "Weight", true);
    tiers.counts.forEach((count, i) => {
      const from = src.tiers ? { counts: sourceCell(src.tiers.counts, i), weights: sourceCell(src.tiers.weights, i) } : null;
      put(`H${t0 + 2 + i}`, from ? { formula: `=${from.counts}`, format: "#,##0" } : { value: count, format: "#,##0" });
      put(`I${t0 + 2 + i}`, from ? { formula: `=${from.weights}`, format: "0.00" } : { value: tiers.weights[i], format: "0.00" });
    });
  }

  // ——— Steps: each table row's setting, organisation, variable cost share and care-shift factor ———
  label(`A${st0}`, "Steps (one row per row of the pathway table)", true);
  ["Step", "Setting", "Organisation", "Variable cost share", "Care-shift factor"].forEach((h, i) => label(`${col(i)}${st0 + 1}`, h, true));
  src.stepRows.forEach((row, j) => {
    const s = inputs.steps[j];
    const x = stepRow(row);
    const setting = `$B$${x}`;
    const byOrg = `IF(${setting}="hospital","${DEFAULT_ORGANISATIONS.hospital}",IF(${setting}="community","${DEFAULT_ORGANISATIONS.community}",IF(${setting}="primary","${DEFAULT_ORGANISATIONS.primary}","${DEFAULT_ORGANISATIONS.other}")))`;
    const byShare = `IF(${setting}="hospital",${T.vsHospital},IF(${setting}="community",${T.vsCommunity},IF(${setting}="primary",${T.vsPrimary},${T.vsOther})))`;
    put(`A${x}`, { value: s.name });
    put(`B${x}`, { value: s.setting });
    const org = columns.organisation ? sourceCell(columns.organisation, row) : null;
    put(`C${x}`, { formula: org ? `=IF(${org}="",${byOrg},${org})` : `=${byOrg}` });
    const share = columns.variableShare ? sourceCell(columns.variableShare, row) : null;
    put(`D${x}`, { formula: share ? `=IF(${share}="",${byShare},${share})` : `=${byShare}`, format: PCT });
    put(`E${x}`, { formula: `=IF(${setting}="hospital",1-${T.shift},IF(${setting}="community",1+${T.uplift},1))`, format: "0.00" });
  });
  const ORG = `$C$${stepRow(0)}:$C$${stLast}`;
  const VS = `$D$${stepRow(0)}:$D$${stLast}`;
  const KF = `$E$${stepRow(0)}:$E$${stLast}`;

  // ——— Organisations: activity value (PATHWAY_COST at unit prices × MFF) and cost (at unit costs, on the
  // volume cost moves with: today's + the variable share of the change) in each state ———
  label(`A${g0}`, "Organisations: activity value and cost by state", true);
  const orgHeaders = [
    "Organisation",
    ...STATE_IDS.flatMap((st) => [`Value: ${STATE_NAMES[st]}`, `Cost: ${STATE_NAMES[st]}`]),
    "Partner weight",
    "Share of surplus",
    "Lead provider",
  ];
  orgHeaders.forEach((h, i) => label(`${col(i)}${g0 + 1}`, h, true));
  const take = columns.takeUp ? `${columns.takeUp}*1` : "";
  const factor: Record<StateId, string | null> = { base: null, lower: "0.9", higher: "1.1", shifted: KF };
  orgs.forEach((name, o) => {
    const q = orgRow(o);
    const mask = `(${ORG}=$A$${q})`;
    put(`A${q}`, { value: name });
    for (const st of STATE_IDS) {
      const f = factor[st];
      // Every range goes in as an array expression (×1 at least), so a blank spacer row of the table reads
      // as zeros in all of them together, never as a partly blank row.
      const volume = f === null ? `${V}*1` : `${V}*${f}`;
      const costVolume = f === null ? `${V}*1` : `${V}*(1+${VS}*(${f}-1))`;
      money(`${STATE_COLUMNS[st].value}${q}`, `=PAY.PATHWAY_COST(${P}*${mask},${volume},${take},${T.cohort},${T.mff})`);
      money(`${STATE_COLUMNS[st].cost}${q}`, `=PAY.PATHWAY_COST(${C}*${mask},${costVolume},${take},${T.cohort})`);
    }
    const weight = inputs.partnerWeights?.[name];
    put(`J${q}`, weight !== undefined ? { value: weight } : { formula: `=C${q}`, format: GBP });
    put(`L${q}`, { formula: `=IF($A$${q}=${T.lead},1,0)`, format: "0" });
  });
  put(`K${orgRow(0)}`, { formula: `=PAY.GAIN_SHARE(1,$J$${orgRow(0)}:$J$${orgRow(O - 1)})`, format: "0.0%" });
  for (let o = 1; o < O; o++) cells.push({ address: `K${orgRow(o)}`, format: "0.0%" });
  label(`A${totRow}`, "All organisations", true);
  for (const st of STATE_IDS) {
    for (const c of [STATE_COLUMNS[st].value, STATE_COLUMNS[st].cost]) money(`${c}${totRow}`, `=SUM(${c}${orgRow(0)}:${c}${orgRow(O - 1)})`);
  }
  const range = (c: string) => `$${c}$${orgRow(0)}:$${c}$${orgRow(O - 1)}`;
  const LEAD = range("L");
  const vTot = (st: StateId) => `$${STATE_COLUMNS[st].value}$${totRow}`;
  const cTot = (st: StateId) => `$${STATE_COLUMNS[st].cost}$${totRow}`;
  const vOrg = (st: StateId, o: number) => `$${STATE_COLUMNS[st].value}$${orgRow(o)}`;
  const cOrg = (st: StateId, o: number) => `$${STATE_COLUMNS[st].cost}$${orgRow(o)}`;

  // ——— Each model's contracts, organisation by organisation (settlement.ts in Excel's terms) ———
  const organisationFigures = {} as SheetPlan["organisationFigures"];
  const BUDGET = tiers === null ? `PAY.CAPITATION(${T.cohort},1,${T.capitation})` : `PAY.CAPITATION(${TIER_COUNTS},${TIER_WEIGHTS},${T.capitation})`;
  MODEL_IDS.forEach((id, k) => {
    const h = blockRow(k);
    const pRow = h + O + 1; // what the commissioner pays: Σ the organisations' incomes
    const gRow = h + O + 2; // the contract's payment, before the quality element
    const kRow = h + O + 3; // the holder's cost (bundle and capitation models)
    label(`A${h}`, MODEL_NAMES[id], true);
    STATE_IDS.forEach((st) => {
      label(`${STATE_COLUMNS[st].income}${h}`, `Income: ${STATE_NAMES[st]}`, true);
      label(`${STATE_COLUMNS[st].margin}${h}`, `Margin: ${STATE_NAMES[st]}`, true);
    });
    const holderModel = id === "bundle" || id === "capitation" || id === "riskshare";
    const figures: { commissioner: Record<StateId, string>; organisations: OrgCells[] } = {
      commissioner: {} as Record<StateId, string>,
      organisations: orgs.map(() => ({ income: {} as Record<StateId, string>, margin: {} as Record<StateId, string> })),
    };
    label(`A${pRow}`, "Commissioner pays");
    label(`A${gRow}`, "Payment on the contract, before the quality element");
    if (holderModel) label(`A${kRow}`, "Holder's cost (own cost and subcontracts, or the alliance's costs)");
    for (const st of STATE_IDS) {
      const ic = STATE_COLUMNS[st].income;
      const G_ = `$${ic}$${gRow}`;
      const K_ = `$${ic}$${kRow}`;
      if (holderModel) {
        money(
          `${ic}${kRow}`,
          `=IF(${T.holder}="alliance",${cTot(st)},SUMPRODUCT(${LEAD},${range(STATE_COLUMNS[st].cost)})+${vTot(st)}-SUMPRODUCT(${LEAD},${range(STATE_COLUMNS[st].value)}))`,
        );
      }
      const contractPayment: Record<ModelId, string> = {
        activity: `=${vTot(st)}`,
        block: `=${T.block}`,
        blended: `=${orgs.map((_, o) => `PAY.MARGINAL_RATE(${vOrg(st, o)},${vOrg("base", o)},${T.rate},${T.rateBelow})`).join("+")}`,
        bundle: `=${K_}+PAY.BUNDLE_RECONCILE(${T.bundlePrice},${T.cohort},${K_},0,${T.stopGain},${T.stopLoss})`,
        capitation: `=${BUDGET}`,
        riskshare: `=${BUDGET}+PAY.RISK_SHARE(${K_},${BUDGET},${TH},${SH})`,
        gainshare: `=${cTot(st)}+${T.gainShare}*(${vTot("base")}-${cTot(st)})`,
      };
      money(`${ic}${gRow}`, contractPayment[id]);
      money(`${ic}${pRow}`, `=SUM(${ic}${h + 1}:${ic}${h + O})`);
      figures.commissioner[st] = `${ic}${pRow}`;
      orgs.forEach((_, o) => {
        const r = h + 1 + o;
        const part = `$K$${orgRow(o)}`;
        // What the model's contract pays the organisation (settlement.ts), as an expression.
        const contract: Record<ModelId, string> = {
          activity: vOrg(st, o),
          block: `IF(${vTot("base")}>0,${T.block}*${vOrg("base", o)}/${vTot("base")},${T.block}/${O})`,
          blended: `PAY.MARGINAL_RATE(${vOrg(st, o)},${vOrg("base", o)},${T.rate},${T.rateBelow})`,
          bundle: "",
          capitation: "",
          riskshare: "",
          gainshare: `${cOrg(st, o)}+${part}*${T.gainShare}*(${vTot("base")}-${cTot(st)})`,
        };
        const distributed = `IF(${T.holder}="alliance",${cOrg(st, o)}+${part}*(${G_}-${cTot(st)}),IF($L$${orgRow(o)}=1,${G_}-(${vTot(st)}-${vOrg(st, o)}),${vOrg(st, o)}))`;
        const g = `(${holderModel ? distributed : contract[id]})`;
        // The quality element: the share held back from a positive contract income, earned on achievement
        // (PAY.CQUIN_PAYMENT on that income).
        money(`${ic}${r}`, `=${g}-${T.qualityShare}*MAX(0,${g})+PAY.CQUIN_PAYMENT(MAX(0,${g}),${T.qualityShare},1,${T.qualityAchievement})`);
        money(`${STATE_COLUMNS[st].margin}${r}`, `=${ic}${r}-${cOrg(st, o)}`);
        figures.organisations[o].income[st] = `${ic}${r}`;
        figures.organisations[o].margin[st] = `${STATE_COLUMNS[st].margin}${r}`;
      });
    }
    orgs.forEach((name, o) => label(`A${h + 1 + o}`, name));
    organisationFigures[id] = figures;
  });

  // ——— The headline: who gains and who loses when care moves out of hospital ———
  label(`A${m0}`, "Who gains and who loses when care moves out of hospital (change in margin; the commissioner's and the system's saving)", true);
  label(`A${mh}`, "Organisation", true);
  const matrix: SheetPlan["matrix"] = { organisations: orgs.map(() => []), commissioner: [], system: [] };
  MODEL_IDS.forEach((id, k) => {
    const c = col(1 + k);
    label(`${c}${mh}`, MODEL_NAMES[id], true);
    const f = organisationFigures[id];
    orgs.forEach((_, o) => {
      money(`${c}${mh + 1 + o}`, `=${f.organisations[o].margin.shifted}-${f.organisations[o].margin.base}`);
      matrix.organisations[o].push(`${c}${mh + 1 + o}`);
    });
    money(`${c}${mh + 1 + O}`, `=${f.commissioner.base}-${f.commissioner.shifted}`);
    money(`${c}${mh + 2 + O}`, `=${cTot("base")}-${cTot("shifted")}`);
    matrix.commissioner.push(`${c}${mh + 1 + O}`);
    matrix.system.push(`${c}${mh + 2 + O}`);
  });
  orgs.forEach((name, o) => label(`A${mh + 1 + o}`, name));
  label(`A${mh + 1 + O}`, "Commissioner (saving)");
  label(`A${mh + 2 + O}`, "System (saving in real cost)");

  // ——— Summary by model ———
  label(`A${s0}`, "Summary by model (all organisations together)", true);
  label(`A${sh}`, "Model", true);
  FIGURE_KEYS.forEach((key, i) => label(`${col(1 + i)}${sh}`, FIGURE_LABELS[key], true));
  const figures = {} as Record<ModelId, Record<FigureKey, string>>;
  MODEL_IDS.forEach((id, i) => {
    const r = sh + 1 + i;
    const f = organisationFigures[id].commissioner;
    label(`A${r}`, MODEL_NAMES[id]);
    const cellsOf: Record<FigureKey, string> = {
      payment: `B${r}`,
      cost: `C${r}`,
      margin: `D${r}`,
      marginLower: `E${r}`,
      marginHigher: `F${r}`,
      marginShifted: `G${r}`,
      systemShifted: `H${r}`,
    };
    money(cellsOf.payment, `=${f.base}`);
    money(cellsOf.cost, `=${cTot("base")}`);
    money(cellsOf.margin, `=${cellsOf.payment}-${cellsOf.cost}`);
    money(cellsOf.marginLower, `=${f.lower}-${cTot("lower")}`);
    money(cellsOf.marginHigher, `=${f.higher}-${cTot("higher")}`);
    money(cellsOf.marginShifted, `=${f.shifted}-${cTot("shifted")}`);
    money(cellsOf.systemShifted, `=${f.shifted}`);
    figures[id] = cellsOf;
  });

  // What each model does, in a line naming the organisations.
  label(`A${rd}`, "Reading", true);
  comparison.models.forEach((m, i) => put(`A${rd + 1 + i}`, { value: m.reading }));

  // Inputs echoed with their sources.
  label(`A${in0}`, "Inputs", true);
  label(`B${in0}`, "Source", true);
  echo.forEach(([k, v], i) => {
    label(`A${in0 + 1 + i}`, k);
    put(`B${in0 + 1 + i}`, { value: v });
  });

  const lastModel = col(models);
  const charts: PlannedChart[] = [
    {
      type: "columnClustered",
      title: "Change in margin when care moves out of hospital, by organisation and model",
      source: `A${mh}:${lastModel}${mh + O}`,
      position: [`N${m0}`, `U${m0 + 19}`],
    },
    {
      type: "columnClustered",
      title: "Commissioner payment and providers' margin by model",
      source: `A${sh}:B${sEnd}`,
      extraSeries: [{ name: "Providers' margin", values: `D${sh + 1}:D${sEnd}` }],
      position: [`N${m0 + 21}`, `U${m0 + 40}`],
    },
  ];
  const headerRanges = [
    `A${mh}:${lastModel}${mh}`,
    `A${sh}:H${sh}`,
    `A${g0 + 1}:L${g0 + 1}`,
    ...MODEL_IDS.map((_, k) => `A${blockRow(k)}:I${blockRow(k)}`),
    `A${st0 + 1}:E${st0 + 1}`,
  ];
  let next = Math.max(stLast + 3, m0 + 42);
  if (src.risk) {
    const risk = riskCells(src.risk, next);
    cells.push(...risk.cells);
    charts.push(...risk.charts);
    headerRanges.push(...risk.headerRanges);
    next =
      Math.max(...risk.cells.map((c) => Number(/\d+/.exec(c.address)?.[0])), ...risk.charts.map((c) => Number(/\d+/.exec(c.position[1])?.[0]))) + 3;
  }
  const lastRow = (part: { cells: PlannedCell[]; charts: PlannedChart[] }) =>
    Math.max(...part.cells.map((c) => Number(/\d+/.exec(c.address)?.[0])), ...part.charts.map((c) => Number(/\d+/.exec(c.position[1])?.[0]))) + 3;
  if (src.drivers) {
    const d = driverCells(src.drivers, next);
    cells.push(...d.cells);
    charts.push(...d.charts);
    headerRanges.push(...d.headerRanges);
    next = lastRow(d);
  }
  if (src.transition) {
    const y = transitionCells(src.transition, next);
    cells.push(...y.cells);
    charts.push(...y.charts);
    headerRanges.push(...y.headerRanges);
  }
  return {
    cells,
    charts,
    headerRanges,
    tableRange: `A${sh}:H${sEnd}`,
    figures,
    organisationFigures,
    matrix,
    columnWidths: [40, 18, 18, 18, 18, 18, 18, 18, 18, 16, 16, 14, 4, 14, 14],
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
    ["Chance the providers together lose", (m) => m.lossChance.value, PCT_1],
    ["± chance", (m) => m.lossChance.se, PCT_SE],
  ];
  const h = start + 7;
  const hb = table(h, "Providers' margin together", marginCols);
  const p = hb + 2;
  const pb0 = table(p, "Commissioner pays", estimates("payment"));
  result.models.forEach((m, i) => put(`A${pb0 + 2 + i}`, { value: m.reading }));
  // Each organisation's risk under each model: one row per model and organisation.
  const r0 = pb0 + 3 + result.models.length;
  put(`A${r0}`, { value: "Risk by organisation", bold: true });
  const orgCols = ["Model", "Organisation", "Chance of a loss", "± chance", "Bad year: 5th percentile margin", "± 5th", "Mean margin", "± mean"];
  orgCols.forEach((label, j) => put(`${columnLetters(j)}${r0 + 1}`, { value: label, bold: true }));
  let rr = r0 + 2;
  for (const m of result.models) {
    for (const o of m.organisations) {
      put(`A${rr}`, { value: m.name });
      put(`B${rr}`, { value: o.name });
      put(`C${rr}`, { value: o.lossChance.value, format: PCT_1 });
      put(`D${rr}`, { value: o.lossChance.se, format: PCT_SE });
      put(`E${rr}`, { value: o.marginP5.value, format: GBP });
      put(`F${rr}`, { value: o.marginP5.se, format: GBP_SE });
      put(`G${rr}`, { value: o.marginMean.value, format: GBP });
      put(`H${rr}`, { value: o.marginMean.se, format: GBP_SE });
      rr++;
    }
  }
  const pb = rr - 1;

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
    headerRanges: [`A${h}:${columnLetters(marginCols.length)}${h}`, `A${p}:${columnLetters(8)}${p}`, `A${r0 + 1}:H${r0 + 1}`, `A${t}:G${t}`],
  };
}

/**
 * What drives the answer, for the model and result the panel showed: every input's low and high value and the
 * result at each (computed by re-running the comparison: values, not live formulas), sorted by swing, and a
 * bar chart of the top ten swings about today's result, shaped as a tornado.
 */
function driverCells(
  d: { sensitivity: Sensitivity; model: string; target: DriverTarget },
  start: number,
): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const s = d.sensitivity;
  const m = s.models.find((x) => x.id === d.model) ?? s.models[0];
  const base = d.target === "commissioner" ? m.base.commissioner : d.target === "system" ? m.base.system : m.base.organisations[d.target];
  put(`A${start}`, { value: `What drives the answer: ${targetName(s, d.target)} under ${m.name}, after the care shift`, bold: true });
  put(`A${start + 1}`, {
    value:
      `Each input moved on its own, amounts ±${s.ranges.relative * 100}% and shares ±${s.ranges.share * 100} points; each result is the ` +
      "comparison run again with that one change (values, not live formulas).",
  });
  put(`A${start + 2}`, { value: driversReading(s, d.model, d.target) });
  put(`A${start + 3}`, { value: "Today's result after the care shift" });
  put(`B${start + 3}`, { value: base, format: GBP });
  const h = start + 5;
  // The two changes first, beside the inputs' names, so the chart's source is one block (names, low, high).
  ["Input", "Input low: change", "Input high: change", "Low value", "High value", "Result, input low", "Result, input high", "Swing"].forEach(
    (label, j) => put(`${columnLetters(j)}${h}`, { value: label, bold: true }),
  );
  const rows = byTarget(m.rows, d.target);
  rows.forEach((r, i) => {
    const [lo, hi] = swing(r, d.target);
    const row = h + 1 + i;
    const money = !/Share|Rate$|rate|takeUp|share|Achievement|Uplift|corridor|mff/.test(r.input) || /capitationRate/.test(r.input);
    const valueFormat = r.input === "mff" ? "0.000" : money ? GBP : PCT_1;
    put(`A${row}`, { value: r.label });
    put(`B${row}`, { formula: `=F${row}-$B$${start + 3}`, format: GBP });
    put(`C${row}`, { formula: `=G${row}-$B$${start + 3}`, format: GBP });
    put(`D${row}`, { value: r.low, format: valueFormat });
    put(`E${row}`, { value: r.high, format: valueFormat });
    put(`F${row}`, { value: lo, format: GBP });
    put(`G${row}`, { value: hi, format: GBP });
    put(`H${row}`, { formula: `=ABS(G${row}-F${row})`, format: GBP });
  });
  const top = Math.min(10, rows.length);
  return {
    cells,
    charts: [
      {
        type: "barClustered",
        title: `What drives ${targetName(s, d.target)} under ${m.name}: change from today's result, input low and high`,
        source: `A${h}:C${h + top}`,
        position: [`N${start}`, `U${start + 19}`],
      },
    ],
    headerRanges: [`A${h}:H${h}`],
  };
}

/**
 * The transition: each party's change by year against carrying on as today, under every model — the yearly
 * positions as values (each year is a settlement of the engine's, run with that year's activity, prices and
 * contracts), with the cumulative position, the net present value (Excel's NPV) and the payback (PAY.PAYBACK)
 * as live formulas on them; and a line chart of each organisation's cumulative position under one model.
 */
function transitionCells(
  y: { transition: Transition; model: string },
  start: number,
): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const t = y.transition;
  const N = t.years.length;
  const tt = t.terms;
  put(`A${start}`, { value: `Transition over ${N} years: each party's change against carrying on as today`, bold: true });
  put(`A${start + 1}`, {
    value:
      "Yearly positions are values from the PAY engine (each year settled with its activity, prices and contracts); the cumulative " +
      "positions, net present values (NPV) and paybacks (PAY.PAYBACK) are live formulas on them.",
  });
  const terms: [string, string | number, string?][] = [
    ["Discount rate", tt.discountRate, PCT_1],
    ["Contracts re-based every (years)", tt.rebaseEvery, "0"],
    ["Stranded fixed cost released from year", tt.releaseYear ?? "never"],
    ["Freed capacity backfilled", tt.backfillShare, PCT],
    ["Set-up cost borne by", tt.setupBearer],
  ];
  terms.forEach(([k, v, f], i) => {
    put(`A${start + 2 + i}`, { value: k });
    put(`B${start + 2 + i}`, { value: v, format: f });
  });
  const RATE = `$B$${start + 2}`;
  const yc = (i: number) => columnLetters(1 + i); // year i (0-based) in B, C, …
  const npvCol = columnLetters(1 + N);
  const paybackCol = columnLetters(2 + N);
  let r = start + 2 + terms.length + 1;
  const perYear: [string, number[], string][] = [
    ["Care shift achieved", tt.shiftAchieved.length === N ? tt.shiftAchieved : Array(N).fill(tt.shiftAchieved[0]), PCT],
    ["Price uplift", tt.priceUplift.length === N ? tt.priceUplift : Array(N).fill(tt.priceUplift[0]), PCT_1],
    ["Cost uplift", tt.costUplift.length === N ? tt.costUplift : Array(N).fill(tt.costUplift[0]), PCT_1],
    ["Set-up cost", tt.setupCost.length === N ? tt.setupCost : t.years.map((_, i) => (i === 0 ? tt.setupCost[0] : 0)), GBP],
  ];
  put(`A${r}`, { value: "Year", bold: true });
  t.years.forEach((n, i) => put(`${yc(i)}${r}`, { value: n, bold: true }));
  perYear.forEach(([label, values, format], k) => {
    put(`A${r + 1 + k}`, { value: label });
    values.forEach((v, i) => put(`${yc(i)}${r + 1 + k}`, { value: v, format }));
  });
  r += perYear.length + 2;
  const headerRanges: string[] = [];
  let chartSource = "";
  for (const m of t.models) {
    put(`A${r}`, { value: m.name, bold: true });
    t.years.forEach((n, i) => put(`${yc(i)}${r}`, { value: `Year ${n}`, bold: true }));
    put(`${npvCol}${r}`, { value: "NPV", bold: true });
    put(`${paybackCol}${r}`, { value: "Payback (years)", bold: true });
    headerRanges.push(`A${r}:${paybackCol}${r}`);
    const parties = [...m.organisations, m.commissioner, m.system];
    parties.forEach((p, k) => {
      const row = r + 1 + k;
      put(`A${row}`, { value: p.name === "Commissioner" ? "Commissioner (saving)" : p.name === "System" ? "System" : p.name });
      p.byYear.forEach((v, i) => put(`${yc(i)}${row}`, { value: v, format: GBP }));
      const span = `${yc(0)}${row}:${yc(N - 1)}${row}`;
      put(`${npvCol}${row}`, { formula: `=NPV(${RATE},${span})`, format: GBP });
      put(`${paybackCol}${row}`, { formula: `=IFERROR(PAY.PAYBACK(${span},${RATE}),"never")`, format: "0.0" });
    });
    // Cumulative positions of the organisations and the commissioner, for the chart.
    const c0 = r + parties.length + 1;
    put(`A${c0}`, { value: "Cumulative position", bold: true });
    t.years.forEach((n, i) => put(`${yc(i)}${c0}`, { value: `Year ${n}`, bold: true }));
    [...m.organisations, m.commissioner].forEach((p, k) => {
      const row = c0 + 1 + k;
      put(`A${row}`, { value: p.name });
      t.years.forEach((_, i) =>
        put(`${yc(i)}${row}`, { formula: i === 0 ? `=${yc(0)}${r + 1 + k}` : `=${yc(i - 1)}${row}+${yc(i)}${r + 1 + k}`, format: GBP }),
      );
    });
    if (m.id === y.model) chartSource = `A${c0}:${yc(N - 1)}${c0 + m.organisations.length + 1}`;
    r = c0 + m.organisations.length + 3;
  }
  const model = t.models.find((m) => m.id === y.model) ?? t.models[0];
  return {
    cells,
    charts: chartSource
      ? [
          {
            type: "line",
            title: `Cumulative position by year under ${model.name}: each organisation and the commissioner`,
            source: chartSource,
            seriesBy: "rows",
            position: [`N${start}`, `U${start + 19}`],
          },
        ]
      : [],
    headerRanges,
  };
}
