import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { comparisonHtml, comparisonText, gbp, gbpShort, COLUMNS } from "../../src/taskpane/format";

const cmp = comparePaymentModels({
  ...DEFAULT_TERMS,
  cohort: 100,
  steps: [
    { name: "Spell", setting: "hospital", unitPrice: 1000, unitCost: 900, volume: 1, takeUp: 1 },
    { name: "Visit", setting: "community", unitPrice: 50, unitCost: 60, volume: 4, takeUp: 1 },
  ],
});

describe("board-paper formatting", () => {
  it("pounds are whole, grouped, with a true minus sign", () => {
    expect(gbp(1234567.49)).toBe("£1,234,567");
    expect(gbp(-2800)).toBe("−£2,800");
    expect(gbp(0)).toBe("£0");
  });

  it("short pounds for narrow tables", () => {
    expect([950, 9470.4, 47_200, 472_400, 999_499, 1_254_000, -1_254_000, -0.2].map(gbpShort)).toEqual([
      "£950",
      "£9,470",
      "£47k",
      "£472k",
      "£999k",
      "£1.25m",
      "−£1.25m",
      "£0",
    ]);
  });

  it("text: the who-gains matrix, then one tab-separated row per model under a header, then the readings", () => {
    const lines = comparisonText(cmp, "Compared").split("\n");
    expect(lines[0]).toBe("Compared");
    expect(lines[2]).toBe("Who gains when care moves out of hospital");
    expect(lines[4].split("\t")[0]).toBe("Acute trust");
    const header = lines.findIndex((l) => l.startsWith("Model\t"));
    expect(lines[header].split("\t")).toEqual(["Model", ...COLUMNS.map(([h]) => h)]);
    const block = lines.find((l) => l.startsWith("Block contract\t"))!.split("\t");
    // Block pays the activity value £120,000 against a cost of £114,000 (the hand-worked example).
    expect(block[1]).toBe("£120,000");
    expect(block[2]).toBe("£6,000");
    expect(lines).toContain(cmp.models[0].reading);
  });

  it("HTML is a plain styled table with every name escaped", () => {
    const html = comparisonHtml(cmp, "Costs <&> benefits");
    expect(html).toContain("Costs &lt;&amp;&gt; benefits");
    // The who-gains matrix (header, two organisations, commissioner, system) and the summary by model.
    expect(html.match(/<tr>/g)).toHaveLength(1 + 2 + 2 + 1 + cmp.models.length);
    expect(html).not.toMatch(/<script|class=/);
  });
});

describe("the board-paper paragraph", () => {
  it("names, for each organisation, the models it fares best and worst under, as the figures say, and the reading lines", async () => {
    const { comparePaymentModels, DEFAULT_TERMS } = await import("../../src/engine/comparison/compare");
    const { readPathwayTable } = await import("../../src/engine/inputs/pathway-table");
    const { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } = await import("../../examples/data");
    const { boardParagraph, boardParagraphHtml, gbp } = await import("../../src/taskpane/format");
    const t = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((s) => [...s])], "A1");
    const c = comparePaymentModels({ ...DEFAULT_TERMS, steps: t.steps, cohort: INTEGRATED_COHORT });
    const p = boardParagraph(c);
    expect(
      p.startsWith(
        `We compared 7 payment models for this pathway of 3 organisations (Acute trust, Community trust, PCN): activity worth ${gbp(c.activityValue)} a year`,
      ),
    ).toBe(true);
    // The acute trust: best and worst by its change in margin when care moves out of hospital.
    const acute = c.models.map((m) => m.shift.organisations[0]);
    const best = c.models[acute.indexOf(Math.max(...acute))];
    const worst = c.models[acute.indexOf(Math.min(...acute))];
    expect(worst.id).toBe("activity"); // PbR: the trust loses the income of the activity that moves
    expect(p).toContain(
      `Acute trust fares best under ${best.name} (a gain of ${gbp(Math.max(...acute))}) and worst under ${worst.name} (a loss of ${gbp(-Math.min(...acute))})`,
    );
    expect(p).toContain(c.models[0].reading);
    expect(p).not.toMatch(/\.\./);
    expect(boardParagraphHtml(c)).toMatch(/^<p style="font-family:Arial;font-size:11pt">We compared/);
  });
});
