/**
 * Every column of a pathway table read as a field or said not to be (issue 32 A): headers an analyst types, a
 * header that only begins like a known one never taken for it, and a person's own mapping.
 */
import { describe, expect, it } from "vitest";
import { nearestField, parseColumnMappings } from "../../src/engine/inputs/columns";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";

const rows = INTEGRATED_STEPS.map((s) => [...s]);
const withExtra = (header: string, values: unknown[]) => [
  [...INTEGRATED_HEADERS, header],
  ...rows.map((r, i) => [...r, values[i % values.length]]),
];

describe("which columns are read", () => {
  it("never reads a header that only begins like a known one", () => {
    // "Change vs 2024/25" is last year's price change, not each step's change in volume; "Share of spend" no
    // take-up; "Cost centre" no unit cost: each was read so before, and moved the system saving.
    for (const header of ["Change vs 2024/25", "Share of spend", "Cost centre", "Price change", "Organisation type"]) {
      const t = readPathwayTable(withExtra(header, [0.05]), "Pathway!A3:I11");
      expect(t.problems, header).toEqual([]);
      expect(t.columnsRead.find((c) => c.header === header), header).toMatchObject({ header, readAs: null });
      expect(t.steps.every((s) => s.volumeChange === undefined && s.takeUp !== 0.05 && s.unitCost !== 0.05), header).toBe(true);
    }
  });

  it("reads a known header followed by a year, and 'Service line' as the step", () => {
    const t = readPathwayTable(
      [["Service line", "Setting", "Unit price 2025/26", "Unit cost £", "Volume", "Take-up"], ["Admission", "hospital", 1000, 900, 1, 1]],
      "A1:F2",
    );
    expect(t.problems).toEqual([]);
    expect(t.steps[0].name).toBe("Admission");
    expect(t.steps[0].unitPrice).toBe(1000);
    expect(t.columnsRead.map((c) => c.readAs)).toEqual(["Step", "Setting", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"]);
  });

  it("lists every header not read, with the nearest field, and every header read as what", () => {
    const table = [
      [...INTEGRATED_HEADERS, "Shift %", "Planned change", "Payment mechanism", "Contract type", "", "Notes"],
      ...rows.map((r) => [...r, -0.2, -0.1, "Block", "API", "x", ""]),
    ];
    const t = readPathwayTable(table, "Pathway!A3:N11");
    expect(t.problems).toEqual([]);
    expect(t.columnsRead.map((c) => ({ header: c.header, readAs: c.readAs, ...(c.readAs === null ? { nearest: c.nearest } : {}) }))).toEqual([
      { header: "Step", readAs: "Step" },
      { header: "Setting", readAs: "Setting" },
      { header: "Provider", readAs: "Organisation" },
      { header: "Unit price £", readAs: "Unit price £" },
      { header: "Unit cost £", readAs: "Unit cost £" },
      { header: "Volume per patient", readAs: "Volume per patient" },
      { header: "Take-up", readAs: "Take-up" },
      { header: "Variable %", readAs: "Variable cost share" },
      { header: "Shift %", readAs: null, nearest: "Change in volume" },
      { header: "Planned change", readAs: null, nearest: "Change in volume" },
      { header: "Payment mechanism", readAs: null, nearest: "Payment today" },
      { header: "Contract type", readAs: null, nearest: "Payment today" },
      { header: "Column 13 (no header)", readAs: null, nearest: null },
      { header: "Notes", readAs: null, nearest: null },
    ]);
  });

  it("a header mapped by the person is read as the field it is mapped to, and the written columns follow it", () => {
    const table = withExtra("Shift %", [-0.25]);
    const m = parseColumnMappings(["Shift %=Change in volume"], table[0] as string[]);
    expect(m).toEqual({ map: { volumeChange: 8 } });
    const t = readPathwayTable(table, "Pathway!A3:I11", "map" in m ? m.map : {});
    expect(t.steps.every((s) => s.volumeChange === -0.25)).toBe(true);
    expect(t.columnsRead.find((c) => c.header === "Shift %")).toEqual({ column: 8, header: "Shift %", readAs: "Change in volume" });
    expect(t.columns.volumeChange).toBe("Pathway!$I$4:$I$11");
  });

  it("a mapping names what is wrong: the header, the field, a field mapped twice", () => {
    const headers = ["Step", "Shift %", "Plan %"];
    expect(parseColumnMappings(["Shift=Change in volume"], headers)).toEqual({
      problem: "--columns Shift=Change in volume: the table has no column headed 'Shift'; its headers are 'Step', 'Shift %', 'Plan %'",
    });
    expect(parseColumnMappings(["Shift %=Shift"], headers)).toMatchObject({ problem: expect.stringContaining("'Shift' is not a field; expected one of Step") });
    expect(parseColumnMappings(["Shift %=volumeChange", "Plan %=change in volume"], headers)).toEqual({
      problem: "--columns: Change in volume is mapped twice ('Shift %' and 'Plan %'); map it once",
    });
    expect(parseColumnMappings(["Shift %"], headers)).toMatchObject({ problem: expect.stringContaining('expected "header=field"') });
  });

  it("names a near field only when one is near", () => {
    expect(nearestField("Unit prise")).toBe("unitPrice");
    expect(nearestField("Comments")).toBeNull();
    expect(nearestField("")).toBeNull();
  });
});

describe("each trust's own market forces factor", () => {
  it("prices each step at its own MFF; blank takes the term's; a primary care step carries none unless typed (hand-worked)", () => {
    const t = readPathwayTable(
      [
        ["Step", "Setting", "Organisation", "Unit price", "Unit cost", "Volume", "MFF"],
        ["Admission", "hospital", "Trust A", 1000, 900, 1, 1.1],
        ["Admission", "hospital", "Trust B", 1000, 900, 1, null],
        ["Review", "primary", "PCN", 50, 45, 2, null],
        ["Review", "primary", "PCN 2", 50, 45, 2, 1.05],
      ],
      "P!A1:G5",
    );
    expect(t.problems).toEqual([]);
    const c = comparePaymentModels({ ...DEFAULT_TERMS, mff: 1.03, steps: t.steps, cohort: 100 });
    // Activity value today = price × volume × cohort × the step's MFF:
    //   Trust A 1,000 × 1 × 100 × 1.10 = 110,000; Trust B × 1.03 (the term) = 103,000;
    //   PCN 50 × 2 × 100 × 1 (no MFF for a practice) = 10,000; PCN 2 × 1.05 (typed) = 10,500.
    const activity = c.models.find((m) => m.id === "activity")!;
    expect(activity.states.base.organisations.map((o) => +o.income.toFixed(6))).toEqual([110_000, 103_000, 10_000, 10_500]);
    const bad = readPathwayTable(
      [
        ["Step", "Unit price", "Unit cost", "Volume", "MFF"],
        ["a", 1, 1, 1, 3],
      ],
      "P!A1:E2",
    );
    expect(bad.problems[0]).toMatchObject({ address: "P!E2", message: expect.stringContaining("MFF, row 1: expected a market forces factor from 0.5 to 2") });
  });
});
