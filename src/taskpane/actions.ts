/* global Blob, navigator, ClipboardItem, ClipboardEvent, document, atob */
/**
 * What the pane's buttons do beyond Compare: write the comparison to a new sheet, and copy it (the table, a
 * paragraph, the written sheet's charts) for Word and PowerPoint. Each returns the message to show.
 */
import type { Transition } from "../engine/comparison/transition";
import type { OptionsSheet } from "../excel/options/section";
import { chartImages, writeComparisonSheet } from "../excel/workbook";
import type { Ready } from "./form/read";
import { errorText } from "./form/read";
import type { PaneUnit } from "./money";
import { BOARD_UNIT } from "../engine/comparison/money";
import type { DriversChoice } from "./views/DriversView";
import type { RiskOutcome } from "./worker/risk-job";

export type Status = { intent: "success" | "error" | "info"; text: string };

/** Writes the comparison, and whatever the views have worked out, to a new sheet; the sheet's name and the message. */
export async function writeSheet(
  ready: Ready,
  extras: {
    risk: RiskOutcome | null;
    drivers: DriversChoice | null;
    years: { transition: Transition; model: string } | null;
    options?: OptionsSheet | null;
    unit: PaneUnit;
  },
): Promise<{ name: string | null; status: Status }> {
  const { risk, drivers, years, options, unit } = extras;
  try {
    const { buildPlan } = await import("../excel/plan");
    const plan = buildPlan({
      ...ready,
      writtenOn: new Date(),
      risk: risk ?? undefined,
      drivers: drivers ?? undefined,
      transition: years ?? undefined,
      options: options ?? undefined,
      // The pane's "by size" has no meaning on a sheet: a board pack's default is thousands (£000), the exact figure in each cell.
      unit: unit === "auto" ? BOARD_UNIT : unit,
    });
    const { name, notes } = await writeComparisonSheet(plan);
    return {
      name,
      status: {
        intent: "success",
        // Short, so the view stays in sight: what was written is on the sheet itself (its assumptions list too).
        text: `Written to the new sheet '${name}'${risk ? `, risk as values (seed ${risk.result.seed})` : ""}.${notes.length > 0 ? ` Note: ${notes.join("; ")}.` : ""}`,
      },
    };
  } catch (e) {
    return { name: null, status: { intent: "error", text: `Nothing was written: ${errorText(e)}` } };
  }
}

/**
 * Put HTML (and text, and a picture when there is one) on the clipboard, for Word and PowerPoint. Some hosts
 * block the asynchronous clipboard: then a copy event sets the HTML and the text.
 */
async function toClipboard(what: string, html: string, text: string, png?: Blob): Promise<Status> {
  const done: Status = { intent: "success", text: `${what} copied: paste it into Word or PowerPoint.` };
  try {
    const parts: Record<string, Blob> = {
      "text/html": new Blob([html], { type: "text/html" }),
      "text/plain": new Blob([text], { type: "text/plain" }),
    };
    if (png) parts["image/png"] = png;
    await navigator.clipboard.write([new ClipboardItem(parts)]);
    return done;
  } catch {
    const onCopy = (ev: ClipboardEvent) => {
      ev.clipboardData?.setData("text/html", html);
      ev.clipboardData?.setData("text/plain", text);
      ev.preventDefault();
    };
    document.addEventListener("copy", onCopy);
    const ok = document.execCommand("copy");
    document.removeEventListener("copy", onCopy);
    return ok ? done : { intent: "error", text: "This host does not allow copying; use Write to sheet." };
  }
}

export async function copyTable(ready: Ready): Promise<Status> {
  const title = "Payment models compared";
  const { comparisonHtml, comparisonText } = await import("./format");
  return toClipboard("Table", comparisonHtml(ready.comparison, title), comparisonText(ready.comparison, title));
}

export async function copyParagraph(ready: Ready): Promise<Status> {
  const { boardParagraph, boardParagraphHtml } = await import("./format");
  return toClipboard("Paragraph", boardParagraphHtml(ready.comparison), boardParagraph(ready.comparison));
}

/** The written sheet's charts as Excel draws them (Chart.getImage): all of them as HTML, the first as a picture. */
export async function copyCharts(sheet: string): Promise<Status> {
  try {
    const images = await chartImages(sheet);
    if (images.length === 0) throw new Error(`the sheet '${sheet}' has no charts`);
    const { chartsHtml } = await import("./format");
    const html = chartsHtml(images);
    const bytes = Uint8Array.from(atob(images[0].png), (ch) => ch.charCodeAt(0));
    return await toClipboard(
      images.length === 1 ? "Chart" : `${images.length} charts`,
      html,
      images.map((x) => x.title).join("\n"),
      new Blob([bytes], { type: "image/png" }),
    );
  } catch (e) {
    return { intent: "error", text: `Nothing was copied: ${errorText(e)}` };
  }
}
