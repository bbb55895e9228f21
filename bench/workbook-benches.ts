/** The benches of whole workbooks and of `pay` itself: recalculation, SUMIFS, memory, the written sheet's requests, the start. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { loadWorkbook, recalculate, storeResults, writeWorkbook } from "../src/cli/workbook";
import { fmt, report, sample, time } from "./timing";
import { comparePaymentModels, DEFAULT_TERMS } from "../src/engine/comparison/compare";
import { createWorkbookEngine } from "../src/headless/pay-plugin";
import { readPathwayTable } from "../src/engine/inputs/pathway-table";
import { buildPlan } from "../src/excel/plan";
import { writeCells, type RangeLike } from "../src/excel/write-cells";

const REPS = Number(process.env.BENCH_REPS ?? 9);

async function formulaWorkbook(file: string, rows: number, formula: (r: number) => string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    row.getCell(1).value = 100 + (r % 50);
    row.getCell(2).value = 1 + (r % 4);
    row.getCell(3).value = ((r % 10) + 1) / 10;
    row.getCell(4).value = { formula: formula(r) } as ExcelJS.CellValue;
  }
  await wb.xlsx.writeFile(file);
}

/** Seconds for `pay recalc in -o out`: read, recalculate every formula, store results, write. */
async function recalcSeconds(input: string, output: string): Promise<number> {
  const t0 = performance.now();
  const wb = await loadWorkbook(input);
  const r = recalculate(wb, input);
  if (r.cells.some((c) => c.result === null || typeof c.result === "object")) throw new Error(`${input}: a formula failed`);
  await storeResults(r);
  await writeWorkbook(r, output);
  return (performance.now() - t0) / 1000;
}

export async function recalcBench(): Promise<void> {
  const rows = 50_000;
  const dir = mkdtempSync(path.join(tmpdir(), "pay-bench-"));
  try {
    const pay = path.join(dir, "pay.xlsx");
    const plain = path.join(dir, "sumproduct.xlsx");
    await formulaWorkbook(pay, rows, (r) => `PAY.PATHWAY_COST(A${r},B${r},C${r})`);
    await formulaWorkbook(plain, rows, (r) => `SUMPRODUCT(A${r},B${r},C${r})`);
    const reps = Math.max(3, Math.min(REPS, 5));
    const p: number[] = [];
    const q: number[] = [];
    for (let i = 0; i < reps; i++) {
      q.push(await recalcSeconds(plain, path.join(dir, "out-plain.xlsx")));
      p.push(await recalcSeconds(pay, path.join(dir, "out-pay.xlsx")));
    }
    const ps = sample(p);
    const ratios = sample(p.map((x, i) => x / q[i]));
    report(
      "recalc_50k_seconds",
      `pay recalc, 50,000 PAY.PATHWAY_COST cells: ${fmt(ps.median)} s (min ${fmt(ps.min)}, max ${fmt(ps.max)})`,
      ps.median,
    );
    report(
      "recalc_vs_sumproduct",
      `  the same workbook with SUMPRODUCT instead: ${fmt(sample(q).median)} s; ratio median ${fmt(ratios.median)} (min ${fmt(ratios.min)}, max ${fmt(ratios.max)})`,
      ratios.median,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A 20-step pathway for a cohort of 1,000: hospital, community and primary steps, common and rare. */
/** 20 steps delivered by three organisations: an acute trust, a community trust and a PCN (primary and other steps). */
export function sumifsBench(): void {
  const N = 50_000;
  const F = 500;
  const data = Array.from({ length: N }, (_, i) => [`C${i % 500}`, i % 97, i % 7]);
  const formulas = Array.from({ length: F }, (_, j) => [`=SUMIFS(Data!B1:B${N},Data!A1:A${N},"C${j}",Data!C1:C${N},">2")`]);
  const withFormulas = sample(time(() => createWorkbookEngine({ Data: data, F: formulas }).getCellValue({ sheet: 1, row: 0, col: 0 }), 3, 1));
  const dataAlone = sample(time(() => createWorkbookEngine({ Data: data }).getSheetDimensions(0), 3, 1));
  const loop = sample(
    time(
      () => {
        let total = 0;
        for (let j = 0; j < F; j++) {
          const key = `C${j}`;
          for (let i = 0; i < N; i++) if (data[i][0] === key && (data[i][2] as number) > 2) total += data[i][1] as number;
        }
        return total;
      },
      5,
      1,
    ),
  );
  const ms = Math.max(0, withFormulas.median - dataAlone.median);
  report("sumifs_50k_ms", `500 SUMIFS over 50,000 rows: ${fmt(ms)} ms (the engine with them ${fmt(withFormulas.median)} ms, without ${fmt(dataAlone.median)} ms)`, ms);
  report("sumifs_vs_loop", `… against the same sums in a plain loop (${fmt(loop.median)} ms): ${fmt(ms / loop.median)}× (goal ≤ 10)`, ms / loop.median);
}

/**
 * A tariff workbook of about 400 KB (issue 33: "a 400 KB file can take about 1 GB"): 16,000 rows, each with a
 * PAY.PATHWAY_COST and a SUMIFS over whole columns. `pay recalc -o` runs in its own Node process; its peak
 * resident memory (MB) and its seconds are reported.
 */
export async function memoryBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "pay-bench-"));
  try {
    const file = path.join(dir, "tariff.xlsx");
    await formulaWorkbook(file, 16_000, (r) => `PAY.PATHWAY_COST(A${r},B${r},C${r})+SUMIFS(A:A,B:B,B${r})`);
    const pay = path.join(__dirname, "..", "src", "cli", "pay.js");
    const child = [
      `const t0 = Date.now();`,
      `require(${JSON.stringify(pay)}).main(["recalc", ${JSON.stringify(file)}, "-o", ${JSON.stringify(path.join(dir, "out.xlsx"))}],`,
      `  { out: () => {}, err: (l) => console.error(l) })`,
      `  .then((code) => console.log(JSON.stringify({ code, seconds: (Date.now() - t0) / 1000, kb: process.resourceUsage().maxRSS })));`,
    ].join("\n");
    const { code, seconds, kb } = JSON.parse(execFileSync(process.execPath, ["-e", child], { encoding: "utf8" })) as {
      code: number;
      seconds: number;
      kb: number;
    };
    if (code !== 0) throw new Error(`pay recalc exited ${code}`);
    const size = statSync(file).size / 1024;
    report("recalc_400kb_mb", `pay recalc -o of a ${Math.round(size)} KB workbook (16,000 PAY and whole-column SUMIFS cells): peak ${Math.round(kb / 1024)} MB`, kb / 1024);
    report("recalc_400kb_seconds", `  … in ${fmt(seconds)} s`, seconds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Write at any size (issue 37): a 5,000-step pathway's comparison as the add-in writes it (write-cells.ts, the
 * writer Excel is given), counted outside Excel: the operations, and the largest request (KB, by the writer's own
 * estimate of what Office.js sends; Excel on the web refuses one over 5 MB, and the fake of Excel, measuring the
 * same way, refuses it in the tests).
 */
export async function writeBench(): Promise<void> {
  const settings = ["hospital", "community", "primary", "other"];
  const rows: unknown[][] = [
    ["Step", "Setting", "Organisation", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"],
    ...Array.from({ length: 5000 }, (_, i) => [`Step ${i + 1}`, settings[i % 4], `Provider ${i % 7}`, 100 + (i % 50), 90 + (i % 40), 1, 0.5 + (i % 5) / 10]),
  ];
  const t = readPathwayTable(rows, "Steps!A1:G5001");
  const inputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: 100 };
  const plan = buildPlan({ columns: t.columns, rows: t.rows, stepRows: t.stepRows, tableAddress: "Steps!A1:G5001", cohortSource: null, inputs, comparison: comparePaymentModels(inputs), writtenOn: new Date() });
  const range = (): RangeLike => ({ formulas: [], style: "", numberFormat: [], format: { font: { bold: false } } });
  const stats = await writeCells({ sync: async () => undefined }, { getRange: range }, plan.cells, (c) => c.formula ?? c.value ?? null);
  const largest = Math.max(...stats.requests) / 1024;
  report("write_5000_ops", `Writing a 5,000-step comparison (${plan.cells.length.toLocaleString("en-GB")} cells): ${stats.ops.toLocaleString("en-GB")} operations in ${stats.requests.length} requests`, stats.ops);
  report("write_5000_request_kb", `  … the largest request about ${Math.round(largest).toLocaleString("en-GB")} KB (Excel on the web refuses one over 5,120 KB)`, largest);
}

/** A population of 20,000 practices with costs per head: its need-based budget and each practice's selection gain. */
export function payStartBench(): void {
  const pay = path.resolve(__dirname, "../src/cli/pay.js");
  const wall = (args: string[]): number => {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { stdio: "ignore" });
    return performance.now() - t0;
  };
  const reps = 7;
  const bare = sample(Array.from({ length: reps }, () => wall(["-e", ""])));
  const evalRuns = sample(Array.from({ length: reps }, () => wall([pay, "eval", "=PAY.CAPITATION(100,1,50)"])));
  report(
    "pay_start_ratio",
    `pay eval of one formula: ${fmt(evalRuns.median)} ms against a bare node start of ${fmt(bare.median)} ms; ratio ${fmt(evalRuns.median / bare.median)} (goal ≤ 3)`,
    evalRuns.median / bare.median,
  );
  // A formula that needs the spreadsheet engine (an Excel function around the PAY one): HyperFormula's start.
  const engineRuns = sample(Array.from({ length: reps }, () => wall([pay, "eval", "=ROUND(PAY.CAPITATION(100,1,50),0)"])));
  report(
    "pay_start_engine_ratio",
    `  a formula that needs HyperFormula (ROUND around it): ${fmt(engineRuns.median)} ms; ratio ${fmt(engineRuns.median / bare.median)} (no goal: HyperFormula's own start)`,
    engineRuns.median / bare.median,
  );
}

