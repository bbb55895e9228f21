/**
 * The 2026/27 plan and the contracts as signed end to end (issue 34), on the example laid out in the preview as
 * the sheet "Plan 2026-27" (examples/plans-and-contracts-2026.xlsx): the pane's today's contracts and its
 * reconciliation agree with `pay compare --json` on the example file.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/pay";
import { buildExamples } from "../../examples/build-examples";
import { openPreview, openInputs } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];
let example = "";

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
  const dir = mkdtempSync(path.join(tmpdir(), "pay-e2e-plans-"));
  await buildExamples(dir, path.resolve(__dirname, "../../data/gp-practice-weighted-populations-2025-26.csv"));
  example = path.join(dir, "plans-and-contracts-2026.xlsx");
});

/** pay compare on the example as the pane is set up here: its table, cohort, MFF, the 2026/27 rule and contracts. */
const compareArgs = () => ["compare", example, "--table", "Pathway2026", "--cohort", "Cohort", "--term", "mff=MFF", "--preset", "nhsps-2026", "--contracts", "Contracts"];

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

interface Json {
  organisations: string[];
  baseline: {
    organisations: { base: { margin: number }; shifted: { margin: number } }[];
    reconciliation: { organisation: string; gap: number }[];
  };
  models: { id: string; versusToday: { organisations: { total: number }[] } }[];
}

describe("the 2026/27 plan and the contracts as signed: the pane and pay compare agree", () => {
  it("today's contracts on the plan and as signed, the reconciliation, and each model against them", async () => {
    await openInputs(page);
    await page.fill("#in-table", "'Plan 2026-27'!A3:J11");
    await page.fill("#in-cohort", "'Plan 2026-27'!B14");
    await openInputs(page, true);
    await page.fill("#in-mff", "'Plan 2026-27'!B15");
    await page.selectOption("#in-preset", "nhsps-2026");
    await page.fill("#in-contracts", "'Plan 2026-27'!A18:C20");
    await page.click("#compare");
    await page.locator("#reconciliation").waitFor();
    const out: string[] = [];
    const args = [...compareArgs(), "--json"];
    expect(await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as Json;
    const gaps = await page.locator("#reconciliation li").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-organisation"), Number(li.getAttribute("data-gap"))]));
    expect(gaps.map(([o, g]) => [o, Math.round((g as number) * 100)])).toEqual(json.baseline.reconciliation.map((r) => [r.organisation, Math.round(r.gap * 100)]));
    expect(await page.textContent("#reconciliation")).toContain("Community trust, all: signed £320,000 against £360,788 at tariff, gap −£40,788 (−11.3%)");
    const shots = path.resolve(__dirname, "../../test-results/views");
    mkdirSync(shots, { recursive: true });
    for (const width of [320, 500]) {
      await page.evaluate((px) => ((document.getElementById("pane") as HTMLElement).style.width = `${px}px`), width);
      await page.locator("#against-today").screenshot({ path: path.join(shots, `reconciliation-${width}.png`) });
    }
    for (const [o, name] of json.organisations.entries()) {
      const today = Number(await page.getAttribute(`#against-today [data-row="org:${name}"] [data-model="today"]`, "data-value"));
      const b = json.baseline.organisations[o];
      expect(Math.abs(today - (b.shifted.margin - b.base.margin)), `${name}: today's contracts when care moves`).toBeLessThan(1e-6);
      const totals = await page
        .locator(`#against-today [data-row="org:${name}"] [data-model]:not([data-model="today"])`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
      totals.forEach((t, k) => expect(Math.abs(t - json.models[k].versusToday.organisations[o].total), `${name} ${json.models[k].id}`).toBeLessThan(1e-6));
    }
    expect(errors).toEqual([]);
  });

  it("writes the sheet with the contracts block live over the contracts table, its gaps the engine's", async () => {
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    type Preview = { value: (s: string, r: number, c: number) => unknown };
    const value = (r: number, c: number): Promise<unknown> =>
      page.evaluate(([s, row, col]) => (globalThis as unknown as { __preview: Preview }).__preview.value(s as string, row as number, col as number), [
        written,
        r,
        c,
      ] as const);
    let h = -1;
    for (let r = 0; r < 400 && h < 0; r++) if ((await value(r, 6)) === "Signed ÷ tariff") h = r;
    expect(h).toBeGreaterThan(0);
    const out: string[] = [];
    const args = [...compareArgs(), "--json"];
    await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) });
    const json = JSON.parse(out.join("\n")) as Json;
    for (const [k, r] of json.baseline.reconciliation.entries()) {
      expect(await value(h + 1 + k, 0)).toBe(r.organisation);
      expect(Math.abs((await value(h + 1 + k, 4)) as number - r.gap)).toBeLessThan(1e-6);
    }
    await page.click("#tab-compare");
  });

  it("the Options view: what must be true for a party, each option's NPV and the scenarios, as pay compare --options gives them", async () => {
    await page.click("#tab-options");
    await page.fill("#in-options-options", "Options!A1:H4");
    await page.fill("#in-options-organisations", "Options!A7:B10");
    await page.fill("#in-options-scenarios", "Options!A13:C16");
    await page.click("#options-appraise");
    await page.locator("#options-table").waitFor();
    const out: string[] = [];
    const args = compareArgs();
    const more = ["--years", "3", "--options", "Options", "--organisations", "Organisations", "--scenarios", "Scenarios", "--json"];
    expect(await main([...args, ...more], { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const json = JSON.parse(out.join("\n")) as { options: { name: string; npv: { name: string; npv: number }[] }[] };
    const npvs = await page.locator("#options-table [data-option]").evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-option"), Number(r.getAttribute("data-npv"))]));
    expect(npvs.map(([o, n]) => [o, Math.round((n as number) * 100)])).toEqual(json.options.map((o) => [o.name, Math.round(o.npv.find((p) => p.name === "System")!.npv * 100)]));
    expect(await page.textContent("#options-switching")).toContain("System breaks even under Capitated budget if 48.7% of the planned shift is achieved");
    expect(await page.locator("#options-scenarios tbody tr").count()).toBe(3);
    const shots = path.resolve(__dirname, "../../test-results/views");
    for (const width of [320, 500]) {
      await page.evaluate((px) => ((document.getElementById("pane") as HTMLElement).style.width = `${px}px`), width);
      const over = await page.locator("#options").evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(over, `the Options view at ${width} px`).toBeLessThanOrEqual(0);
      await page.locator("#options").screenshot({ path: path.join(shots, `options-${width}.png`) });
    }
    await page.selectOption("#options-party", "Acute trust");
    expect(await page.textContent("#options-switching")).toContain("Acute trust breaks even under");
    // Write: the sheet's options section, recomputed by the preview's Excel, gives each option's NPV for the system.
    await page.click("#write");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Written to the new sheet");
    const written = (await page.locator("#status").textContent())!.match(/'([^']+)'/)![1];
    const cells = await page.evaluate((name) => {
      const p = (globalThis as unknown as { __preview: { value: (s: string, r: number, c: number) => unknown } }).__preview;
      const out: [number, unknown, unknown][] = [];
      for (let r = 0; r < 1500; r++) {
        const a = p.value(name, r, 0);
        if (a === "System: against doing nothing") out.push([r, a, p.value(name, r, 4)]);
      }
      return out;
    }, written);
    expect(cells.map(([, , npv]) => Math.round((npv as number) * 100))).toEqual(json.options.map((o) => Math.round(o.npv.find((p) => p.name === "System")!.npv * 100)));
    // Look at it: the section's first option block, and its chart, as the preview shows the sheet.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.locator(`td[data-cell="A${cells[0][0] - 40}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "options-sheet.png") });
    await page.locator('figure[data-chart]:has-text("cumulative position for the system")').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "options-sheet-chart.png") });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.click("#tab-compare");
  });

  it("a contract no fixed step carries is named beside the contracts field", async () => {
    await openInputs(page, true);
    await page.fill("#in-contracts", "'Plan 2026-27'!A18:C19");
    await page.evaluate(() => {
      const wb = (globalThis as unknown as { __preview: { wb: { hf: { setCellContents: (a: unknown, v: unknown) => void; getSheetId: (n: string) => number } } } }).__preview.wb;
      wb.hf.setCellContents({ sheet: wb.hf.getSheetId("Plan 2026-27"), row: 18, col: 0 }, [["PCN", "Elective", 10]]);
    });
    await page.click("#compare");
    await expect.poll(() => page.textContent("body")).toContain("contracts, row 1: PCN has no step paid by a fixed payment today at elective");
  });
});
