/** The example workbooks built afresh for a test file, and the engine's comparison of the three-organisation one. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF, buildExamples } from "../../examples/build-examples";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";

export const root = path.resolve(__dirname, "../..");

/** The examples written into a new folder; `file` is the three-organisation example. */
export async function builtExamples(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "pay-compare-"));
  await buildExamples(dir, path.join(root, "data", "gp-practice-weighted-populations-2025-26.csv"));
  return { dir, file: path.join(dir, "integrated-care.xlsx") };
}

/** The same comparison, from the example's figures directly through the engine. */
export function expected(extra: Partial<typeof DEFAULT_TERMS> = {}) {
  const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
  return comparePaymentModels({ ...DEFAULT_TERMS, mff: MFF, ...extra, steps: table.steps, cohort: INTEGRATED_COHORT });
}
