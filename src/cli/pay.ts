#!/usr/bin/env node
/* global require, module, process, console */
/**
 * `pay`: PAY formulas outside Excel, computed exactly as the add-in computes them.
 *   pay eval '<formula>' [--full]     evaluate one formula (PAY functions, Excel built-ins, inline arrays);
 *                                     numbers as Excel shows them (15 significant digits), --full for every digit
 *   pay recalc <in.xlsx> [-o out.xlsx] recalculate every formula; write results as cached values to -o
 *   pay check <in.xlsx> [--tolerance t] compare the values Excel saved with ours
 *   pay compare <in.xlsx> --table … --cohort … [--term k=v …] [--json]   the panel's comparison
 * Exit codes: 0 fine; 1 a formula gave an error (eval, recalc) or a value differs (check); 2 bad input, or
 *   (check) a workbook with no saved values, so nothing could be compared.
 */
import type { Io } from "./io";
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { literalCall } from "./literal-call";
import { InputError } from "./errors";
import type { CellResult } from "./workbook";

/**
 * What a command needs, loaded when it needs it: `pay eval` of one PAY function of literals calls the engine
 * alone (literal-call.ts), any other formula starts HyperFormula with the PAY functions (eval.ts); reading and
 * writing .xlsx (JSZip, saxes) and the comparison load for recalc, check and compare.
 */
const workbookModule = () => import("./workbook");

const USAGE = `usage:
  pay eval '<formula>' [--full]         e.g. pay eval '=PAY.PATHWAY_COST({200;8000},{1;1},,100)'
                                        (numbers to 15 significant digits, as Excel shows them; --full: all)
  pay recalc <in.xlsx> [-o <out.xlsx>]  recalculate every formula (PAY ones included); -o writes the results
  pay check <in.xlsx> [--tolerance <t>] list cells whose saved value differs from ours (relative, default 1e-9)
  pay compare <in.xlsx> --table <table | ref> --cohort <n | ref> [--term key=value ...] [--preset <id>] [--years N] [--json]
                                        compare the payment models, organisation by organisation: --table takes an
                                        Excel table by name or an address; --preset a named NHS blended rule;
                                        --years a transition over N years (pay compare --help lists every term)`;

export type { Io } from "./io";

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

/** Refuse an output path that cannot be written before any work is done (one line, exit 2). */
function checkOutput(output: string): void {
  const folder = dirname(resolve(output));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(`-o ${output}: there is no folder ${folder}`);
  if (existsSync(output) && statSync(output).isDirectory()) throw new InputError(`-o ${output}: is a folder; name the .xlsx file to write`);
}

export async function recalcCommand(args: string[], io: Io): Promise<number> {
  const output = flag(args, "-o") ?? flag(args, "--output");
  if (args.length !== 1) throw new InputError("recalc takes one workbook: pay recalc <in.xlsx> [-o <out.xlsx>]");
  const input = args[0];
  if (output !== undefined) checkOutput(output);
  const { loadWorkbook, recalculate, quoteSheet, showValue, storeResults, writeWorkbook } = await workbookModule();
  const wb = await loadWorkbook(input);
  const r = recalculate(wb, input);
  const pay = r.cells.filter((c) => c.isPay);
  const errors = r.cells.filter((c) => isError(c.result));
  io.out(`${input}: ${r.sheets.length} sheet(s), ${r.cells.length} formula(s), ${pay.length} with PAY functions, ${r.namedRanges} named range(s)`);
  for (const c of errors)
    io.out(`  ${c.isPay ? "error" : "error (not PAY)"} ${quoteSheet(c.sheet)}!${c.address}: ${showValue(c.result)}  [=${c.formula}]`);
  for (const line of (await import("./function-report")).functionReport(r.cells)) io.out(line);
  if (output) {
    const report = await storeResults(r);
    // Nothing lost: a part whose cells pay cannot patch is refused, and nothing is written.
    if (report.unpatched.length > 0)
      throw new InputError(
        `${input}: nothing written: pay cannot store the values of ${report.unpatched
          .map((u) => `${u.cells.length} formula cell(s) in ${u.part} (${u.cells.slice(0, 3).join(", ")}${u.cells.length > 3 ? ", …" : ""})`)
          .join("; ")}, written with a namespace prefix or without their addresses; open and save the file in Excel first`,
      );
    await writeWorkbook(r, output);
    io.out(
      `wrote ${output}${resolve(output) === resolve(input) ? " (the input, as asked)" : ""}: ${report.stored} cached value(s) updated; nothing else in the file changed`,
    );
    for (const a of report.spillsNotStored)
      io.out(
        `  note ${a}: its result spills, but the file saves it as a plain formula, so only its first value is stored (Excel recalculates the rest on opening)`,
      );
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
  const { loadWorkbook, recalculate, compare, showValue } = await workbookModule();
  const r = recalculate(await loadWorkbook(input), input);
  const { differences, compared, uncached } = compare(r, tolerance);
  if (compared === 0) {
    io.err(
      r.cells.length === 0
        ? `pay: ${input}: nothing to compare: the workbook has no formulas`
        : `pay: ${input}: nothing could be compared: none of its ${r.cells.length} formula(s) has a saved value (open and save it in Excel, or run pay recalc -o, first)`,
    );
    return 2;
  }
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
      case "eval": {
        const full = rest.includes("--full");
        const formula = rest.filter((a) => a !== "--full");
        if (formula.length !== 1) throw new InputError("eval takes one formula, quoted: pay eval '=PAY.MIN_POPULATION(3,0.05)' [--full]");
        return literalCall(formula[0], io, full) ?? (await import("./eval")).evalFormula(formula[0], io, full);
      }
      case "recalc":
        return await recalcCommand(rest, io);
      case "check":
        return await checkCommand(rest, io);
      case "compare":
        return await (await import("./compare/command")).compareCommand(rest, io);
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
