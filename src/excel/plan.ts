/**
 * What "Write to sheet" writes, as a plan of cells: the headline (who gains and who loses, organisation by
 * organisation, when care moves out of hospital), a summary by model, the reading lines, the inputs echoed
 * with their source addresses, the terms, each organisation's activity value and cost in every state, and each
 * model's contracts organisation by organisation — all as live PAY formulas (and plain Excel ones) on the
 * pathway table where it is, so the sheet recalculates when an input changes and an auditor can trace every
 * figure. The formulas are the engine's settlement (settlement.ts) in Excel's terms; a test recomputes them
 * in HyperFormula and gets the engine's figures. Pure: no Office.js here (src/excel/workbook.ts applies it).
 */
import type { StateId } from "../engine/comparison/compare";
import { MODEL_IDS, type ModelId } from "../engine/comparison/compare";
import type { Transition } from "../engine/comparison/transition";
import { partnerWeightsFor } from "../engine/comparison/settlement";
import { assumptionLines } from "./assumptions";
import { moneyFormat, moneyUnitWords } from "../engine/comparison/money";
import { columnLetters } from "../engine/rules/address";
import { GBP, GBP_AXIS, type PlannedCell, type PlannedChart } from "./sheet/common";
import { yearsSection } from "./years/section";
import { optionsSection } from "./options/section";
import { holderSection } from "./holder/section";
import { answerSentence } from "../engine/decision/answer";
import { pageSetup, writtenDay } from "./sheet/page";
import { riskCells } from "./sheet/risk";
import { driverCells } from "./sheet/drivers";
import { paidOnFor, stepsSection, tableSteps, type TableSteps } from "./sheet/steps";
import { organisationsSection } from "./sheet/organisations";
import { todayOnPlan } from "./sheet/signed";
import { againstTodaySection, headlineSection, type AgainstTodayRefs } from "./sheet/headline";
import { termsSection } from "./sheet/terms";
import { contractFormulasFor, modelContracts, STATE_COLUMNS, todayContracts, type ContractRefs, type OrgRefs } from "./sheet/contracts";
import { sheetLayout, type TermKey } from "./sheet/layout";

export type { ContractRefs } from "./sheet/contracts";

export type { RiskSection } from "./sheet/risk";
export type { TableSteps } from "./sheet/steps";

export type { OrgCells, PlanSource, SheetPlan } from "./plan-types";
import type { PlanSource, SheetPlan } from "./plan-types";

export { CELL_STYLES, FIGURE_KEYS, FIGURE_LABELS, type CellStyle, type FigureKey, type PlannedCell, type PlannedChart } from "./sheet/common";

export function buildPlan(src: PlanSource): SheetPlan {
  const { columns, inputs, comparison } = src;
  const rule = inputs.todaysRule ?? null;
  const cells: PlannedCell[] = [];
  const P = columns.unitPrice as string;
  const C = columns.unitCost as string;
  const V = columns.volume as string;
  const orgs = comparison.organisations;
  const O = orgs.length;
  // Typed partner weights (an organisation not named weighs 0); null: each partner's baseline cost.
  const typedWeights = partnerWeightsFor(inputs.partnerWeights, orgs);
  const models = MODEL_IDS.length;
  const col = (k: number) => columnLetters(k);

  // ——— Where everything goes (rows), worked out first so formulas can point down the sheet (sheet/layout.ts) ———
  const layout = sheetLayout(src);
  const { m0, mh, s0, sh, sEnd, rd, in0, echo, t0, termRow, TERM_KEYS, T, TIER_COUNTS, TIER_WEIGHTS } = layout;
  const { g0, orgRow, totRow, blockRow, todayRow, st0, stepRow, stLast } = layout;
  const tiers = inputs.capitationTiers;

  cells.push(...titleCells(src));

  // ——— Terms, the risk-share corridor and the year-of-care tiers ———
  // Terms left at today's value start from today's payment: the activity value, or as signed (column M).
  const BASE_VALUE = (inputs.contracts?.length ?? 0) > 0 ? `$M$${totRow}` : `$B$${totRow}`;
  const termsBlock = termsSection({ src, t0, termRow, TERM_KEYS, T, TIER_COUNTS, TIER_WEIGHTS, BASE_VALUE, orgRow });
  cells.push(...termsBlock.cells);
  const { TH, SH } = termsBlock;

  // ——— Steps: each step's organisation, variable cost share and care-shift factor, as Excel ranges (a block of
  // this sheet, one row per row of the pathway table) or, for an Excel table, as array expressions over its
  // columns, so that a row added to the table is in every figure. ———
  const steps = src.table ? tableSteps(columns, T, rule) : null;
  cells.push(...stepsSection({ src, steps, st0, stepRow, T }));
  const { ORG, VS, KF, PAID, PAID_FALL, PM } = stepRanges(steps, (c) => `$${c}$${stepRow(0)}:$${c}$${stLast}`, P);
  const paidOn = paidOnFor(rule, steps, PAID, PAID_FALL);

  const take = columns.takeUp ? `${columns.takeUp}*1` : "";
  const range = (c: string) => `$${c}$${orgRow(0)}:$${c}$${orgRow(O - 1)}`;
  const LEAD = range("L");
  const vTot = (st: StateId) => `$${STATE_COLUMNS[st].value}$${totRow}`;
  const cTot = (st: StateId) => `$${STATE_COLUMNS[st].cost}$${totRow}`;
  const vOrg = (st: StateId, o: number) => `$${STATE_COLUMNS[st].value}$${orgRow(o)}`;
  const cOrg = (st: StateId, o: number) => `$${STATE_COLUMNS[st].cost}$${orgRow(o)}`;

  const contractFormulas = (id: ModelId, r: ContractRefs) => contractFormulasFor({ T, orgs, TH, SH }, id, r);

  // ——— Today's contracts, then each model's contracts, organisation by organisation (settlement.ts in Excel's terms) ———
  const orgCells: OrgRefs = { orgs, orgRow, T, vOrg, cOrg, vTot, cTot, range, LEAD };
  // Today's contracts on the plan and as signed, where the table or a contracts table says so, and for the years
  // of a rule re-based on each year's plan (sheet/signed.ts); its contracts block first below the steps.
  let next = Math.max(stLast + 3, m0 + 42);
  const stepRefs = {
    ...layout,
    col,
    steps,
    stepRows: src.stepRows,
    columns,
    mergedFrom: src.mergedFrom,
    O,
    orgs,
    ORG,
    P: PM,
    V,
    C,
    VS,
    PAID,
    PAID_FALL,
    take,
  };
  const onPlan = todayOnPlan({ ...stepRefs, inputs, contractCells: src.contractCells, start: next, withYears: src.transition !== undefined });

  // ——— Organisations: activity value and cost in each state (and today's payment where contracts were signed) ———
  const signed = (inputs.contracts?.length ?? 0) > 0 && onPlan ? onPlan.sfGlided("1") : undefined;
  cells.push(...organisationsSection({ src, g0, orgRow, totRow, ORG, VS, KF, PM, take, T, typedWeights, SF: signed }));
  if (signed) {
    orgCells.paidOrg = (o: number) => `$M$${orgRow(o)}`;
    orgCells.paidTot = `$M$${totRow}`;
  }
  if (inputs.partners) orgCells.partners = { basis: (o) => `$N$${orgRow(o)}`, markup: (o) => `$O$${orgRow(o)}`, vat: (o) => `$R$${orgRow(o)}` };
  const incomeAt = onPlan?.comparison ? onPlan.incomeAt : undefined;
  const today = todayContracts(orgCells, { todayRow, ORG, V, P: PM, KF, take, paidOn, incomeAt });
  cells.push(...today.cells);
  const { baselineFigures } = today;
  const BUDGET =
    tiers === null ? `PAY.CAPITATION(${T.cohort},1,${T.capitationRate})` : `PAY.CAPITATION(${TIER_COUNTS},${TIER_WEIGHTS},${T.capitationRate})`;
  const contracts = modelContracts(orgCells, { blockRow, todayRow, budget: BUDGET, contractFormulas });
  cells.push(...contracts.cells);
  const { organisationFigures, versusToday } = contracts;
  // The headline: against today's contracts, first under the title and the answer (sheet/headline.ts).
  const top = againstTodaySection({
    a0: layout.a0,
    orgs,
    baselineFigures,
    versusToday,
    keys: keyAssumptions(src, T, totRow, signed !== undefined),
  });
  cells.push(...top.cells);

  // ——— The headline (who gains), the summary by model, the reading lines and the inputs echoed, with their charts ———
  const cost = modelCost(cTot, range, !!inputs.partners);
  const headline = headlineSection({ m0, mh, s0, sh, sEnd, rd, in0, echo, orgs, comparison, organisationFigures, cTot: cost });
  cells.push(...headline.cells);
  const { matrix, figures, charts } = headline;
  const lastModel = col(models);
  // The who-gains matrix and the summary are Excel tables (their formulas are single cells); the others hold
  // spilling formulas (PAY.GAIN_SHARE) or are blocks of a larger layout, so they are formatted ranges.
  const tables = [
    { range: top.table, name: "PAY_AgainstToday" },
    { range: `A${mh}:${lastModel}${mh + O + 2}`, name: "PAY_WhoGains" },
    { range: `A${sh}:H${sEnd}`, name: "PAY_Summary" },
  ];
  const headerRanges = blockHeaders(layout, (inputs.contracts?.length ?? 0) > 0);
  const transitionLive = (y: { transition: Transition; model: string }, start: number) =>
    yearsSection({ ...stepRefs, inputs, typedWeights, tiers, contractFormulas, LEAD, onPlan, partners: orgCells.partners }, y, start);
  // The sections below the steps, each starting three rows under the last row of the one before.
  const stack = (part: { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] }): void => {
    cells.push(...part.cells);
    charts.push(...part.charts);
    headerRanges.push(...part.headerRanges);
    next =
      Math.max(...part.cells.map((c) => Number(/\d+/.exec(c.address)?.[0])), ...part.charts.map((c) => Number(/\d+/.exec(c.position[1])?.[0]))) + 3;
  };
  if (onPlan && onPlan.cells.length > 0) stack({ cells: onPlan.cells, charts: [], headerRanges: onPlan.headerRanges });
  if (src.risk) stack(riskCells(src.risk, next));
  if (src.drivers) stack(driverCells(src.drivers, next));
  if (src.transition) stack(transitionLive(src.transition, next));
  if (src.options) stack(optionsSection(src.options, next));
  const vat = inputs.partners ? (o: number) => `$R$${orgRow(o)}` : null;
  const autoReserve = src.risk?.result.reserve?.auto ? src.risk.result.reserve.reserve : null;
  if (inputs.partners || inputs.managementFee || inputs.riskReserve)
    stack(holderSection({ inputs, orgs, orgRow, T, figures: organisationFigures, vat, autoReserve, start: next }));
  assumptionsAndUnit(src, cells, charts, next);
  return {
    cells,
    charts,
    headerRanges,
    tables,
    ...pageSetup(cells, charts, src.writtenOn, [...headerRanges, ...tables.map((t) => t.range)]),
    tableRange: `A${sh}:H${sEnd}`,
    figures,
    organisationFigures,
    versusToday,
    againstToday: top.headline,
    baselineFigures,
    matrix,
  };
}

/**
 * Each step's organisation, variable cost share, care-shift factor and shares paid today on a rise and a fall, as
 * array expressions over an Excel table or the steps block's columns (C to G); and each step's price with its own
 * market forces factor (the engine's stepMff: every PATHWAY_COST of activity value takes this, with an MFF of 1).
 */
function stepRanges(steps: TableSteps | null, block: (c: string) => string, P: string) {
  return {
    ORG: steps ? steps.org : block("C"),
    VS: steps ? steps.variableShare : block("D"),
    KF: steps ? steps.shiftFactor : block("E"),
    PAID: steps ? steps.paidShare(true) : block("F"),
    PAID_FALL: steps ? steps.paidShare(false) : block("G"),
    PM: `${P}*${steps ? steps.mff : block("H")}`,
  };
}

/** The header rows of the organisations' block (to M with signed contracts), each model's block and the steps. */
function blockHeaders(layout: ReturnType<typeof sheetLayout>, signed: boolean): string[] {
  const { g0, blockRow, st0 } = layout;
  return [`A${g0 + 1}:${signed ? "M" : "L"}${g0 + 1}`, ...MODEL_IDS.map((_, k) => `A${blockRow(k)}:I${blockRow(k)}`), `A${st0 + 1}:H${st0 + 1}`];
}

/** The title (naming the pathway and the day), the line under it, the date written and the answer (as written; the figures below are live). */
function titleCells(src: PlanSource): PlannedCell[] {
  return [
    { address: "A1", value: `Payment models compared: ${src.table?.name ?? src.tableAddress}, ${writtenDay(src.writtenOn)}`, style: "SheetTitle" },
    { address: "A2", value: "Written by the PAY add-in. Every figure is a live formula on the inputs below.", style: "ExplanatoryText" },
    { address: "A3", value: "Written on", bold: false },
    { address: "B3", value: excelDate(src.writtenOn), format: "d mmmm yyyy" },
    { address: "A4", value: answerSentence(src.comparison), bold: true },
  ];
}

/** The key assumptions' cells and words for the headline (sheet/headline.ts): the terms read live, the rule and the unit in words. */
function keyAssumptions(src: PlanSource, T: Record<TermKey, string>, totRow: number, signed: boolean): AgainstTodayRefs["keys"] {
  const rule = src.inputs.todaysRule ?? null;
  return {
    cohort: T.cohort,
    shift: T.shiftShare,
    uplift: T.shiftCommunityUplift,
    tariff: `$B$${totRow}`,
    signed: signed ? `$M$${totRow}` : null,
    rule: rule
      ? `${rule.name} for the points of delivery it covered`
      : "each step paid as the table says, else as the 2025/26 NHS Payment Scheme's default",
    unit: `Money in ${moneyUnitWords(src.unit ?? "£")}, losses in brackets; every cell holds the exact figure. The full list of assumptions closes the sheet.`,
  };
}

/** All organisations' cost in a state under a model: a held model's with the VAT its partners lose (organisations.ts column R). */
function modelCost(cTot: (st: StateId) => string, range: (c: string) => string, partners: boolean): (st: StateId, id: ModelId) => string {
  return (st, id) =>
    partners && (id === "bundle" || id === "capitation" || id === "riskshare")
      ? `(${cTot(st)}+SUMPRODUCT(${range(STATE_COLUMNS[st].cost)},${range("R")}))`
      : cTot(st);
}

/** What the figures rest on (every default used, each step's payment today, seeds and trials) from row `next`; money in the unit chosen. */
function assumptionsAndUnit(src: PlanSource, cells: PlannedCell[], charts: PlannedChart[], next: number): void {
  const unit = src.unit ?? "£";
  const assumptions = assumptionLines({ ...src, unit, risk: src.risk?.result, transition: src.transition?.transition });
  cells.push({ address: `A${next}`, value: "Assumptions: what these figures rest on", bold: true, style: "Heading2" });
  assumptions.forEach((line, i) => cells.push({ address: `A${next + 1 + i}`, value: line, bold: false }));
  // Money in the unit chosen: the number formats of every £ cell and axis (the values stay exact).
  if (unit !== "£") for (const c of cells) if (c.format === GBP) c.format = moneyFormat(unit);
  if (unit !== "£") for (const ch of charts) if (ch.axes?.valueFormat === GBP_AXIS) ch.axes.valueFormat = moneyFormat(unit, false);
}

// Whether the written formulas read a setting as the engine does: beside the reading of the table, so the pane
// can ask it before it loads this module (which it loads only to write a sheet).
export { sheetReadsSetting } from "../engine/inputs/pathway-table";

/** A date as Excel's serial number (days since 30 December 1899, the 1900 date system), for a date cell. */
export function excelDate(d: Date): number {
  return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
