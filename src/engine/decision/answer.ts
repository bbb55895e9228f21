/**
 * The answer first (issue 37): the one sentence that states the decision, from the comparison's figures — the
 * model under which, against today's contracts and with care moving out of hospital, no organisation loses more
 * (the smallest worst total), and what it does to each party. The pane opens on it, the board paragraph and the
 * written sheet carry it, and `pay compare`'s text starts with it: one sentence everywhere
 * (tests/engine/answer.test.ts holds the four together).
 */
import { gbp, type Comparison } from "../comparison/compare";
import type { Transition } from "../comparison/transition";

/** A change in margin in words: "a gain of £1,234", "a loss of £56", "no change" (under £0.50 either way). */
export const changeWords = (x: number): string => (Math.round(x) === 0 ? "no change" : x > 0 ? `a gain of ${gbp(x)}` : `a loss of ${gbp(-x)}`);

/** "Moving from today's contracts to …, with care moving out of hospital: …; the commissioner …." */
export function answerSentence(c: Comparison): string {
  const worst = c.models.map((m) => Math.min(0, ...m.versusToday.organisations.map((o) => o.total)));
  const k = worst.indexOf(Math.max(...worst));
  const v = c.models[k].versusToday;
  const parts = v.organisations.map((o) => `${o.name} ${changeWords(o.total)}`);
  const saving = v.commissioner.total;
  const commissioner =
    Math.round(saving) === 0
      ? "the commissioner sees no change"
      : saving > 0
        ? `the commissioner saves ${gbp(saving)}`
        : `the commissioner pays ${gbp(-saving)} more`;
  return `Moving from today's contracts to ${c.models[k].name}, with care moving out of hospital: ${parts.join(", ")}; ${commissioner}.`;
}

/**
 * The transition's headline for one model (the written sheet's years section opens with it): each party's net
 * present value against today's contracts doing nothing, the system's first.
 */
export function yearsHeadline(t: Transition, modelId: string): string {
  const m = t.models.find((x) => x.id === modelId) ?? t.models[0];
  const v = m.versusToday;
  const rate = +(t.terms.discountRate * 100).toFixed(2);
  const last = (t.labels[t.labels.length - 1] ?? "").replace(/^Year/, "year");
  const parties = [...v.organisations, ...(v.payer ? [v.payer] : [])].map((p) => `${p.name} ${gbp(p.npv)}`);
  return (
    `Under ${m.name}, against today's contracts doing nothing, by ${last} (net present value at ${rate}%): the system ${gbp(v.system.npv)}; ` +
    `${parties.join(", ")}; the commissioner ${gbp(v.commissioner.npv)}.`
  );
}
