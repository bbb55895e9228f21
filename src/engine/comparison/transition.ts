/**
 * Years (docs/design.md, "Years"; its terms in years-terms.ts): a transition over N years that phases the care shift in, pays set-up costs,
 * releases stranded hospital fixed cost only when capacity is decommissioned (or earns on it when it is
 * backfilled with other paid work), uplifts prices and costs, and re-bases contracts every H years. For each
 * model, each organisation, the commissioner and the system: the position by year against carrying on as
 * today (same uplifts and contracts, no shift, no set-up), its cumulative sum, net present value and payback.
 * Every year is settled by the comparison's one settlement per model (settlement.ts).
 */
import { withVat } from "../holder/vat";
import { contractFor, settleStates, signedFactors, type ComparisonInputs } from "./compare";
import { paybackPeriod } from "../rules/appraisal";
import {
  CURRENT_ACTIVITY,
  findOrganisation,
  organisationIndex,
  organisationState,
  stepMff,
  volumeFactor,
  variableShareOf,
  type Activity,
  type OrganisationState,
} from "./organisations";
import { MODEL_IDS, MODEL_NAMES, makeContract, settlement, type Contract, type ModelId } from "./settlement";
import { incomeToday } from "./today";
import { glided, glideShare, paidBaseline } from "./signed";
import { checkTransition, isCommissioner, pct, perYear, priceUpliftFrom, yearLabels, type TransitionTerms } from "./years-terms";

export * from "./years-terms";

/** One party's position by year against carrying on as today. */
export interface Position {
  name: string;
  byYear: number[];
  cumulative: number[];
  /** Σ byYear[y] / (1 + rate)^(y − 1): year 1 at time 0, as payback counts it (see npv). */
  npv: number;
  /**
   * PAY.PAYBACK of the yearly positions to the penny (year 1 as period 0), discounted; null when it never pays
   * back. To the penny, so that a position that is zero but for rounding in the last binary digits counts as
   * zero (the written sheet finds it as PAY.PAYBACK(ROUND(positions, 2), rate)).
   */
  payback: number | null;
}

export interface ModelTransition {
  id: ModelId;
  name: string;
  commissioner: Position;
  organisations: Position[];
  /** Another payer of the backfilled work (when the terms name one): what it pays, as a negative position. */
  payer: Position | null;
  /**
   * Against today's contracts doing nothing (today's payments on today's activity grown by demand, re-based as
   * the contracts are): each party's position by year under this model with the care shift. At 0% of the
   * shift and no growth, year 1 is the comparison's switch.
   */
  versusToday: { commissioner: Position; organisations: Position[]; payer: Position | null; system: Position };
  /**
   * Every party together (commissioner, organisations, another payer): payments between them cancel, so this is
   * the change in the real cost of the care the pathway's organisations deliver, backfilled work included,
   * less set-up cost. Backfilled work is paid for by someone, so it is never a saving of the system.
   */
  system: Position;
  /** This model's levels by year with the care shift (Levels). */
  levels: Levels;
}

/**
 * Levels by year, at each year's prices and costs (for an options appraisal): each organisation's income (its
 * backfilled work included) and cost (before set-up), and what the commissioner pays (backfilled work included
 * when it pays for it). Indexed [organisation][year − 1].
 */
export interface Levels {
  income: number[][];
  cost: number[][];
  commissioner: number[];
}

const emptyLevels = (n: number): Levels => ({
  income: Array.from({ length: n }, () => []),
  cost: Array.from({ length: n }, () => []),
  commissioner: [],
});

function pushLevels(l: Levels, income: ArrayLike<number>, cost: ArrayLike<number>, commissioner: number): void {
  l.income.forEach((row, o) => row.push(income[o]));
  l.cost.forEach((row, o) => row.push(cost[o]));
  l.commissioner.push(commissioner);
}

export interface Transition {
  /** Levels by year: today's contracts doing nothing, and left as they are while care moves (options.ts). */
  levels: { doNothing: Levels; todayAsCareMoves: Levels };
  years: number[];
  /** Each year's label: its financial year from the terms' start ("2026/27", …), or "Year 1", …. */
  labels: string[];
  organisations: string[];
  terms: TransitionTerms;
  /** The value of the other work done on backfilled capacity by year (at the year's prices), and who pays it. */
  backfill: { payer: string; value: number[] };
  models: ModelTransition[];
  /** How the years' contracts move that a reader could not guess (the capitated budget's path). */
  notes: string[];
}

const scaled = (s: OrganisationState, valueIndex: number, costIndex: number): OrganisationState => ({
  value: s.value.map((v) => v * valueIndex),
  cost: s.cost.map((c) => c * costIndex),
});

/**
 * Net present value with year 1 at time 0, as PAY.PAYBACK counts it and as HM Treasury's Green Book discounts
 * (the first year undiscounted; year t by (1 + rate)^(t − 1)): one convention for NPV and payback. In Excel:
 * year 1 + NPV(rate, years 2 to N).
 */
export function npv(rate: number, values: readonly number[]): number {
  return values.reduce((t, x, i) => t + x / (1 + rate) ** i, 0);
}

/**
 * Payback as a reader meets it, from a position by year and the discount rate its payback used: "discounted
 * payback 2.4 years" (or "payback …" at a rate of 0); "never pays back within N years"; and where the position
 * starts at or above 0, never "no investment" beside a loss: "in surplus every year" only when the cumulative
 * discounted position never falls below 0, else "turns negative in year N" (and when it recovers, by when).
 */
export function describePayback(p: Pick<Position, "byYear" | "payback">, rate: number, digits = 1): string {
  const kind = rate === 0 ? "payback" : "discounted payback";
  if (p.payback === null) return `never pays back within ${p.byYear.length} ${p.byYear.length === 1 ? "year" : "years"}`;
  if (p.payback > 0) return `${kind} ${p.payback.toFixed(digits)} years`;
  let cumulative = 0;
  let negative: number | null = null;
  p.byYear.forEach((x, y) => {
    cumulative += Math.round(x * 100) / 100 / (1 + rate) ** y;
    if (cumulative < 0 && negative === null) negative = y + 1;
  });
  if (negative === null) return "no investment: in surplus every year";
  return cumulative < 0 ? `never pays back: turns negative in year ${negative}` : `turns negative in year ${negative}, then recovers`;
}

/** How the capitated budget moves over the years, in words. */
function capitationPath(inp: ComparisonInputs, t: TransitionTerms): string {
  const growth = t.demandGrowth ?? 0;
  const rebase = t.rebaseEvery === 1 ? "each year" : `every ${t.rebaseEvery} years`;
  if (inp.capitationRate === null)
    return `The capitated budget is the activity value of the pathway, re-based ${rebase} on the year before (demand growth and the care shift included), with the price uplift.`;
  if (inp.capitationTiers)
    return `The capitated budget is its population's need-weighted people × the rate: it grows with the population${growth ? ` (demand growth ${+(growth * 100).toFixed(4)}% a year)` : ""}, re-based ${rebase} as today's contracts are doing nothing, with the price uplift.`;
  return `The capitated budget is a rate per patient × the cohort: it moves with the price uplift alone, so demand growth${growth ? ` (${+(growth * 100).toFixed(4)}% a year)` : ""} falls on its holder. Give a population (pay compare --population, the pane's Population field) for a budget that grows with it.`;
}

/** How prices move, in words, where an efficiency factor takes them below costs. */
function pricePathNote(t: TransitionTerms): string[] {
  const e = perYear(t.efficiency ?? [0], t.years, "efficiency");
  const cu = perYear(t.costUplift, t.years, "costUplift");
  const pu = perYear(t.priceUplift, t.years, "priceUplift");
  const derived = pu.every((x, i) => Math.abs(x - priceUpliftFrom(cu[i], e[i], t.priceConvention)) < 1e-12);
  if (e.every((x) => x === 0) || !derived) return [];
  const rule = t.priceConvention === "multiplicative" ? "(1 + cost uplift) × (1 − efficiency)" : "1 + cost uplift − efficiency";
  return [
    `Prices move each year by ${rule}: ${pu.map(pct).join(", ")}, against costs ${cu.map(pct).join(", ")} (efficiency ${e.map(pct).join(", ")}).`,
  ];
}

function position(name: string, byYear: number[], rate: number): Position {
  const cumulative: number[] = [];
  byYear.reduce((t, x) => (cumulative.push(t + x), t + x), 0);
  const pennies = byYear.map((x) => Math.round(x * 100) / 100);
  return { name, byYear, cumulative, npv: npv(rate, byYear), payback: paybackPeriod(pennies, pennies.length, rate) };
}

/** Hospital activity avoided in a state of activity, by organisation: its value, and the fixed and variable cost it carried. */
function avoidedIn(inp: ComparisonInputs, orgs: readonly string[], a: Activity) {
  const value = new Float64Array(orgs.length);
  const fixed = new Float64Array(orgs.length);
  const variable = new Float64Array(orgs.length);
  for (const s of inp.steps) {
    if (s.setting !== "hospital") continue;
    const o = organisationIndex(orgs, s);
    // The hospital activity no longer done: the setting's shift, or the fall of the step's own volume (a step
    // whose own change adds activity avoids none).
    const fall = s.volumeChange === undefined ? a.shift : Math.max(0, 1 - volumeFactor(s, a) / a.scale);
    const events = s.volume * a.scale * fall * s.takeUp * inp.cohort;
    const v = variableShareOf(s, inp.variableShares);
    value[o] += s.unitPrice * stepMff(s, inp) * events;
    fixed[o] += s.unitCost * (1 - v) * events;
    variable[o] += s.unitCost * v * events;
  }
  return { value, fixed, variable };
}

/**
 * A year's contract, set on the activity `a` of the year it was last re-based on (its organisations' `state`) at
 * the year's prices and costs. A term "at today's value" starts from today's payment: the activity value, with
 * the premium of the contracts as signed still open this year on the glide path (signed.ts paidBaseline).
 */
function yearContract(
  terms: ComparisonInputs,
  orgs: readonly string[],
  y: { a: Activity; state: OrganisationState; PI: number; CI: number; signed: number[] | null; glide: number },
): Contract {
  const baseline = scaled(y.state, y.PI, y.CI);
  const paid = y.signed ? paidBaseline(terms.steps, orgs, terms, y.a, y.state.value, y.signed, y.glide).map((x) => x * y.PI) : baseline.value;
  return makeContract(terms, orgs, baseline.value, baseline.cost, paid);
}

export function transition(inp: ComparisonInputs, t: TransitionTerms): Transition {
  const today = contractFor(inp);
  const orgs = today.orgs;
  checkTransition(t, orgs);
  const N = t.years;
  const achieved = perYear(t.shiftAchieved, N, "shiftAchieved");
  const setup = perYear(t.setupCost, N, "setupCost", true);
  const pu = perYear(t.priceUplift, N, "priceUplift");
  const cu = perYear(t.costUplift, N, "costUplift");
  const priceIndex: number[] = [];
  const costIndex: number[] = [];
  for (let y = 0; y < N; y++) {
    priceIndex.push((y === 0 ? 1 : priceIndex[y - 1]) * (1 + pu[y]));
    costIndex.push((y === 0 ? 1 : costIndex[y - 1]) * (1 + cu[y]));
  }
  // Activity in year y (0: today): demand grown by then, with the target shift × the share achieved by then;
  // and on the path of doing nothing, demand grown alone.
  const grown = (y: number): number => (1 + (t.demandGrowth ?? 0)) ** y;
  const activity = (y: number): Activity =>
    y === 0
      ? CURRENT_ACTIVITY
      : { scale: grown(y), shift: inp.shiftShare * achieved[y - 1], uplift: inp.shiftCommunityUplift * achieved[y - 1], achieved: achieved[y - 1] };
  const doNothing = (y: number): Activity => ({ ...CURRENT_ACTIVITY, scale: grown(y) });
  const stateAt = Array.from({ length: N + 1 }, (_, y) => organisationState(inp.steps, orgs, inp, activity(y)));
  const doNothingAt = Array.from({ length: N + 1 }, (_, y) => organisationState(inp.steps, orgs, inp, doNothing(y)));
  const avoided = (y: number) => avoidedIn(inp, orgs, activity(y));
  const bearer = isCommissioner(t.setupBearer) ? -1 : findOrganisation(orgs, t.setupBearer);
  const signed = signedFactors(inp, orgs);
  const commissionerPaysBackfill = isCommissioner(t.backfillPayer);
  const backfillValue: number[] = [];
  const money = (x: number | null, index: number) => (x === null ? null : x * index);
  const perModel = MODEL_IDS.map(() => ({
    commissioner: [] as number[],
    payer: [] as number[],
    organisations: orgs.map(() => [] as number[]),
    today: { commissioner: [] as number[], organisations: orgs.map(() => [] as number[]) },
    levels: emptyLevels(orgs.length),
  }));
  const levels = { doNothing: emptyLevels(orgs.length), todayAsCareMoves: emptyLevels(orgs.length) };
  for (let y = 1; y <= N; y++) {
    const PI = priceIndex[y - 1];
    const CI = costIndex[y - 1];
    // The contract of year y is set on the activity of the year before its last re-basing (year 0: today's).
    const rebasedOn = Math.floor((y - 1) / t.rebaseEvery) * t.rebaseEvery;
    const terms = {
      ...inp,
      blockValue: money(inp.blockValue, PI),
      bundlePrice: money(inp.bundlePrice, PI),
      // A budget over a population (need-weighted groups or year-of-care tiers) grows with it, re-based as today's
      // contracts are on the do-nothing path; a rate per patient of the cohort moves with prices alone.
      capitationRate: money(inp.capitationRate, PI * (inp.capitationTiers ? grown(rebasedOn) : 1)),
    };
    const setOn = (a: Activity, state: OrganisationState) =>
      yearContract(terms, orgs, { a, state, PI, CI, signed, glide: glideShare(y, t.glideYears ?? null) });
    const contract = setOn(activity(rebasedOn), stateAt[rebasedOn]);
    // Carrying on as today under the same model: its contract re-based on the same years, on demand alone.
    const counterfactualContract = setOn(doNothing(rebasedOn), doNothingAt[rebasedOn]);
    const scenario = scaled(stateAt[y], PI, CI);
    // Stranded fixed cost released from the release year: decommissioned, or backfilled with paid work.
    const other = new Float64Array(orgs.length);
    if (t.releaseYear !== null && y >= t.releaseYear) {
      const a = avoided(y);
      for (let o = 0; o < orgs.length; o++) {
        scenario.cost[o] += (-(1 - t.backfillShare) * a.fixed[o] + t.backfillShare * a.variable[o]) * CI;
        other[o] = t.backfillShare * a.value[o] * PI;
      }
    }
    const asToday = scaled(doNothingAt[y], PI, CI);
    // Today's contracts doing nothing: each step paid as today, on demand alone, re-based on the same years (every
    // year under a rule whose plan is last year's outturn, nhsps-2026), set on the plan until first re-based.
    const rule = inp.todaysRule ?? null;
    const todaySetOn = rule?.planYearly ? y - 1 : rebasedOn;
    const glide = signed?.map((f) => glided(f, y, t.glideYears ?? null)) ?? null;
    const todayIncome = incomeToday(inp.steps, orgs, inp, doNothing(y), doNothing(todaySetOn), rule, todaySetOn === 0, glide).map((x) => x * PI);
    const todayPays = todayIncome.reduce((a, b) => a + b, 0);
    const backfilled = other.reduce((a, b) => a + b, 0);
    backfillValue.push(backfilled);
    // Today's contracts left as they are while care moves: re-based on the activity actually done.
    const moving = incomeToday(inp.steps, orgs, inp, activity(y), activity(todaySetOn), rule, todaySetOn === 0, glide);
    pushLevels(levels.doNothing, todayIncome, asToday.cost, todayPays);
    const movingPaid = Array.from(moving, (x, o) => x * PI + other[o]);
    pushLevels(
      levels.todayAsCareMoves,
      movingPaid,
      scenario.cost,
      movingPaid.reduce((a, b) => a + b, 0),
    );
    MODEL_IDS.forEach((id, m) => {
      const s = settleStates(settlement(id, contract), orgs, { base: withVat(id, contract, scenario) }).base as NonNullable<
        ReturnType<typeof settleStates>["base"]
      >;
      const c = settleStates(settlement(id, counterfactualContract), orgs, { base: withVat(id, counterfactualContract, asToday) })
        .base as NonNullable<ReturnType<typeof settleStates>["base"]>;
      perModel[m].commissioner.push(
        c.commissioner - s.commissioner - (bearer === -1 ? setup[y - 1] : 0) - (commissionerPaysBackfill ? backfilled : 0),
      );
      perModel[m].payer.push(commissionerPaysBackfill ? 0 : -backfilled);
      const paid = s.organisations.map((x, o) => x.income + other[o]);
      pushLevels(
        perModel[m].levels,
        paid,
        s.organisations.map((x) => x.cost),
        s.commissioner + (commissionerPaysBackfill ? backfilled : 0),
      );
      perModel[m].today.commissioner.push(
        todayPays - s.commissioner - (bearer === -1 ? setup[y - 1] : 0) - (commissionerPaysBackfill ? backfilled : 0),
      );
      orgs.forEach((_, o) => {
        const proposal = s.organisations[o].margin + other[o] - (bearer === o ? setup[y - 1] : 0);
        perModel[m].organisations[o].push(proposal - c.organisations[o].margin);
        perModel[m].today.organisations[o].push(proposal - (todayIncome[o] - asToday.cost[o]));
      });
    });
  }
  return {
    years: Array.from({ length: N }, (_, i) => i + 1),
    labels: yearLabels(N, t.start),
    organisations: [...orgs],
    terms: t,
    notes: [capitationPath(inp, t), ...pricePathNote(t)],
    backfill: { payer: commissionerPaysBackfill ? "commissioner" : t.backfillPayer.trim(), value: backfillValue },
    levels,
    models: MODEL_IDS.map((id, m) => {
      const p = perModel[m];
      const system = p.commissioner.map((x, y) => x + p.payer[y] + p.organisations.reduce((sum, o) => sum + o[y], 0));
      return {
        id,
        name: MODEL_NAMES[id],
        commissioner: position("Commissioner", p.commissioner, t.discountRate),
        organisations: orgs.map((name, o) => position(name, p.organisations[o], t.discountRate)),
        payer: commissionerPaysBackfill ? null : position(t.backfillPayer.trim(), p.payer, t.discountRate),
        system: position("System", system, t.discountRate),
        levels: p.levels,
        versusToday: {
          commissioner: position("Commissioner", p.today.commissioner, t.discountRate),
          organisations: orgs.map((name, o) => position(name, p.today.organisations[o], t.discountRate)),
          payer: commissionerPaysBackfill ? null : position(t.backfillPayer.trim(), p.payer, t.discountRate),
          system: position(
            "System",
            p.today.commissioner.map((x, y) => x + p.payer[y] + p.today.organisations.reduce((sum, o) => sum + o[y], 0)),
            t.discountRate,
          ),
        },
      };
    }),
  };
}
