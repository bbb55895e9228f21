/**
 * The written sheet's years: the transition as live formulas (transition.ts in Excel's terms). Its cells sit
 * below the comparison's blocks and read them (the organisations' rows, the steps, the terms, the contracts'
 * formulas): `YearsRefs` names what it reads, so the layout and this section agree by construction.
 */
import { yearsHeadline } from "../../engine/decision/answer";
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { MODEL_IDS, MODEL_NAMES, type ModelId } from "../../engine/comparison/compare";
import type { partnerWeightsFor } from "../../engine/comparison/settlement";
import { isCommissioner, perYear, type Transition } from "../../engine/comparison/transition";
import type { PathwayField } from "../../engine/inputs/pathway-table";
import { heldByHolder, type ContractRefs } from "./contracts";
import { stepCell, type TableSteps } from "./steps";
import { GBP, GBP_AXIS, PCT, PCT_1, YEAR_FACTORS, type PlannedCell, type PlannedChart } from "./common";
import type { TodayOnPlan } from "./signed";

/** What the years read of the sheet above them: its layout, the terms' cells, the steps' ranges, the contracts. */
export interface YearsRefs {
  /** Column letters of a 0-based column. */
  col: (k: number) => string;
  /** Each term's cell ($B$n), by the layout's term keys. */
  T: Readonly<Record<string, string>>;
  /** The steps as array expressions over an Excel table's columns, or null (a block of the sheet). */
  steps: TableSteps | null;
  st0: number;
  stepRow: (i: number) => number;
  stLast: number;
  stepRows: readonly number[];
  columns: Partial<Record<PathwayField, string>>;
  /** Fields whose cells were merged down rows of a range, and the rows they read from (merged.ts). */
  mergedFrom?: Partial<Record<PathwayField, Record<number, number>>>;
  O: number;
  orgs: readonly string[];
  orgRow: (o: number) => number;
  /** Ranges (or array expressions) of the steps: organisation, unit price, cost, volume, take-up, shares. */
  ORG: string;
  P: string;
  C: string;
  V: string;
  VS: string;
  PAID: string;
  PAID_FALL: string;
  take: string;
  LEAD: string;
  TIER_COUNTS: string;
  TIER_WEIGHTS: string;
  inputs: ComparisonInputs;
  typedWeights: ReturnType<typeof partnerWeightsFor>;
  tiers: ComparisonInputs["capitationTiers"];
  contractFormulas: (id: ModelId, r: ContractRefs) => { k: string; g: string; income: (o: number) => string };
  /** Today's contracts on a plan, as signed or re-based on each year's plan (sheet/signed.ts); null: by organisation. */
  onPlan: TodayOnPlan | null;
  /** A single holder's partners' cells (organisations.ts N to R), where any is typed. */
  partners?: ContractRefs["partners"];
}

/**
 * The transition as live formulas (transition.ts in Excel's terms): year columns of the terms, each
 * organisation's activity value and cost in each year's activity (PATHWAY_COST over the table, at today's
 * prices), the hospital activity avoided, and for every model the scenario's and the counterfactual's
 * contracts organisation by organisation, the positions by year, NPV and PAY.PAYBACK (year 1 at time 0).
 */
export function yearsSection(ref: YearsRefs, y: { transition: Transition; model: string }, start: number) {
  const { col, T, steps, st0, stepRow, stepRows, columns, stLast, O, orgs, ORG, P, V, PAID, take, PAID_FALL, orgRow, C, VS } = ref;
  // Each step's factor on its value as signed (sheet/signed.ts), where a contracts table is given.
  const signed = (ref.inputs.contracts?.length ?? 0) > 0 && ref.onPlan ? ref.onPlan.sfGlided("1") : undefined;
  const out: PlannedCell[] = [];
  const at = (address: string, c: Omit<PlannedCell, "address">) => out.push({ address, ...c });
  const gbpAt = (address: string, formula: string) => at(address, { formula, format: GBP });
  const tr = y.transition;
  const tt = tr.terms;
  const N = tr.years.length;
  const yc = (yr: number) => col(1 + yr); // year 0 (today) in B, year 1 in C, …
  const abs = (c: string, r: number) => `$${c}$${r}`;
  at(`A${start}`, {
    value: `Transition over ${N} years: each party's change against carrying on under the same model, and against today's contracts doing nothing`,
    bold: true,
    style: "Heading2",
  });
  // The section's own headline first (as written; the figures below are live).
  at(`A${start + 1}`, {
    value: `${yearsHeadline(tr, y.model)} Every figure below is a live formula: each year settles the same contracts as the comparison, with that year's activity, prices and contracts.`,
  });
  const tRows = termRows(tt, ref.inputs);
  tRows.forEach(([label, c], i) => {
    at(`A${start + 2 + i}`, { value: label });
    at(`B${start + 2 + i}`, { ...c, style: "Input" });
  });
  const RATE_Y = abs("B", start + 2);
  const H = abs("B", start + 3);
  const REL = abs("B", start + 4);
  const BACK = abs("B", start + 5);
  const BEARER = abs("B", start + 6);
  const PAYER = abs("B", start + 7);
  const GROWTH = abs("B", start + 8);
  const GLIDE = abs("B", start + 9);
  // Year rows, below the terms and a blank row.
  const yr = start + 3 + tRows.length;
  const k0 = yr + 1; // shift achieved
  const pu0 = yr + 2;
  const cu0 = yr + 3;
  const pi0 = yr + 4;
  const ci0 = yr + 5;
  const su0 = yr + 6; // set-up cost
  const rl0 = yr + 7; // released (1/0)
  const rb0 = yr + 8; // the year the contract is set on (0: today)
  const dg0 = yr + 9; // demand index: (1 + growth) ^ year
  yearRows(at, yc, tt, N, { yr, k0, pu0, cu0, pi0, ci0, su0, rl0, rb0, dg0 }, { H, REL, GROWTH });
  const G = (i: number) => abs(yc(i), dg0);
  /** The demand index of the year a contract of year `i` was set on (its last re-basing). */
  const Gset = (i: number) => `INDEX($B$${dg0}:$${yc(N)}$${dg0},1,1+${abs(yc(i), rb0)})`;
  // Each step's volume factor in each year (beside the steps table), from the year's achieved shift; for an
  // Excel table, the same as an array expression over its setting column.
  const yearFactor = (setting: string, i: number) =>
    `IF(${setting}="hospital",1-${T.shiftShare}*${abs(yc(i), k0)},IF(${setting}="community",1+${T.shiftCommunityUplift}*${abs(yc(i), k0)},1))`;
  if (!steps) {
    at(`${col(YEAR_FACTORS)}${st0 + 1}`, { value: "Year 1 factor →", bold: true });
    stepRows.forEach((row) => {
      const x = stepRow(row);
      const change = stepCell({ columns, mergedFrom: ref.mergedFrom }, "volumeChange", row);
      for (let i = 1; i <= N; i++) {
        const rule = yearFactor(`$B$${x}`, i);
        at(`${col(YEAR_FACTORS - 1 + i)}${x}`, {
          formula: change ? `=IF(${change}="",${rule},1+${change}*${abs(yc(i), k0)})` : `=${rule}`,
          format: "0.00",
        });
      }
    });
  }
  const F = (i: number) =>
    steps ? steps.yearFactor(abs(yc(i), k0)) : `$${col(YEAR_FACTORS - 1 + i)}$${stepRow(0)}:$${col(YEAR_FACTORS - 1 + i)}$${stLast}`;
  const HOSP = steps ? steps.hospital : `($B$${stepRow(0)}:$B$${stLast}="hospital")`;
  // Organisations by year, at today's prices: value, cost, and the hospital activity avoided, with the care
  // shift and demand grown; value and cost doing nothing (demand grown alone); and, under today's contracts,
  // the value each organisation is paid of a change in its activity (on a rise in B, on a fall in C).
  const blocks = [
    "Activity value (today's prices)",
    "Cost (today's costs)",
    "Avoided: fixed cost",
    "Avoided: variable cost",
    "Avoided: activity value",
    "Doing nothing: activity value (today's prices)",
    "Doing nothing: cost (today's costs)",
    "Today's contracts: value paid of a change in activity (B: on a rise, C: on a fall)",
    // With contracts as signed: what they pay above tariff (below, where negative) on each year's activity, at
    // today's prices; a contract left at today's value adds it, as much as the glide path leaves open.
    ...(signed ? ["Contracts as signed: premium over tariff (today's prices)", "Doing nothing: premium over tariff (today's prices)"] : []),
  ];
  const ob = (b: number) => dg0 + 2 + b * (O + 2); // title row of block b; organisations follow
  const fromToday = (b: number) => b < 2 || b === 5 || b === 6 || b >= 8;
  organisationsByYear({ at, gbpAt, orgs, ORG, P, V, C, VS, PAID, PAID_FALL, take, T, fromToday, yc, N, orgRow, F, G, HOSP, ob, blocks, SF: signed });
  const cellOf = (b: number, o: number, i: number) => abs(yc(i), ob(b) + 1 + o);
  // Each model: the scenario's contracts and the counterfactual's (today's activity and contracts, the
  // year's prices and costs), then the positions.
  const PI = (i: number) => abs(yc(i), pi0);
  const CI = (i: number) => abs(yc(i), ci0);
  let r = ob(blocks.length) + 1;
  const heads: string[] = [];
  const versusToday: Record<string, { orgs: number[]; commissioner: number; system: number }> = {};
  const todayCharts: Record<string, string> = {};
  const positions: Record<string, { orgs: number[]; commissioner: number; system: number }> = {};
  const Y: YearsContext = {
    ...ref,
    at,
    gbpAt,
    N,
    yc,
    abs,
    heads,
    tt,
    labels: tr.labels,
    rl0,
    rb0,
    su0,
    cellOf,
    PI,
    CI,
    ob,
    G,
    Gset,
    BACK,
    BEARER,
    PAYER,
    RATE_Y,
    GLIDE,
    dg0,
    positions,
    versusToday,
    todayCharts,
  };
  for (const id of MODEL_IDS) r = modelYears(Y, id, r);
  const model = tr.models.find((m) => m.id === y.model) ?? tr.models[0];
  return {
    cells: out,
    charts: yearsCharts(
      model.name,
      (positions[model.id] as unknown as { chart: string }).chart,
      todayCharts[model.id],
      col(Math.max(13, N + 5)),
      col(Math.max(13, N + 5) + 7),
      start,
    ),
    headerRanges: heads,
    positions,
    versusToday,
    years: { npv: yc(N + 1), payback: yc(N + 2), first: yc(1) },
  };
}

type Rows = Record<string, { orgs: number[]; commissioner: number; system: number }>;

/** What the years' helpers share (yearsSection builds it once the terms, year rows and organisations are written). */
interface YearsContext extends Pick<
  YearsRefs,
  "inputs" | "orgRow" | "T" | "typedWeights" | "tiers" | "TIER_COUNTS" | "TIER_WEIGHTS" | "contractFormulas" | "LEAD" | "onPlan" | "ORG" | "partners"
> {
  /** Write a cell; a £ formula. */
  at: (address: string, c: Omit<PlannedCell, "address">) => void;
  gbpAt: (address: string, formula: string) => void;
  /** Years, each year's column, an absolute reference. */
  N: number;
  yc: (yr: number) => string;
  abs: (c: string, r: number) => string;
  heads: string[];
  O: number;
  orgs: readonly string[];
  tt: Transition["terms"];
  /** Each year's heading: its financial year ("2026/27") or "Year 1", … (Transition.labels). */
  labels: string[];
  /** The year rows: released, the year each contract is set on, set-up cost. */
  rl0: number;
  rb0: number;
  su0: number;
  /** Organisation o's cell of block b in year i; a block's title row. */
  cellOf: (b: number, o: number, i: number) => string;
  ob: (b: number) => number;
  /** A year's price and cost index, demand index, and the demand index when its contract was set. */
  PI: (i: number) => string;
  CI: (i: number) => string;
  G: (i: number) => string;
  Gset: (i: number) => string;
  /** The years a signed contract's gap closes over (blank: never), and the row of the demand index by year. */
  GLIDE: string;
  dg0: number;
  /** The terms' cells: backfilled share, set-up bearer, backfill payer, discount rate. */
  BACK: string;
  BEARER: string;
  PAYER: string;
  RATE_Y: string;
  /** Each model's position rows, against the model and against today's contracts, and the latter's chart. */
  positions: Rows;
  versusToday: Rows;
  todayCharts: Record<string, string>;
}

/**
 * One model against today's contracts doing nothing (transition.ts versusToday): today's contracts' income
 * each year (its value when last set, plus the share paid today of the change in demand since), and each
 * party's position — the model's, less what doing nothing under today's contracts would have given it.
 */
function versusTodayRows(Y: YearsContext, id: ModelId, h: number, pos: number, cI: number, cP: number) {
  const { at, gbpAt, N, yc, abs, heads, O, orgs, tt, rb0, PI, CI, ob, G, Gset, cellOf } = Y;
  const ti = h + 1;
  const vp = ti + O;
  at(`A${h}`, { value: `${MODEL_NAMES[id]}: against today's contracts, doing nothing`, bold: true });
  for (let i = 1; i <= N; i++) at(`${yc(i)}${h}`, { value: Y.labels[i - 1], bold: true });
  at(`${yc(N + 1)}${h}`, { value: "NPV", bold: true });
  at(`${yc(N + 2)}${h}`, { value: "Payback (years)", bold: true });
  heads.push(`A${h}:${yc(N + 2)}${h}`);
  orgs.forEach((name, o) => {
    at(`A${ti + o}`, { value: `${name}: today's contracts' income` });
    at(`A${vp + o}`, { value: `${name}: against today's contracts` });
  });
  at(`A${vp + O}`, { value: "Commissioner (saving) against today's contracts" });
  at(`A${vp + O + 1}`, {
    value: isCommissioner(tt.backfillPayer) ? "Another payer of backfilled work (none)" : `${tt.backfillPayer.trim()} (pays for backfilled work)`,
  });
  at(`A${vp + O + 2}`, { value: "System against today's contracts" });
  for (let i = 1; i <= N; i++) {
    const c = yc(i);
    orgs.forEach((_, o) => {
      const set = `INDEX($B$${ob(5) + 1 + o}:$${yc(N)}$${ob(5) + 1 + o},1,1+${abs(c, rb0)})`;
      const paid = `IF(${G(i)}>=${Gset(i)},$B$${ob(7) + 1 + o},$C$${ob(7) + 1 + o})`;
      gbpAt(
        `${c}${ti + o}`,
        Y.onPlan ? `=${todayInYear(Y, Y.onPlan, i, `(${Y.ORG}=$A$${Y.orgRow(o)})`)}*${PI(i)}` : `=(${set}+(${G(i)}-${Gset(i)})*${paid})*${PI(i)}`,
      );
      // The proposal's position less doing nothing under today's contracts, from the same cells as against the
      // model (whose cost doing nothing carried a held model's VAT, which today's contracts do not).
      const vat = heldByHolder(id) && Y.partners ? `-(${cellOf(6, o, i)}*${CI(i)})*${Y.partners.vat(o)}` : "";
      gbpAt(`${c}${vp + o}`, `=${c}${pos + o}+${c}${cI + o}-${c}${ti + o}${vat}`);
    });
    gbpAt(`${c}${vp + O}`, `=${c}${pos + O}-${c}${cP}+SUM(${c}${ti}:${c}${ti + O - 1})`);
    gbpAt(`${c}${vp + O + 1}`, `=${c}${pos + O + 1}`);
    gbpAt(`${c}${vp + O + 2}`, `=SUM(${c}${vp}:${c}${vp + O + 1})`);
  }
  npvAndPayback(Y, vp, O + 2);
  const c0 = vp + O + 4;
  cumulativeRows(Y, c0, vp);
  return {
    positions: { orgs: orgs.map((_, o) => vp + o), commissioner: vp + O, system: vp + O + 2 },
    chart: `A${c0}:${yc(N)}${c0 + O + 1}`,
    end: c0 + O + 3,
  };
}

/** NPV and payback (PAY.PAYBACK) of rows `pos`…`pos + last`, both with year 1 as period 0. */
function npvAndPayback(Y: YearsContext, pos: number, last: number) {
  const { at, gbpAt, N, yc, RATE_Y } = Y;
  for (let q = 0; q <= last; q++) {
    const span = `${yc(1)}${pos + q}:${yc(N)}${pos + q}`;
    // Year 1 at time 0 for both (the Green Book's convention, and PAY.PAYBACK's): year 1 + NPV of the rest.
    gbpAt(`${yc(N + 1)}${pos + q}`, N === 1 ? `=${yc(1)}${pos + q}` : `=${yc(1)}${pos + q}+NPV(${RATE_Y},${yc(2)}${pos + q}:${yc(N)}${pos + q})`);
    at(`${yc(N + 2)}${pos + q}`, {
      formula: `=IFERROR(IF(ROUND(${yc(1)}${pos + q},2)>=0,"no investment",PAY.PAYBACK(ROUND(${span},2),${RATE_Y})),"never")`,
      format: "0.0",
    });
  }
}

/** Cumulative positions of the organisations and the commissioner (rows `pos`…), for a chart, from row `c0`. */
function cumulativeRows(Y: YearsContext, c0: number, pos: number) {
  const { at, gbpAt, N, yc, O, orgs } = Y;
  at(`A${c0}`, { value: "Cumulative position", bold: true });
  for (let i = 1; i <= N; i++) at(`${yc(i)}${c0}`, { value: Y.labels[i - 1], bold: true });
  for (let q = 0; q <= O; q++) {
    at(`A${c0 + 1 + q}`, { value: q < O ? orgs[q] : "Commissioner" });
    for (let i = 1; i <= N; i++) gbpAt(`${yc(i)}${c0 + 1 + q}`, i === 1 ? `=${yc(1)}${pos + q}` : `=${yc(i - 1)}${c0 + 1 + q}+${yc(i)}${pos + q}`);
  }
}

/** One model's years: its scenario's and counterfactual's contracts, its positions, NPV and payback; then against today's. Returns the next free row. */
function modelYears(Y: YearsContext, id: ModelId, r: number): number {
  const { at, N, yc, heads, O, orgs, tt, positions, versusToday, todayCharts } = Y;
  const h = r;
  at(`A${h}`, { value: `${MODEL_NAMES[id]}: by year`, bold: true });
  for (let i = 1; i <= N; i++) at(`${yc(i)}${h}`, { value: Y.labels[i - 1], bold: true });
  heads.push(`A${h}:${yc(N + 2)}${h}`);
  // Rows: scenario (values, costs, baseline values, baseline costs, leads, parts, incomes, K, G, pays),
  // counterfactual (incomes, K, G, pays), positions.
  const row = { sv: h + 1, sc: h + 1 + O, bv: h + 1 + 2 * O, bc: h + 1 + 3 * O, ld: h + 1 + 4 * O, pt: h + 1 + 5 * O, si: h + 1 + 6 * O };
  const sK = h + 1 + 7 * O;
  const sG = sK + 1;
  const sP = sK + 2;
  const cI = sK + 3;
  const cK = cI + O;
  const cG = cK + 1;
  const cP = cK + 2;
  const cbv = cP + 1; // doing nothing: the contract's baseline value, baseline cost and shares of surplus
  const cbc = cbv + O;
  const cpt = cbc + O;
  // With contracts as signed: the contract's baseline at today's payment (the scenario's, then doing nothing's).
  const signed = (Y.inputs.contracts?.length ?? 0) > 0;
  const pv = signed ? cpt + O : null;
  const cpv = signed ? cpt + 2 * O : null;
  const pos = cpt + O * (signed ? 3 : 1);
  const names: [number, string][] = [
    [row.sv, "value"],
    [row.sc, "cost"],
    [row.bv, "contract's baseline value"],
    [row.bc, "contract's baseline cost"],
    [row.ld, "lead provider (1 = yes)"],
    [row.pt, "share of surplus"],
    [row.si, "income"],
    [cI, "as today: income"],
    [cbv, "as today: contract's baseline value"],
    [cbc, "as today: contract's baseline cost"],
    [cpt, "as today: share of surplus"],
    ...(pv !== null && cpv !== null
      ? ([
          [pv, "contract's baseline at today's payment"],
          [cpv, "as today: contract's baseline at today's payment"],
        ] as [number, string][])
      : []),
    [pos, "position"],
  ];
  for (const [r0, what] of names) orgs.forEach((name, o) => at(`A${r0 + o}`, { value: `${name}: ${what}` }));
  at(`A${sK}`, { value: "Holder's cost" });
  at(`A${sG}`, { value: "Payment on the contract, before the quality element" });
  at(`A${sP}`, { value: "Commissioner pays" });
  at(`A${cK}`, { value: "As today: holder's cost" });
  at(`A${cG}`, { value: "As today: payment on the contract" });
  at(`A${cP}`, { value: "As today: commissioner pays" });
  at(`A${pos + O}`, { value: "Commissioner (saving)" });
  at(`A${pos + O + 1}`, {
    value: isCommissioner(tt.backfillPayer) ? "Another payer of backfilled work (none)" : `${tt.backfillPayer.trim()} (pays for backfilled work)`,
  });
  at(`A${pos + O + 2}`, { value: "System" });
  at(`A${pos + O + 3}`, { value: "Other work on backfilled capacity: its value (paid for above, not a saving)" });
  const rows = { row, sK, sG, sP, cI, cK, cG, cP, cbv, cbc, cpt, pv, cpv, pos };
  for (let i = 1; i <= N; i++) modelYear(Y, id, rows, i);
  // NPV and payback (PAY.PAYBACK) of each position, both with year 1 as period 0.
  at(`${yc(N + 1)}${h}`, { value: "NPV", bold: true });
  at(`${yc(N + 2)}${h}`, { value: "Payback (years)", bold: true });
  npvAndPayback(Y, pos, O + 2);
  // Cumulative positions of the organisations and the commissioner, for the chart.
  const c0 = pos + O + 5;
  cumulativeRows(Y, c0, pos);
  positions[id] = { orgs: orgs.map((_, o) => pos + o), commissioner: pos + O, system: pos + O + 2 };
  (positions[id] as unknown as { chart: string }).chart = `A${c0}:${yc(N)}${c0 + O + 1}`;
  const vt = versusTodayRows(Y, id, c0 + O + 3, pos, cI, cP);
  versusToday[id] = vt.positions;
  todayCharts[id] = vt.chart;
  return vt.end;
}

/** The rows of one model's years (modelYears): the scenario's, the counterfactual's and the positions'. */
interface ModelRows {
  row: { sv: number; sc: number; bv: number; bc: number; ld: number; pt: number; si: number };
  sK: number;
  sG: number;
  sP: number;
  cI: number;
  cK: number;
  cG: number;
  cP: number;
  cbv: number;
  cbc: number;
  cpt: number;
  /** The contract's baseline at today's payment, the scenario's and doing nothing's (null without contracts). */
  pv: number | null;
  cpv: number | null;
  pos: number;
}

/** One model's year i (column): the scenario's and the counterfactual's contracts, then each party's position. */
function modelYear(Y: YearsContext, id: ModelId, rows: ModelRows, i: number): void {
  const { N, yc, O, orgs, abs, rl0, gbpAt, cellOf, PI, BACK, CI, ob, rb0, at, inputs, orgRow, T, contractFormulas, LEAD, BEARER, su0, PAYER } = Y;
  const { row, sK, sG, sP, cI, cK, cG, cP, cbv, cbc, cpt, pv, cpv, pos } = rows;
  const c = yc(i);
  const span = (r0: number) => `${c}${r0}:${c}${r0 + O - 1}`;
  // Scenario: the year's value and cost (with release and backfill), and the contract's baseline.
  orgs.forEach((_, o) => {
    const rel = abs(c, rl0);
    gbpAt(`${c}${row.sv + o}`, `=${cellOf(0, o, i)}*${PI(i)}`);
    gbpAt(`${c}${row.sc + o}`, `=(${cellOf(1, o, i)}+${rel}*(-(1-${BACK})*${cellOf(2, o, i)}+${BACK}*${cellOf(3, o, i)}))*${CI(i)}`);
    gbpAt(`${c}${row.bv + o}`, `=INDEX($B$${ob(0) + 1 + o}:$${yc(N)}$${ob(0) + 1 + o},1,1+${abs(c, rb0)})*${PI(i)}`);
    gbpAt(`${c}${row.bc + o}`, `=INDEX($B$${ob(1) + 1 + o}:$${yc(N)}$${ob(1) + 1 + o},1,1+${abs(c, rb0)})*${CI(i)}`);
    at(`${c}${row.ld + o}`, {
      formula:
        inputs.leadProvider !== null
          ? `=IF($A$${orgRow(o)}=${T.leadProvider},1,0)`
          : `=IF(MATCH(MAX(${span(row.bv)}),${span(row.bv)},0)=${o + 1},1,0)`,
      format: "0",
    });
  });
  // Each partner's share of a surplus: its weight (given, or its baseline cost) over all the weights.
  sharesOfSurplus(Y, c, row.pt, row.bc);
  const vTotS = `SUM(${span(row.sv)})`;
  const cTotS = `SUM(${span(row.sc)})`;
  const bvTot = `SUM(${span(row.bv)})`;
  paidRows(Y, i, pv, 8, row.bv);
  paidRows(Y, i, cpv, 9, cbv);
  const { block, bprice, budget } = yearTerms(Y, i, pv === null ? bvTot : `SUM(${span(pv)})`);
  // (bvTot, vTotS and cTotS are SUM(…) calls: already single terms.)
  // The counterfactual: the year's activity doing nothing (demand grown alone) at the year's prices and
  // costs; the same contract re-based on the same years, its lead as today's (demand moves every value alike).
  // (Every composite expression in parentheses: they are substituted into products and quotients.)
  const cv = (o: number) => `(${cellOf(5, o, i)}*${PI(i)})`;
  const cc = (o: number) => `(${cellOf(6, o, i)}*${CI(i)})`;
  const dnSpan = (b: number) => `${abs(c, ob(b) + 1)}:${abs(c, ob(b) + O)}`;
  const cvTot = `(SUM(${dnSpan(5)})*${PI(i)})`;
  const ccTot = `(SUM(${dnSpan(6)})*${CI(i)})`;
  orgs.forEach((_, o) => {
    gbpAt(`${c}${cbv + o}`, `=INDEX($B$${ob(5) + 1 + o}:$${yc(N)}$${ob(5) + 1 + o},1,1+${abs(c, rb0)})*${PI(i)}`);
    gbpAt(`${c}${cbc + o}`, `=INDEX($B$${ob(6) + 1 + o}:$${yc(N)}$${ob(6) + 1 + o},1,1+${abs(c, rb0)})*${CI(i)}`);
  });
  sharesOfSurplus(Y, c, cpt, cbc);
  const cbvTot = `SUM(${span(cbv)})`;
  const cPaidTot = cpv === null ? cbvTot : `SUM(${span(cpv)})`;
  const { block: cBlock, bprice: cBprice, budget: cBudget } = yearTerms(Y, i, cPaidTot);

  const sv = (o: number) => abs(c, row.sv + o);
  const sc = (o: number) => abs(c, row.sc + o);
  // A held model's partners: their subcontracts, and the VAT a partner loses as a real cost (settlement.ts held).
  const partners = heldByHolder(id) ? Y.partners : undefined;
  const vat = (o: number) => (partners ? `*(1+${partners.vat(o)})` : "");
  const s = contractFormulas(id, {
    partners,
    v: sv,
    cost: sc,
    baseline: (o) => abs(c, row.bv + o),
    values: vTotS,
    costs: cTotS,
    baselines: bvTot,
    paid: pv === null ? undefined : (o) => abs(c, pv + o),
    paids: pv === null ? undefined : `SUM(${span(pv)})`,
    lead: (o) => abs(c, row.ld + o),
    leads: span(row.ld),
    costRange: span(row.sc),
    valueRange: span(row.sv),
    part: (o) => abs(c, row.pt + o),
    block,
    bundlePrice: bprice,
    budget,
    K: abs(c, sK),
    G: abs(c, sG),
  });
  gbpAt(`${c}${sK}`, s.k);
  gbpAt(`${c}${sG}`, s.g);
  orgs.forEach((_, o) => gbpAt(`${c}${row.si + o}`, s.income(o)));
  gbpAt(`${c}${sP}`, `=SUM(${span(row.si)})`);
  const cf = contractFormulas(id, {
    partners,
    v: cv,
    cost: cc,
    baseline: (o) => abs(c, cbv + o),
    values: cvTot,
    costs: ccTot,
    baselines: cbvTot,
    paid: cpv === null ? undefined : (o) => abs(c, cpv + o),
    paids: cpv === null ? undefined : cPaidTot,
    lead: (o) => `$L$${orgRow(o)}`,
    leads: LEAD,
    costRange: `${dnSpan(6)}*${CI(i)}`,
    valueRange: `${dnSpan(5)}*${PI(i)}`,
    part: (o) => abs(c, cpt + o),
    block: cBlock,
    bundlePrice: cBprice,
    budget: cBudget,
    K: abs(c, cK),
    G: abs(c, cG),
  });
  gbpAt(`${c}${cK}`, cf.k);
  gbpAt(`${c}${cG}`, cf.g);
  orgs.forEach((_, o) => gbpAt(`${c}${cI + o}`, cf.income(o)));
  gbpAt(`${c}${cP}`, `=SUM(${span(cI)})`);
  // Positions: each organisation's change in margin (with the income of backfilled work), the
  // commissioner's saving, each less any set-up cost it bears; the backfilled work paid for by the
  // commissioner or another payer; the system is all of them together (the change in real cost).
  orgs.forEach((name, o) => {
    const other = `${abs(c, rl0)}*${BACK}*${cellOf(4, o, i)}*${PI(i)}`;
    gbpAt(
      `${c}${pos + o}`,
      `=(${c}${row.si + o}-${c}${row.sc + o}${vat(o)}+${other})-(${c}${cI + o}-${cc(o)}${vat(o)})-IF(LOWER(TRIM(${BEARER}))=LOWER($A$${orgRow(o)}),${abs(c, su0)},0)`,
    );
  });
  const backfilled = `${abs(c, pos + O + 3)}`;
  const byCommissioner = `LOWER(TRIM(${PAYER}))="commissioner"`;
  gbpAt(`${c}${pos + O}`, `=${c}${cP}-${c}${sP}-IF(LOWER(TRIM(${BEARER}))="commissioner",${abs(c, su0)},0)-IF(${byCommissioner},${backfilled},0)`);
  gbpAt(`${c}${pos + O + 1}`, `=IF(${byCommissioner},0,-${backfilled})`);
  gbpAt(`${c}${pos + O + 2}`, `=SUM(${c}${pos}:${c}${pos + O + 1})`);
  gbpAt(`${c}${pos + O + 3}`, `=${abs(c, rl0)}*${BACK}*SUM(${abs(c, ob(4) + 1)}:${abs(c, ob(4) + O)})*${PI(i)}`);
}

/**
 * Organisations by year, at today's prices: value, cost and the hospital activity avoided, with the care shift
 * and demand grown; value and cost doing nothing (demand grown alone); and, under today's contracts, the value
 * each organisation is paid of a change in its activity (on a rise in B, on a fall in C).
 */
function organisationsByYear(y: {
  at: (address: string, c: Omit<PlannedCell, "address">) => void;
  gbpAt: (address: string, formula: string) => void;
  orgs: readonly string[];
  /** The steps' organisation, unit price, cost, volume, variable share and shares paid today; take-up. */
  ORG: string;
  P: string;
  V: string;
  C: string;
  VS: string;
  PAID: string;
  PAID_FALL: string;
  take: string;
  T: Readonly<Record<string, string>>;
  /** Whether block b starts at year 0 (today), each year's column, the years. */
  fromToday: (b: number) => boolean;
  yc: (yr: number) => string;
  N: number;
  orgRow: (o: number) => number;
  /** Each step's volume factor in year i, the demand index, hospital steps. */
  F: (i: number) => string;
  G: (i: number) => string;
  HOSP: string;
  /** Block b's title row; the blocks' titles. */
  ob: (b: number) => number;
  blocks: readonly string[];
  /** Each step's factor on its value as signed, where contracts were signed (blocks 8 and 9). */
  SF?: string;
}): void {
  const { at, gbpAt, orgs, ORG, P, V, C, VS, PAID, PAID_FALL, take, T, fromToday, yc, N, orgRow, F, G, HOSP, ob, blocks, SF } = y;
  blocks.forEach((title, b) => {
    at(`A${ob(b)}`, { value: title, bold: true });
    orgs.forEach((name, o) => {
      const r = ob(b) + 1 + o;
      at(`A${r}`, { value: name });
      const mask = `(${ORG}=$A$${r})`;
      if (b === 7) {
        gbpAt(`B${r}`, `=PAY.PATHWAY_COST(${P}*${mask},${V}*${PAID},${take},${T.cohort},1)`);
        gbpAt(`C${r}`, `=PAY.PATHWAY_COST(${P}*${mask},${V}*${PAID_FALL},${take},${T.cohort},1)`);
        return;
      }
      for (let i = fromToday(b) ? 0 : 1; i <= N; i++) {
        const c = `${yc(i)}${r}`;
        // The premium over tariff (blocks 8, 9): each step's value × (its factor as signed − 1), which is below 0
        // under a contract signed below tariff (so SUMPRODUCT: PATHWAY_COST refuses a negative price).
        const premium = (volume: string) => `=SUMPRODUCT(${P}*${mask}*(${SF ?? "1"}-1)*${volume}${take === "" ? "" : `*${take}`})*${T.cohort}`;
        if (i === 0) {
          gbpAt(c, b >= 8 ? premium(`${V}*1`) : `=${b === 0 || b === 5 ? `$B$${orgRow(o)}` : `$C$${orgRow(o)}`}`);
          continue;
        }
        const f = F(i);
        const g = G(i);
        // Hospital activity avoided: the fall of each step's volume (none where a step's own change adds
        // activity), on the year's demand.
        const fall = `IF(${f}<1,1-${f},0)*${g}`;
        const formula = [
          `=PAY.PATHWAY_COST(${P}*${mask},${V}*${f}*${g},${take},${T.cohort},1)`,
          `=PAY.PATHWAY_COST(${C}*${mask},${V}*(1+${VS}*(${f}*${g}-1)),${take},${T.cohort})`,
          `=PAY.PATHWAY_COST(${C}*${mask}*${HOSP},${V}*${fall}*(1-${VS})*${HOSP},${take},${T.cohort})`,
          `=PAY.PATHWAY_COST(${C}*${mask}*${HOSP},${V}*${fall}*${VS}*${HOSP},${take},${T.cohort})`,
          `=PAY.PATHWAY_COST(${P}*${mask}*${HOSP},${V}*${fall}*${HOSP},${take},${T.cohort},1)`,
          `=PAY.PATHWAY_COST(${P}*${mask},${V}*${g},${take},${T.cohort},1)`,
          `=PAY.PATHWAY_COST(${C}*${mask},${V}*(1+${VS}*(${g}-1)),${take},${T.cohort})`,
          "",
          premium(`${V}*${f}*${g}`),
          premium(`${V}*${g}`),
        ][b];
        gbpAt(c, formula);
      }
    });
  });
}

/**
 * The year rows: each year's care shift achieved, price and cost uplifts and indices, set-up cost, whether the
 * stranded cost is released, the year its contract is set on, and the demand index (year 0, today, in B).
 */
function yearRows(
  at: (address: string, c: Omit<PlannedCell, "address">) => void,
  yc: (yr: number) => string,
  tt: Transition["terms"],
  N: number,
  rows: { yr: number; k0: number; pu0: number; cu0: number; pi0: number; ci0: number; su0: number; rl0: number; rb0: number; dg0: number },
  terms: { H: string; REL: string; GROWTH: string },
): void {
  const { yr, k0, pu0, cu0, pi0, ci0, su0, rl0, rb0, dg0 } = rows;
  const { H, REL, GROWTH } = terms;
  at(`A${yr}`, { value: "Year", bold: true });
  const labels = [
    "Care shift achieved",
    "Price uplift",
    "Cost uplift",
    "Price index",
    "Cost index",
    "Set-up cost",
    "Stranded cost released (1 = yes)",
    "Contract set on the activity of year",
    "Demand index",
  ];
  labels.forEach((l, i) => at(`A${yr + 1 + i}`, { value: l }));
  const k = perYear(tt.shiftAchieved, N, "shiftAchieved");
  const pu = perYear(tt.priceUplift, N, "priceUplift");
  const cu = perYear(tt.costUplift, N, "costUplift");
  const su = perYear(tt.setupCost, N, "setupCost", true);
  at(`B${yr}`, { value: 0, bold: true });
  at(`B${pi0}`, { value: 1, format: "0.0000" });
  at(`B${ci0}`, { value: 1, format: "0.0000" });
  at(`B${dg0}`, { value: 1, format: "0.0000" });
  for (let i = 1; i <= N; i++) {
    const c = yc(i);
    const p = yc(i - 1);
    at(`${c}${yr}`, { value: i, bold: true });
    at(`${c}${k0}`, { value: k[i - 1], format: PCT, style: "Input" });
    at(`${c}${pu0}`, { value: pu[i - 1], format: PCT_1, style: "Input" });
    at(`${c}${cu0}`, { value: cu[i - 1], format: PCT_1, style: "Input" });
    at(`${c}${pi0}`, { formula: `=${p}${pi0}*(1+${c}${pu0})`, format: "0.0000" });
    at(`${c}${ci0}`, { formula: `=${p}${ci0}*(1+${c}${cu0})`, format: "0.0000" });
    at(`${c}${su0}`, { value: su[i - 1], format: GBP, style: "Input" });
    at(`${c}${rl0}`, { formula: `=IF(AND(ISNUMBER(${REL}),${c}$${yr}>=${REL}),1,0)`, format: "0" });
    at(`${c}${rb0}`, { formula: `=FLOOR((${c}$${yr}-1)/${H},1)*${H}`, format: "0" });
    at(`${c}${dg0}`, { formula: `=${p}${dg0}*(1+${GROWTH})`, format: "0.0000" });
  }
}

/** The years' two line charts (against the same model, against today's contracts), in columns from:to beside them. */
function yearsCharts(name: string, againstModel: string, againstToday: string, from: string, to: string, start: number): PlannedChart[] {
  return [
    {
      type: "line" as const,
      title: `Cumulative position by year under ${name}: each organisation and the commissioner`,
      source: againstModel,
      seriesBy: "rows" as const,
      axes: { category: "Year of the transition", value: "Cumulative change (£)", valueFormat: GBP_AXIS },
      position: [`${from}${start}`, `${to}${start + 19}`] as [string, string],
    },
    {
      type: "line" as const,
      title: `Cumulative position by year under ${name} against today's contracts doing nothing`,
      source: againstToday,
      seriesBy: "rows" as const,
      axes: { category: "Year of the transition", value: "Cumulative change (£)", valueFormat: GBP_AXIS },
      position: [`${from}${start + 21}`, `${to}${start + 40}`] as [string, string],
    },
  ];
}

/**
 * An organisation's income under today's contracts doing nothing in year `i`, step by step (the engine's
 * transition: incomeToday on demand alone): each step's payment set on its plan until first re-based (on the
 * year before under a rule whose plan is each year's outturn, nhsps-2026), then on the demand of the year it was
 * re-based on, with the signed gap to tariff glided over GLIDE years.
 */
function todayInYear(Y: YearsContext, p: TodayOnPlan, i: number, mask: string): string {
  const { abs, yc, rb0, dg0, N, G } = Y;
  const setOn = Y.inputs.todaysRule?.planYearly ? String(i - 1) : abs(yc(i), rb0);
  const Gset = `INDEX($B$${dg0}:$${yc(N)}$${dg0},1,1+${setOn})`;
  const uset = `((${setOn}=0)*${p.U0}+(${setOn}<>0)*${p.today}*${Gset})`;
  return p.incomeWith(mask, `${p.today}*${G(i)}`, uset, p.sfGlided(glideOpen(Y, i)));
}

/** Each partner's share of a surplus in column `c` (rows from r0): its weight, given or its baseline cost (rows from bc), over all. */
function sharesOfSurplus(Y: YearsContext, c: string, r0: number, bc: number): void {
  const { typedWeights, abs, orgs, O, at } = Y;
  const weight = (q: number) => (typedWeights ? String(typedWeights.weights[q]) : abs(c, bc + q));
  const weights = orgs.map((_, q) => weight(q)).join("+");
  orgs.forEach((_, q) => at(`${c}${r0 + q}`, { formula: `=IF((${weights})>0,${weight(q)}/(${weights}),1/${O})`, format: "0.0%" }));
}

/**
 * Today's payment in year `i` (rows from r0; none without contracts): the contract's baseline value (rows from
 * bv0) plus the premium of the contracts as signed on the same activity (block b0), as much of it as the glide
 * path leaves open this year (signed.ts paidBaseline).
 */
function paidRows(Y: YearsContext, i: number, r0: number | null, b0: number, bv0: number): void {
  if (r0 === null) return;
  const { abs, yc, ob, N, rb0, PI, gbpAt, orgs } = Y;
  const c = yc(i);
  orgs.forEach((_, o) =>
    gbpAt(
      `${c}${r0 + o}`,
      `=${abs(c, bv0 + o)}+${glideOpen(Y, i)}*INDEX($B$${ob(b0) + 1 + o}:$${yc(N)}$${ob(b0) + 1 + o},1,1+${abs(c, rb0)})*${PI(i)}`,
    ),
  );
}

/** A contract's terms in year `i`: a typed block, bundle price or rate at the year's prices; left at today's value, from `paid`. */
function yearTerms(Y: YearsContext, i: number, paid: string): { block: string; bprice: string; budget: string } {
  const { inputs, T, PI, tiers, TIER_COUNTS, TIER_WEIGHTS, Gset } = Y;
  return {
    block: inputs.blockValue === null ? paid : `(${T.blockValue}*${PI(i)})`,
    bprice: inputs.bundlePrice === null ? `(${paid}/${T.cohort})` : `(${T.bundlePrice}*${PI(i)})`,
    budget:
      inputs.capitationRate === null
        ? paid
        : tiers === null
          ? `PAY.CAPITATION(${T.cohort},1,${T.capitationRate}*${PI(i)})`
          : // A population's budget grows with it, re-based as today's contracts are (transition.ts capitationRate).
            `PAY.CAPITATION(${TIER_COUNTS},${TIER_WEIGHTS},${T.capitationRate}*${PI(i)}*${Gset(i)})`,
  };
}

/** The share of a signed gap to tariff still open in year `i` (signed.ts glideShare): 1 with no glide path. */
const glideOpen = (Y: YearsContext, i: number): string => `IF(${Y.GLIDE}="",1,MAX(0,1-${i}/${Y.GLIDE}))`;

/** The transition's terms written above its years, each an input cell (the glide path only with signed contracts). */
function termRows(tt: Transition["terms"], inputs: ComparisonInputs): [string, Omit<PlannedCell, "address">][] {
  return [
    ["Discount rate", { value: tt.discountRate, format: PCT_1 }],
    ["Contracts re-based every (years)", { value: tt.rebaseEvery, format: "0" }],
    ["Stranded fixed cost released from year (blank: never)", tt.releaseYear === null ? { value: "" } : { value: tt.releaseYear, format: "0" }],
    ["Freed capacity backfilled", { value: tt.backfillShare, format: PCT }],
    ["Set-up cost borne by", { value: tt.setupBearer }],
    ["Backfilled work paid by", { value: tt.backfillPayer }],
    ["Demand growth a year (doing nothing and every proposal)", { value: tt.demandGrowth ?? 0, format: PCT_1 }],
    // Only with contracts as signed: the years over which each gap to tariff closes (blank: never).
    ...((inputs.contracts?.length ?? 0) > 0
      ? ([["Signed contracts glide to tariff over (years; blank: never)", tt.glideYears ? { value: tt.glideYears, format: "0" } : { value: "" }]] as [
          string,
          Omit<PlannedCell, "address">,
        ][])
      : []),
  ];
}
