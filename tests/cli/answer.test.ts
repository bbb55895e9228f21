/**
 * The answer first (issue 37; src/engine/decision/answer.ts): one sentence states the decision, identical in the
 * pane, the board paragraph, the written sheet and pay compare's text.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { answerSentence } from "../../src/engine/decision/answer";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { boardParagraph } from "../../src/taskpane/format";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { run } from "./run";
import { comparisonFromWorkbookSync } from "../../src/cli/compare/inputs";
import { loadWorkbook, recalculate } from "../../src/cli/workbook";

describe("the answer sentence", () => {
  it("is the same in the board paragraph, the written sheet and pay compare's text", async () => {
    const t = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS], "Steps!A1:H9");
    const inputs = { ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT };
    const c = comparePaymentModels(inputs);
    const sentence = answerSentence(c);
    expect(sentence).toMatch(/^Moving from today's contracts to .+, with care moving out of hospital: Acute trust .+; the commissioner .+\.$/);
    expect(boardParagraph(c)).toContain(` ${sentence} `);
    const plan = buildPlan({ columns: t.columns, rows: t.rows, stepRows: t.stepRows, tableAddress: "Steps!A1:H9", cohortSource: null, inputs, comparison: c, writtenOn: new Date(0) });
    expect(plan.cells.find((x) => x.address === "A4")?.value).toBe(sentence);
    // pay compare on the example workbook of the same pathway (its MFF is the example's own, so its own sentence).
    const file = path.join(__dirname, "..", "..", "examples", "integrated-care.xlsx");
    const text = await run("compare", file, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF");
    const read = comparisonFromWorkbookSync(recalculate(await loadWorkbook(file), file), file, { table: "IntegratedPathway", cohort: "Cohort", terms: { mff: "MFF" } });
    expect(text.out.split("\n")[0]).toBe(answerSentence(read.comparison));
  });
});
