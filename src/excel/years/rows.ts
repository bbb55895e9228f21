/** The years' rows above the models: each organisation's value and cost by year, the year rows, the terms, the charts. */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { perYear, type Transition } from "../../engine/comparison/transition";
import { GBP, GBP_AXIS, PCT, PCT_1, type PlannedCell, type PlannedChart } from "../sheet/common";

/**
 * Organisations by year, at today's prices: value, cost and the hospital activity avoided, with the care shift
 * and demand grown; value and cost doing nothing (demand grown alone); and, under today's contracts, the value
 * each organisation is paid of a change in its activity (on a rise in B, on a fall in C).
 */
export function organisationsByYear(y: {
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
export function yearRows(
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
export function yearsCharts(name: string, againstModel: string, againstToday: string, from: string, to: string, start: number): PlannedChart[] {
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

/** The transition's terms written above its years, each an input cell (the glide path only with signed contracts). */
export function termRows(tt: Transition["terms"], inputs: ComparisonInputs): [string, Omit<PlannedCell, "address">][] {
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
