/**
 * Every `=PAY.… → result` example in the README and its reference pages (docs/, as the help page carries
 * them) is evaluated, so the documents show the add-in's own results.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evalFormula } from "../../src/cli/eval";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { helpMarkdown } = require("../../scripts/help-page.cjs") as { helpMarkdown: (root: string) => string };
const readme = helpMarkdown(path.resolve(__dirname, "../.."));
const examples = [...readme.matchAll(/^(=PAY\.[^\n]*?)\s+→\s+(\S+)\s*$/gm)].map((m) => [m[1], m[2]] as const);

describe("README examples", () => {
  it("there is at least one example per function", () => {
    const names = new Set(examples.map(([f]) => /^=PAY\.([A-Z_]+)/.exec(f)?.[1]));
    expect(names.size).toBe(15);
  });
  it.each(examples)("%s → %s", (formula, expected) => {
    const out: string[] = [];
    const code = evalFormula(formula, { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    // Printed exactly as the README shows it (as Excel shows a General cell): a spill as {a;b;c}.
    const printed = out.length === 1 ? out[0] : `{${out.join(";")}}`;
    expect(printed).toBe(expected);
  });
});
