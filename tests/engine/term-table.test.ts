/**
 * One table of terms (src/engine/inputs/term-table.ts, issue 38): every reader takes each term from it — the
 * pane's form and the typed terms, `pay compare --help` and `--term`, the written sheet's terms (found by name,
 * never by position) and the sensitivity's drivers.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { sensitivityInputs } from "../../src/engine/comparison/sensitivity";
import { isNumberTerm, NUMBER_TERMS, SHEET_TERMS, TERM_TABLE, type TermRow } from "../../src/engine/inputs/term-table";
import { comparisonInputs, DEFAULT_TERMS_TEXT, readTerms, TERM_FIELDS } from "../../src/engine/inputs/terms";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { sheetLayout } from "../../src/excel/sheet/layout";
import { COMPARE_USAGE } from "../../src/cli/compare/help";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";

const ROWS: readonly TermRow[] = TERM_TABLE;

function plan(inputs: ComparisonInputs) {
  const t = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
  const inp = { ...inputs, steps: t.steps };
  const src = {
    columns: t.columns,
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: "Steps!A1:H9",
    cohortSource: null,
    inputs: inp,
    comparison: comparePaymentModels(inp),
    writtenOn: new Date(0),
  };
  return { plan: buildPlan(src), layout: sheetLayout(src) };
}

describe("the table of terms", () => {
  it("each key once; each number term read, typed and defaulted from its row", () => {
    expect(new Set(ROWS.map((t) => t.key)).size).toBe(ROWS.length);
    expect(Object.keys(TERM_FIELDS)).toEqual(NUMBER_TERMS.map((t) => t.key));
    expect(Object.keys(DEFAULT_TERMS_TEXT)).toEqual(NUMBER_TERMS.map((t) => t.key));
    const read = readTerms(DEFAULT_TERMS_TEXT);
    expect(read.problems).toEqual({});
    // The comparison's defaults are the table's, read as a person would type them.
    for (const t of NUMBER_TERMS.filter((x) => x.goes === "input"))
      expect(DEFAULT_TERMS[t.key as keyof typeof DEFAULT_TERMS], t.key).toBe(read.terms![t.key as keyof typeof read.terms]);
    // A term's range is its row's: one past its maximum is refused with its short name.
    for (const t of NUMBER_TERMS) {
      const over = t.kind === "share" ? `${t.max * 100 + 1}%` : String(t.max * 2);
      expect(readTerms({ ...DEFAULT_TERMS_TEXT, [t.key]: over }).problems[t.key], t.key).toMatch(
        new RegExp(`^${t.short.replace(/[()]/g, "\\$&")}: expected`),
      );
    }
  });

  it("pay compare --help lists every term given by --term, with a number term's default", () => {
    for (const t of ROWS) {
      if (!isNumberTerm(t) && t.cli === null) continue;
      expect(COMPARE_USAGE, t.key).toMatch(new RegExp(`\\n {14}${t.key} +`));
    }
    for (const t of NUMBER_TERMS) expect(COMPARE_USAGE).toContain(`${t.key.padEnd(24)} ${t.short} (default ${t.default || "none: see README"})`);
  });

  it("the sensitivity moves every term with a driver, in the table's order, under its label and group", () => {
    const steps = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9").steps;
    const inputs = comparisonInputs(readTerms(DEFAULT_TERMS_TEXT).terms!, { steps, cohort: INTEGRATED_COHORT });
    const moved = sensitivityInputs(inputs).filter((x) => !x.input.startsWith("steps["));
    const want = ROWS.filter((t) => t.driver && t.key !== "partners").map((t) => t.key);
    expect(moved.map((x) => x.input)).toEqual(want);
    for (const x of moved) {
      const t = ROWS.find((r) => r.key === x.input)!;
      expect(x.group, x.input).toBe(t.driver!.group);
      expect(x.kind, x.input).toBe(t.driver!.move);
    }
  });

  it("the written sheet finds each term by name: the cell a formula reads for a term holds that term's value", () => {
    // Every number term typed at a value of its own, so a term pointing at another's row would show.
    const typed = NUMBER_TERMS.filter((t) => t.goes === "input" && t.sheet !== null);
    const inputs = { ...DEFAULT_TERMS, cohort: INTEGRATED_COHORT } as ComparisonInputs;
    typed.forEach((t, i) => Object.assign(inputs, { [t.key]: t.kind === "share" ? 0.01 * (i + 1) : t.key === "mff" ? 1.07 : 1000 + i }));
    const { plan: p, layout } = plan(inputs);
    const at = (address: string) => p.cells.find((c) => c.address === address.replace(/\$/g, ""));
    expect(layout.TERM_KEYS).toEqual(SHEET_TERMS);
    for (const t of typed) expect(at(layout.T[t.key as "mff"])?.value, t.key).toBe(inputs[t.key as keyof ComparisonInputs]);
    for (const key of SHEET_TERMS.filter((k) => k !== "cohort")) {
      const row = Number(/\d+$/.exec(layout.T[key as "mff"])![0]);
      const label = p.cells.find((c) => c.address === `A${row}`)?.value as string;
      expect(label, key).toBeTruthy();
    }
    // A term with no row on the sheet is an error, never a formula reading "undefined".
    expect(() => layout.T["aboveIAP" as "mff"]).toThrow(/no row for the term 'aboveIAP'/);
  });
});
