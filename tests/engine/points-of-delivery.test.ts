/**
 * Points of delivery as NHS workbooks spell them, read only by whole words and codes, and today's defaults as
 * the 2025/26 NHS Payment Scheme has them (issue 32 A and B; docs/nhs-payment-rules.md):
 * - API variable element at 100% of unit prices: elective ordinary and day case admissions, first outpatient
 *   attendances and outpatient procedures; outpatient follow-ups in the fixed element (NHSPS 2023/24 "API
 *   variable element" guidance, repeated 2024/25 and 2025/26);
 * - independent-sector providers: activity-based payment at unit prices (NHSPS 2025/26 payment mechanisms);
 * - a hospital step with no point of delivery is never taken for non-elective: no rule for a point of delivery
 *   (MRET, the UEC blended payment) pays it; it gets the hospital's default, fixed, and the output says so.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { presetById, todaysRule } from "../../src/engine/comparison/presets";
import { readPointOfDelivery } from "../../src/engine/comparison/today";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";

describe("points of delivery as the NHS spells them", () => {
  it("reads the usual spellings and codes", () => {
    const cases: Record<string, string> = {
      elective: "elective",
      EL: "elective",
      "Ordinary elective": "elective",
      "Day case": "elective",
      DC: "elective",
      "Non-elective": "non-elective",
      NEL: "non-elective",
      NELST: "non-elective",
      Emergency: "non-elective",
      "A&E": "urgent",
      ED: "urgent",
      "Type 1": "urgent",
      "Type 1 A&E": "urgent",
      SDEC: "urgent",
      OPFA: "outpatient first",
      OPFASPCL: "outpatient first",
      "First outpatient": "outpatient first",
      OPFU: "outpatient follow-up",
      OPFUPSPCL: "outpatient follow-up",
      "Follow-up": "outpatient follow-up",
      OPPROC: "outpatient procedure",
      "Outpatient procedure": "outpatient procedure",
      Outpatient: "outpatient",
      Community: "community",
      "Primary care": "primary care",
      GP: "primary care",
      Ambulance: "ambulance",
      "999": "ambulance",
      "Independent sector": "independent sector",
      IS: "independent sector",
    };
    for (const [typed, read] of Object.entries(cases)) expect(readPointOfDelivery(typed), typed).toBe(read);
  });

  it("never reads part of a word: a cell is a point of delivery only when the whole of it is one", () => {
    for (const typed of ["Aerobic", "Aesthetics", "Nelson ward", "Opfamily", "Elderly care", "Edinburgh", "Gpx", "Island"])
      expect(readPointOfDelivery(typed), typed).toBeNull();
  });

  it("lists every value not read, not only the first", () => {
    const t = readPathwayTable(
      [
        ["Step", "Price", "Cost", "Volume", "POD"],
        ["a", 1, 1, 1, "Aerobic"],
        ["b", 1, 1, 1, "NEL"],
        ["c", 1, 1, 1, "Ward 7"],
      ],
      "S!A1:E4",
    );
    expect(t.problems.map((p) => p.address)).toEqual(["S!E2", "S!E4"]);
  });
});

describe("today's defaults as the 2025/26 NHS Payment Scheme has them", () => {
  const steps = readPathwayTable(
    [
      ["Step", "Setting", "Provider", "Unit price", "Unit cost", "Volume", "POD"],
      ["First attendance", "hospital", "Acute trust", 200, 180, 1, "OPFA"],
      ["Procedure", "hospital", "Acute trust", 300, 250, 1, "OPPROC"],
      ["Follow-up", "hospital", "Acute trust", 120, 100, 2, "OPFU"],
      ["Hip replacement", "hospital", "Independent hospital", 6000, 5500, 0.1, "IS"],
      ["Admission", "hospital", "Acute trust", 3000, 2800, 0.5, "NEL"],
    ],
    "P!A1:G6",
  ).steps;

  it("first attendances, procedures and independent-sector activity by activity; follow-ups and admissions fixed", () => {
    const b = comparePaymentModels({ ...DEFAULT_TERMS, steps, cohort: 100 }).baseline;
    expect(b.steps.map((x) => [x.pointOfDelivery, x.paymentToday.kind, x.source])).toEqual([
      ["outpatient first", "activity", "default"],
      ["outpatient procedure", "activity", "default"],
      ["outpatient follow-up", "fixed", "default"],
      ["independent sector", "activity", "default"],
      ["non-elective", "fixed", "default"],
    ]);
  });
});

describe("a hospital step with no point of delivery", () => {
  const read = readPathwayTable([[...INTEGRATED_HEADERS], ...INTEGRATED_STEPS.map((s) => [...s])], "Pathway!A3:H11");
  const inputs: ComparisonInputs = { ...DEFAULT_TERMS, steps: read.steps, cohort: INTEGRATED_COHORT };

  it("is paid by no rule for a point of delivery: MRET and the UEC blended payment leave today's contracts as they are", () => {
    const plain = comparePaymentModels(inputs);
    for (const id of ["mret-2017", "mret-2010", "uec-2019"]) {
      const ruled = comparePaymentModels({ ...inputs, todaysRule: todaysRule(presetById(id)!) });
      expect(ruled.baseline.steps.filter((x) => x.source === "rule"), id).toEqual([]);
      for (const st of STATE_IDS) expect(ruled.baseline.states[st], `${id} ${st}`).toEqual(plain.baseline.states[st]);
      // Before, MRET paid the outpatient follow-up and A&E as emergency admissions and the commissioner "saved".
      for (const m of ruled.models) expect(m.versusToday, `${id} ${m.id}`).toEqual(plain.models.find((x) => x.id === m.id)?.versusToday);
    }
  });

  it("gets the hospital's default (fixed), and the output says so, naming the steps", () => {
    const c = comparePaymentModels(inputs);
    const hospital = c.baseline.steps.filter((x, i) => read.steps[i].setting === "hospital");
    expect(hospital.map((x) => [x.pointOfDelivery, x.paymentToday.kind])).toEqual(hospital.map(() => [null, "fixed"]));
    expect(c.notes.join("\n")).toContain(
      "Today's contracts: 4 hospital steps have no point of delivery (ED attendance, Hip fracture spell, Orthogeriatric review, Outpatient follow-up): paid as the hospital's default today (fixed), and no NHS rule for a point of delivery applies",
    );
  });
});
