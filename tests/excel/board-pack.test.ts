/**
 * "Write to sheet" as a board pack, read back through the fake Excel (whose calls mirror Office.js): Excel's
 * cell styles, tables, frozen titles, print setup, chart axis titles and the date as a date; and every Excel
 * API member the add-in calls, with its requirement set from Microsoft's type definitions — those above the
 * manifest's ExcelApi set only behind isSetSupported, so a host with exactly that set writes the sheet too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan, excelDate } from "../../src/excel/plan";
import { chartImages, DECLARED_EXCEL_API, readRange, selectedAddress, writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { addFakeTable, installFakeExcel, newFakeWorkbook, type FakeWorkbook } from "../../src/preview/fake-excel";
import { structuredColumns } from "../../src/engine/inputs/structured";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";
import { apiSet } from "./office-types";
import { simulateRisk } from "../../src/engine/risk/simulate";
import { populationSweep } from "../../src/engine/risk/sweep";

const root = path.resolve(__dirname, "../..");
const tariff = (): unknown[][] => [["Integrated pathway"], [], [...INTEGRATED_HEADERS], ...INTEGRATED_STEPS.map((s) => [...s])];
const WRITTEN = new Date(Date.UTC(2026, 11, 1));

function workbook(apiVersion: string): FakeWorkbook {
  const wb = newFakeWorkbook(createWorkbookEngine({ Tariff: tariff() }), apiVersion);
  addFakeTable(wb, { name: "Pathway", sheet: "Tariff", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: [...INTEGRATED_HEADERS] });
  installFakeExcel(wb);
  return wb;
}

/** What the panel does: read the table by name, compare, plan (with a transition) and write. */
async function writeFromTable(
  withRisk = false,
  withYears = true,
): Promise<{ name: string; notes: string[]; plan: ReturnType<typeof buildPlan>; inputs: ComparisonInputs }> {
  const data = await readRange("Pathway");
  expect(data.table).toBe("Pathway");
  expect(data.address).toBe("Tariff!A3:H11");
  const t = readPathwayTable(data.values, data.address);
  const inputs = { ...DEFAULT_TERMS, mff: MFF, steps: t.steps, cohort: INTEGRATED_COHORT };
  const plan = buildPlan({
    columns: structuredColumns("Pathway", t.headers, t.fields),
    table: { name: "Pathway" },
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: "Pathway",
    cohortSource: null,
    inputs,
    comparison: comparePaymentModels(inputs),
    writtenOn: WRITTEN,
    ...(withYears ? { transition: { transition: transition(inputs, DEFAULT_TRANSITION), model: "capitation" } } : {}),
    ...(withRisk
      ? {
          risk: {
            result: simulateRisk(inputs, { trials: 200, seed: 1, dispersion: { kind: "poisson" } }),
            sweep: populationSweep(inputs.steps, { trials: 100, seed: 1, dispersion: { kind: "poisson" }, tolerance: 0.05, confidence: 0.9 }, 100),
          },
        }
      : {}),
  });
  const written = await writeComparisonSheet(plan);
  return { name: written.name, notes: written.notes, plan, inputs };
}

const cell = (wb: FakeWorkbook, sheet: string, a: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return wb.hf.getCellValue({ sheet: wb.hf.getSheetId(sheet)!, row: Number(m[2]) - 1, col });
};

describe("the written sheet as a board pack", () => {
  it("has Excel's cell styles, tables, frozen titles, print setup, axis titles and the date as a date", async () => {
    const wb = workbook("1.9");
    const { name, plan, notes } = await writeFromTable();
    expect(notes).toEqual([]);
    const fmt = (a: string) => wb.formats.get(`'${name}'!${a}`) ?? {};
    expect(fmt("A1").style).toBe("SheetTitle");
    // The date written: a date serial with a date format.
    expect(cell(wb, name, "B3")).toBe(excelDate(WRITTEN));
    expect(fmt("B3").numberFormat).toBe("d mmmm yyyy");
    // Inputs typed in the panel are Input cells; terms worked out from others are Calculation cells.
    const terms = plan.cells.filter((c) => /^B\d+$/.test(c.address) && c.style && c.style !== "CheckCell" && c.address !== "B3");
    expect(terms.some((c) => c.style === "Input") && terms.some((c) => c.style === "Calculation")).toBe(true);
    for (const c of plan.cells.filter((x) => x.style)) expect(fmt(c.address).style, c.address).toBe(c.style);
    // The headline against today, the matrix and the summary are Excel tables, with the filter buttons off for print.
    const made = wb.tables.filter((t) => t.def.sheet === name);
    expect(made.map((t) => t.def.name)).toEqual(["PAY_AgainstToday", "PAY_WhoGains", "PAY_Summary"]);
    expect(made.every((t) => t.showFilterButton === false && t.style === "TableStyleMedium2")).toBe(true);
    expect(made[0].def.columns.slice(0, 2)).toEqual(["Organisation", "Keep today's contracts"]);
    expect(made[2].def.columns[0]).toBe("Model");
    expect(wb.freeze.get(name)).toBe("A1:A3");
    const page = wb.pageLayout.get(name)!;
    expect(page.orientation).toBe("Landscape");
    expect(page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(page.printTitleRows).toBe("$1:$3");
    expect(page.leftFooter).toBe("PAY comparison written 1 December 2026 from &F");
    // The print area covers every cell and chart written.
    const [, last] = page.printArea!.split(":");
    const lastRow = Number(/\d+/.exec(last)![0]);
    for (const c of [...plan.cells.map((x) => x.address), ...plan.charts.map((x) => x.position[1])])
      expect(Number(/\d+/.exec(c)![0])).toBeLessThanOrEqual(lastRow);
    const charts = wb.charts.filter((c) => c.sheet === name);
    expect(charts.length).toBe(plan.charts.length);
    for (const c of charts) {
      expect(c.axes.category, c.title).not.toBe("");
      expect(c.axes.value, c.title).not.toBe("");
      expect(c.axes.valueFormat, c.title).toMatch(/£|%/);
    }
    // Every reading line is merged across A:L and wrapped, so none runs on under a chart (from column N).
    const readings = plan.cells.filter((c) => typeof c.value === "string" && / (shared|carry|carries)\b.*When care moves/.test(String(c.value)));
    expect(readings.length).toBeGreaterThan(0);
    for (const c of readings) {
      const row = /\d+/.exec(c.address)![0];
      expect(wb.merges.get(name), c.address).toContain(`A${row}:L${row}`);
      expect(fmt(`A${row}:L${row}`).wrap).toBe(true);
    }
    for (const ch of plan.charts) expect(/^[A-M]\d/.test(ch.position[0]), ch.title).toBe(false);
    // Columns as planned (Excel's points: 6 per character of the plan's widths).
    expect(wb.columnWidths.get(name)?.get(0)).toBe(plan.columnWidths[0] * 6);
  });

  it("on a host without ExcelApi 1.9 the sheet is written all the same, with a note that it prints with Excel's defaults", async () => {
    const wb = workbook("1.7");
    const { name, notes } = await writeFromTable();
    expect(wb.hf.doesSheetExist(name)).toBe(true);
    expect(wb.pageLayout.get(name)).toBeUndefined();
    expect(notes).toEqual(["this Excel has no print setup API (ExcelApi 1.9): the sheet prints with Excel's defaults"]);
  });

  it("names tables afresh when the sheet is written twice", async () => {
    const wb = workbook("1.9");
    await writeFromTable();
    const { name } = await writeFromTable();
    expect(wb.tables.filter((t) => t.def.sheet === name).map((t) => t.def.name)).toEqual(["PAY_AgainstToday_2", "PAY_WhoGains_2", "PAY_Summary_2"]);
  });

  it("follows the table: a row added to it changes the written figures to the engine's with that row", async () => {
    const wb = workbook("1.9");
    const { name, plan, inputs } = await writeFromTable();
    const at = (a: string) => cell(wb, name, a) as number;
    const payBefore = at(plan.organisationFigures.activity.commissioner.base);
    expect(payBefore).toBeCloseTo(comparePaymentModels(inputs).models[0].states.base.commissioner, 4);
    const added = ["Home visit", "community", "Community trust", 70, 66, 2, 0.5, 0.8];
    await Excel.run(async (context) => {
      const t = context.workbook.tables.getItemOrNullObject("Pathway") as unknown as { rows: { add: (i: null, v: unknown[][]) => void } };
      t.rows.add(null, [added]);
      await context.sync();
    });
    const grown = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s]), added], "Tariff!A3:H12");
    const want = comparePaymentModels({ ...inputs, steps: grown.steps });
    for (const m of want.models) {
      expect(at(plan.organisationFigures[m.id].commissioner.base), m.id).toBeCloseTo(m.states.base.commissioner, 4);
      expect(at(plan.organisationFigures[m.id].commissioner.shifted), m.id).toBeCloseTo(m.states.shifted.commissioner, 4);
    }
    expect(at(plan.organisationFigures.activity.commissioner.base)).toBeGreaterThan(payBefore);
    // The formula reads back as written, with its structured reference (as Excel shows it).
    const first = plan.cells.find((c) => c.formula?.includes("Pathway[Unit price £]"))!;
    const back = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItemOrNullObject(name).getRange(first.address).load("formulas");
      await context.sync();
      return r.formulas[0][0];
    });
    expect(back).toBe(first.formula);
  });

  it("takes the table when the selection is any one cell of it or the whole of it; a part chosen on purpose stays a range", async () => {
    const wb = workbook("1.9");
    wb.selection = { sheet: 0, r0: 6, c0: 3, r1: 6, c1: 3 };
    expect(await selectedAddress(true)).toBe("Pathway");
    expect(await selectedAddress(false)).toBe("Tariff!D7");
    wb.selection = { sheet: 0, r0: 2, c0: 0, r1: 10, c1: 7 };
    expect(await selectedAddress(true)).toBe("Pathway");
    wb.selection = { sheet: 0, r0: 2, c0: 0, r1: 6, c1: 7 };
    expect(await selectedAddress(true)).toBe("Tariff!A3:H7");
    wb.selection = { sheet: 0, r0: 0, c0: 0, r1: 0, c1: 0 };
    expect(await selectedAddress(true)).toBe("Tariff!A1");
  });

  it("reads a table whose Header Row is turned off by its columns' names", async () => {
    // The steps in Tariff!A4:H11 with no header row on the sheet: the table's columns keep their names.
    const rows = tariff();
    rows[2] = [];
    const wb = newFakeWorkbook(createWorkbookEngine({ Tariff: rows }));
    addFakeTable(
      wb,
      { name: "Pathway", sheet: "Tariff", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: [...INTEGRATED_HEADERS] },
      false,
      false,
    );
    installFakeExcel(wb);
  const data = await readRange("Pathway");
    expect(data.address).toBe("Tariff!A3:H11");
    expect(data.values[0]).toEqual(INTEGRATED_HEADERS);
    const t = readPathwayTable(data.values, data.address);
    expect(t.problems).toEqual([]);
    expect(t.steps).toHaveLength(INTEGRATED_STEPS.length);
    wb.selection = { sheet: 0, r0: 5, c0: 2, r1: 5, c1: 2 };
    expect(await selectedAddress(true)).toBe("Pathway");
  });

  it("reads a table whose name is not ASCII (Étapes)", async () => {
    const wb = newFakeWorkbook(createWorkbookEngine({ Tarif: tariff() }));
    addFakeTable(wb, { name: "Étapes", sheet: "Tarif", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: [...INTEGRATED_HEADERS] });
    installFakeExcel(wb);
    const data = await readRange("Étapes");
    expect(data.table).toBe("Étapes");
    expect(data.values).toHaveLength(1 + INTEGRATED_STEPS.length);
  });

  it("never reads a table's totals row as a step", async () => {
    // The integrated steps with Excel's Total Row under them (SUBTOTAL sums in the price and cost columns).
    const rows = tariff();
    rows.push(["Total", null, null, "=SUBTOTAL(109,D4:D11)", "=SUBTOTAL(109,E4:E11)", null, null, null]);
    const wb = newFakeWorkbook(createWorkbookEngine({ Tariff: rows }));
    addFakeTable(wb, { name: "Pathway", sheet: "Tariff", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: [...INTEGRATED_HEADERS] }, true);
    installFakeExcel(wb);
  const data = await readRange("Pathway");
    expect(data.address).toBe("Tariff!A3:H11");
    expect(data.values).toHaveLength(1 + INTEGRATED_STEPS.length);
    // Chosen by address, with or without its Total Row, it is the table too (its header and data rows).
    for (const address of ["Tariff!A3:H12", "Tariff!A3:H11"]) {
      const byAddress = await readRange(address, true);
      expect(byAddress.table, address).toBe("Pathway");
      expect(byAddress.values, address).toHaveLength(1 + INTEGRATED_STEPS.length);
    }
    // Without asking for tables (the cohort, a term) an address is just that range.
    expect((await readRange("Tariff!A3:H12")).table).toBeUndefined();
    const t = readPathwayTable(data.values, data.address);
    expect(t.problems).toEqual([]);
    expect(t.steps.map((x) => x.name)).toEqual(INTEGRATED_STEPS.map((x) => x[0]));
    // Through the whole range (Table.getRange) the total would have been a ninth "step" of £10,300 a patient.
    const whole = await Excel.run(async (context) => {
      const r = (
        context.workbook.tables.getItemOrNullObject("Pathway") as unknown as { getRange: () => { load: (p: string) => { values: unknown[][] } } }
      )
        .getRange()
        .load("values");
      await context.sync();
      return r.values;
    });
    expect(whole).toHaveLength(2 + INTEGRATED_STEPS.length);
  });
});

/** Every API member the add-in used, and its requirement set in Microsoft's type definitions. */
/**
 * Every Excel API member a write calls on a host of `apiVersion` (a read, a write with risk and charts, the chart
 * images, and a failed write, which deletes its sheet again), with its requirement set. Worked out once per
 * version: the tests below share it.
 */
const calls = new Map<string, Promise<Map<string, string>>>();
function callsAt(apiVersion: string): Promise<Map<string, string>> {
  if (!calls.has(apiVersion)) calls.set(apiVersion, callsMadeAt(apiVersion));
  return calls.get(apiVersion) as Promise<Map<string, string>>;
}

async function callsMadeAt(apiVersion: string): Promise<Map<string, string>> {
  const wb = workbook(apiVersion);
  wb.selection = { sheet: 0, r0: 4, c0: 0, r1: 4, c1: 0 };
  await selectedAddress(true);
  await readRange("Tariff!A3:H11", true);
  const { name } = await writeFromTable(true);
  const images = await chartImages(name);
  expect(images.length).toBeGreaterThan(2);
  expect(images[0].png).toMatch(/^[A-Za-z0-9+/]+=*$/); // base64, as Chart.getImage gives it
  wb.failNextChart = true; // a failed write deletes its sheet again (without the years: the same calls, a smaller sheet)
  await expect(writeFromTable(false, false)).rejects.toThrow("simulated failure");
  const sets = new Map<string, string>();
  for (const call of [...wb.calls].filter((c) => !c.endsWith(".load")).sort()) {
    const [cls, member] = call.split(".");
    const set = cls === "Range" && ["address", "values", "formulas"].includes(member) ? apiSet("Range", member) : apiSet(cls, member);
    sets.set(call, set ?? "not found");
  }
  return sets;
}

const version = (set: string) => Number(set.replace("ExcelApi 1.", ""));

describe("requirement sets", () => {
  it("every call is a real API member, and some need a newer set than the manifest's", async () => {
    const declared = version(`ExcelApi ${DECLARED_EXCEL_API}`);
    const full = await callsAt("1.9");
    for (const [call, set] of full) expect(set, call).toMatch(/^ExcelApi 1\.\d+$/);
    const above = [...full].filter(([, set]) => version(set) > declared).map(([c]) => c);
    expect(above.length).toBeGreaterThan(0); // the print setup and the axis format need newer sets
  });

  it("on a host with exactly the manifest's set, no call above it is made", async () => {
    const declared = version(`ExcelApi ${DECLARED_EXCEL_API}`);
    const minimal = await callsAt(DECLARED_EXCEL_API);
    for (const [call, set] of minimal)
      expect(version(set), `${call} (${set}) on an ExcelApi ${DECLARED_EXCEL_API} host`).toBeLessThanOrEqual(declared);
  });

  it("the manifest and the documents (docs/deploy.md) state the same sets as the code", async () => {
    const manifest = readFileSync(path.join(root, "manifest.xml"), "utf8");
    expect(manifest).toContain(`<Set Name="ExcelApi" MinVersion="${DECLARED_EXCEL_API}" />`);
    const cf = /<Set Name="CustomFunctionsRuntime" MinVersion="1\.(\d+)" \/>/.exec(manifest);
    expect(Number(cf?.[1])).toBeGreaterThanOrEqual(2); // CustomFunctions.Error needs CustomFunctionsRuntime 1.2
    const readme = readFileSync(path.join(root, "docs", "deploy.md"), "utf8");
    const table = /<!-- excel-api-calls -->([\s\S]*?)<!-- \/excel-api-calls -->/.exec(readme)?.[1] ?? "";
    const full = await callsAt("1.9");
    const rows = [...table.matchAll(/^\| `([A-Za-z.]+)` \| ExcelApi (1\.\d+) \|/gm)].map((m) => [m[1], `ExcelApi ${m[2]}`]);
    const lines = table.split("\n").filter((l) => l.trim() !== "");
    expect(lines.slice(2), "every line of the table is a member and its set").toHaveLength(rows.length);
    if (process.env.PRINT_API_TABLE) console.log([...full].map(([c, s]) => `| \`${c}\` | ${s} |`).join("\n"));
    expect(rows).toEqual([...full]);
  });
});
