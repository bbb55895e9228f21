/**
 * The written sheet's first screen (issue 37, "the answer first"): the title names the pathway and the day; the
 * first 30 rows hold the answer, the headline against today's contracts and the key assumptions (live, recomputed
 * in HyperFormula); every money cell is in the unit chosen (£000 from the pane by default), and no header label
 * is wider than its column: a label longer than one line wraps, its row as high as it needs.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { answerSentence } from "../../src/engine/decision/answer";
import { moneyFormat } from "../../src/engine/comparison/money";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { parseAddress } from "../../src/engine/rules/address";
import { buildPlan } from "../../src/excel/plan";
import { COLUMN_WIDTHS, headerLinesFor } from "../../src/excel/sheet/page";
import { readRange, writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook } from "../../src/preview/fake-excel";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";

async function written() {
  const wb = newFakeWorkbook(createWorkbookEngine({ Integrated: [["Integrated care"], [], [...INTEGRATED_HEADERS], ...INTEGRATED_STEPS.map((s) => [...s])] }));
  installFakeExcel(wb);
  const data = await readRange("Integrated!A3:H11");
  const t = readPathwayTable(data.values, data.address);
  const inputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT };
  const comparison = comparePaymentModels(inputs);
  const plan = buildPlan({
    columns: t.columns,
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: data.address,
    cohortSource: null,
    inputs,
    comparison,
    writtenOn: new Date(Date.UTC(2026, 11, 7)),
    unit: "£k",
  });
  const { name } = await writeComparisonSheet(plan);
  const text = (a: string) => {
    const p = parseAddress(a)!;
    return wb.hf.getCellValue({ sheet: wb.hf.getSheetId(name) as number, row: p.row, col: p.col });
  };
  return { plan, comparison, inputs, text, wb, name };
}

const rowOf = (a: string) => (parseAddress(a)?.row ?? -1) + 1;

describe("the written sheet's first screen", () => {
  it("the title, the answer, the headline against today and the key assumptions in the first 30 rows", async () => {
    const { plan, comparison, inputs, text } = await written();
    expect(text("A1")).toBe("Payment models compared: Integrated!A3:H11, 7 December 2026");
    expect(text("A4")).toBe(answerSentence(comparison));
    const at = (value: string) => plan.cells.find((c) => c.value === value)?.address ?? "";
    const headline = plan.cells.find((c) => String(c.value ?? "").startsWith("Against today's contracts"))!;
    expect(rowOf(headline.address)).toBeLessThanOrEqual(30);
    expect(rowOf(at("Key assumptions"))).toBeLessThanOrEqual(30);
    // Every figure of the headline is on the first screen, and the key assumptions read the term cells live.
    for (const cell of [...plan.againstToday.organisations.flat(), ...plan.againstToday.system]) expect(rowOf(cell)).toBeLessThanOrEqual(30);
    const k = rowOf(at("Key assumptions"));
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    expect(text(`A${k + 1}`)).toBe(
      `Cohort ${INTEGRATED_COHORT.toLocaleString("en-GB")} patients. Care moving out of hospital: ${pct(inputs.shiftShare)} of hospital activity avoided, ${pct(inputs.shiftCommunityUplift)} more community activity.`,
    );
    expect(text(`A${k + 2}`)).toBe(
      `Today's contracts: each step paid as the table says, else as the 2025/26 NHS Payment Scheme's default; worth £${Math.round(comparison.activityValue).toLocaleString("en-GB")} a year at tariff (no contracts table: today valued at tariff).`,
    );
    expect(String(text(`A${k + 3}`))).toMatch(/^Money in thousands of pounds \(£000\), losses in brackets/);
  });

  it("every money cell in the unit chosen, losses in brackets", async () => {
    const { plan } = await written();
    const money = plan.cells.filter((c) => c.format?.includes("£"));
    expect(money.length).toBeGreaterThan(100);
    expect(new Set(money.map((c) => c.format))).toEqual(new Set([moneyFormat("£k")]));
  });

  it("no header label wider than its column: a long one wraps, its row as high as it needs", async () => {
    const { plan, wb, name } = await written();
    const lines = new Map(plan.headerLines.map((h) => [rowOf(h.range.split(":")[0]), h.lines]));
    const headerRows = [...plan.headerRanges, ...plan.tables.map((t) => t.range)].map((r) => rowOf(r.split(":")[0]));
    const cut: string[] = [];
    for (const c of plan.cells) {
      const p = parseAddress(c.address)!;
      if (!headerRows.includes(p.row + 1) || typeof c.value !== "string") continue;
      const need = headerLinesFor(c.value, COLUMN_WIDTHS[p.col] ?? 8.43);
      if (need > (lines.get(p.row + 1) ?? 1)) cut.push(`${c.address} '${c.value}' needs ${need} lines`);
    }
    expect(cut).toEqual([]);
    // "Commissioner pays after shift" (the summary's last header) takes two lines; the fake of Excel holds its row wrapped and 30 points high.
    expect(plan.headerLines.length).toBeGreaterThan(0);
    const h = plan.headerLines[0];
    const fmt = [...wb.formats.entries()].find(([key]) => key.includes(name) && key.endsWith(`!${h.range}`))?.[1];
    expect(fmt).toMatchObject({ wrap: true, rowHeight: 15 * h.lines });
  });

  it("a check cell shows £0 when it holds, never a red (£0) from a rounding residue", async () => {
    const { plan, text } = await written();
    const label = plan.cells.find((c) => String(c.value ?? "").startsWith("Check: activity value of steps in no organisation"))!;
    const check = plan.cells.find((c) => c.address === `B${rowOf(label.address)}`)!;
    // Rounded to the penny (Excel, unlike HyperFormula, does not zero a sum's residue of −0.0000001 itself).
    expect(check.formula).toMatch(/^=ROUND\(PAY\.PATHWAY_COST\(.*,2\)\+0$/);
    const v = text(`B${rowOf(label.address)}`);
    expect(Object.is(v, 0), `check cell holds ${String(v)}`).toBe(true);
  });
});
