/**
 * The house's one rule that is tested (issue 38): imports run down the layers and never in a circle
 * (scripts/imports.cjs says which folder may import which). Sizes of functions, files and folders are a report a
 * reviewer reads (node scripts/house.cjs), not a test.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";

type Graph = Record<string, { local: string[]; packages: string[] }>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rules = require("../../scripts/imports.cjs") as {
  importGraph: (src: string) => Graph;
  breaches: (g: Graph) => string[];
  circles: (g: Graph) => string[][];
};
const graph = rules.importGraph(path.resolve(__dirname, "../../src"));

describe("imports", () => {
  it("cross no boundary: the engine imports nothing outside it but zod; no face imports another", () => {
    expect(rules.breaches(graph)).toEqual([]);
    // The graph is read: the pane's known edges are in it.
    expect(graph[path.join("taskpane", "actions.ts")].local).toContain(path.join("excel", "plan.ts"));
  });

  it("run in no circle", () => {
    expect(rules.circles(graph)).toEqual([]);
  });

  it("the rules catch what they forbid (a face importing another, the engine a package or a face, a circle)", () => {
    const bad: Graph = {
      [path.join("cli", "a.ts")]: { local: [path.join("taskpane", "b.ts")], packages: [] },
      [path.join("engine", "c.ts")]: { local: [path.join("excel", "d.ts"), path.join("engine", "e.ts")], packages: ["hyperformula"] },
      [path.join("engine", "e.ts")]: { local: [path.join("engine", "c.ts")], packages: ["zod/mini"] },
    };
    expect(rules.breaches(bad).map((b) => b.split(" (")[0])).toEqual([
      `${path.join("cli", "a.ts")} → ${path.join("taskpane", "b.ts")}`,
      `${path.join("engine", "c.ts")} → ${path.join("excel", "d.ts")}`,
      `${path.join("engine", "c.ts")} → hyperformula`,
    ]);
    expect(rules.circles(bad)).toEqual([[path.join("engine", "c.ts"), path.join("engine", "e.ts")]]);
  });
});
