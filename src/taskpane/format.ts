/** Formatting the comparison for the panel and for the clipboard (Word and PowerPoint board papers). */
import type { Comparison } from "../engine/compare";

import { gbp } from "../engine/compare";

export { gbp };

export const COLUMNS: [string, (m: Comparison["models"][number]) => number][] = [
  ["Commissioner pays", (m) => m.base.payment],
  ["Provider margin", (m) => m.base.margin],
  ["Margin, activity −10%", (m) => m.lower.margin],
  ["Margin, activity +10%", (m) => m.higher.margin],
  ["Margin after care shift", (m) => m.shifted.margin],
  ["Commissioner pays after shift", (m) => m.shifted.payment],
];

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A plain HTML table with inline styles, which Word and PowerPoint keep when pasted. */
export function comparisonHtml(c: Comparison, title: string): string {
  const cell = "border:1px solid #A6A6A6;padding:3pt 6pt;font-family:Arial;font-size:10pt";
  const head = `<tr><th style="${cell};text-align:left;background:#DDEBF7">Model</th>${COLUMNS.map(([h]) => `<th style="${cell};text-align:right;background:#DDEBF7">${esc(h)}</th>`).join("")}</tr>`;
  const rows = c.models
    .map(
      (m) =>
        `<tr><td style="${cell}">${esc(m.name)}</td>${COLUMNS.map(([, f]) => `<td style="${cell};text-align:right">${esc(gbp(f(m)))}</td>`).join("")}</tr>`,
    )
    .join("");
  const notes = c.models.map((m) => `<li>${esc(m.reading)}</li>`).join("");
  return `<p style="font-family:Arial;font-size:11pt;font-weight:bold">${esc(title)}</p><table style="border-collapse:collapse">${head}${rows}</table><ul style="font-family:Arial;font-size:10pt">${notes}</ul>`;
}

/** Tab-separated text: pastes into cells of a Word or PowerPoint table, or Excel. */
export function comparisonText(c: Comparison, title: string): string {
  const lines = [title, ["Model", ...COLUMNS.map(([h]) => h)].join("\t")];
  for (const m of c.models) lines.push([m.name, ...COLUMNS.map(([, f]) => gbp(f(m)))].join("\t"));
  lines.push("", ...c.models.map((m) => m.reading));
  return lines.join("\n");
}
