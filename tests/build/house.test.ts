/**
 * The house rules (docs/developing.md, issue "A house a newcomer can find their way in"): no function in src/ over
 * 150 lines, no folder over 12 source files. Measured by scripts/house.cjs, which a reviewer runs to see them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const house = require("../../scripts/house.cjs") as {
  longestFunctions: (root: string) => { lines: number; file: string; line: number; name: string }[];
  largestFolders: (root: string) => { folder: string; files: number }[];
};
const src = path.resolve(__dirname, "../../src");

describe("the house", () => {
  it("no function in src/ is over 150 lines", () => {
    const long = house.longestFunctions(src).filter((f) => f.lines > 150);
    expect(long.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
    // The measure measures: the longest is found, and it is a real function.
    expect(house.longestFunctions(src)[0].lines).toBeGreaterThan(50);
  });
  it("no folder of src/ holds over 12 source files", () => {
    const big = house.largestFolders(src).filter((d) => d.files > 12);
    expect(big.map((d) => `${d.folder} (${d.files} files)`)).toEqual([]);
    expect(house.largestFolders(src).length).toBeGreaterThan(10);
  });
});
