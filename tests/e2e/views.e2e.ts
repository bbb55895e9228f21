/**
 * The pane at a glance (issue "The pane at a glance", tightened by "The answer first"): at Excel's usual 320 px, 900 px
 * high, each view answers its question within one and a half screens with its detail closed, and nothing in it is wider than the pane.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
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
  await page.fill("#in-table", "Integrated!A3:H11");
  await page.fill("#in-cohort", "Integrated!B14");
  await page.click("#compare");
  await page.locator("#who-gains").waitFor();
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

/** A view's height and how far it runs past the pane's width. */
const measure = (selector: string) =>
  page.locator(selector).evaluate((el) => ({ height: el.getBoundingClientRect().height, over: el.scrollWidth - el.clientWidth }));

describe("every view within 1.5 screens at 320 px, its detail closed", () => {
  // Each view measured when it has answered (the Drivers view's tornado comes from the worker).
  const views: [string, string, string, string][] = [
    ["compare", "#comparison", "Who gains", "#who-gains"],
    ["model", "#by-model", "By model", "#by-model"],
    ["drivers", "#drivers", "Drivers", "#tornado"],
    ["years", "#years", "Years", "#years-chart"],
  ];
  for (const [tab, selector, name, answer] of views)
    it(`${name}`, async () => {
      await page.click(`#tab-${tab}`);
      await page.locator(answer).waitFor();
      const m = await measure(selector);
      expect(m.height, `${name}: ${m.height} px`).toBeLessThanOrEqual(1.5 * SCREEN);
      expect(m.over).toBeLessThanOrEqual(0);
    });

  it("Risk, after a run", async () => {
    await page.click("#tab-risk");
    await riskSettings(page);
    await page.fill("#in-trials", "20,000");
    await page.click("#simulate");
    await page.locator("#risk-summary").waitFor();
    await page.locator("#in-trials").waitFor({ state: "detached" }); // the settings folded under the figures
    const m = await measure("#risk");
    expect(m.height, `Risk: ${m.height} px`).toBeLessThanOrEqual(1.5 * SCREEN);
    expect(m.over).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});

describe("no word broken inside a word", () => {
  /**
   * Every word of the pane's text (a run of characters between spaces, hyphens, dashes and slashes, where lines may
   * break) laid out on one line: a word whose characters sit on two lines was broken inside itself.
   */
  const broken = () =>
    page.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.getElementById("pane") as HTMLElement, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest("svg")) continue;
        const text = n.textContent ?? "";
        for (const m of text.matchAll(/[^\s\-–—/]+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
          if (tops.size > 1) found.push(`${m[0]} (in "${text.slice(0, 40)}")`);
        }
      }
      // And no table cell's text running out of its cell into the next.
      for (const cell of document.getElementById("pane")?.querySelectorAll<HTMLElement>("td, th") ?? [])
        if (cell.getBoundingClientRect().width > 0 && cell.scrollWidth > cell.clientWidth + 1) found.push(`cell overrun: ${cell.textContent}`);
      return found;
    });
  it("in every view, its detail closed and open, at 320 and 500 px", async () => {
    const seen: Record<string, string[]> = {};
    for (const width of [320, 500]) {
      await page.evaluate((px) => ((document.getElementById("pane") as HTMLElement).style.width = `${px}px`), width);
      for (const [tab, answer, detail] of [
        ["compare", "#who-gains", ["#against-today-detail", "#readings-shown"]],
        ["model", "#by-model", []],
        ["drivers", "#tornado", []],
        ["years", "#years-chart", []],
        ["risk", "#risk-summary", ["#risk-detail-shown"]],
      ] as const) {
        await page.click(`#tab-${tab}`);
        if (tab === "risk" && (await page.locator(answer).count()) === 0) {
          await riskSettings(page);
          await page.fill("#in-trials", "20,000");
          await page.click("#simulate");
        }
        await page.locator(answer).waitFor();
        seen[`${tab} ${width}`] = await broken();
        for (const d of detail) await page.click(d);
        if (detail.length > 0) seen[`${tab} ${width}, detail`] = await broken();
        for (const d of detail) await page.click(d);
      }
    }
    await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
  });
});

describe("the compact matrices at 320 px: every model named in full, every figure whole", () => {
  /** Labels cut short (an ellipsis) and figures running past their party's block or over their label. */
  const cramped = () =>
    page.evaluate(() => {
      const found: string[] = [];
      for (const item of document.querySelectorAll<HTMLElement>("#comparison [role=listitem]")) {
        const box = item.getBoundingClientRect();
        for (const figure of item.querySelectorAll<HTMLElement>("[data-model]")) {
          const cell = figure.parentElement as HTMLElement;
          const label = cell.querySelector<HTMLElement>("[title]");
          const f = figure.getBoundingClientRect();
          const where = `${item.dataset.row} ${figure.dataset.model}`;
          if (f.right > box.right + 0.5 || f.left < box.left - 0.5) found.push(`${where}: figure outside its block`);
          if (label && label.scrollWidth > label.clientWidth) found.push(`${where}: label cut to '${label.textContent}'`);
          if (label && label.getBoundingClientRect().right > f.left + 0.5 && label.getBoundingClientRect().top === f.top)
            found.push(`${where}: figure over its label`);
        }
      }
      return found;
    });
  it("with switch and shift hidden and shown (and a wide pane's table with them shown)", async () => {
    await page.click("#tab-compare");
    await page.locator("#who-gains").waitFor();
    const hidden = await cramped();
    await page.click("#against-today-detail");
    const shown = await cramped();
    // A wide pane's table: every cell as wide as its figure and its switch and shift (none running into the next).
    await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "1200px"));
    await page.locator('#against-today[data-layout="table"]').waitFor();
    const overrun = await page
      .locator("#against-today td[data-model]")
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => (c as HTMLElement).dataset.model));
    await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
    await page.click("#against-today-detail");
    expect({ hidden, shown, overrun }).toEqual({ hidden: [], shown: [], overrun: [] });
  });
});

describe("charts legible at any width: drawn in pixels, every label at the body size (14 px)", () => {
  /** Each chart's drawn width against its box, and the rendered size of every label's font. */
  const charts = () =>
    page.evaluate(() =>
      [...document.querySelectorAll("svg[role=img]")]
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .map((svg) => ({
          id: svg.id,
          scale: svg.getBoundingClientRect().width / Number(svg.getAttribute("width")),
          fonts: [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize)),
        })),
    );
  for (const width of [320, 1200])
    it(`at ${width} px`, async () => {
      await page.evaluate((px) => ((document.getElementById("pane") as HTMLElement).style.width = `${px}px`), width);
      const seen: string[] = [];
      for (const [tab, selector] of [
        ["drivers", "#tornado"],
        ["years", "#years-chart"],
        ["risk", "#risk-summary"],
      ]) {
        await page.click(`#tab-${tab}`);
        await page.locator(selector).waitFor();
        if (tab === "risk" && !(await page.isChecked("#risk-detail-shown"))) await page.click("#risk-detail-shown");
        for (const c of await charts()) {
          seen.push(c.id);
          expect(c.scale, `${c.id} drawn at its own size`).toBeCloseTo(1, 2);
          for (const f of c.fonts) expect(f, `${c.id} label`).toBe(14);
        }
      }
      expect(seen).toEqual(expect.arrayContaining(["tornado", "years-chart", "risk-histogram", "sweep-chart"]));
      await page.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
      await page.click("#risk-detail-shown");
      expect(errors).toEqual([]);
    });
});

describe("a wide pane uses the room", () => {
  const boxes = (a: string, b: string) =>
    page.evaluate(
      ([x, y]) => [x, y].map((s) => (document.querySelector(s) as HTMLElement).getBoundingClientRect()).map((r) => ({ top: r.top, left: r.left })),
      [a, b],
    );
  const widen = (w: number) => page.evaluate((px) => ((document.getElementById("pane") as HTMLElement).style.width = `${px}px`), w);
  it("against today and who gains side by side at 1,200 px, one above the other at 320 px; years' chart beside its table", async () => {
    await page.click("#tab-compare");
    await widen(1200);
    const [today, gains] = await boxes("#against-today", "#who-gains");
    expect(today.top).toBe(gains.top);
    expect(gains.left).toBeGreaterThan(today.left + 400);
    const out = path.resolve(__dirname, "../../test-results/views");
    mkdirSync(out, { recursive: true });
    await page.locator("#comparison").screenshot({ path: path.join(out, "compare-1200-light.png") });
    await page.click("#tab-years");
    await page.locator("#years-table").waitFor();
    const [chart, table] = await boxes("#years-chart", "#years-table");
    expect(table.left).toBeGreaterThan(chart.left + 300);
    await page.locator("#years").screenshot({ path: path.resolve(__dirname, "../../test-results/views/years-1200-light.png") });
    await widen(320);
    await page.click("#tab-compare");
    const [narrowToday, narrowGains] = await boxes("#against-today", "#who-gains");
    expect(narrowGains.top).toBeGreaterThan(narrowToday.top + 200);
    expect(narrowGains.left).toBe(narrowToday.left);
    expect(errors).toEqual([]);
  });
});

/** Screenshots of every view at 320 and 500 px, light and dark, for docs/views (copied there by hand). */
describe("every view pictured at 320 and 500 px, light and dark", () => {
  const out = path.resolve(__dirname, "../../test-results/views");
  const shoot = async (p: Page, theme: string) => {
    for (const width of [320, 500]) {
      await p.evaluate((w) => ((document.getElementById("pane") as HTMLElement).style.width = `${w}px`), width);
      for (const [tab, selector, answer] of [
        ["compare", "#comparison", "#who-gains"],
        ["model", "#by-model", "#by-model"],
        ["drivers", "#drivers", "#tornado"],
        ["years", "#years", "#years-chart"],
        ["risk", "#risk", "#risk-summary"],
      ]) {
        await p.click(`#tab-${tab}`);
        await p.locator(answer).waitFor();
        await p.locator(selector).screenshot({ path: path.join(out, `${tab}-${width}-${theme}.png`) });
      }
    }
    await p.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
  };
  it("light", async () => {
    mkdirSync(out, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 2400 });
    await shoot(page, "light");
    await page.setViewportSize({ width: 1280, height: SCREEN });
  });
  it("dark", async () => {
    const dark = await ctx.newPage();
    await dark.setViewportSize({ width: 1280, height: 2400 });
    await dark.goto(`${host.url}preview.html?officeTheme=dark`);
    await dark.fill("#in-table", "Integrated!A3:H11");
    await dark.fill("#in-cohort", "Integrated!B14");
    await dark.click("#compare");
    await dark.locator("#who-gains").waitFor();
    await dark.click("#tab-risk");
    await dark.fill("#in-trials", "20,000");
    await dark.click("#simulate");
    await dark.locator("#risk-summary").waitFor();
    await shoot(dark, "dark");
    await dark.close();
  });
  it("Windows' high contrast (forced colours): the charts' series still told apart, their labels at the body size", async () => {
    const hc = await ctx.newPage();
    await hc.emulateMedia({ forcedColors: "active" });
    await hc.setViewportSize({ width: 1280, height: 2400 });
    await hc.goto(`${host.url}preview.html`);
    await hc.fill("#in-table", "Integrated!A3:H11");
    await hc.fill("#in-cohort", "Integrated!B14");
    await hc.click("#compare");
    await hc.locator("#who-gains").waitFor();
    expect(await hc.locator("#pane [data-theme]").getAttribute("data-theme")).toBe("contrast");
    await hc.evaluate(() => ((document.getElementById("pane") as HTMLElement).style.width = "320px"));
    for (const [tab, selector, answer] of [
      ["compare", "#comparison", "#who-gains"],
      ["drivers", "#drivers", "#tornado"],
      ["years", "#years", "#years-chart"],
    ]) {
      await hc.click(`#tab-${tab}`);
      await hc.locator(answer).waitFor();
      await hc.locator(selector).screenshot({ path: path.join(out, `${tab}-320-contrast.png`) });
    }
    // Every mark of every chart in the system's text colour, whatever the theme drew it in (Fluent's high-contrast
    // tokens are light: white on a light high-contrast background before), and the years' lines one dash each.
    const marks = await hc.evaluate(() => {
      const text = getComputedStyle(document.getElementById("pane") as HTMLElement).color;
      const drawn = [...document.querySelectorAll("svg[role=img] text, svg[role=img] line, svg[role=img] polyline, svg[role=img] rect")];
      return {
        text,
        colours: [...new Set(drawn.flatMap((el) => [getComputedStyle(el).fill, getComputedStyle(el).stroke]).filter((c) => c !== "none"))],
        dashes: [...document.querySelectorAll("#years-chart polyline")].map((l) => getComputedStyle(l).strokeDasharray),
      };
    });
    expect(marks.colours).toEqual([marks.text]);
    expect(new Set(marks.dashes).size).toBeGreaterThan(1);
    await hc.close();
  });
});

describe("financial years on the years' chart", () => {
  it("labels the years from the first financial year typed, in full where there is room and short where not", async () => {
    const out = path.resolve(__dirname, "../../test-results/views");
    mkdirSync(out, { recursive: true });
    const widen = (w: number) => page.evaluate((px) => ((document.getElementById("pane") as HTMLElement).style.width = `${px}px`), w);
    await page.click("#tab-years");
    if (!(await page.locator("#in-start").isVisible())) await page.click("#years-terms"); // folded under the chart
    await page.fill("#in-start", "2026/27");
    const labels = () => page.locator("#years-chart text").allTextContents();
    await widen(500);
    await expect.poll(labels).toEqual(expect.arrayContaining(["2026/27", "2030/31"]));
    await page.locator("#years").screenshot({ path: path.join(out, "years-500-financial-years.png") });
    await widen(320);
    // At 320 px each year's label is its financial year, in full or short as the chart's width allows.
    await expect.poll(async () => (await labels()).some((l) => l === "2026/27" || l === "26/27")).toBe(true);
    await page.locator("#years").screenshot({ path: path.join(out, "years-320-financial-years.png") });
    await page.fill("#in-start", "2026/28");
    await expect.poll(() => page.locator("#years").textContent()).toContain("expected a financial year such as 2026/27, got '2026/28'");
    await page.fill("#in-start", "");
  });
});
