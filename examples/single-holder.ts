/**
 * single-holder.xlsx: issue 36's worked example of a single holder (examples/data.ts) — an integrated care
 * provider holding a capitated budget, subcontracting the community trust at cost, whose VAT on contracted-out
 * services is lost under the holder. pay compare examples/single-holder.xlsx --table HolderPathway --cohort
 * Cohort --organisations Partners --term capitationRate=1000 --term leadProvider=ICP --term managementFee=2%
 * --term riskReserve=1.5% (tests/cli/single-holder.test.ts works its figures by hand).
 */
import ExcelJS from "exceljs";
import { HOLDER_COHORT, HOLDER_HEADERS, HOLDER_PARTNER_HEADERS, HOLDER_PARTNERS, HOLDER_STEPS } from "./data";

export function singleHolderWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Holder");
  ws.getCell("A1").value = "A single holder: a capitated budget, a partner subcontracted at cost, and VAT it cannot recover";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value =
    "Illustrative figures. Budget £1,000 a person for 10,000 people; management fee 2% and risk reserve 1.5% of the budget (typed as terms).";
  const table = (name: string, ref: string, headers: string[], rows: unknown[][]) =>
    ws.addTable({
      name,
      ref,
      headerRow: true,
      style: { theme: "TableStyleLight1", showRowStripes: false },
      columns: headers.map((h) => ({ name: h, filterButton: false })),
      rows,
    });
  table("HolderPathway", "A4", HOLDER_HEADERS, HOLDER_STEPS);
  const below = 4 + HOLDER_STEPS.length + 2;
  ws.getCell(`A${below}`).value = "Cohort (people)";
  ws.getCell(`B${below}`).value = HOLDER_COHORT;
  wb.definedNames.add(`Holder!$B$${below}`, "Cohort");
  table("Partners", `A${below + 3}`, HOLDER_PARTNER_HEADERS, HOLDER_PARTNERS);
  ws.getCell(`D${below + 5}`).numFmt = "0.0%";
  ws.getColumn(1).width = 24;
  return wb;
}
