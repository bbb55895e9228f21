/**
 * The written sheet's years: the transition as live formulas (transition.ts in Excel's terms). Its cells sit
 * below the comparison's blocks and read them (the organisations' rows, the steps, the terms, the contracts'
 * formulas): `YearsRefs` names what it reads, so the layout and this section agree by construction.
 */
import { yearsHeadline } from "../../engine/decision/answer";
import { MODEL_IDS } from "../../engine/comparison/compare";
import { type Transition } from "../../engine/comparison/transition";
import { stepCell } from "../sheet/steps";
import { GBP, YEAR_FACTORS, type PlannedCell } from "../sheet/common";
import type { YearsContext, YearsRefs } from "./context";

export type { YearsRefs } from "./context";
import { modelYears } from "./model-years";
import { organisationsByYear, yearRows, yearsCharts, termRows } from "./rows";

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
