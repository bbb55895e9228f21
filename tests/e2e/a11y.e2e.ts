/**
 * The pane against WCAG 2.2 AA, as axe-core (Deque's engine, the one browsers' accessibility tools run) checks
 * it: every view at Excel's usual 320 px, light and dark, with its detail closed and open, after a risk run.
 * A violation is reported with its rule, its impact and the elements it found, so the failure says what to mend.
 */
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview, riskSettings } from "./host";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

let ctx: BrowserContext;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

beforeAll(async () => {
  let page: Page;
  ({ ctx, page, host } = await openPreview(errors));
  await page.close();
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

/** axe's violations in the pane, each as "rule (impact): the elements' selectors". */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, so the pane's Content-Security-Policy (no inline script) allows it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  // Colours are judged at rest: a button re-enabled a moment ago is still fading in (Fluent's 100 ms transition).
  // (A finished animation that holds its end state, as Fluent's accordion's does, is at rest.)
  await page.waitForFunction(() => document.getAnimations().every((x) => x.playState !== "running"));
  const found = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            el: Element,
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; html: string; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document.getElementById("pane") as Element, { runOnly: { type: "tag", values: tags } });
    return r.violations
      .map((v) => ({
        ...v,
        // Fluent's focus manager (tabster) puts an aria-hidden, focusable <i data-tabster-dummy> at each end of an
        // arrow-key group, to hand focus on at once: Fluent's by design (microsoft/fluentui#27517), and the
        // exception Microsoft's Accessibility Insights makes for it (microsoft/accessibility-insights-web#7605).
        nodes: v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !n.html.includes("data-tabster-dummy")) : v.nodes,
      }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join(", ")}`);
  }, TAGS);
  return found;
}

/** The integrated example compared in a new page of the given theme at 320 px, a risk run done. */
async function compared(theme: "light" | "dark"): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${host.url}preview.html${theme === "dark" ? "?officeTheme=dark" : ""}`);
  await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
  await page.fill("#in-table", "Integrated!A3:H11");
  await page.fill("#in-cohort", "Integrated!B14");
  await page.click("#compare");
  await page.locator("#who-gains").waitFor();
  return page;
}

const VIEWS: [string, string][] = [
  ["compare", "#who-gains"],
  ["model", "#by-model"],
  ["drivers", "#tornado"],
  ["years", "#years-chart"],
];

describe("axe-core: no WCAG 2.2 AA violation in any view", () => {
  // Each theme's page is made once and shared by its two tests (each well under the suite's 20 s a test).
  const pages: Partial<Record<"light" | "dark", Promise<Page>>> = {};
  const pageFor = (theme: "light" | "dark") => (pages[theme] ??= compared(theme));
  const none = (seen: Record<string, string[]>) => Object.fromEntries(Object.keys(seen).map((k) => [k, []]));
  for (const theme of ["light", "dark"] as const) {
    it(`${theme}, at 320 px: the form and every view, detail closed and open`, async () => {
      const page = await pageFor(theme);
      const seen: Record<string, string[]> = { "form, folded": await violations(page) };
      await page.click("#edit-inputs");
      seen.form = await violations(page);
      for (const [tab, answer] of VIEWS) {
        await page.click(`#tab-${tab}`);
        await page.locator(answer).waitFor();
        seen[tab] = await violations(page);
      }
      await page.click("#tab-compare");
      for (const toggle of ["#against-today-detail", "#readings-shown"]) await page.click(toggle);
      seen["compare, detail"] = await violations(page);
      expect(seen).toEqual(none(seen));
      expect(errors).toEqual([]);
    });
    it(`${theme}, at 320 px: the risk view after a run, detail closed and open`, async () => {
      const page = await pageFor(theme);
      await page.click("#tab-risk");
      await riskSettings(page);
      await page.fill("#in-trials", "20,000");
      await page.click("#simulate");
      await page.locator("#risk-summary").waitFor();
      const seen: Record<string, string[]> = { risk: await violations(page) };
      await page.click("#risk-detail-shown");
      seen["risk, detail"] = await violations(page);
      expect(seen).toEqual(none(seen));
      expect(errors).toEqual([]);
    });
  }
});
