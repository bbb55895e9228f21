/**
 * Each model's contracts in Excel's terms (settlement.ts): the cells a model block reads and the formulas of
 * the holder's cost, the contract's payment and each organisation's income. The model blocks (today, ±10%, the
 * care shift) and the years (scenario and counterfactual) all write their contracts here.
 */
import { MODEL_IDS, MODEL_NAMES, STATE_IDS, STATE_NAMES, type ModelId, type StateId } from "../../engine/comparison/compare";
import { columnLetters } from "../../engine/rules/address";
import { blendedFormula } from "../../engine/comparison/paired/blended";
import { blockShareFormula } from "../../engine/comparison/paired/block";
import { heldPaymentFormulas } from "../../engine/comparison/paired/held";
import { gainShareFormulas } from "../../engine/comparison/paired/gain-share";
import { qualityFormula } from "../../engine/comparison/paired/quality";
import type { OrgCells, SheetPlan } from "../plan-types";
import { writer, type PlannedCell } from "./common";

/** The cells a model's contract formulas read (contractFormulas in buildPlan). */
export interface ContractRefs {
  v: (o: number) => string;
  cost: (o: number) => string;
  baseline: (o: number) => string;
  values: string;
  costs: string;
  baselines: string;
  /**
   * Each organisation's baseline at today's payment and their total (settlement.ts Contract.paid): where the
   * contracts as signed differ from tariff; absent, the baseline activity value.
   */
  paid?: (o: number) => string;
  paids?: string;
  /**
   * A single holder's partners (organisations.ts columns N to R): each one's subcontract basis and margin on cost,
   * and the share its cost rises by in VAT lost under the holder; absent: every partner at unit prices, no VAT.
   */
  partners?: { basis: (o: number) => string; markup: (o: number) => string; vat: (o: number) => string };
  lead: (o: number) => string;
  leads: string;
  costRange: string;
  valueRange: string;
  part: (o: number) => string;
  block: string;
  bundlePrice: string;
  budget: string;
  K: string;
  G: string;
}

/** The models whose bundle or budget is held by a lead provider or an alliance (settlement.ts `held`). */
export const heldByHolder = (id: ModelId): boolean => id === "bundle" || id === "capitation" || id === "riskshare";

/** The columns of the organisations table holding each state's activity value and cost. */
export const STATE_COLUMNS: Record<StateId, { value: string; cost: string; income: string; margin: string }> = {
  base: { value: "B", cost: "C", income: "B", margin: "F" },
  lower: { value: "D", cost: "E", income: "C", margin: "G" },
  higher: { value: "F", cost: "G", income: "D", margin: "H" },
  shifted: { value: "H", cost: "I", income: "E", margin: "I" },
};

/**
 * One model's contracts in Excel's terms (settlement.ts): the holder's cost (K), the payment on the contract
 * before the quality element (G), and each organisation's income with the quality element — from the cells
 * of each organisation's value, cost and the contract's baseline, the lead provider's flags and the parts.
 * The model blocks (today, ±10%, the care shift) and the transition's years (scenario and counterfactual)
 * all write their formulas here.
 */
export function contractFormulasFor(
  terms: { T: Readonly<Record<string, string>>; orgs: readonly string[]; TH: string; SH: string },
  id: ModelId,
  r: ContractRefs,
): { k: string; g: string; income: (o: number) => string } {
  const { T, orgs, TH, SH } = terms;
  const O = orgs.length;
  const holderModel = heldByHolder(id);
  // A held model's costs with the VAT a partner loses, and what the lead pays each partner (settlement.ts held).
  const p = r.partners;
  const heldCost = (o: number) => (p ? `${r.cost(o)}*(1+${p.vat(o)})` : r.cost(o));
  const sub = (o: number) =>
    p ? `IF(${p.basis(o)}="cost",${heldCost(o)}*(1+${p.markup(o)}),IF(${p.basis(o)}="block",${r.paid?.(o) ?? r.baseline(o)},${r.v(o)}))` : r.v(o);
  const others = (o: number) => orgs.flatMap((_, q) => (q === o ? [] : [sub(q)])).join("+") || "0";
  const k = p
    ? `IF(${T.holder}="alliance",${r.costs},${orgs.map((_, o) => `IF(${r.lead(o)}=1,${heldCost(o)},${sub(o)})`).join("+")})`
    : `IF(${T.holder}="alliance",${r.costs},SUMPRODUCT(${r.leads},${r.costRange})+${r.values}-SUMPRODUCT(${r.leads},${r.valueRange}))`;
  // Today's payment: the blended payment's fixed part (its premium over the activity value added), the block's
  // shares and the gain share's budget.
  const paids = r.paids ?? r.baselines;
  const paid = r.paid ?? r.baseline;
  const blended = (o: number) =>
    blendedFormula({
      value: r.v(o),
      baseline: r.baseline(o),
      above: T.blendedVariableRate,
      below: T.blendedRateBelow,
      ...(r.paid ? { paid: paid(o) } : {}),
    });
  const heldPay = heldPaymentFormulas({
    cost: r.K,
    price: r.bundlePrice,
    patients: T.cohort,
    stopGain: T.stopGain,
    stopLoss: T.stopLoss,
    budget: r.budget,
    thresholds: TH,
    shares: SH,
  });
  const gain = gainShareFormulas({ rate: T.gainShareRate, paid: paids, costs: r.costs });
  const g: Record<ModelId, string> = {
    activity: r.values,
    block: r.block,
    blended: orgs.map((_, o) => blended(o)).join("+"),
    bundle: heldPay.bundle,
    capitation: r.budget,
    riskshare: heldPay.riskshare,
    gainshare: gain.payment,
  };
  const income = (o: number): string => {
    const contract: Record<ModelId, string> = {
      activity: r.v(o),
      block: blockShareFormula({ block: r.block, paid: paid(o), total: paids, count: O }),
      blended: blended(o),
      bundle: "",
      capitation: "",
      riskshare: "",
      gainshare: gain.income({ cost: r.cost(o), part: r.part(o) }),
    };
    // A bundle or budget passed on: subcontracts at unit prices and the rest to the lead, or each partner its
    // cost and its share of the surplus.
    const distributed = p
      ? `IF(${T.holder}="alliance",${r.cost(o)}+${r.part(o)}*(${r.G}-${r.costs}),IF(${r.lead(o)}=1,${r.G}-(${others(o)}),${sub(o)}))`
      : `IF(${T.holder}="alliance",${r.cost(o)}+${r.part(o)}*(${r.G}-${r.costs}),IF(${r.lead(o)}=1,${r.G}-(${r.values}-${r.v(o)}),${r.v(o)}))`;
    const gross = `(${holderModel ? distributed : contract[id]})`;
    // The quality element: the share held back from a positive contract income, earned on achievement
    // (PAY.CQUIN_PAYMENT on that income).
    return `=${qualityFormula(gross, { share: T.qualityShare, achievement: T.qualityAchievement })}`;
  };
  return { k: `=${k}`, g: `=${g[id]}`, income };
}

/** Each organisation's cells in the organisations block: its rows, its value and cost in a state, the totals. */
export interface OrgRefs {
  orgs: readonly string[];
  orgRow: (o: number) => number;
  T: Readonly<Record<string, string>>;
  vOrg: (st: StateId, o: number) => string;
  cOrg: (st: StateId, o: number) => string;
  vTot: (st: StateId) => string;
  cTot: (st: StateId) => string;
  /** A column of the organisations block over all organisations ($X$a:$X$b). */
  range: (c: string) => string;
  /** The lead provider flags. */
  LEAD: string;
  /** Each organisation's baseline at today's payment and the total, where contracts were signed (organisations.ts). */
  paidOrg?: (o: number) => string;
  paidTot?: string;
  /** A single holder's partners' cells (organisations.ts N to R), where any is typed. */
  partners?: ContractRefs["partners"];
}

/**
 * Today's contracts: each step paid as today — its value today plus the share of any change in it that its
 * payment passes on (PAID) — organisation by organisation, in every state; laid out as a model's block.
 */
export function todayContracts(
  ref: OrgRefs,
  at: {
    todayRow: number;
    ORG: string;
    V: string;
    P: string;
    KF: string;
    take: string;
    paidOn: (f: string) => string;
    /** Where today's contracts are set on a plan or signed values (sheet/signed.ts): each income's formula. */
    incomeAt?: (mask: string, f: string | null) => string;
  },
): { cells: PlannedCell[]; baselineFigures: SheetPlan["baselineFigures"] } {
  const { orgs, orgRow, T, cOrg } = ref;
  const { todayRow, ORG, V, P, KF, take, paidOn } = at;
  const O = orgs.length;
  const { cells, label, money } = writer();
  const baselineFigures: SheetPlan["baselineFigures"] = {
    commissioner: Object.fromEntries(STATE_IDS.map((st) => [st, `${STATE_COLUMNS[st].income}${todayRow + O + 1}`])) as Record<StateId, string>,
    organisations: [],
  };

  const h = todayRow;
  label(`A${h}`, "Today's contracts (each step paid as today)", true);
  STATE_IDS.forEach((st) => {
    label(`${STATE_COLUMNS[st].income}${h}`, `Income: ${STATE_NAMES[st]}`, true);
    label(`${STATE_COLUMNS[st].margin}${h}`, `Margin: ${STATE_NAMES[st]}`, true);
  });
  const factorOf: Record<StateId, string | null> = { base: null, lower: "0.9", higher: "1.1", shifted: KF };
  orgs.forEach((name, o) => {
    const r = h + 1 + o;
    label(`A${r}`, name);
    baselineFigures.organisations.push({
      income: Object.fromEntries(STATE_IDS.map((st) => [st, `${STATE_COLUMNS[st].income}${r}`])) as Record<StateId, string>,
      margin: Object.fromEntries(STATE_IDS.map((st) => [st, `${STATE_COLUMNS[st].margin}${r}`])) as Record<StateId, string>,
    });
    const mask = `(${ORG}=$A$${orgRow(o)})`;
    for (const st of STATE_IDS) {
      const f = factorOf[st];
      const volume = f === null ? `${V}*1` : `${V}*(1+${paidOn(f)}*(${f}-1))`;
      money(
        `${STATE_COLUMNS[st].income}${r}`,
        at.incomeAt ? at.incomeAt(mask, f) : `=PAY.PATHWAY_COST(${P}*${mask},${volume},${take},${T.cohort},1)`,
      );
      money(`${STATE_COLUMNS[st].margin}${r}`, `=${STATE_COLUMNS[st].income}${r}-${cOrg(st, o)}`);
    }
  });
  label(`A${h + O + 1}`, "Commissioner pays");
  for (const st of STATE_IDS) {
    const ic = STATE_COLUMNS[st].income;
    money(`${ic}${h + O + 1}`, `=SUM(${ic}${h + 1}:${ic}${h + O})`);
  }

  return { cells, baselineFigures };
}

/**
 * Each model's contracts, organisation by organisation (settlement.ts in Excel's terms): incomes and margins in
 * every state, what the commissioner pays, the contract's payment and the holder's cost, and each organisation's
 * switch, shift and total against today's contracts.
 */
export function modelContracts(
  ref: OrgRefs,
  at: {
    blockRow: (k: number) => number;
    todayRow: number;
    budget: string;
    contractFormulas: (id: ModelId, r: ContractRefs) => { k: string; g: string; income: (o: number) => string };
  },
): { cells: PlannedCell[]; organisationFigures: SheetPlan["organisationFigures"]; versusToday: SheetPlan["versusToday"] } {
  const { orgs, orgRow, T, vOrg, cOrg, vTot, cTot, range, LEAD } = ref;
  const { blockRow, todayRow, budget, contractFormulas } = at;
  const O = orgs.length;
  const col = (k: number) => columnLetters(k);
  const { cells, label, money } = writer();
  const organisationFigures = {} as SheetPlan["organisationFigures"];
  const versusToday = {} as SheetPlan["versusToday"];
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
    const holderModel = heldByHolder(id);
    const figures: { commissioner: Record<StateId, string>; organisations: OrgCells[] } = {
      commissioner: {} as Record<StateId, string>,
      organisations: orgs.map(() => ({ income: {} as Record<StateId, string>, margin: {} as Record<StateId, string> })),
    };
    label(`A${pRow}`, "Commissioner pays");
    label(`A${gRow}`, "Payment on the contract, before the quality element");
    if (holderModel) label(`A${kRow}`, "Holder's cost (own cost and subcontracts, or the alliance's costs)");
    for (const st of STATE_IDS) {
      const ic = STATE_COLUMNS[st].income;
      const f = contractFormulas(id, {
        v: (o) => vOrg(st, o),
        cost: (o) => cOrg(st, o),
        baseline: (o) => vOrg("base", o),
        values: vTot(st),
        costs: cTot(st),
        baselines: vTot("base"),
        paid: ref.paidOrg,
        paids: ref.paidTot,
        partners: holderModel ? ref.partners : undefined,
        lead: (o) => `$L$${orgRow(o)}`,
        leads: LEAD,
        costRange: range(STATE_COLUMNS[st].cost),
        valueRange: range(STATE_COLUMNS[st].value),
        part: (o) => `$K$${orgRow(o)}`,
        block: T.blockValue,
        bundlePrice: T.bundlePrice,
        budget,
        K: `$${ic}$${kRow}`,
        G: `$${ic}$${gRow}`,
      });
      if (holderModel) money(`${ic}${kRow}`, f.k);
      money(`${ic}${gRow}`, f.g);
      money(`${ic}${pRow}`, `=SUM(${ic}${h + 1}:${ic}${h + O})`);
      figures.commissioner[st] = `${ic}${pRow}`;
      orgs.forEach((_, o) => {
        const r = h + 1 + o;
        money(`${ic}${r}`, f.income(o));
        // A held model's cost carries the VAT its partner loses (a real cost, once).
        const vat = holderModel && ref.partners ? `*(1+${ref.partners.vat(o)})` : "";
        money(`${STATE_COLUMNS[st].margin}${r}`, `=${ic}${r}-${cOrg(st, o)}${vat}`);
        figures.organisations[o].income[st] = `${ic}${r}`;
        figures.organisations[o].margin[st] = `${STATE_COLUMNS[st].margin}${r}`;
      });
    }
    orgs.forEach((name, o) => label(`A${h + 1 + o}`, name));
    organisationFigures[id] = figures;
    // Against today's contracts (today.ts): switch, shift and total for each organisation and the commissioner.
    ["Against today: switch", "shift", "total"].forEach((t, i) => label(`${col(9 + i)}${h}`, t, true));
    const T0 = (what: "margin" | "income", o: number, st: StateId) => `$${STATE_COLUMNS[st][what]}$${todayRow + 1 + o}`;
    orgs.forEach((_, o) => {
      const r = h + 1 + o;
      money(`J${r}`, `=${figures.organisations[o].margin.base}-${T0("margin", o, "base")}`);
      money(`K${r}`, `=${figures.organisations[o].margin.shifted}-${figures.organisations[o].margin.base}`);
      money(`L${r}`, `=J${r}+K${r}`);
    });
    const todayPays = (st: StateId) => `$${STATE_COLUMNS[st].income}$${todayRow + O + 1}`;
    money(`J${pRow}`, `=${todayPays("base")}-${figures.commissioner.base}`);
    money(`K${pRow}`, `=${figures.commissioner.base}-${figures.commissioner.shifted}`);
    money(`L${pRow}`, `=J${pRow}+K${pRow}`);
    versusToday[id] = {
      organisations: orgs.map((_, o) => ({ switch: `J${h + 1 + o}`, shift: `K${h + 1 + o}`, total: `L${h + 1 + o}` })),
      commissioner: { switch: `J${pRow}`, shift: `K${pRow}`, total: `L${pRow}` },
    };
  });
  return { cells, organisationFigures, versusToday };
}
