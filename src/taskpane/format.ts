/** Formatting the comparison for the panel and for the clipboard (Word and PowerPoint board papers). */
import { answerSentence, changeWords } from "../engine/decision/answer";
import type { Comparison } from "../engine/comparison/compare";

import { gbp } from "../engine/comparison/compare";

export { gbp };

/** Pounds for a narrow table: £950, £9,470, £472k, −£1.25m (the full figure is in the cell's title). */
export function gbpShort(x: number): string {
  const a = Math.abs(x);
  const sign = x < 0 && Math.round(a) > 0 ? "−" : "";
  if (a < 10_000) return `${sign}£${Math.round(a).toLocaleString("en-GB")}`;
  if (a < 999_500) return `${sign}£${Math.round(a / 1000).toLocaleString("en-GB")}k`;
  return `${sign}£${(a / 1e6).toFixed(2)}m`;
}

/** The summary by model: all organisations together. */
export const COLUMNS: [string, (m: Comparison["models"][number]) => number][] = [
  ["Commissioner pays", (m) => m.base.payment],
  ["Providers' margin", (m) => m.base.margin],
  ["Margin, activity −10%", (m) => m.lower.margin],
  ["Margin, activity +10%", (m) => m.higher.margin],
  ["Margin after care shift", (m) => m.shifted.margin],
  ["Commissioner pays after shift", (m) => m.shifted.payment],
];

/** The who-gains matrix as rows: each organisation's change in margin, the commissioner's and the system's saving. */
export function matrix(c: Comparison): [string, number[]][] {
  return [
    ...c.organisations.map((name, o): [string, number[]] => [name, c.models.map((m) => m.shift.organisations[o])]),
    ["Commissioner (saving)", c.models.map((m) => m.shift.commissionerSaving)],
    ["System (saving)", c.models.map((m) => m.shift.systemSaving)],
  ];
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Plain HTML tables with inline styles, which Word and PowerPoint keep when pasted. */
export function comparisonHtml(c: Comparison, title: string): string {
  const cell = "border:1px solid #A6A6A6;padding:3pt 6pt;font-family:Arial;font-size:10pt";
  const th = (h: string, align = "right") => `<th style="${cell};text-align:${align};background:#DDEBF7">${esc(h)}</th>`;
  const td = (v: string, align = "right") => `<td style="${cell};text-align:${align}">${esc(v)}</td>`;
  const caption = (t: string) => `<p style="font-family:Arial;font-size:11pt;font-weight:bold">${esc(t)}</p>`;
  const who = `<table style="border-collapse:collapse"><tr>${th("", "left")}${c.models.map((m) => th(m.name)).join("")}</tr>${matrix(c)
    .map(([label, values]) => `<tr>${td(label, "left")}${values.map((v) => td(gbp(v))).join("")}</tr>`)
    .join("")}</table>`;
  const summary = `<table style="border-collapse:collapse"><tr>${th("Model", "left")}${COLUMNS.map(([h]) => th(h)).join("")}</tr>${c.models
    .map((m) => `<tr>${td(m.name, "left")}${COLUMNS.map(([, f]) => td(gbp(f(m)))).join("")}</tr>`)
    .join("")}</table>`;
  const notes = c.models.map((m) => `<li>${esc(m.reading)}</li>`).join("");
  return `${caption(title)}${caption("Who gains when care moves out of hospital")}${who}${caption("Summary by model")}${summary}<ul style="font-family:Arial;font-size:10pt">${notes}</ul>`;
}

/** Tab-separated text: pastes into cells of a Word or PowerPoint table, or Excel. */
export function comparisonText(c: Comparison, title: string): string {
  const lines = [title, "", "Who gains when care moves out of hospital", ["", ...c.models.map((m) => m.name)].join("\t")];
  for (const [label, values] of matrix(c)) lines.push([label, ...values.map(gbp)].join("\t"));
  lines.push("", "Summary by model", ["Model", ...COLUMNS.map(([h]) => h)].join("\t"));
  for (const m of c.models) lines.push([m.name, ...COLUMNS.map(([, f]) => gbp(f(m)))].join("\t"));
  lines.push("", ...c.models.map((m) => m.reading));
  return lines.join("\n");
}

/** A change in pounds with its sign spelt out for prose: "a gain of £20,168", "a loss of £445,906", "no change". */
const change = changeWords;

/**
 * A short board-paper paragraph from the comparison's figures and reading lines: the scope; for each
 * organisation the model it fares best and worst under when care moves out of hospital; where the commissioner
 * saves most; then the reading lines of today's activity-based payment and of the model under which no
 * organisation loses more (the smallest worst loss), which is the one a board would ask about.
 */
export function boardParagraph(c: Comparison): string {
  const n = c.models.length;
  const orgs = c.organisations;
  const s: string[] = [
    `We compared ${n} payment models for this pathway of ${orgs.length} organisation${orgs.length === 1 ? "" : "s"} (${orgs.join(", ")}): activity worth ${gbp(c.activityValue)} a year, costing ${gbp(c.cost)}.`,
  ];
  s.push(answerSentence(c));
  orgs.forEach((name, o) => {
    const by = c.models.map((m) => m.shift.organisations[o]);
    const best = by.indexOf(Math.max(...by));
    const worst = by.indexOf(Math.min(...by));
    s.push(
      best === worst || Math.round(by[best]) === Math.round(by[worst])
        ? `When care moves out of hospital, ${name} sees ${change(by[best])} under every model.`
        : `When care moves out of hospital, ${name} fares best under ${c.models[best].name} (${change(by[best])}) and worst under ${c.models[worst].name} (${change(by[worst])}).`,
    );
  });
  const savings = c.models.map((m) => m.shift.commissionerSaving);
  const most = savings.indexOf(Math.max(...savings));
  s.push(`The commissioner saves most under ${c.models[most].name} (${gbp(savings[most])}).`);
  const worstLoss = c.models.map((m) => Math.min(0, ...m.shift.organisations));
  const fairest = worstLoss.indexOf(Math.max(...worstLoss));
  const today = c.models.find((m) => m.id === "activity");
  if (today) s.push(today.reading);
  if (c.models[fairest] && c.models[fairest] !== today) s.push(c.models[fairest].reading);
  return s.map((x) => (/[.!?]$/.test(x) ? x : `${x}.`)).join(" ");
}

/** The answer sentence (the engine's decision/answer.ts): the pane, the paragraph, the sheet and pay compare share it. */
export { answerSentence as fromToday } from "../engine/decision/answer";

/** The paragraph as HTML for Word and PowerPoint (Arial 11pt, as the copied tables). */
export function boardParagraphHtml(c: Comparison): string {
  return `<p style="font-family:Arial;font-size:11pt">${esc(boardParagraph(c))}</p>`;
}

/** Chart pictures (base64 PNG, as Chart.getImage gives them) with their titles, as HTML for Word and PowerPoint. */
export function chartsHtml(images: readonly { title: string; png: string }[]): string {
  return images
    .map(
      (x) =>
        `<p style="font-family:Arial;font-size:11pt;font-weight:bold">${esc(x.title)}</p><p><img alt="${esc(x.title)}" width="640" src="data:image/png;base64,${x.png}"></p>`,
    )
    .join("");
}
