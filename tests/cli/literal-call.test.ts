/**
 * `pay eval` answers one PAY function of literals without HyperFormula (literal-call.ts): it must print what
 * HyperFormula's evaluation prints, to the character, with the same exit code. Held on every example in the
 * documents and on generated calls of every function: numbers written every way, arguments left out, arrays,
 * text, too few and too many arguments, values that break a rule.
 */
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evalFormula } from "../../src/cli/eval";
import { literalCall } from "../../src/cli/literal-call";
import { CONTRACT_FUNCTIONS } from "../../src/engine/rules/registry";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { helpMarkdown } = require("../../scripts/help-page.cjs") as { helpMarkdown: (root: string) => string };
const documented = [...helpMarkdown(path.resolve(__dirname, "../..")).matchAll(/^(=PAY\.[^\n]*?)\s+→\s+\S+\s*$/gm)].map((m) => m[1]);

interface Printed {
  code: number | null;
  lines: string[];
}
const capture = (run: (io: { out: (l: string) => void; err: (l: string) => void }) => number | null): Printed => {
  const lines: string[] = [];
  const code = run({ out: (l) => lines.push(`out ${l}`), err: (l) => lines.push(`err ${l}`) });
  return { code, lines };
};

/** The fast answer, when there is one, is the engine's; returns whether there was one. */
function same(formula: string, full = false): boolean {
  const fast = capture((io) => literalCall(formula, io, full));
  if (fast.code === null) {
    expect(fast.lines, formula).toEqual([]);
    return false;
  }
  expect(fast, formula).toEqual(capture((io) => evalFormula(formula, io, full)));
  return true;
}

describe("pay eval of one PAY function of literals, without HyperFormula", () => {
  it("prints what HyperFormula prints for every example in the documents, and answers most of them itself", () => {
    const answered = documented.filter((f) => same(f)).length;
    // The rest spill a column (SPELL_PRICE and GAIN_SHARE over arrays), which the engine lays out.
    expect(answered).toBeGreaterThanOrEqual(documented.length - 6);
    expect(documented.length).toBeGreaterThan(20);
  });

  it("prints what HyperFormula prints for generated calls of every function (and --full)", () => {
    const number = fc.oneof(
      fc.integer({ min: -5, max: 200_000 }).map(String),
      fc.double({ min: -10, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
      fc.constantFrom("0.5", ".25", "3.", "1e3", "1E3", "2.5E-2", "-0.05", "1e400", "1E+400", "00.10"),
    );
    const array = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
      .chain(([h, w]) => fc.array(fc.array(number, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }))
      .map((rows) => `{${rows.map((r) => r.join(",")).join(";")}}`);
    const argument = fc.oneof(number, number, array, fc.constant(""), fc.constantFrom('"abc"', '"1"', " 7 ", "TRUE", "A1", "1+1"));
    const call = fc.tuple(fc.constantFrom(...Object.keys(CONTRACT_FUNCTIONS)), fc.array(argument, { maxLength: 9 }), fc.boolean());
    let answered = 0;
    fc.assert(
      fc.property(call, ([name, args, full]) => {
        if (same(`=PAY.${name}(${args.join(",")})`, full)) answered++;
      }),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it("leaves anything else to the engine", () => {
    for (const f of [
      "=PAY.CAPITATION(100,1,50)+1",
      "=SUM(1,2)",
      "=PAY.CAPITATION(A1,1,50)",
      "=pay.capitation(100,1,50)",
      "=PAY.CAPITATION(SUM(1,2),1,50)",
    ])
      expect(capture((io) => literalCall(f, io, false)).code, f).toBeNull();
    expect(capture((io) => literalCall("=PAY.CAPITATION(100,1,50)", io, false))).toEqual({ code: 0, lines: ["out 5000"] });
  });
});
