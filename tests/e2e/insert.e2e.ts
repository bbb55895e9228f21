/**
 * "Insert this table" and "Insert this chart" (issue 37): one view's table written at the selection as values
 * in the pane's unit, made an Excel table (and a native chart beside it); a selection whose cells are not all
 * empty is refused, naming the cell, and nothing is written.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

type Preview = {
  value: (s: string, r: number, c: number) => unknown;
  tables: () => { name: string; sheet: string }[];
  charts: () => { type: string; title: string }[];
};
const preview = <T>(f: (p: Preview) => T): Promise<T> =>
  page.evaluate(`(${f.toString()})(globalThis.__preview)`) as Promise<T>;
const value = (r: number, c: number) =>
  page.evaluate(([row, col]) => (globalThis as unknown as { __preview: Preview }).__preview.value("Integrated", row, col), [r, c] as const);
const select = async (cell: string) => {
  await page.click('[data-sheet="Integrated"]');
  await page.locator(`td[data-cell="${cell}"]`).dispatchEvent("mousedown");
};

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  await page.fill("#in-table", "Integrated!A3:H11");
  await page.fill("#in-cohort", "Integrated!B14");
  await page.click("#compare");
  await page.locator("#against-today").waitFor();
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

describe("one piece of a view, at the selection", () => {
  it("Insert this table: the pane's figures against today, as values, an Excel table; never over a filled cell", async () => {
    const tablesBefore = (await preview((p) => p.tables())).length;
    await select("A17");
    await page.click("#insert-table-against-today");
    await expect.poll(() => page.locator("#insert-said-against-today").textContent()).toMatch(/^Inserted at Integrated!A17:I23/);
    expect(await value(16, 0)).toMatch(/^Against today's contracts/);
    expect([await value(17, 0), await value(17, 1)]).toEqual(["Party", "Keep today's contracts"]);
    expect(await value(18, 0)).toBe("Acute trust");
    const shown = await page
      .locator('#against-today [data-row="org:Acute trust"] [data-model]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-value"))));
    // Keep today's contracts, then each model: the exact figures the pane shows shortened.
    expect(shown.length).toBe(8);
    for (const [k, v] of shown.entries()) expect((await value(18, 1 + k)) as number).toBeCloseTo(v, 6);
    expect((await preview((p) => p.tables())).length).toBe(tablesBefore + 1);
    // Again at the same cell: refused, naming the first filled cell; nothing changes.
    await page.click("#insert-table-against-today");
    await expect
      .poll(() => page.locator("#insert-said-against-today").textContent())
      .toBe(
        "Nothing inserted: the table needs 7 rows × 9 columns of empty cells from A17, and A17 holds 'Against today's contracts: each model, then care moving out of hospital (change in margin; the commissioner's and the system's saving)'. Select an empty cell and try again.",
      );
    expect((await preview((p) => p.tables())).length).toBe(tablesBefore + 1);
  });

  it("Insert this chart: the table and a native chart of it beside", async () => {
    const charts = (await preview((p) => p.charts())).length;
    await select("A26");
    await page.click("#insert-chart-against-today");
    await expect.poll(() => page.locator("#insert-said-against-today").textContent()).toMatch(/^Inserted at Integrated!A26:I32 and a chart at K26/);
    const now = await preview((p) => p.charts());
    expect(now.length).toBe(charts + 1);
    expect(now[now.length - 1].title).toMatch(/^Against today's contracts/);
    expect(errors).toEqual([]);
  });
});
