/**
 * The preview host: the real panel beside an in-browser workbook, through a fake of the Excel API calls
 * src/excel makes (fake-excel/) over HyperFormula with the PAY functions. Runs anywhere without Excel
 * (`npm start` on Linux prints its address) and is the bed of the end-to-end tests. Development builds only.
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { DetailedCellError } from "hyperformula";
import { App } from "../taskpane/App";
import type { OfficeThemeLike } from "../taskpane/theme";
import { areaAddress, installFakeExcel, parseLocal, type CellFormat } from "./fake-excel";
import { formatNumber } from "./number-format";
import { exampleWorkbook } from "./example-workbook";
import { columnLetters } from "../engine/rules/address";

const wb = exampleWorkbook();
(globalThis as unknown as { __preview: unknown }).__preview = {
  wb,
  value(sheet: string, row: number, col: number) {
    const v = wb.hf.getCellValue({ sheet: wb.hf.getSheetId(sheet) as number, row, col });
    return v instanceof DetailedCellError ? v.value : v;
  },
  /** A cell's formula as Excel shows it (structured references as written). */
  formula(sheet: string, row: number, col: number) {
    const id = wb.hf.getSheetId(sheet) as number;
    return wb.structured.get(`${id}!${row}!${col}`) ?? wb.hf.getCellFormula({ sheet: id, row, col });
  },
  sheets: () => wb.hf.getSheetNames(),
  charts: () => wb.charts,
  failNextWrite() {
    wb.failNextChart = true;
  },
  tables: () => wb.tables.map((t) => ({ ...t.def, style: t.style, showFilterButton: t.showFilterButton })),
  format: (address: string) => wb.formats.get(address),
  freeze: (sheet: string) => wb.freeze.get(sheet),
  pageLayout: (sheet: string) => wb.pageLayout.get(sheet),
  columnWidth: (sheet: string, col: number) => wb.columnWidths.get(sheet)?.get(col),
  /** A row added at the foot of a table, through the fake's Office.js (TableRowCollection.add), as a user would. */
  async addTableRow(name: string, values: unknown[]) {
    await Excel.run(async (context) => {
      (context.workbook.tables.getItemOrNullObject(name) as unknown as { rows: { add: (i: null, v: unknown[][]) => void } }).rows.add(null, [values]);
      await context.sync();
    });
  },
};

const letters = (c: number): string => columnLetters(c);

/**
 * The look of Excel's built-in cell styles and table style the add-in uses (Office theme colours), so the
 * preview shows the written sheet as Excel would. Preview only.
 */
const STYLE_LOOK: Record<string, React.CSSProperties> = {
  SheetTitle: { fontSize: 18, color: "#44546A", fontWeight: 600 },
  Heading2: { fontWeight: 700, color: "#44546A", borderBottom: "2px solid #A2B8E1" },
  Input: { background: "#FFCC99", color: "#3F3F76", outline: "1px solid #7F7F7F", outlineOffset: -1 },
  Calculation: { background: "#F2F2F2", color: "#FA7D00", fontWeight: 700, outline: "1px solid #7F7F7F", outlineOffset: -1 },
  CheckCell: { background: "#A5A5A5", color: "#FFFFFF", fontWeight: 700, outline: "3px double #3F3F3F", outlineOffset: -3 },
  ExplanatoryText: { color: "#7F7F7F", fontStyle: "italic" },
};
const ROW_HEIGHT = 20;
const ROW_HEAD = 36;
const DEFAULT_WIDTH = 64; // Excel's default column: 8.43 characters, 64 pixels
const px = (points: number) => Math.round((points * 4) / 3);

type Look = CellFormat & { table?: "header" | "band" | "row" };

/** Each cell's look on a sheet, from the formats written to it and the tables on it. */
function looks(sheet: number): Map<string, Look> {
  const out = new Map<string, Look>();
  const name = wb.hf.getSheetName(sheet) as string;
  const merge = (r: number, c: number, l: Look) => out.set(`${r},${c}`, { ...out.get(`${r},${c}`), ...l });
  for (const t of wb.tables.filter((x) => x.def.sheet === name)) {
    const d = t.def;
    for (let r = 0; r <= d.dataRows; r++)
      for (let c = 0; c < d.columns.length; c++) merge(d.row + r, d.col + c, { table: r === 0 ? "header" : r % 2 === 1 ? "band" : "row" });
  }
  for (const [address, f] of wb.formats) {
    const bang = address.lastIndexOf("!");
    if (
      address
        .slice(0, bang)
        .replace(/^'(.*)'$/, "$1")
        .replace(/''/g, "'") !== name
    )
      continue;
    const a = parseLocal(sheet, address.slice(bang + 1));
    for (let r = a.r0; r <= Math.min(a.r1, a.r0 + 400); r++) for (let c = a.c0; c <= a.c1; c++) merge(r, c, f);
  }
  return out;
}

function cellStyle(l: Look | undefined): React.CSSProperties {
  if (!l) return {};
  const table: React.CSSProperties =
    l.table === "header" ? { background: "#4472C4", color: "#FFFFFF", fontWeight: 700 } : l.table === "band" ? { background: "#D9E1F2" } : {};
  return {
    ...table,
    ...(l.fill && !l.table ? { background: l.fill } : {}),
    ...(l.style ? STYLE_LOOK[l.style] : {}),
    ...(l.bold ? { fontWeight: 700 } : {}),
    ...(l.fontColor ? { color: l.fontColor } : {}),
  };
}

/** The workbook's sheets, one tab each, and the selection's address. */
function SheetTabs({ sheet, onPick }: { sheet: number; onPick: () => void }): React.JSX.Element {
  return (
    <div role="tablist" style={{ display: "flex", gap: 4, padding: 4, background: "#f3f3f3" }}>
      {wb.hf.getSheetNames().map((n) => (
        <button
          key={n}
          role="tab"
          aria-selected={wb.hf.getSheetId(n) === sheet}
          data-sheet={n}
          onClick={() => ((wb.activeSheet = wb.hf.getSheetId(n) as number), onPick())}
          style={{ fontWeight: wb.hf.getSheetId(n) === sheet ? 700 : 400 }}
        >
          {n}
        </button>
      ))}
      <span id="selection" style={{ marginLeft: "auto" }}>
        {areaAddress(wb, wb.selection)}
      </span>
    </div>
  );
}

/** Where a native chart sits, with its title and axis titles: Excel draws the chart itself. */
function ChartFrame({
  chart,
  box,
}: {
  chart: (typeof wb.charts)[number];
  box: { left: number; top: number; width: number; height: number };
}): React.JSX.Element {
  return (
    <figure
      data-chart={chart.type}
      aria-label={`Chart: ${chart.title}`}
      style={{
        position: "absolute",
        margin: 0,
        ...box,
        zIndex: 2,
        background: "#ffffff",
        border: "1px solid #bfbfbf",
        boxShadow: "0 1px 3px rgba(0,0,0,.2)",
        display: "grid",
        gridTemplateRows: "auto 1fr auto",
        padding: 8,
        boxSizing: "border-box",
        color: "#595959",
      }}
    >
      <figcaption style={{ fontSize: 13, textAlign: "center", color: "#404040" }}>{chart.title}</figcaption>
      <div style={{ display: "flex", alignItems: "center", gap: 6, minHeight: 0 }}>
        <span style={{ writingMode: "vertical-rl", transform: "rotate(180deg)", fontSize: 11 }}>{chart.axes.value}</span>
        <div
          style={{
            flex: 1,
            alignSelf: "stretch",
            borderLeft: "1px solid #d9d9d9",
            borderBottom: "1px solid #d9d9d9",
            display: "grid",
            placeItems: "center",
            fontSize: 11,
          }}
        >
          {chart.type} chart · {chart.series.length} series{chart.axes.valueFormat ? ` · axis ${chart.axes.valueFormat}` : ""}
        </div>
      </div>
      <span style={{ textAlign: "center", fontSize: 11 }}>{chart.axes.category}</span>
    </figure>
  );
}

function Grid(): React.JSX.Element {
  const [, force] = useState(0);
  useEffect(() => {
    wb.onChange = () => force((n) => n + 1);
  }, []);
  const sheet = wb.activeSheet;
  const sheetName = wb.hf.getSheetName(sheet) as string;
  const dims = wb.hf.getSheetDimensions(sheet);
  const charts = wb.charts.filter((c) => c.sheet === sheetName && c.position);
  const chartEdge = charts.map((c) => parseLocal(sheet, `${c.position?.[0]}:${c.position?.[1]}`));
  const rows = Math.max(dims.height + 3, 20, ...chartEdge.map((a) => a.r1 + 2));
  const cols = Math.max(dims.width + 1, 8, ...chartEdge.map((a) => a.c1 + 2));
  const widths = Array.from({ length: cols }, (_, c) => {
    const w = wb.columnWidths.get(sheetName)?.get(c);
    return w === undefined ? DEFAULT_WIDTH : px(w);
  });
  const left = (c: number) => ROW_HEAD + widths.slice(0, c).reduce((a, b) => a + b, 0);
  const look = looks(sheet);
  // Row heights set by the add-in (wrapped notes), and merged areas: drawn as one cell, as in Excel.
  const heights = Array.from({ length: rows }, (_, r) => {
    const h = look.get(`${r},0`)?.rowHeight;
    return h === undefined ? ROW_HEIGHT : px(h);
  });
  const top = (r: number) => ROW_HEIGHT + heights.slice(0, r).reduce((a, b) => a + b, 0);
  const spans = new Map<string, number>();
  const covered = new Set<string>();
  for (const m of wb.merges.get(sheetName) ?? []) {
    const a = parseLocal(sheet, m);
    spans.set(`${a.r0},${a.c0}`, a.c1 - a.c0 + 1);
    for (let c = a.c0 + 1; c <= a.c1; c++) covered.add(`${a.r0},${c}`);
  }
  const [anchor, setAnchor] = useState<{ r: number; c: number } | null>(null);
  const sel = wb.selection;
  const pick = (r: number, c: number, extend: boolean) => {
    const a = extend && anchor ? anchor : { r, c };
    if (!extend) setAnchor({ r, c });
    wb.selection = { sheet, r0: Math.min(a.r, r), c0: Math.min(a.c, c), r1: Math.max(a.r, r), c1: Math.max(a.c, c) };
    force((n) => n + 1);
  };
  const show = (v: unknown, l: Look | undefined): { text: string; red: boolean; number: boolean } => {
    if (v instanceof DetailedCellError) return { text: v.value, red: false, number: false };
    if (typeof v === "number") return { ...formatNumber(v, l?.numberFormat), number: true };
    return { text: String(v ?? ""), red: false, number: false };
  };
  return (
    <div style={{ flex: 1, overflow: "auto", fontFamily: "Aptos, Calibri, 'Segoe UI', sans-serif", fontSize: 12 }}>
      <SheetTabs sheet={sheet} onPick={() => force((x) => x + 1)} />
      <div style={{ position: "relative", width: "max-content" }}>
        <table style={{ borderCollapse: "collapse", tableLayout: "fixed", width: left(cols) }}>
          <colgroup>
            <col style={{ width: ROW_HEAD }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr style={{ height: ROW_HEIGHT }}>
              <th />
              {widths.map((_, c) => (
                <th key={c} style={{ background: "#f3f3f3", border: "1px solid #ddd", fontWeight: 400 }}>
                  {letters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r} style={{ height: heights[r] }}>
                <th style={{ background: "#f3f3f3", border: "1px solid #ddd", fontWeight: 400 }}>{r + 1}</th>
                {widths.map((_, c) => {
                  if (covered.has(`${r},${c}`)) return null;
                  const colSpan = spans.get(`${r},${c}`);
                  const inSel = sel.sheet === sheet && r >= sel.r0 && r <= sel.r1 && c >= sel.c0 && c <= sel.c1;
                  const l = look.get(`${r},${c}`);
                  const v = show(wb.hf.getCellValue({ sheet, row: r, col: c }), l);
                  // Text runs on over empty cells to its right, as in Excel.
                  const next = wb.hf.getCellValue({ sheet, row: r, col: c + 1 });
                  const spill = !colSpan && !l?.wrap && !v.number && v.text !== "" && (next === null || next === "");
                  return (
                    <td
                      key={c}
                      colSpan={colSpan}
                      data-cell={`${letters(c)}${r + 1}`}
                      data-format={l?.numberFormat}
                      data-style={l?.style}
                      onMouseDown={(e) => pick(r, c, e.shiftKey)}
                      style={{
                        // Longhand, so a cell style's own bottom border (Heading 2) never mixes with a shorthand.
                        borderTop: "1px solid #e0e0e0",
                        borderRight: "1px solid #e0e0e0",
                        borderBottom: "1px solid #e0e0e0",
                        borderLeft: "1px solid #e0e0e0",
                        padding: "0 4px",
                        whiteSpace: l?.wrap ? "normal" : "nowrap",
                        verticalAlign: l?.verticalAlignment === "Top" ? "top" : "bottom",
                        overflow: spill ? "visible" : "hidden",
                        position: spill ? "relative" : undefined,
                        zIndex: spill ? 1 : undefined,
                        textAlign: v.number ? "right" : "left",
                        ...cellStyle(l),
                        ...(v.red ? { color: "#C00000" } : {}),
                        ...(inSel ? { background: "#cfe3f7" } : {}),
                      }}
                    >
                      {v.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {/* Where each native chart sits, with its title and axis titles: Excel draws the chart itself. */}
        {charts.map((c, i) => {
          const a = chartEdge[i];
          return (
            <ChartFrame
              key={i}
              chart={c}
              box={{ left: left(a.c0), top: top(a.r0), width: left(a.c1 + 1) - left(a.c0), height: top(a.r1 + 1) - top(a.r0) }}
            />
          );
        })}
      </div>
    </div>
  );
}

/** What Office.context.officeTheme gives in Excel's themes (?officeTheme=dark plays Excel's Black theme). */
const OFFICE_THEMES: Record<string, OfficeThemeLike | undefined> = {
  colorful: { isDarkTheme: false, bodyBackgroundColor: "#FFFFFF" },
  dark: { isDarkTheme: true, bodyBackgroundColor: "#262626" },
  gray: { isDarkTheme: true, bodyBackgroundColor: "#666666" },
};

function Preview(): React.JSX.Element {
  return (
    <div style={{ display: "flex", height: "100vh" }}>
      <Grid />
      <aside id="pane" aria-label="PAY task pane" style={{ width: 320, borderLeft: "1px solid #ccc", overflowY: "auto", flex: "none" }}>
        <App theme={() => OFFICE_THEMES[new URLSearchParams(location.search).get("officeTheme") ?? ""]} />
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
