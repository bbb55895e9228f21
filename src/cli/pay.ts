#!/usr/bin/env node
/* global require, module, process, console */
/**
 * `pay`: PAY formulas outside Excel, computed exactly as the add-in computes them.
 *   pay eval '<formula>'              evaluate one formula (PAY functions, Excel built-ins, inline arrays)
 *   pay recalc <in.xlsx> [-o out.xlsx] recalculate every formula; write results as cached values to -o
 *   pay check <in.xlsx> [--tolerance t] compare the values Excel saved with ours
 * Exit codes: 0 fine; 1 a formula gave an error (eval, recalc) or a value differs (check); 2 bad input.
 */
import { resolve } from "node:path";
import { DetailedCellError } from "hyperformula";
import { createWorkbookEngine } from "../headless/pay-plugin";
import { InputError, compare, loadWorkbook, quoteSheet, recalculate, showValue, storeResults, type CellResult } from "./workbook";

const USAGE = `usage:
  pay eval '<formula>'                  e.g. pay eval '=PAY.PATHWAY_COST({200;8000},{1;1},,100)'
  pay recalc <in.xlsx> [-o <out.xlsx>]  recalculate every formula (PAY ones included); -o writes the results
  pay check <in.xlsx> [--tolerance <t>] list cells whose saved value differs from ours (relative, default 1e-9)`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

function formatValue(v: unknown): string {
  if (v instanceof DetailedCellError) return v.value;
  if (v === null || v === undefined) return "";
  return String(v);
}

export function evalFormula(text: string, io: Io): number {
  const formula = text.trim().startsWith("=") ? text.trim() : `=${text.trim()}`;
  const hf = createWorkbookEngine({ Sheet1: [[formula]] });
  const value = hf.getCellValue({ sheet: 0, row: 0, col: 0 });
  if (value instanceof DetailedCellError) {
    if (value.type === "ERROR") {
      io.err(`formula does not parse: ${formula}`);
      return 2;
    }
    io.err(value.message ? `${value.value} ${value.message}` : value.value);
    return 1;
  }
  if (hf.isCellPartOfArray({ sheet: 0, row: 0, col: 0 })) {
    for (const row of hf.getSheetValues(0)) io.out(row.map(formatValue).join("\t"));
  } else {
    io.out(formatValue(value));
  }
  return 0;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("-")) throw new InputError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

function isError(v: CellResult): v is { error: string; message: string } {
  return v !== null && typeof v === "object";
}

export async function recalcCommand(args: string[], io: Io): Promise<number> {
  const output = flag(args, "-o") ?? flag(args, "--output");
  if (args.length !== 1) throw new InputError("recalc takes one workbook: pay recalc <in.xlsx> [-o <out.xlsx>]");
  const input = args[0];
  const wb = await loadWorkbook(input);
  const r = recalculate(wb, input);
  const pay = r.cells.filter((c) => c.isPay);
  const errors = r.cells.filter((c) => isError(c.result));
  io.out(`${input}: ${r.sheets.length} sheet(s), ${r.cells.length} formula(s), ${pay.length} with PAY functions, ${r.namedRanges} named range(s)`);
  for (const c of errors)
    io.out(`  ${c.isPay ? "error" : "error (not PAY)"} ${quoteSheet(c.sheet)}!${c.address}: ${showValue(c.result)}  [=${c.formula}]`);
  if (output) {
    storeResults(r);
    await wb.xlsx.writeFile(output);
    io.out(`wrote ${output}${resolve(output) === resolve(input) ? " (the input, as asked)" : ""}`);
  } else {
    io.out("(no -o given: nothing written)");
  }
  const payErrors = pay.filter((c) => isError(c.result)).length;
  io.out(payErrors === 0 ? "all PAY formulas evaluate" : `${payErrors} PAY formula(s) give an error`);
  return payErrors === 0 ? 0 : 1;
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  const tolText = flag(args, "--tolerance");
  const tolerance = tolText === undefined ? 1e-9 : Number(tolText);
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InputError(`--tolerance: expected a number ≥ 0, got '${tolText}'`);
  if (args.length !== 1) throw new InputError("check takes one workbook: pay check <in.xlsx> [--tolerance <t>]");
  const input = args[0];
  const r = recalculate(await loadWorkbook(input), input);
  const { differences, compared, uncached } = compare(r, tolerance);
  for (const d of differences) io.out(`  differs ${d.cell}: saved ${showValue(d.cached)}, ours ${showValue(d.ours)}`);
  io.out(
    `${input}: ${compared} formula value(s) compared, ${differences.length} differ (relative tolerance ${tolerance})${uncached ? `, ${uncached} with no saved value` : ""}`,
  );
  return differences.length === 0 ? 0 : 1;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "eval":
        if (rest.length !== 1) throw new InputError("eval takes one formula, quoted: pay eval '=PAY.MIN_POPULATION(3,0.05)'");
        return evalFormula(rest[0], io);
      case "recalc":
        return await recalcCommand(rest, io);
      case "check":
        return await checkCommand(rest, io);
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return 0;
      default:
        io.err(command ? `pay: unknown command '${command}'\n${USAGE}` : USAGE);
        return 2;
    }
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`pay: ${e.message}`);
      return 2;
    }
    io.err(`pay: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
    process.exitCode = code;
  });
}
