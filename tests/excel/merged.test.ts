/**
 * Merged organisation cells (issue 32 A): a hand-laid pathway whose organisation is merged down the rows of its
 * steps is read for every row the merge covers — by the pane through Excel's merged areas (ExcelApi 1.13, here
 * the fake's), by pay from the sheet's <mergeCell> parts — and the written sheet's per-row formulas point at the
 * merged cell, so its figures are the engine's. A merged price, read whole by the sheet, is refused.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { mergedWithin, readRange, writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook } from "../../src/preview/fake-excel";
import { run } from "../cli/run";
import { writtenCell } from "./written";

const rows: unknown[][] = [
  ["Step", "Setting", "Organisation", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"],
  ["ED attendance", "hospital", "Northshire Hospitals NHS Trust", 250, 230, 1, 1],
  ["Frailty admission", "hospital", null, 3200, 3000, 1, 0.6],
  ["Outpatient follow-up", "hospital", null, 140, 130, 2, 0.8],
  ["Rapid response", "community", "Community trust", 120, 110, 4, 0.7],
  ["Care home review", "primary", "PCN", 60, 55, 2, 0.6],
];

describe("merged organisation cells", () => {
  it("the pane reads a merged name for every row it covers; the written sheet points at the merged cell and computes the engine's figures", async () => {
    const wb = newFakeWorkbook(createWorkbookEngine({ Steps: rows }), "1.13");
    wb.merges.set("Steps", ["C2:C4"]);
    installFakeExcel(wb);
    const data = await readRange("Steps!A1:G6");
    expect(data.merged).toEqual([{ r0: 1, c0: 2, r1: 3, c1: 2 }]);
    const t = readPathwayTable(data.values, data.address, {}, data.merged);
    expect(t.problems).toEqual([]);
    expect(t.steps.map((s) => s.organisation)).toEqual([
      "Northshire Hospitals NHS Trust",
      "Northshire Hospitals NHS Trust",
      "Northshire Hospitals NHS Trust",
      "Community trust",
      "PCN",
    ]);
    expect(t.notes).toContain("Merged cells read for every row they cover: Steps!C2:C4 as 'Northshire Hospitals NHS Trust'.");
    const inputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: 600 };
    const c = comparePaymentModels(inputs);
    expect(c.organisations).toEqual(["Northshire Hospitals NHS Trust", "Community trust", "PCN"]);
    const plan = buildPlan({
      columns: t.columns,
      rows: t.rows,
      stepRows: t.stepRows,
      tableAddress: data.address,
      cohortSource: null,
      inputs,
      comparison: c,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      mergedFrom: t.mergedFrom,
    });
    const { name } = await writeComparisonSheet(plan);
    const at = writtenCell(wb, name);
    for (const m of c.models)
      for (const st of STATE_IDS)
        c.organisations.forEach((org, o) =>
          expect(at(plan.organisationFigures[m.id].organisations[o].income[st]), `${m.id} ${st} ${org}`).toBeCloseTo(m.states[st].organisations[o].income, 4),
        );
  });

  it("on a host without ExcelApi 1.13 the merged areas are not asked for", async () => {
    const wb = newFakeWorkbook(createWorkbookEngine({ Steps: rows }), "1.9");
    wb.merges.set("Steps", ["C2:C4"]);
    installFakeExcel(wb);
    const data = await readRange("Steps!A1:G6");
    expect(data.merged).toBeUndefined();
    expect([...wb.calls]).not.toContain("Range.getMergedAreasOrNullObject");
  });

  it("merged areas are placed relative to the range read, clipped to it", () => {
    expect(mergedWithin("Steps!C2:C4,Steps!$E$7:$E$8", "Steps!B3:F7")).toEqual([
      { r0: 0, c0: 1, r1: 1, c1: 1 },
      { r0: 4, c0: 3, r1: 4, c1: 3 },
    ]);
  });

  it("pay reads the same from an openpyxl workbook, and refuses a merged price", async () => {
    const file = path.join(__dirname, "..", "cli", "fixtures", "analyst-headers.xlsx");
    const ok = await run("compare", file, "--table", "Merged!A1:H6", "--cohort", "600", "--json");
    expect(ok.code, ok.err).toBe(0);
    const j = JSON.parse(ok.out) as { organisations: string[]; lead: string; notes: string[] };
    expect(j.organisations).toEqual(["Northshire Hospitals NHS Trust", "Community trust", "PCN"]);
    expect(j.lead).toBe("Northshire Hospitals NHS Trust");
    expect(j.notes).toContain("Merged cells read for every row they cover: Merged!C2:C4 as 'Northshire Hospitals NHS Trust'.");
    const bad = await run("compare", file, "--table", "Merged!A1:H8", "--cohort", "600");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Merged!E7:E8: Unit price £: merged cells (Merged!E7:E8); unmerge them and give each row its own value");
  });
});
