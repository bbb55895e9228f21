/**
 * `pay eval` of a formula that is one PAY function of literal arguments (numbers, text, arrays of numbers,
 * arguments left out), as the README's examples are: the function called through the contract registry
 * exactly as the headless binding calls it (src/headless/pay-plugin.ts: a left-out argument is null, an array
 * a list of rows), without starting a spreadsheet engine. HyperFormula takes most of `pay eval`'s start, and
 * a PAY function of literals does not need it. Anything else (references, Excel's functions, operators, a
 * result that spills) returns null and goes to the engine (eval.ts). A test holds the two to the same output,
 * exit code included, on every example in the documents and on generated calls.
 */
import { isPayError } from "../engine/rules/errors";
import { CONTRACT_FUNCTIONS } from "../engine/rules/registry";
import { excelNumber } from "../headless/excel-number";
import type { Io } from "./io";

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** One argument's text as Excel sends it to a function, or undefined when it is not a plain literal. */
function literal(text: string): unknown {
  const t = text.trim();
  if (t === "") return null;
  if (NUMBER.test(t)) {
    const x = Number(t);
    return Number.isFinite(x) ? x + 0 : undefined;
  }
  if (/^"(?:[^"]|"")*"$/.test(t)) return t.slice(1, -1).replace(/""/g, '"');
  if (t.startsWith("{") && t.endsWith("}")) {
    const rows = t
      .slice(1, -1)
      .split(";")
      .map((row) => row.split(",").map((cell) => (NUMBER.test(cell.trim()) ? Number(cell.trim()) + 0 : NaN)));
    const width = rows[0].length;
    if (rows.some((r) => r.length !== width || r.some((x) => !Number.isFinite(x)))) return undefined;
    return rows;
  }
  return undefined;
}

/** The arguments' texts, split at the commas outside text and arrays; null when the brackets do not pair. */
function splitArguments(text: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "{") depth++;
    else if (ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
    if (depth < 0) return null;
  }
  if (depth !== 0 || quoted) return null;
  parts.push(text.slice(from));
  return parts;
}

/** Evaluates the formula when it is one PAY function of literals and its answer is one value or an error; otherwise null. */
export function literalCall(text: string, io: Io, full: boolean): number | null {
  const m = /^=?\s*PAY\.([A-Z_]+)\((.*)\)\s*$/s.exec(text.trim());
  if (!m) return null;
  const f = CONTRACT_FUNCTIONS[m[1]];
  const texts = m[2].trim() === "" ? null : splitArguments(m[2]);
  if (!f || !texts) return null;
  const args = texts.map(literal);
  if (args.some((a) => a === undefined)) return null;
  // A function that spills over an array argument answers in a column, errors included: the engine lays it out.
  const cells = (a: unknown): number => (Array.isArray(a) ? a.length * (a[0] as unknown[]).length : 1);
  if ((f.spillFrom ?? []).some((k) => cells(args[k]) > 1)) return null;
  const fail = (code: string, message: string): number => {
    io.err(message ? `${code} ${message}` : code);
    return 1;
  };
  if (args.length > f.params.length) return fail("#N/A", `PAY.${m[1]} takes at most ${f.params.length} arguments`);
  const required = f.params.filter((p) => !p.endsWith("?")).length;
  if (args.length < required) return fail("#N/A", `PAY.${m[1]} needs at least ${required} arguments`);
  try {
    const result = f.fn(...args);
    if (typeof result !== "number") return null; // a spilled column: the engine lays it out
    io.out(excelNumber(result, full));
    return 0;
  } catch (e) {
    if (isPayError(e)) return fail(e.code, e.message);
    return fail("#VALUE!", `PAY internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
