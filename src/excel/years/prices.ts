/** A year's contract terms and today's payment in it: at the year's prices, as signed and glided (transition.ts, signed.ts). */
import type { TodayOnPlan } from "../sheet/signed";
import type { YearsContext } from "./context";

/**
 * An organisation's income under today's contracts doing nothing in year `i`, step by step (the engine's
 * transition: incomeToday on demand alone): each step's payment set on its plan until first re-based (on the
 * year before under a rule whose plan is each year's outturn, nhsps-2026), then on the demand of the year it was
 * re-based on, with the signed gap to tariff glided over GLIDE years.
 */
export function todayInYear(Y: YearsContext, p: TodayOnPlan, i: number, mask: string): string {
  const { abs, yc, rb0, dg0, N, G } = Y;
  const setOn = Y.inputs.todaysRule?.planYearly ? String(i - 1) : abs(yc(i), rb0);
  const Gset = `INDEX($B$${dg0}:$${yc(N)}$${dg0},1,1+${setOn})`;
  const uset = `((${setOn}=0)*${p.U0}+(${setOn}<>0)*${p.today}*${Gset})`;
  return p.incomeWith(mask, `${p.today}*${G(i)}`, uset, p.sfGlided(glideOpen(Y, i)));
}

/** Each partner's share of a surplus in column `c` (rows from r0): its weight, given or its baseline cost (rows from bc), over all. */
export function sharesOfSurplus(Y: YearsContext, c: string, r0: number, bc: number): void {
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
export function paidRows(Y: YearsContext, i: number, r0: number | null, b0: number, bv0: number): void {
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
export function yearTerms(Y: YearsContext, i: number, paid: string): { block: string; bprice: string; budget: string } {
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
export const glideOpen = (Y: YearsContext, i: number): string => `IF(${Y.GLIDE}="",1,MAX(0,1-${i}/${Y.GLIDE}))`;
