/**
 * The figures the README and its reference pages (docs/) quote from the integrated example are the engine's:
 * each is computed here through `pay compare` (the same command they show) and must appear as printed there.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./run";

const root = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { helpMarkdown } = require("../../scripts/help-page.cjs") as { helpMarkdown: (root: string) => string };
const readme = helpMarkdown(root).replace(/\s+/g, " ");
const example = path.join(root, "examples", "integrated-care.xlsx");

interface Pos {
  byYear: number[];
  npv: number;
  payback: number | null;
}
interface Json {
  models: {
    id: string;
    shift: { organisations: number[]; commissionerSaving: number; systemSaving: number };
  }[];
  transition: { models: { id: string; commissioner: Pos; organisations: Pos[]; system: Pos }[] };
}

/** £k or £m as the README writes them: −£16k, £184k, £2.53m. */
const short = (x: number): string => {
  const sign = x < 0 ? "−" : "";
  const a = Math.abs(x);
  return a >= 1e6 ? `${sign}£${(a / 1e6).toFixed(2)}m` : `${sign}£${Math.round(a / 1000)}k`;
};
const pounds = (x: number): string => `${x < 0 ? "−" : ""}£${Math.round(Math.abs(x)).toLocaleString("en-GB")}`;

describe("the README's figures for the integrated example", () => {
  it("the five-year transition, read year by year", async () => {
    const r = await run(
      "compare",
      example,
      "--table",
      "IntegratedPathway",
      "--cohort",
      "Cohort",
      "--term",
      "mff=MFF",
      "--years",
      "5",
      "--term",
      "setupCost=250000",
      "--term",
      "releaseYear=3",
      "--term",
      "priceUplift=2%",
      "--term",
      "costUplift=2%",
      "--json",
    );
    expect(r.code, r.err).toBe(0);
    const t = (JSON.parse(r.out) as Json).transition.models;
    const activity = t.find((m) => m.id === "activity")!;
    const acute = activity.organisations[0].byYear;
    expect(readme).toContain(`loses ${short(-acute[0])} in year 1 and ${short(-acute[1])} in year 2`);
    for (const y of [2, 3, 4]) (expect(-acute[y]).toBeGreaterThan(50_000), expect(-acute[y]).toBeLessThan(70_000));
    expect(readme).toContain(`(NPV ${short(activity.organisations[0].npv)})`);
    expect(readme).toContain(`still saves from year 2 (NPV ${short(activity.commissioner.npv)})`);
    expect(activity.commissioner.byYear[0]).toBeLessThan(0);
    expect(activity.commissioner.byYear[1]).toBeGreaterThan(0);
    const block = t.find((m) => m.id === "block")!;
    const b = block.organisations[0].byYear;
    expect(readme).toContain(`the acute trust gains ${short(b[0])} in year 1`);
    expect(readme).toContain(`loses ${short(-b[1])} in year 2`);
    expect(readme).toContain(`it gains ${short(b[2])} and ${short(b[3])} in years 3 and 4`);
    const c = block.organisations[1].byYear;
    expect(readme).toContain(`(${short(c[0])}, ${short(c[1])}, ${short(c[2])} in years 1 to 3)`);
    const k = block.commissioner;
    expect(readme).toContain(
      `then saves ${short(k.byYear[1])}, ${short(k.byYear[2])}, ${short(k.byYear[3])} and ${short(k.byYear[4])} (NPV ${short(k.npv)}; payback ${k.payback!.toFixed(1)} years)`,
    );
    const cap = t.find((m) => m.id === "capitation")!;
    expect(readme).toContain(`the acute trust gains ${short(cap.organisations[0].byYear[0])} in year 1 and the community trust`);
    // In every model the system's position is the same.
    for (const m of t) m.system.byYear.forEach((v, y) => expect(v).toBeCloseTo(activity.system.byYear[y], 6));
  });

  it("the single year at the workbook's MFF (1.03)", async () => {
    const r = await run("compare", example, "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF", "--json");
    const m = (JSON.parse(r.out) as Json).models;
    const activity = m.find((x) => x.id === "activity")!.shift;
    const block = m.find((x) => x.id === "block")!.shift;
    const cap = m.find((x) => x.id === "capitation")!.shift;
    expect(readme).toContain(`paid by activity, the acute trust loses ${pounds(-activity.organisations[0])} of margin`);
    expect(readme).toContain(`while the community trust gains ${pounds(activity.organisations[1])}`);
    expect(readme).toContain(`the acute trust keeps its income and gains ${pounds(block.organisations[0])}`);
    expect(readme).toContain(`for the same money and loses ${pounds(-block.organisations[1])}`);
    expect(readme).toContain(`it gains ${pounds(cap.organisations[0])} and the community trust`);
    expect(readme).toContain(`the system saves ${pounds(activity.systemSaving)} of real cost under every model`);
  });
});
