/**
 * Write at any size (issue 37): a 2,000-step pathway as a range is written to a new sheet in requests Excel on
 * the web accepts (each under 5 MB, as the fake of Excel measures them; it refuses a larger one as Excel does),
 * and the written figures are still the engine's.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { readRange, writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook, REQUEST_LIMIT_BYTES } from "../../src/preview/fake-excel";
import { writtenCell } from "./written";

const SETTINGS = ["hospital", "community", "primary", "other"];
const N = 2_000; // 8 MB in one request before the fix: over the limit, as 5,000 steps (20 MB) are
const rows: unknown[][] = [
  ["Step", "Setting", "Organisation", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"],
  ...Array.from({ length: N }, (_, i) => [`Step ${i + 1}`, SETTINGS[i % 4], `Provider ${i % 7}`, 100 + (i % 50), 90 + (i % 40), 1 + (i % 3) / 10, 0.5 + (i % 5) / 10]),
];

describe("writing a large comparison", () => {
  it("writes 2,000 steps in requests under Excel on the web's 5 MB, its figures the engine's", async () => {
    const wb = newFakeWorkbook(createWorkbookEngine({ Steps: rows }));
    installFakeExcel(wb);
    const data = await readRange(`Steps!A1:G${N + 1}`);
    const t = readPathwayTable(data.values, data.address);
    expect(t.problems).toEqual([]);
    const inputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: 100 };
    const c = comparePaymentModels(inputs);
    const plan = buildPlan({
      columns: t.columns,
      rows: t.rows,
      stepRows: t.stepRows,
      tableAddress: data.address,
      cohortSource: null,
      inputs,
      comparison: c,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
    });
    expect(plan.cells.length).toBeGreaterThan(16_000);
    const { name } = await writeComparisonSheet(plan);
    const largest = Math.max(...wb.requests.map((r) => r.bytes));
    expect(largest).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    const at = writtenCell(wb, name);
    const capitation = c.models.find((m) => m.id === "capitation")!;
    expect(at(plan.organisationFigures.capitation.commissioner.base)).toBeCloseTo(capitation.states.base.commissioner, 2);
  });
});
