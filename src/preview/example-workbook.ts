/* global URLSearchParams, globalThis */
/**
 * The preview's workbook: the examples' sheets (examples/data.ts, as the example .xlsx files hold them) in the fake
 * of Excel, with their tables and names, so the pane can be tried and tested without Excel.
 */
import { createWorkbookEngine } from "../headless/pay-plugin";
import {
  COHORT,
  CORRIDOR,
  INTEGRATED_COHORT,
  HOLDER_COHORT,
  HOLDER_HEADERS,
  HOLDER_PARTNER_HEADERS,
  HOLDER_PARTNERS,
  HOLDER_STEPS,
  INTEGRATED_HEADERS,
  INTEGRATED_STEPS,
  INTEGRATED_TIERS,
  MFF,
  PATHWAY_STEPS,
  OPTION_HEADERS,
  OPTIONS,
  ORGANISATION_PLANS,
  PLAN_COLUMNS,
  PLAN_STEPS,
  SCENARIO_HEADERS,
  SCENARIOS,
  SIGNED_CONTRACTS,
  TODAY_COLUMNS,
  TODAY_STEPS,
} from "../../examples/data";
import { addFakeTable, newFakeWorkbook, type FakeWorkbook } from "./fake-excel";

export function exampleWorkbook(): FakeWorkbook {
  const pathway: unknown[][] = [
    ["Hip fracture pathway (example)"],
    [],
    ["Step", "Setting", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"],
    ...PATHWAY_STEPS.map((s) => [...s]),
    [],
    [],
    ["Cohort (patients a year)", COHORT],
    ["Market forces factor", MFF],
  ];
  const corridor: unknown[][] = [["Threshold", "Commissioner share"], ...CORRIDOR.thresholds.map((t, i) => [t, CORRIDOR.shares[i]])];
  // The three-organisation pathway of examples/integrated-care.xlsx, laid out as there (table A3:H11, cohort B14).
  const integrated: unknown[][] = [
    ["Integrated hip fracture and falls pathway: three organisations"],
    [],
    [...INTEGRATED_HEADERS, null, "Year-of-care tier", "Patients", "Weight"],
    ...INTEGRATED_STEPS.map((s, i) => [...s, null, ...(INTEGRATED_TIERS[i] ?? [])]),
    [],
    [],
    ["Cohort (patients a year)", INTEGRATED_COHORT],
    ["Market forces factor", MFF],
  ];
  // The same three-organisation pathway as an Excel table, "PathwaySteps" (as in examples/integrated-care.xlsx).
  const asTable: unknown[][] = [
    ["Integrated pathway as an Excel table (PathwaySteps)"],
    [],
    [...INTEGRATED_HEADERS],
    ...INTEGRATED_STEPS.map((s) => [...s]),
    [],
    [],
    ["Cohort (patients a year)", INTEGRATED_COHORT],
  ];
  // The pathway with how each step is paid today, as the table "TodaysContracts" (examples/todays-contracts.xlsx).
  const today: unknown[][] = [
    ["Integrated pathway: how each step is paid today"],
    [],
    [...INTEGRATED_HEADERS, ...TODAY_COLUMNS],
    ...INTEGRATED_STEPS.map((s, i) => [...s, ...TODAY_STEPS[i]]),
    [],
    [],
    ["Cohort (patients a year)", INTEGRATED_COHORT],
    ["Market forces factor", MFF],
  ];
  // The pathway's 2026/27 plan and the contracts as signed (examples/plans-and-contracts-2026.xlsx): table
  // A3:J11, cohort B14, MFF B15, contracts A18:C20.
  const plan2026: unknown[][] = [
    ["Integrated pathway: the 2026/27 plan and the contracts as signed"],
    [],
    [...INTEGRATED_HEADERS, ...PLAN_COLUMNS],
    ...INTEGRATED_STEPS.map((s, i) => [...s, ...PLAN_STEPS[i]]),
    [],
    [],
    ["Cohort (patients a year)", INTEGRATED_COHORT],
    ["Market forces factor", MFF],
    [],
    [],
    ["Organisation", "Point of delivery", "Signed value £"],
    ...SIGNED_CONTRACTS.map((c) => [...c]),
  ];
  // A single holder (examples/single-holder.xlsx): table A3:G5, cohort B8, the partners A11:D13.
  const holder: unknown[][] = [
    ["A single holder: a capitated budget, a partner subcontracted at cost, VAT it cannot recover"],
    [],
    [...HOLDER_HEADERS],
    ...HOLDER_STEPS.map((s) => [...s]),
    [],
    [],
    ["Cohort (people)", HOLDER_COHORT],
    [],
    [],
    [...HOLDER_PARTNER_HEADERS],
    ...HOLDER_PARTNERS.map((p) => [...p]),
  ];
  const hf = createWorkbookEngine({
    Pathway: pathway,
    Integrated: integrated,
    Corridor: corridor,
    "Steps table": asTable,
    Today: today,
    "Plan 2026-27": plan2026,
    Holder: holder,
    // The options a board decides between on it, the organisations' plans and three scenarios (A1, A7, A13).
    Options: [
      OPTION_HEADERS,
      ...OPTIONS.map((o) => [...o]),
      [],
      [],
      ["Organisation", "Plan"],
      ...ORGANISATION_PLANS.map((o) => [...o]),
      [],
      [],
      SCENARIO_HEADERS,
      ...SCENARIOS.map((o) => [...o]),
    ],
  });
  hf.addNamedExpression("Cohort", "=Pathway!$B$13");
  // ?excelApi=1.7 makes the fake report an older host, to see the fallbacks.
  const api = new URLSearchParams(globalThis.location?.search ?? "").get("excelApi") ?? "1.9";
  const wb = newFakeWorkbook(hf, api);
  addFakeTable(wb, {
    name: "PathwaySteps",
    sheet: "Steps table",
    row: 2,
    col: 0,
    dataRows: INTEGRATED_STEPS.length,
    columns: [...INTEGRATED_HEADERS],
  });
  addFakeTable(wb, {
    name: "TodaysContracts",
    sheet: "Today",
    row: 2,
    col: 0,
    dataRows: INTEGRATED_STEPS.length,
    columns: [...INTEGRATED_HEADERS, ...TODAY_COLUMNS],
  });
  return wb;
}
