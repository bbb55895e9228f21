/**
 * The answer first (issue 37): at Excel's usual pane, 320 × 900 px, on the integrated example and on today's
 * contracts example, Compare folds the form to one line and the first screen holds the decision's sentence
 * and a figure of the matrix against today's contracts, with nothing scrolled; the form opens again in one
 * click with what was typed.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview, riskSettings } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];
const SCREEN = 900;

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  await page.setViewportSize({ width: 1280, height: SCREEN });
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

/** How far below the pane's top (scrolled to the top) an element's bottom edge sits. */
const bottomInPane = (selector: string) =>
  page.evaluate((s) => {
    const pane = document.getElementById("pane") as HTMLElement;
    const el = document.querySelector(s) as HTMLElement;
    return { bottom: el.getBoundingClientRect().bottom - pane.getBoundingClientRect().top, scrolled: pane.scrollTop };
  }, selector);

const EXAMPLES: [string, string, string][] = [
  ["the integrated example", "Integrated!A3:H11", "Integrated!B14"],
  ["today's contracts example", "TodaysContracts", "Today!B14"],
];

describe("after Compare, the answer on the first screen at 320 × 900", () => {
  for (const [name, table, cohort] of EXAMPLES)
    it(name, async () => {
      if (await page.locator("#edit-inputs").count()) await page.click("#edit-inputs");
      await page.fill("#in-table", table);
      await page.fill("#in-cohort", cohort);
      await page.click("#compare");
      await page.locator("#against-today").waitFor();
      // The form folded to its line, naming what was compared.
      expect(await page.locator("#in-table").count()).toBe(0);
      expect(await page.textContent("#inputs-summary")).toContain(`${table} · cohort ${cohort}`);
      const answer = await bottomInPane("#answer");
      const figure = await bottomInPane("#against-today [data-model]");
      expect(answer.scrolled).toBe(0);
      expect(answer.bottom, "the sentence's bottom").toBeLessThanOrEqual(SCREEN);
      expect(figure.bottom, "the first figure's bottom").toBeLessThanOrEqual(SCREEN);
      expect(await page.textContent("#answer")).toMatch(/^Moving from today's contracts to /);
      // Every view within one and a half screens, nothing wider than the pane.
      for (const [tab, answered] of VIEWS) {
        await page.click(`#tab-${tab}`);
        await page.locator(answered).waitFor();
        const m = await page.locator(`#${VIEW_IDS[tab]}`).evaluate((el) => ({ height: el.getBoundingClientRect().height, over: el.scrollWidth - el.clientWidth }));
        expect(m.height, `${tab}: ${m.height} px`).toBeLessThanOrEqual(1.5 * SCREEN);
        expect(m.over, tab).toBeLessThanOrEqual(0);
      }
      // Years' net present values at 320 px: the chart's model, one party to a line, every party there.
      await page.click("#tab-years");
      const npv = await page.locator("#years-npv li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-party")));
      expect(npv.slice(-2)).toEqual(["Commissioner", "System"]);
      expect(npv.length).toBeGreaterThanOrEqual(4);
      // Risk after a run: within one and a half screens, its settings folded; open, nothing scrolls sideways.
      await page.click("#tab-risk");
      await riskSettings(page);
      await page.fill("#in-trials", "20,000");
      await page.click("#simulate");
      await page.locator("#risk-population").waitFor();
      await page.locator("#in-trials").waitFor({ state: "detached" });
      const risk = await page.locator("#risk").evaluate((el) => el.getBoundingClientRect().height);
      expect(risk, `risk: ${risk} px`).toBeLessThanOrEqual(1.5 * SCREEN);
      await riskSettings(page);
      expect(await page.locator("#pane main").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      // Years' terms open: nothing scrolls sideways either.
      await page.click("#tab-years");
      await page.click("#years-terms");
      await page.locator("#in-years").waitFor();
      expect(await page.locator("#pane main").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await page.click("#tab-compare");
      // One click opens the form with what was typed; with every section open nothing scrolls sideways.
      await page.click("#edit-inputs");
      expect(await page.inputValue("#in-table")).toBe(table);
      expect(await page.inputValue("#in-cohort")).toBe(cohort);
      await page.click("text=Contract terms (defaults work for a first look)");
      await page.locator("#in-preset").waitFor();
      await page.waitForFunction(() => document.getAnimations().every((x) => x.playState !== "running")); // measured at rest
      expect(await page.locator("#pane main").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    });
});

const VIEWS: [string, string][] = [
  ["compare", "#against-today"],
  ["model", "#by-model"],
  ["drivers", "#tornado"],
  ["years", "#years-chart"],
];
const VIEW_IDS: Record<string, string> = { compare: "comparison", model: "by-model", drivers: "drivers", years: "years" };
