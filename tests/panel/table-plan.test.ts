/**
 * The pathway as an Excel table: the written sheet's formulas use structured references (Pathway[Unit price £])
 * and every step-level figure is an array expression over the table's columns. Recomputed in HyperFormula with
 * each structured reference resolved to the table's current range (as Excel does), the sheet gives the engine's
 * figures — and after a row is added to the table, the engine's figures with that row.
 */
import { presetById, todaysRule as rule } from "../../src/engine/comparison/presets";
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import { INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS, MFF } from "../../examples/data";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { buildPlan, sheetReadsSetting } from "../../src/excel/plan";
import { resolveStructuredReferences, structuredColumns, type TableDef } from "../../src/engine/inputs/structured";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";

const letter = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** The plan on a sheet beside the "Tariff" sheet holding the table, structured references resolved for `def`. */
function recompute(plan: ReturnType<typeof buildPlan>, tariff: unknown[][], def: TableDef) {
  const grid: unknown[][] = [];
  for (const c of plan.cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(c.address)!;
    (grid[Number(m[2]) - 1] ??= [])[letter(m[1])] = c.formula ? resolveStructuredReferences(c.formula, [def]) : (c.value ?? null);
  }
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
  const hf = createWorkbookEngine({ Tariff: tariff, Comparison: grid });
  const id = hf.getSheetId("Comparison")!;
  return (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    return hf.getCellValue({ sheet: id, row: Number(m[2]) - 1, col: letter(m[1]) });
  };
}

describe("a pathway in an Excel table", () => {
  // The integrated pathway as the table "Pathway" on the sheet "Tariff", its header in row 3.
  const tariff: unknown[][] = [["Integrated pathway"], [], [...INTEGRATED_HEADERS], ...INTEGRATED_STEPS.map((s) => [...s])];
  const def: TableDef = { name: "Pathway", sheet: "Tariff", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: [...INTEGRATED_HEADERS] };
  const read = readPathwayTable(tariff.slice(2), "Tariff!A3:H11");
  const columns = structuredColumns("Pathway", read.headers, read.fields);
  const terms = { ...DEFAULT_TERMS, mff: MFF, cohort: INTEGRATED_COHORT };

  it("names every column by its header", () => {
    expect(columns.unitPrice).toBe("Pathway[Unit price £]");
    expect(columns.variableShare).toBe("Pathway[Variable %]"); // % needs no double brackets
    expect(columns.organisation).toBe("Pathway[Provider]");
  });

  const plan = (inp: ComparisonInputs, withYears = false) =>
    buildPlan({
      columns,
      table: { name: "Pathway" },
      rows: read.rows,
      stepRows: read.stepRows,
      tableAddress: "Pathway",
      cohortSource: null,
      inputs: inp,
      comparison: comparePaymentModels(inp),
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
      ...(withYears ? { transition: { transition: transition(inp, DEFAULT_TRANSITION), model: "capitation" } } : {}),
    });

  const expectFigures = (p: ReturnType<typeof buildPlan>, at: (a: string) => unknown, inp: ComparisonInputs, what: string) => {
    const cmp = comparePaymentModels(inp);
    for (const m of cmp.models) {
      for (const st of STATE_IDS) {
        cmp.organisations.forEach((_, o) => {
          const want = m.states[st].organisations[o].income;
          const got = at(p.organisationFigures[m.id].organisations[o].income[st]) as number;
          expect(Math.abs(got - want), `${what}: ${m.id} ${st} ${cmp.organisations[o]}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(want)));
        });
        expect(at(p.organisationFigures[m.id].commissioner[st]) as number).toBeCloseTo(m.states[st].commissioner, 5);
      }
    }
  };

  it("writes no cell address of the table: every formula on it is a structured reference", () => {
    const p = plan({ ...terms, steps: read.steps, holder: "alliance" } as ComparisonInputs, true);
    expect(p.cells.some((c) => c.formula?.includes("Tariff!"))).toBe(false);
    expect(p.cells.filter((c) => c.formula?.includes("Pathway[Unit price £]")).length).toBeGreaterThan(10);
    // Every formula within Excel's limit of 8,192 characters, even with the array expressions inlined.
    expect(Math.max(...p.cells.map((c) => c.formula?.length ?? 0))).toBeLessThanOrEqual(8192 / 2);
  });

  it("recomputes to the engine's figures; a row added to the table changes them to the engine's with that row", () => {
    for (const holder of ["lead", "alliance"] as const) {
      const inp = { ...terms, holder, steps: read.steps } as ComparisonInputs;
      const p = plan(inp);
      expectFigures(p, recompute(p, tariff, def), inp, `${holder}, as written`);
      // A row added at the foot of the table (Excel extends the table; its structured references follow).
      // "Acute", blank provider and share: the engine's synonym for hospital, its default trust and share.
      const added = ["Ambulatory clinic", "Acute", "", 70, 66, 2, 0.5, null];
      const grown = [...tariff, added];
      const after = readPathwayTable(grown.slice(2), "Tariff!A3:H12");
      expect(after.problems).toEqual([]);
      const at = recompute(p, grown, { ...def, dataRows: def.dataRows + 1 });
      const inp2 = { ...inp, steps: after.steps } as ComparisonInputs;
      expectFigures(p, at, inp2, `${holder}, a row added`);
      expect(at(p.organisationFigures.activity.commissioner.base)).not.toBeCloseTo(comparePaymentModels(inp).models[0].states.base.commissioner, 0);
      // The check line stays at £0: the new row's organisation (the hospital setting's default) is listed.
      const check = p.cells.find((c) => String(c.value).startsWith("Check: activity value"))!;
      expect(at(`B${/\d+/.exec(check.address)![0]}`)).toBeCloseTo(0, 6);
    }
  });

  it("a row of an organisation not on the sheet shows in the check line, never silently", () => {
    const inp = { ...terms, steps: read.steps } as ComparisonInputs;
    const p = plan(inp);
    const grown = [...tariff, ["Pharmacy review", "primary", "Community pharmacy", 30, 28, 1, 1, null]];
    const at = recompute(p, grown, { ...def, dataRows: def.dataRows + 1 });
    const check = p.cells.find((c) => String(c.value).startsWith("Check: activity value"))!;
    // A primary care step: its practice's capitation carries no MFF unless the table gives one.
    expect(at(`B${/\d+/.exec(check.address)![0]}`)).toBeCloseTo(30 * INTEGRATED_COHORT * 1, 6);
  });

  it("the transition's years follow the table too", () => {
    const inp = { ...terms, steps: read.steps } as ComparisonInputs;
    const p = plan(inp, true);
    const grown = [...tariff, ["Home visit", "community", "Community trust", 70, 66, 2, 0.5, 0.8]];
    const at = recompute(p, grown, { ...def, dataRows: def.dataRows + 1 });
    const after = readPathwayTable(grown.slice(2), "Tariff!A3:H12");
    const tr = transition({ ...inp, steps: after.steps }, DEFAULT_TRANSITION);
    const m = tr.models.find((x) => x.id === "capitation")!;
    const title = p.cells.find((x) => x.value === `${m.name}: by year`)!;
    const below = (x: { address: string }) => Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]);
    const pos = Number(/\d+/.exec(p.cells.find((x) => x.value === `${tr.organisations[0]}: position` && below(x))!.address)![0]);
    m.organisations.forEach((o, q) =>
      o.byYear.forEach((v, i) => expect(at(`${String.fromCharCode(67 + i)}${pos + q}`) as number, `${o.name} year ${i + 1}`).toBeCloseTo(v, 4)),
    );
  });
});

describe("a table with only the required columns", () => {
  it("reads every step as 'other' in one organisation, and still follows a row added", () => {
    const rows = [
      ["Step", "Unit price £", "Unit cost £", "Volume"],
      ["Visit", 100, 90, 2],
      ["Review", 50, 40, 1],
    ];
    const def: TableDef = { name: "Bare", sheet: "Tariff", row: 0, col: 0, dataRows: 2, columns: rows[0] as string[] };
    const read = readPathwayTable(rows, "Tariff!A1:D3");
    const inputs = { ...DEFAULT_TERMS, steps: read.steps, cohort: 10 } as ComparisonInputs;
    const p = buildPlan({
      columns: structuredColumns("Bare", read.headers, read.fields),
      table: { name: "Bare" },
      rows: read.rows,
      stepRows: read.stepRows,
      tableAddress: "Bare",
      cohortSource: null,
      inputs,
      comparison: comparePaymentModels(inputs),
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
    });
    const grown = [...rows, ["Call", 30, 20, 3]];
    const at = recompute(p, grown, { ...def, dataRows: 3 });
    const want = comparePaymentModels({ ...inputs, steps: readPathwayTable(grown, "Tariff!A1:D4").steps });
    expect(want.organisations).toHaveLength(1);
    for (const m of want.models)
      expect(at(p.organisationFigures[m.id].commissioner.shifted) as number, m.id).toBeCloseTo(m.states.shifted.commissioner, 6);
  });
});

describe("settings as people spell them, in a table", () => {
  const spellings = ["Hospital", "ACUTE", "in patient", "Secondary", "Community", "home", "Primary care", "primary Care", "GP", "Other", ""];
  it("the written formulas read every spelling the engine reads, or the panel writes the table by address", () => {
    expect(spellings.every(sheetReadsSetting)).toBe(true);
    expect(sheetReadsSetting("primary-care")).toBe(false); // the engine reads it; the sheet would not
    expect(sheetReadsSetting("in-patient")).toBe(false);
    const header = ["Step", "Setting", "Unit price £", "Unit cost £", "Volume"];
    const rows = [header, ...spellings.map((w, i) => [`Step ${i + 1}`, w, 100 + 10 * i, 90 + 5 * i, 1 + (i % 3)])];
    const read = readPathwayTable(rows, "Tariff!A1");
    expect(read.problems).toEqual([]);
    const def: TableDef = { name: "Spelt", sheet: "Tariff", row: 0, col: 0, dataRows: spellings.length, columns: header };
    const inputs = { ...DEFAULT_TERMS, steps: read.steps, cohort: 10 } as ComparisonInputs;
    const cmp = comparePaymentModels(inputs);
    const p = buildPlan({
      columns: structuredColumns("Spelt", read.headers, read.fields),
      table: { name: "Spelt" },
      rows: read.rows,
      stepRows: read.stepRows,
      tableAddress: "Spelt",
      cohortSource: null,
      inputs,
      comparison: cmp,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
    });
    const at = recompute(p, rows, def);
    cmp.organisations.forEach((name, o) => {
      for (const st of ["base", "shifted"] as const) {
        expect(at(p.organisationFigures.activity.organisations[o].income[st]) as number, `${name} ${st}`).toBeCloseTo(
          cmp.models[0].states[st].organisations[o].income,
          6,
        );
      }
    });
  });
});

describe("organisation names typed with stray spaces", () => {
  it("are one organisation to the engine and to the written sheet, as a table and as a range", () => {
    const header = [...INTEGRATED_HEADERS];
    const steps = INTEGRATED_STEPS.map((s) => [...s]);
    steps[1][2] = "Acute trust "; // a trailing space
    steps[5][2] = "Community  trust"; // two spaces inside
    const rows = [header, ...steps];
    const read = readPathwayTable(rows, "Tariff!A1:H9");
    const inputs = { ...DEFAULT_TERMS, steps: read.steps, cohort: INTEGRATED_COHORT } as ComparisonInputs;
    const cmp = comparePaymentModels(inputs);
    expect(cmp.organisations).toEqual(["Acute trust", "Community trust", "PCN"]);
    const def: TableDef = { name: "Pathway", sheet: "Tariff", row: 0, col: 0, dataRows: steps.length, columns: header };
    const base = {
      rows: read.rows,
      stepRows: read.stepRows,
      cohortSource: null,
      inputs,
      comparison: cmp,
      writtenOn: new Date(Date.UTC(2026, 11, 1)),
    };
    const plans = [
      buildPlan({ ...base, columns: structuredColumns("Pathway", read.headers, read.fields), table: { name: "Pathway" }, tableAddress: "Pathway" }),
      buildPlan({ ...base, columns: read.columns, tableAddress: "Tariff!A1:H9" }),
    ];
    for (const p of plans) {
      const at = recompute(p, rows, def);
      cmp.organisations.forEach((name, o) =>
        expect(at(p.organisationFigures.activity.organisations[o].income.base) as number, name).toBeCloseTo(
          cmp.models[0].states.base.organisations[o].income,
          6,
        ),
      );
      const check = p.cells.find((c) => String(c.value).startsWith("Check: activity value"))!;
      expect(at(`B${/\d+/.exec(check.address)![0]}`)).toBeCloseTo(0, 6);
    }
  });
});

/** The integrated pathway with extra columns, as the table "Pathway" on "Tariff": read, compared and planned as the panel does. */
function tableWithColumns(
  extra: string[],
  values: unknown[][],
  terms: Partial<ComparisonInputs> = {},
  years?: Partial<import("../../src/engine/comparison/transition").TransitionTerms>,
) {
  const headers = [...INTEGRATED_HEADERS, ...extra];
  const tariff: unknown[][] = [["Integrated pathway"], [], headers, ...INTEGRATED_STEPS.map((s, i) => [...s, ...values[i]])];
  const def: TableDef = { name: "Pathway", sheet: "Tariff", row: 2, col: 0, dataRows: INTEGRATED_STEPS.length, columns: headers };
  const read = readPathwayTable(tariff.slice(2), `Tariff!A3:${String.fromCharCode(64 + headers.length)}11`);
  const inp = { ...DEFAULT_TERMS, mff: MFF, cohort: INTEGRATED_COHORT, steps: read.steps, ...terms } as ComparisonInputs;
  const c = comparePaymentModels(inp);
  const tr = years ? transition(inp, { ...DEFAULT_TRANSITION, ...years }) : null;
  const p = buildPlan({
    columns: structuredColumns("Pathway", read.headers, read.fields),
    table: { name: "Pathway" },
    rows: read.rows,
    stepRows: read.stepRows,
    tableAddress: "Pathway",
    cohortSource: null,
    inputs: inp,
    comparison: c,
    writtenOn: new Date(Date.UTC(2026, 11, 1)),
    ...(tr ? { transition: { transition: tr, model: "activity" } } : {}),
  });
  return { read, c, tr, p, at: recompute(p, tariff, def) };
}

describe("a table with each step's own change in volume", () => {
  it("the written array expressions follow the change column (blank: the setting's rule), in the year and over the years", () => {
    const changes = [-0.3, null, null, -0.5, 0.45, null, 0.2, null];
    const {
      c,
      tr: transitionResult,
      p,
      at,
    } = tableWithColumns(
      ["Change in volume"],
      changes.map((x) => [x]),
      {},
      { releaseYear: 2, backfillShare: 0.25 },
    );
    const tr = transitionResult!;
    // Every model's figures in every state, the care shift's included, and each organisation's margin after it.
    for (const m of c.models) {
      expect(at(p.figures[m.id].marginShifted) as number, `${m.id} margin after the shift`).toBeCloseTo(m.shifted.margin, 4);
      expect(at(p.figures[m.id].systemShifted) as number, `${m.id} paid after the shift`).toBeCloseTo(m.shifted.payment, 4);
    }
    for (const m of tr.models) {
      const title = p.cells.find((x) => x.value === `${m.name}: by year`)!;
      const below = (x: { address: string }) => Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]);
      const pos = Number(/\d+/.exec(p.cells.find((x) => x.value === `${tr.organisations[0]}: position` && below(x))!.address)![0]);
      [...m.organisations, m.commissioner].forEach((o, q) =>
        o.byYear.forEach((v, i) =>
          expect(at(`${String.fromCharCode(67 + i)}${pos + q}`) as number, `${m.id} ${o.name} year ${i + 1}`).toBeCloseTo(v, 4),
        ),
      );
    }
  });
});

describe("today's contracts from a table's columns", () => {
  it("without the columns, a rule covering non-elective pays no hospital step today (a hospital step with no point of delivery is never taken for non-elective)", () => {
    const { c, p, at } = tableWithColumns(
      [],
      INTEGRATED_STEPS.map(() => []),
      { todaysRule: rule(presetById("mret-2010")!) },
    );
    expect(c.baseline.steps.filter((x) => x.source === "rule").length).toBe(0);
    for (const st of STATE_IDS)
      c.baseline.states[st].organisations.forEach((o, i) =>
        expect(at(p.baselineFigures.organisations[i].income[st]) as number, `today's contracts: ${c.organisations[i]} ${st}`).toBeCloseTo(
          o.income,
          4,
        ),
      );
    expect(Math.max(...p.cells.map((x) => x.formula?.length ?? 0))).toBeLessThanOrEqual(8192 / 2);
  });

  it.each([null, "mret-2010", "uec-2019", "api-2022"])(
    "the written array expressions read each step's payment today and point of delivery as the engine does (rule %s)",
    (preset) => {
      const today = [
        ["A&E", null],
        ["NEL", "fixed"],
        ["OPFA", null],
        ["EL", null],
        ["Community", 0.2],
        ["IS", null],
        ["Primary care", "activity"],
        [null, "30%"],
      ];
      const todaysRule = preset ? rule(presetById(preset)!) : null;
      const { read, c, p, at } = tableWithColumns(["Point of delivery", "Payment today"], today, { blockValue: 4_600_000, todaysRule });
      expect(read.problems).toEqual([]);
      for (const st of STATE_IDS)
        c.baseline.states[st].organisations.forEach((o, i) =>
          expect(at(p.baselineFigures.organisations[i].income[st]) as number, `today's contracts: ${c.organisations[i]} ${st}`).toBeCloseTo(
            o.income,
            4,
          ),
        );
      // Each step's share paid today is inlined in every income formula: still well within Excel's 8,192 characters.
      expect(Math.max(...p.cells.map((x) => x.formula?.length ?? 0))).toBeLessThanOrEqual(8192 / 2);
      for (const m of c.models) {
        m.versusToday.organisations.forEach((o, i) => {
          expect(at(p.versusToday[m.id].organisations[i].switch) as number, `${m.id} ${o.name} switch`).toBeCloseTo(o.switch, 4);
          expect(at(p.versusToday[m.id].organisations[i].total) as number, `${m.id} ${o.name} total`).toBeCloseTo(o.total, 4);
        });
        expect(at(p.versusToday[m.id].commissioner.total) as number, `${m.id} commissioner`).toBeCloseTo(m.versusToday.commissioner.total, 4);
      }
    },
  );
});

describe("each trust's own market forces factor (an MFF column)", () => {
  it("the written array expressions price each step at its own MFF (blank: the term's; primary care: none unless typed), in the year and over the years", () => {
    // Rows: ED, spell, review, follow-up (Acute trust), two community visits, two PCN steps (the second typed).
    const mffs = [1.08, 1.08, null, 1.08, 1.02, null, null, 1.04];
    const { read, c, tr: transitionResult, p, at } = tableWithColumns(
      ["MFF"],
      mffs.map((x) => [x]),
      {},
      { years: 3, shiftAchieved: [0.5, 1, 1], priceUplift: [0.02] },
    );
    expect(read.columnsRead.find((x) => x.header === "MFF")?.readAs).toBe("MFF");
    for (const m of c.models) {
      for (const st of STATE_IDS)
        c.organisations.forEach((name, o) =>
          expect(at(p.organisationFigures[m.id].organisations[o].income[st]) as number, `${m.id} ${st} ${name}`).toBeCloseTo(
            m.states[st].organisations[o].income,
            4,
          ),
        );
    }
    const tr = transitionResult!;
    for (const m of tr.models) {
      const title = p.cells.find((x) => x.value === `${m.name}: by year`)!;
      const below = (x: { address: string }) => Number(/\d+/.exec(x.address)![0]) > Number(/\d+/.exec(title.address)![0]);
      const pos = Number(/\d+/.exec(p.cells.find((x) => x.value === `${tr.organisations[0]}: position` && below(x))!.address)![0]);
      [...m.organisations, m.commissioner].forEach((o, q) =>
        o.byYear.forEach((v, i) => expect(at(`${String.fromCharCode(67 + i)}${pos + q}`) as number, `${m.id} ${o.name} year ${i + 1}`).toBeCloseTo(v, 4)),
      );
    }
  });
});
