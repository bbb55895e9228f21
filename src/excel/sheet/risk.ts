/**
 * The written sheet's risk section: simulated figures as values (a simulation is not a formula), with the
 * seed, trials and activity model stated so anyone can reproduce them, and the closed-form
 * PAY.OVERSPEND_PROBABILITY and PAY.MIN_POPULATION beside them as live formulas on the written values.
 */
import { describePopulationRisk } from "../../engine/risk/readings";
import { describeDispersion, describeSources, type ModelRisk, type RiskResult } from "../../engine/risk/simulate";
import { type Sweep } from "../../engine/risk/sweep";
import { columnLetters } from "../../engine/rules/address";
import { POPULATION_REACH } from "../../engine/risk/capacity";
import { GBP, GBP_AXIS, PCT_1, type PlannedCell, type PlannedChart } from "./common";

export interface RiskSection {
  result: RiskResult;
  sweep: Sweep;
}

export const GBP_SE = '"± £"#,##0';

export const PCT_SE = '"± "0.0%';

/**
 * The risk section: simulated figures as values (a simulation is not a formula), with the seed, trials and
 * activity model stated so anyone can reproduce them, and the closed-form PAY.OVERSPEND_PROBABILITY and
 * PAY.MIN_POPULATION beside them as live formulas on the written values.
 */
export function riskCells(risk: RiskSection, start: number): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const { result, sweep } = risk;
  put(`A${start}`, { value: "Financial risk by simulation", bold: true, style: "Heading2" });
  // The section's own headline first: the capitated budget's chance of overspending and the population it needs.
  const lead = describePopulationRisk(sweep, result.cohort);
  put(`A${start + 1}`, {
    value:
      (lead ? `${lead}. ` : "") +
      `Simulated values, not live formulas: ${result.trials.toLocaleString("en-GB")} trials of one year, seed ${result.seed}, ` +
      `${describeDispersion(result.dispersion)}, generator ${result.generator}. Run again in the PAY panel with the same ` +
      "seed to reproduce them. ± figures are the simulation's standard errors.",
  });
  const meta: [string, string | number, string?][] = [
    ["Trials", result.trials, "#,##0"],
    ["Seed", result.seed, "0"],
    ["Activity", describeDispersion(result.dispersion)],
    ["Cohort (patients)", result.cohort, "#,##0"],
    ["Sources of uncertainty", describeSources(result)],
  ];
  meta.forEach(([k, v, f], i) => {
    put(`A${start + 2 + i}`, { value: k });
    put(`B${start + 2 + i}`, { value: v, format: f });
  });

  // Today's contracts first (the risk of doing nothing, on the same draws), then every model.
  const all = [result.today, ...result.models];
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
    all.forEach((m, i) => {
      put(`A${top + 1 + i}`, { value: m.name });
      cols.forEach(([, get, format], j) => put(`${columnLetters(1 + j)}${top + 1 + i}`, { value: get(m), format }));
    });
    return top + all.length;
  };
  const marginCols: Col[] = [
    ...estimates("margin"),
    ["Chance the providers together lose", (m) => m.lossChance.value, PCT_1],
    ["± chance", (m) => m.lossChance.se, PCT_SE],
  ];
  const h = start + 8;
  const hb = table(h, "Providers' margin together", marginCols);
  const p = hb + 2;
  const pb0 = table(p, "Commissioner pays", estimates("payment"));
  all.forEach((m, i) => put(`A${pb0 + 2 + i}`, { value: m.reading }));
  // Each organisation's risk under each model: one row per model and organisation.
  const r0 = pb0 + 3 + all.length;
  put(`A${r0}`, { value: "Risk by organisation", bold: true });
  const orgCols = [
    "Model",
    "Organisation",
    "Chance of a loss",
    "± chance",
    "Bad year: 5th percentile margin",
    "± 5th",
    "Mean margin",
    "± mean",
    "Can lose (capacity)",
    "Bad year loses more?",
    "Bears it from (people)",
  ];
  orgCols.forEach((label, j) => put(`${columnLetters(j)}${r0 + 1}`, { value: label, bold: true }));
  let rr = r0 + 2;
  for (const m of all) {
    for (const o of m.organisations) {
      put(`A${rr}`, { value: m.name });
      put(`B${rr}`, { value: o.name });
      put(`C${rr}`, { value: o.lossChance.value, format: PCT_1 });
      put(`D${rr}`, { value: o.lossChance.se, format: PCT_SE });
      put(`E${rr}`, { value: o.marginP5.value, format: GBP });
      put(`F${rr}`, { value: o.marginP5.se, format: GBP_SE });
      put(`G${rr}`, { value: o.marginMean.value, format: GBP });
      put(`H${rr}`, { value: o.marginMean.se, format: GBP_SE });
      // What it can lose (typed, or its margin today), whether the bad year loses more, and the population at
      // which it would not (capacity.ts): text written as text.
      put(`I${rr}`, { value: o.capacity, format: GBP });
      put(`J${rr}`, { value: o.exceedsCapacity ? "Yes: cannot bear it" : "No" });
      put(
        `K${rr}`,
        o.populationToBear === null
          ? { value: "" }
          : o.populationToBear === "never"
            ? { value: "never" }
            : o.populationToBear > POPULATION_REACH * result.cohort
              ? { value: `not within ${POPULATION_REACH}× the cohort` }
              : { value: o.populationToBear, format: "#,##0" },
      );
      rr++;
    }
  }
  const pb = rr - 1;

  // Population sweep.
  const t = sweepCells(sweep, pb + 3, put);
  const tb = t + sweep.rows.length;
  return {
    cells,
    charts: [
      {
        type: "columnClustered",
        title: `Provider margin by model: 5th, 50th and 95th percentile (${result.trials.toLocaleString("en-GB")} trials, seed ${result.seed})`,
        source: `A${h}:D${hb}`,
        axes: { category: "Payment model", value: "Providers' margin (£ a year)", valueFormat: GBP_AXIS },
        position: [`P${start}`, `W${start + 19}`],
      },
      {
        type: "line",
        title: "Chance of overspending the budget by more than the tolerance, by population",
        source: `B${t}:B${tb}`,
        extraSeries: [{ name: "Normal formula", values: `C${t + 1}:C${tb}` }],
        xValues: `A${t + 1}:A${tb}`,
        axes: { category: "Population (patients)", value: "Chance of overspending", valueFormat: "0%" },
        position: [`P${start + 21}`, `W${start + 40}`],
      },
    ],
    headerRanges: [`A${h}:${columnLetters(marginCols.length)}${h}`, `A${p}:${columnLetters(8)}${p}`, `A${r0 + 1}:H${r0 + 1}`, `A${t}:G${t}`],
  };
}

/**
 * The population sweep below the risk tables, from row s0: its terms (the cost spread, tolerance and
 * confidence), the minimum population by PAY.MIN_POPULATION and by simulation, and one row per population with
 * PAY.OVERSPEND_PROBABILITY beside the simulated chance. Returns the sweep table's header row.
 */
function sweepCells(sweep: Sweep, s0: number, put: (address: string, c: Omit<PlannedCell, "address">) => void): number {
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
  return t;
}
