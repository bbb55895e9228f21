/**
 * The answer first (issue 37): the one sentence that states the decision, from the comparison's figures — the
 * model under which, against today's contracts and with care moving out of hospital, no organisation loses more
 * (the smallest worst total), and what it does to each party. The pane opens on it, the board paragraph and the
 * written sheet carry it, and `pay compare`'s text starts with it: one sentence everywhere
 * (tests/engine/answer.test.ts holds the four together).
 */
import { gbp, type Comparison } from "../comparison/compare";

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
