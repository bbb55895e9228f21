/**
 * The preview's workbook computes as `pay` does (issue 33): the same engine, so Excel's values where
 * HyperFormula's own differ — INT, EDATE, TEXT, accents, lookups in arrays, 15-digit comparisons.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview } from "./host";

let ctx: BrowserContext;
let page: Page;
let host: { url: string; close: () => Promise<void> };
const errors: string[] = [];

beforeAll(async () => {
  ({ ctx, page, host } = await openPreview(errors));
});

afterAll(async () => {
  await ctx?.close();
  await host?.close();
});

const CASES: [string, unknown][] = [
  ["=INT(-2.5)", -3],
  ["=EDATE(DATE(2024,1,31),1)", 45351],
  ['=TEXT(1234.5,"#,##0")', "1,235"],
  ['=TEXT(DATE(2024,3,15),"dd mmm yyyy")', "15 Mar 2024"],
  ['="é"="e"', false],
  // FALSE() as the add-in writes it: the preview reads a formula as HyperFormula does (pay reads a bare FALSE too).
  ['=VLOOKUP(2,{1,"a";2,"b"},2,FALSE())', "b"],
  ["=0.1+0.2=0.3", true],
  ['=AVERAGEIFS({1;2;3;4},{1;2;3;4},">1")', 3],
];

describe("the preview computes as pay does", () => {
  it("gives Excel's values for the formulas HyperFormula alone gets wrong", async () => {
    const got = await page.evaluate((formulas) => {
      const p = (
        globalThis as unknown as {
          __preview: {
            wb: { hf: { addSheet(n: string): string; getSheetId(n: string): number; setSheetContent(id: number, v: unknown[][]): void } };
            value(s: string, r: number, c: number): unknown;
          };
        }
      ).__preview;
      p.wb.hf.addSheet("Values");
      p.wb.hf.setSheetContent(
        p.wb.hf.getSheetId("Values"),
        formulas.map((f) => [f]),
      );
      return formulas.map((_, r) => p.value("Values", r, 0));
    }, CASES.map(([f]) => f));
    CASES.forEach(([formula, want], i) => expect(got[i], formula).toEqual(want));
    expect(errors).toEqual([]);
  });
});
