/**
 * The written sheet's options section (issue 35 D; the engine's options.ts in Excel's terms, side by side with
 * it: tests/excel/options-sheet.test.ts recomputes one against the other). For each option, Do nothing first,
 * each party and financial year: recurrent income and cost, non-recurrent cost (set-up and double running, by
 * who bears them), support received less paid (transitional funding), the margin, the margin without support,
 * whether it is within the organisation's plan, and the position against doing nothing; each party's NPV
 * (year 1 at time 0) and the NPV with optimism bias; a chart of each option's cumulative position for the
 * system; and the scenario summary.
 *
 * What is live and what is not, said on the sheet: recurrent income and cost are PAY's figures under each
 * option's own terms (values: an option's terms change the whole comparison, which this section does not
 * repeat); everything a board debates over them is a live formula on input cells — set-up, double running and
 * funding by year and who bears or receives them, the plans, the discount rate and the optimism bias.
 */
import { MODEL_NAMES } from "../../engine/comparison/compare";
import type { OptionResult, OptionSpec, OptionsSettings, ScenarioResult } from "../../engine/comparison/options";
import { isCommissioner, perYear, type TransitionTerms } from "../../engine/comparison/transition";
import { columnLetters } from "../../engine/rules/address";
import { GBP, GBP_AXIS, PCT, PCT_1, writer, type PlannedCell, type PlannedChart } from "../sheet/common";

/** What the Options view (or pay compare --options) appraised: the section is written from it. */
export interface OptionsSheet {
  /** Every option appraised, Do nothing first (appraiseOptions). */
  results: OptionResult[];
  /** The options after Do nothing, in the same order: their non-recurrent terms become the section's inputs. */
  specs: readonly OptionSpec[];
  /** The years' terms the options were appraised over (each option's own over them). */
  terms: TransitionTerms;
  settings: OptionsSettings;
  /** The organisations of the comparison (the parties before the commissioner). */
  organisations: readonly string[];
  scenarios: ScenarioResult[];
}

/** A party's eight rows, in order, from its first row. */
const ROWS = [
  "recurrent income",
  "recurrent cost",
  "non-recurrent cost (set-up, double running)",
  "support received less paid",
  "margin",
  "margin without support",
  "within plan",
  "against doing nothing",
] as const;
const [INC, COST, NONREC, SUPPORT, MARGIN, WITHOUT, WITHIN, AGAINST] = ROWS.map((_, i) => i);

const text = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The options section from row `start`: its cells, its chart and its header rows. */
export function optionsSection(o: OptionsSheet, start: number): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const w = writer();
  const { put, label, heading } = w;
  const N = o.results[0].years.length;
  const yc = (y: number) => columnLetters(y); // year 1 in B
  const headerRanges: string[] = [];
  heading(`A${start}`, "Options a board decides between: each party by financial year, against doing nothing");
  put(`A${start + 1}`, {
    value:
      "Recurrent income and cost are PAY's figures under each option's own terms (values, as the Options view and pay compare --options give them); everything else here is a live formula: change a set-up cost, the funding, a plan, the discount rate or the optimism bias and the positions, flags and NPVs follow.",
    style: "ExplanatoryText",
  });
  label(`A${start + 2}`, "Discount rate (HM Treasury Green Book; year 1 at time 0)");
  put(`B${start + 2}`, { value: o.terms.discountRate, format: PCT_1, style: "Input" });
  label(`A${start + 3}`, "Optimism bias (on non-recurrent cost and any rise in cost)");
  put(`B${start + 3}`, { value: o.settings.optimismBias ?? 0, format: PCT, style: "Input" });
  const RATE = `$B$${start + 2}`;
  const BIAS = `$B$${start + 3}`;
  const plans = o.results[0].years[0].parties.slice(0, o.organisations.length).map((p) => p.plan);
  o.organisations.forEach((name, i) => {
    label(`A${start + 4 + i}`, `Plan: ${name} (its margin, £ a year; blank: none)`);
    put(`B${start + 4 + i}`, plans[i] === null ? { value: "", style: "Input" } : { value: plans[i] as number, format: GBP, style: "Input" });
  });
  const planOf = (i: number) => `$B$${start + 4 + i}`;
  const yr = start + 5 + o.organisations.length;
  label(`A${yr}`, "Financial year", true);
  label(`A${yr + 1}`, "Discount factor");
  for (let y = 1; y <= N; y++) {
    label(`${yc(y)}${yr}`, o.results[0].years[y - 1].label, true);
    put(`${yc(y)}${yr + 1}`, { formula: `=1/(1+${RATE})^${y - 1}`, format: "0.0000" });
  }
  headerRanges.push(`A${yr}:${yc(N)}${yr}`);
  const DF = `$B$${yr + 1}:$${yc(N)}$${yr + 1}`;
  const ctx: BlockContext = { w, N, yc, DF, RATE, BIAS, planOf, organisations: o.organisations, headerRanges, doNothing: new Map() };
  let r = yr + 3;
  const against: number[] = [];
  o.results.forEach((res, k) => {
    const spec = k === 0 ? null : o.specs[k - 1];
    const b = optionBlock(ctx, res, spec ? { spec, terms: { ...o.terms, ...spec.years } } : null, r);
    against.push(b.systemAgainst);
    r = b.end + 2;
  });
  const chart = cumulativeBlock(ctx, o.results, against, r);
  r = chart.end + 2;
  if (o.scenarios.length > 0) scenarioSummary(ctx, o.scenarios, r);
  return { cells: w.cells, charts: [chart.chart], headerRanges };
}

interface BlockContext {
  w: ReturnType<typeof writer>;
  N: number;
  yc: (y: number) => string;
  DF: string;
  RATE: string;
  BIAS: string;
  planOf: (i: number) => string;
  organisations: readonly string[];
  headerRanges: string[];
  /** Do nothing's first row of each party, by name (written first; every option is measured against it). */
  doNothing: Map<string, number>;
}

/** One option: its non-recurrent inputs (none for Do nothing) and each party's rows. Returns its last row and the system's against row. */
function optionBlock(
  ctx: BlockContext,
  res: OptionResult,
  own: { spec: OptionSpec; terms: TransitionTerms } | null,
  h: number,
): { end: number; systemAgainst: number } {
  const { w, N, yc, DF, BIAS, organisations } = ctx;
  const { put, label, money } = w;
  label(`A${h}`, `${res.name}: ${res.model === "today" ? "today's contracts" : MODEL_NAMES[res.model]}`, true);
  for (let y = 1; y <= N; y++) label(`${yc(y)}${h}`, res.years[y - 1].label, true);
  label(`${yc(N + 1)}${h}`, "NPV against doing nothing", true);
  label(`${yc(N + 2)}${h}`, "NPV with optimism bias", true);
  ctx.headerRanges.push(`A${h}:${yc(N + 2)}${h}`);
  // Non-recurrent inputs: set-up and double running (£ by year, and who bears each), transitional funding and to whom.
  const input = own ? nonRecurrentInputs(ctx, own, h + 1) : null;
  const p0 = h + 1 + (input ? 6 : 0);
  const parties = res.years[0].parties;
  let systemAgainst = 0;
  parties.forEach((party, q) => {
    const r0 = p0 + q * ROWS.length;
    const org = q < organisations.length;
    const kind = org ? "org" : isCommissioner(party.name) ? "commissioner" : party.name === "System" ? "system" : "payer";
    if (own === null) ctx.doNothing.set(party.name, r0); // Do nothing: every option's rows are measured against these
    const dn = ctx.doNothing.get(party.name);
    ROWS.forEach((what, i) => (i !== WITHIN || org) && label(`A${r0 + i}`, `${party.name}: ${what}`));
    const row = (i: number) => `$B$${r0 + i}:$${yc(N)}$${r0 + i}`;
    for (let y = 1; y <= N; y++) {
      const c = yc(y);
      const at = (i: number) => `${c}${r0 + i}`;
      const p = res.years[y - 1].parties[q];
      put(at(INC), { value: p.recurrentIncome, format: GBP });
      put(at(COST), { value: p.recurrentCost, format: GBP });
      money(at(NONREC), `=${input ? nonRecurrent(kind, party.name, input, c) : "0"}`);
      money(at(SUPPORT), `=${input ? support(kind, party.name, input, c) : "0"}`);
      money(at(MARGIN), `=${at(INC)}-${at(COST)}-${at(NONREC)}+${at(SUPPORT)}`);
      money(at(WITHOUT), `=${at(MARGIN)}-${at(SUPPORT)}`);
      if (org) put(at(WITHIN), { formula: `=IF(${ctx.planOf(q)}="","",IF(${at(MARGIN)}>=${ctx.planOf(q)},"yes","no"))` });
      money(at(AGAINST), dn === undefined ? `=${at(MARGIN)}` : `=${at(MARGIN)}-${c}${dn + MARGIN}`);
    }
    // NPV of the position against doing nothing; with optimism bias on non-recurrent costs and any rise of
    // recurrent cost over doing nothing (options.ts margin).
    const dnCost = dn === undefined ? "0" : `$B$${dn + COST}:$${yc(N)}$${dn + COST}`;
    const rise = `((${row(COST)}-${dnCost})>0)*(${row(COST)}-${dnCost})`;
    money(`${yc(N + 1)}${r0 + AGAINST}`, `=SUMPRODUCT(${row(AGAINST)},${DF})`);
    money(`${yc(N + 2)}${r0 + AGAINST}`, `=${yc(N + 1)}${r0 + AGAINST}-${BIAS}*SUMPRODUCT(${row(NONREC)}+${rise},${DF})`);
    if (kind === "system") systemAgainst = r0 + AGAINST;
  });
  return { end: p0 + parties.length * ROWS.length - 1, systemAgainst };
}

/** The input rows of an option's non-recurrent terms, from row r: set-up and its bearer, double running and its bearer, funding and its recipient. */
function nonRecurrentInputs(ctx: BlockContext, own: { spec: OptionSpec; terms: TransitionTerms }, r: number) {
  const { w, N, yc } = ctx;
  const { spec, terms } = own;
  const rows: [string, number[], string, string][] = [
    ["Set-up cost", perYear(terms.setupCost, N, "setupCost", true), "Set-up borne by", terms.setupBearer],
    [
      "Double running",
      perYear(spec.doubleRunning ?? [0], N, "doubleRunning", true),
      "Double running borne by",
      spec.doubleRunningBearer ?? "commissioner",
    ],
    [
      "Transitional funding from the commissioner",
      perYear(spec.transitionalFunding ?? [0], N, "transitionalFunding", true),
      "Funding paid to",
      spec.fundingTo ?? "",
    ],
  ];
  rows.forEach(([what, byYear, who, name], i) => {
    w.label(`A${r + 2 * i}`, what);
    byYear.forEach((x, y) => w.put(`${yc(y + 1)}${r + 2 * i}`, { value: x, format: GBP, style: "Input" }));
    w.label(`A${r + 2 * i + 1}`, who);
    w.put(`B${r + 2 * i + 1}`, { value: name, style: "Input" });
  });
  return {
    setup: (c: string) => `${c}${r}`,
    setupBy: `$B$${r + 1}`,
    running: (c: string) => `${c}${r + 2}`,
    runningBy: `$B$${r + 3}`,
    funding: (c: string) => `${c}${r + 4}`,
    fundTo: `$B$${r + 5}`,
  };
}

type Inputs = ReturnType<typeof nonRecurrentInputs>;
type Kind = "org" | "commissioner" | "system" | "payer";
const is = (cell: string, name: string) => `LOWER(TRIM(${cell}))=LOWER(${text(name)})`;

/** A party's set-up and double running borne in the year of column c (options.ts flowsOf). */
function nonRecurrent(kind: Kind, name: string, x: Inputs, c: string): string {
  if (kind === "system") return `${x.setup(c)}+${x.running(c)}`;
  if (kind === "payer") return "0";
  const who = kind === "commissioner" ? "commissioner" : name;
  return `IF(${is(x.setupBy, who)},${x.setup(c)},0)+IF(${is(x.runningBy, who)},${x.running(c)},0)`;
}

/** A party's transitional funding received less paid in the year of column c: to the organisation named, from the commissioner. */
function support(kind: Kind, name: string, x: Inputs, c: string): string {
  if (kind === "commissioner") return `-${x.funding(c)}`;
  return kind === "org" ? `IF(${is(x.fundTo, name)},${x.funding(c)},0)` : "0";
}

/** The system's cumulative position against doing nothing, option by option, and its line chart. */
function cumulativeBlock(
  ctx: BlockContext,
  results: readonly OptionResult[],
  against: readonly number[],
  c0: number,
): { end: number; chart: PlannedChart } {
  const { w, N, yc } = ctx;
  w.label(`A${c0}`, "System: cumulative position against doing nothing", true);
  for (let y = 1; y <= N; y++) w.label(`${yc(y)}${c0}`, results[0].years[y - 1].label, true);
  ctx.headerRanges.push(`A${c0}:${yc(N)}${c0}`);
  results.forEach((res, k) => {
    const r = c0 + 1 + k;
    w.label(`A${r}`, res.name);
    for (let y = 1; y <= N; y++) w.money(`${yc(y)}${r}`, y === 1 ? `=${yc(1)}${against[k]}` : `=${yc(y - 1)}${r}+${yc(y)}${against[k]}`);
  });
  const end = c0 + results.length;
  return {
    end: end + 21,
    chart: {
      type: "line",
      title: "Each option's cumulative position for the system, against doing nothing",
      source: `A${c0}:${yc(N)}${end}`,
      seriesBy: "rows",
      axes: { category: "Financial year", value: "Cumulative change (£)", valueFormat: GBP_AXIS },
      position: [`A${end + 2}`, `H${end + 20}`],
    },
  };
}

/** The scenario summary as Excel's Scenario Manager lays it out: scenarios down, options across, each party's NPV. */
function scenarioSummary(ctx: BlockContext, scenarios: readonly ScenarioResult[], r: number): void {
  const { w } = ctx;
  w.label(`A${r}`, "Scenario summary: each party's NPV against doing nothing", true);
  w.put(`A${r + 1}`, {
    value:
      "Values, as Excel's Scenario Manager writes its summary: a scenario changes the terms of the whole comparison, so each is PAY's figures under it when written.",
    style: "ExplanatoryText",
  });
  const names = scenarios[0].options.map((o) => o.name);
  ["Scenario", "Party", ...names].forEach((t, i) => w.label(`${columnLetters(i)}${r + 2}`, t, true));
  ctx.headerRanges.push(`A${r + 2}:${columnLetters(names.length + 1)}${r + 2}`);
  let row = r + 3;
  for (const sc of scenarios)
    for (const party of sc.options[0].npv.map((p) => p.name)) {
      w.label(`A${row}`, sc.name);
      w.label(`B${row}`, party);
      sc.options.forEach((opt, i) => w.put(`${columnLetters(i + 2)}${row}`, { value: opt.npv.find((p) => p.name === party)?.npv ?? 0, format: GBP }));
      row++;
    }
}
