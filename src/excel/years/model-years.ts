/** One model's years on the sheet: its scenario's and counterfactual's contracts, its positions, NPV and payback, and against today's. */
import { MODEL_NAMES, type ModelId } from "../../engine/comparison/compare";
import { isCommissioner } from "../../engine/comparison/transition";
import { heldByHolder } from "../sheet/contracts";
import type { YearsContext } from "./context";
import { todayInYear, sharesOfSurplus, paidRows, yearTerms } from "./prices";

/**
 * One model against today's contracts doing nothing (transition.ts versusToday): today's contracts' income
 * each year (its value when last set, plus the share paid today of the change in demand since), and each
 * party's position — the model's, less what doing nothing under today's contracts would have given it.
 */
export function versusTodayRows(Y: YearsContext, id: ModelId, h: number, pos: number, cI: number, cP: number) {
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
export function npvAndPayback(Y: YearsContext, pos: number, last: number) {
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
export function cumulativeRows(Y: YearsContext, c0: number, pos: number) {
  const { at, gbpAt, N, yc, O, orgs } = Y;
  at(`A${c0}`, { value: "Cumulative position", bold: true });
  for (let i = 1; i <= N; i++) at(`${yc(i)}${c0}`, { value: Y.labels[i - 1], bold: true });
  for (let q = 0; q <= O; q++) {
    at(`A${c0 + 1 + q}`, { value: q < O ? orgs[q] : "Commissioner" });
    for (let i = 1; i <= N; i++) gbpAt(`${yc(i)}${c0 + 1 + q}`, i === 1 ? `=${yc(1)}${pos + q}` : `=${yc(i - 1)}${c0 + 1 + q}+${yc(i)}${pos + q}`);
  }
}

/** One model's years: its scenario's and counterfactual's contracts, its positions, NPV and payback; then against today's. Returns the next free row. */
export function modelYears(Y: YearsContext, id: ModelId, r: number): number {
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
export interface ModelRows {
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
export function modelYear(Y: YearsContext, id: ModelId, rows: ModelRows, i: number): void {
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
