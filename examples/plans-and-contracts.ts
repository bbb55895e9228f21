/**
 * plans-and-contracts-2026.xlsx: the integrated pathway (examples/data.ts) as a 2026/27 board would plan it —
 * each step's point of delivery and, for urgent care, the activity planned for the year — and the contracts as
 * signed, to compare under the NHS Payment Scheme 2026/27 (pay compare --preset nhsps-2026 --contracts
 * Contracts), and on a second sheet the options a board decides between with each organisation's plan. Illustrative figures in the shape of the 2026/27 rules (docs/nhs-payment-rules.md: NHS England and
 * DHSC, Medium term planning framework 2026/27 to 2028/29, §1.1); tests/cli/plans-and-contracts.test.ts works
 * its figures by hand.
 */
import ExcelJS from "exceljs";
import {
  INTEGRATED_COHORT,
  INTEGRATED_HEADERS,
  INTEGRATED_STEPS,
  MFF,
  OPTION_HEADERS,
  OPTIONS,
  ORGANISATION_PLANS,
  SCENARIO_HEADERS,
  SCENARIOS,
  PLAN_COLUMNS,
  PLAN_STEPS,
  SIGNED_CONTRACTS,
} from "./data";

export function plansAndContractsWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan 2026-27");
  ws.getCell("A1").value = "Integrated pathway: the 2026/27 plan and the contracts as signed";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value =
    "Illustrative figures. Planned activity: the year's plan (blank: today's activity). Contracts: the value signed for each organisation's fixed steps at a point of delivery (all: every other fixed step).";
  const headers = [...INTEGRATED_HEADERS, ...PLAN_COLUMNS];
  const rows = INTEGRATED_STEPS.map((s, i) => [...s, ...PLAN_STEPS[i]]);
  ws.addTable({
    name: "Pathway2026",
    ref: "A4",
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: headers.map((name) => ({ name, filterButton: false })),
    rows,
  });
  const below = 4 + rows.length + 2;
  ws.getCell(`A${below}`).value = "Cohort (patients a year)";
  ws.getCell(`B${below}`).value = INTEGRATED_COHORT;
  ws.getCell(`A${below + 1}`).value = "Market forces factor";
  ws.getCell(`B${below + 1}`).value = MFF;
  wb.definedNames.add(`'Plan 2026-27'!$B$${below}`, "Cohort");
  wb.definedNames.add(`'Plan 2026-27'!$B$${below + 1}`, "MFF");
  ws.addTable({
    name: "Contracts",
    ref: `A${below + 4}`,
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: ["Organisation", "Point of delivery", "Signed value £"].map((name) => ({ name, filterButton: false })),
    rows: SIGNED_CONTRACTS,
  });
  // The options a board decides between, each organisation's plan and three scenarios (pay compare --options
  // Options --organisations Organisations --scenarios Scenarios --years 3).
  const options = wb.addWorksheet("Options");
  options.addTable({
    name: "Options",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: OPTION_HEADERS.map((name) => ({ name, filterButton: false })),
    rows: OPTIONS,
  });
  options.addTable({
    name: "Organisations",
    ref: `A${OPTIONS.length + 4}`,
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: ["Organisation", "Plan"].map((name) => ({ name, filterButton: false })),
    rows: ORGANISATION_PLANS,
  });
  options.addTable({
    name: "Scenarios",
    ref: `A${OPTIONS.length + ORGANISATION_PLANS.length + 7}`,
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: SCENARIO_HEADERS.map((name) => ({ name, filterButton: false })),
    rows: SCENARIOS,
  });
  ws.getColumn(1).width = 26;
  return wb;
}
