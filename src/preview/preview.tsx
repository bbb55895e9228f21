/**
 * The preview host: the real panel beside an in-browser workbook, through a fake of the Excel API calls
 * src/excel makes (fake-excel.ts) over HyperFormula with the PAY functions. Runs anywhere without Excel
 * (`npm start` on Linux prints its address) and is the bed of the end-to-end tests. Development builds only.
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { DetailedCellError } from "hyperformula";
import { createWorkbookEngine } from "../headless/pay-plugin";
import { App } from "../taskpane/App";
import { COHORT, CORRIDOR, INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, INTEGRATED_TIERS, MFF, PATHWAY_STEPS } from "../../examples/data";
import { areaAddress, installFakeExcel, newFakeWorkbook, type FakeWorkbook } from "./fake-excel";

function exampleWorkbook(): FakeWorkbook {
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
  const hf = createWorkbookEngine({ Pathway: pathway, Integrated: integrated, Corridor: corridor });
  hf.addNamedExpression("Cohort", "=Pathway!$B$13");
  return newFakeWorkbook(hf);
}

const wb = exampleWorkbook();
(globalThis as unknown as { __preview: unknown }).__preview = {
  wb,
  value(sheet: string, row: number, col: number) {
    const v = wb.hf.getCellValue({ sheet: wb.hf.getSheetId(sheet) as number, row, col });
    return v instanceof DetailedCellError ? v.value : v;
  },
  formula(sheet: string, row: number, col: number) {
    return wb.hf.getCellFormula({ sheet: wb.hf.getSheetId(sheet) as number, row, col });
  },
  sheets: () => wb.hf.getSheetNames(),
  charts: () => wb.charts,
  failNextWrite() {
    wb.failNextChart = true;
  },
};

const letters = (c: number) => String.fromCharCode(65 + c);

function Grid(): React.JSX.Element {
  const [, force] = useState(0);
  useEffect(() => {
    wb.onChange = () => force((n) => n + 1);
  }, []);
  const sheet = wb.activeSheet;
  const dims = wb.hf.getSheetDimensions(sheet);
  const rows = Math.max(dims.height + 3, 20);
  const cols = Math.max(dims.width + 1, 8);
  const [anchor, setAnchor] = useState<{ r: number; c: number } | null>(null);
  const sel = wb.selection;
  const pick = (r: number, c: number, extend: boolean) => {
    const a = extend && anchor ? anchor : { r, c };
    if (!extend) setAnchor({ r, c });
    wb.selection = { sheet, r0: Math.min(a.r, r), c0: Math.min(a.c, c), r1: Math.max(a.r, r), c1: Math.max(a.c, c) };
    force((n) => n + 1);
  };
  const show = (v: unknown) => (v instanceof DetailedCellError ? v.value : typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? ""));
  return (
    <div style={{ flex: 1, overflow: "auto", fontFamily: "Segoe UI, sans-serif", fontSize: 12 }}>
      <div role="tablist" style={{ display: "flex", gap: 4, padding: 4, background: "#f3f3f3" }}>
        {wb.hf.getSheetNames().map((n) => (
          <button key={n} role="tab" aria-selected={wb.hf.getSheetId(n) === sheet} data-sheet={n} onClick={() => ((wb.activeSheet = wb.hf.getSheetId(n) as number), force((x) => x + 1))} style={{ fontWeight: wb.hf.getSheetId(n) === sheet ? 700 : 400 }}>
            {n}
          </button>
        ))}
        <span id="selection" style={{ marginLeft: "auto" }}>
          {areaAddress(wb, wb.selection)}
        </span>
      </div>
      <table style={{ borderCollapse: "collapse" }}>
        <thead>
          <tr>
            <th />
            {Array.from({ length: cols }, (_, c) => (
              <th key={c} style={{ background: "#f3f3f3", border: "1px solid #ddd", minWidth: 70 }}>
                {letters(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              <th style={{ background: "#f3f3f3", border: "1px solid #ddd" }}>{r + 1}</th>
              {Array.from({ length: cols }, (_, c) => {
                const inSel = sel.sheet === sheet && r >= sel.r0 && r <= sel.r1 && c >= sel.c0 && c <= sel.c1;
                return (
                  <td key={c} data-cell={`${letters(c)}${r + 1}`} onMouseDown={(e) => pick(r, c, e.shiftKey)} style={{ border: "1px solid #e0e0e0", padding: "1px 4px", background: inSel ? "#cfe3f7" : undefined, whiteSpace: "nowrap", maxWidth: 220, overflow: "hidden" }}>
                    {show(wb.hf.getCellValue({ sheet, row: r, col: c }))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview(): React.JSX.Element {
  return (
    <div style={{ display: "flex", height: "100vh" }}>
      <Grid />
      <aside id="pane" aria-label="PAY task pane" style={{ width: 320, borderLeft: "1px solid #ccc", overflowY: "auto", flex: "none" }}>
        <App />
      </aside>
    </div>
  );
}

function start(): void {
  installFakeExcel(wb);
  createRoot(document.getElementById("root") as HTMLElement).render(<Preview />);
}

// Microsoft's own office.js is loaded (from node_modules); outside Office it reports no host.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") void Office.onReady(() => start());
else start();
