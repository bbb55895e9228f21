/**
 * The `pay` command line: eval, recalc and check on the example workbooks (generated afresh from
 * data/ by examples/build-examples.ts), with key figures computed independently here, and bad input.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "./run";
import { comparePaymentModels, DEFAULT_TERMS } from "../../src/engine/comparison/compare";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { DEFAULT_TRANSITION, transition } from "../../src/engine/comparison/transition";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BASE_RATE,
  COHORT,
  CORRIDOR,
  COST_STEEPNESS,
  EXAMPLE_ICB,
  MFF,
  PARTNERS,
  PATHWAY_STEPS,
  SELECTED_PRACTICES,
  SELECTION_BANDS,
  SPELLS,
  TOP_SLICE,
  buildExamples,
  INTEGRATED_HEADERS,
  INTEGRATED_STEPS,
  INTEGRATED_COHORT,
  INTEGRATED_TRANSITION,
  integratedPlan,
  readPractices,
  selectionExample,
} from "../../examples/build-examples";

const root = path.resolve(__dirname, "../..");
const dataFile = path.join(root, "data", "gp-practice-weighted-populations-2025-26.csv");
let dir = "";

async function cellValues(file: string, sheet: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown> = {};
  wb.getWorksheet(sheet)?.eachRow((row) =>
    row.eachCell((c) => {
      out[c.address] = c.formula ? (c as unknown as { result: unknown }).result : c.value;
    }),
  );
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pay-examples-"));
  await buildExamples(dir, dataFile);
});

describe("help and printed figures", () => {
  it("pay --help names --years, --preset and Excel tables; pay compare --help says a table is taken by name", async () => {
    const help = await run("--help");
    for (const text of ["--years N", "--preset <id>", "Excel table by name"]) expect(help.out, text).toContain(text);
    const compareHelp = await run("compare", "--help");
    for (const text of ["an Excel table by its name", "never its", "rebaseEvery", "default 1: every", "backfillPayer"])
      expect(compareHelp.out, text).toContain(text);
  });
  it("an amount that rounds to nothing prints £0, never −£0", async () => {
    const { gbp } = await import("../../src/engine/comparison/compare");
    expect([gbp(-0.4), gbp(-0), gbp(-0.5), gbp(1234.5)]).toEqual(["£0", "£0", "£0", "£1,235"]);
    expect(gbp(-0.6)).toBe("−£1");
  });
});

describe("pay eval", () => {
  it("evaluates PAY functions beside Excel built-ins and inline arrays, at full precision", async () => {
    expect(await run("eval", "=ROUND(PAY.RISK_SHARE(11000000,10000000,{0;0.03;0.08},{0;0.5;0.8}),0)")).toMatchObject({ code: 0, out: "410000" });
    // 1 − Φ(1) = 0.158655253931457051…: all 17 significant digits printed, within 1e-15 of the true value.
    const p = (await run("eval", "PAY.OVERSPEND_PROBABILITY(10000,5,0.05)", "--full")).out;
    expect(p).toMatch(/^0\.158655253931457\d\d$/);
    expect(Math.abs(Number(p) - 0.15865525393145705)).toBeLessThan(1e-15);
    expect((await run("eval", "=SUM(PAY.GAIN_SHARE(600,{1;2;3}))")).out).toBe("600");
  });
  it("prints numbers as Excel shows a General cell (15 significant digits); --full prints every digit", async () => {
    // (5000 + 4 × 300) × 1.1 = 6820, which a double holds as 6820.000000000001: Excel shows 6820.
    expect((await run("eval", "=PAY.SPELL_PRICE(5000,14,10,300,1.1)")).out).toBe("6820");
    expect((await run("eval", "=PAY.SPELL_PRICE(5000,14,10,300,1.1)", "--full")).out).toBe("6820.000000000001");
    expect((await run("eval", "=0.1+0.2")).out).toBe("0.3");
    expect((await run("eval", "=1/3")).out).toBe("0.333333333333333");
  });
  it("a spilled row's own error stays in its row, with its message, and exits 1", async () => {
    const r = await run("eval", '=PAY.SPELL_PRICE({5000;5000;2000},{14;"n/a";30},{10;10;20},{300;300;250})');
    expect(r.out).toBe("6200\n#VALUE!\n4500");
    expect(r.err).toBe("row 2: #VALUE! length_of_stay, row 2: expected a whole number of at least 0, got 'n/a'");
    expect(r.code).toBe(1);
  });
  it("prints a spilled array as rows", async () => {
    expect((await run("eval", "=PAY.GAIN_SHARE(600000,{50;30;20})")).out).toBe("300000\n180000\n120000");
  });
  it("an error prints its code and message and exits 1", async () => {
    const r = await run("eval", '=PAY.PATHWAY_COST({1;2},{1;"n/a"})');
    expect(r.code).toBe(1);
    expect(r.err).toBe("#VALUE! volumes, row 2: expected a number of at least 0, got 'n/a'");
  });
  it("a formula that does not parse exits 2 with one line", async () => {
    const r = await run("eval", "=PAY.PATHWAY_COST({1;2},");
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
  });
});

describe("pay recalc on the examples", () => {
  it("hip fracture pathway: pathway cost and a spell table priced by one array formula", async () => {
    const input = path.join(dir, "hip-fracture-pathway.xlsx");
    const output = path.join(dir, "hip-out.xlsx");
    const before = readFileSync(input);
    const r = await run("recalc", input, "-o", output);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("all PAY formulas evaluate");
    expect(readFileSync(input).equals(before)).toBe(true);
    const v = await cellValues(output, "Pathway");
    const perPatient = PATHWAY_STEPS.reduce((s, [, , price, , vol, take]) => s + price * vol * take, 0);
    const cost = PATHWAY_STEPS.reduce((s, [, , , unitCost, vol, take]) => s + unitCost * vol * take, 0);
    expect(v.B16).toBeCloseTo(perPatient, 9);
    expect(v.B17).toBeCloseTo(perPatient * COHORT * MFF, 6);
    expect(v.B18).toBeCloseTo(cost * COHORT, 6);
    expect(v.B20).toBe(0);
    const s = await cellValues(output, "Spells");
    const prices = SPELLS.map(([, base, los, trim, perDay, short]) => ((los <= 1 ? short : base) + Math.max(0, los - trim) * perDay) * MFF);
    prices.forEach((p, i) => expect(s[`G${4 + i}`] as number, `G${4 + i}`).toBeCloseTo(p, 6));
    expect(s.G17).toBeCloseTo(
      prices.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it(`ICB capitation: ${EXAMPLE_ICB} from the real practice data, national need index 1.000, named ranges`, async () => {
    const output = path.join(dir, "icb-out.xlsx");
    const r = await run("recalc", path.join(dir, "icb-capitation.xlsx"), "-o", output);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/3 named range\(s\)/);
    const practices = readPractices(dataFile).filter((p) => p.icbName === EXAMPLE_ICB);
    const weighted = practices.reduce((s, p) => s + p.finalWp, 0);
    const v = await cellValues(output, "Budget");
    expect(v.B8).toBe(practices.length);
    expect(v.B11).toBeCloseTo(weighted * BASE_RATE * (1 - TOP_SLICE), 2);
    expect(v.B12).toBeCloseTo(weighted * BASE_RATE, 2);
    expect(Math.abs((v.B14 as number) - 1)).toBeLessThan(1e-6);
  });

  it(`selection gain: a provider holding the ${SELECTED_PRACTICES} least needy practices of ${EXAMPLE_ICB}, flat rate against need weights`, async () => {
    const output = path.join(dir, "selection-out.xlsx");
    const r = await run("recalc", path.join(dir, "selection-gain.xlsx"), "-o", output);
    expect(r.code, r.out).toBe(0);
    // Independently: need bands of the real practices, the ICB's population and need weight per band,
    // illustrative cost per head £1,850 × need ^ 1.5, the provider's list per band; then SELECTION_GAIN by hand.
    const practices = selectionExample(dataFile);
    const bands = Array.from({ length: SELECTION_BANDS }, (_, b) => practices.filter((p) => p.band === b + 1));
    const pop = bands.map((ps) => ps.reduce((t, p) => t + p.population, 0));
    const weight = bands.map((ps, b) => ps.reduce((t, p) => t + p.finalWp, 0) / pop[b]);
    const cost = weight.map((w) => BASE_RATE * w ** COST_STEEPNESS);
    const list = bands.map((ps) => ps.filter((p) => p.selected).reduce((t, p) => t + p.population, 0));
    const gain = (w: number[]) => {
      const base = pop.reduce((t, x, b) => t + x * cost[b], 0) / pop.reduce((t, x, b) => t + x * w[b], 0);
      return list.reduce((t, l, b) => t + l * (w[b] * base - cost[b]), 0);
    };
    const v = await cellValues(output, "Selection");
    const end = 4 + SELECTION_BANDS;
    expect(v[`B${end + 2}`] as number).toBeCloseTo(gain(pop.map(() => 1)), 4);
    expect(v[`B${end + 3}`] as number).toBeCloseTo(gain(weight), 4);
    expect(Math.abs(v[`B${end + 4}`] as number)).toBeLessThan(1e-4);
    // The least needy lists gain under a flat rate, and the need weights take most of that away.
    expect(gain(pop.map(() => 1))).toBeGreaterThan(gain(weight));
    expect(gain(weight)).toBeGreaterThan(0);
  });

  it("integrated care: the comparison and its five-year transition, written as the add-in writes them, recalculate to the engine's figures", async () => {
    const output = path.join(dir, "integrated-out.xlsx");
    const r = await run("recalc", path.join(dir, "integrated-care.xlsx"), "-o", output);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("all PAY formulas evaluate");
    const v = await cellValues(output, "PAY comparison");
    const plan = integratedPlan();
    const table = readPathwayTable([INTEGRATED_HEADERS, ...INTEGRATED_STEPS.map((x) => [...x])], "Pathway!A3:H11");
    const inputs = { ...DEFAULT_TERMS, mff: MFF, steps: table.steps, cohort: INTEGRATED_COHORT };
    const c = comparePaymentModels(inputs);
    c.models.forEach((m, k) => m.shift.organisations.forEach((d, o) => expect(v[plan.matrix.organisations[o][k]] as number).toBeCloseTo(d, 4)));
    // The transition's positions: the acute trust under a block contract, year by year, and its NPV.
    const tr = transition(inputs, { ...DEFAULT_TRANSITION, ...INTEGRATED_TRANSITION });
    const block = tr.models.find((m) => m.id === "block")!;
    const rowOf = (label: string, after = 0) => {
      const hit = Object.entries(v).find(([a, x]) => x === label && a.startsWith("A") && Number(a.slice(1)) > after);
      return Number(hit![0].slice(1));
    };
    const acute = rowOf("Acute trust: position", rowOf("Block contract: by year"));
    block.organisations[0].byYear.forEach((x, i) => expect(v[`${String.fromCharCode(67 + i)}${acute}`] as number).toBeCloseTo(x, 4));
    expect(v[`H${acute}`] as number).toBeCloseTo(block.organisations[0].npv, 4);
  });

  it("risk corridor and gain share: settlements by scenario and parts that add up", async () => {
    const output = path.join(dir, "risk-out.xlsx");
    const r = await run("recalc", path.join(dir, "risk-and-gain-share.xlsx"), "-o", output);
    expect(r.code, r.out).toBe(0);
    const c = await cellValues(output, "Corridor");
    // Outturn £28m on a £25m budget: variance 12% → 50% × (8% − 3%) + 80% × (12% − 8%) of the budget.
    expect(c.B17).toBeCloseTo(CORRIDOR.budget * (0.5 * 0.05 + 0.8 * 0.04), 4);
    expect(c.B13 ?? 0).toBe(0); // £24.5m: inside the provider's own 3% band
    const g = await cellValues(output, "Gain share");
    const total = PARTNERS.reduce((s, p) => s + p[1], 0);
    PARTNERS.forEach((p, i) => expect(g[`D${8 + i}`] as number).toBeCloseTo((360_000 * p[1]) / total, 6));
    expect(g.D11).toBeCloseTo(360_000, 6);
  });

  it("without -o writes nothing", async () => {
    const input = path.join(dir, "risk-and-gain-share.xlsx");
    const mtime = statSync(input).mtimeMs;
    const r = await run("recalc", input);
    expect(r.out).toContain("nothing written");
    expect(statSync(input).mtimeMs).toBe(mtime);
  });
});

describe("pay check", () => {
  it("finds no difference in a workbook we recalculated, and lists a cell whose saved value differs", async () => {
    const good = path.join(dir, "check-good.xlsx");
    await run("recalc", path.join(dir, "risk-and-gain-share.xlsx"), "-o", good);
    const ok = await run("check", good);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/28 formula value\(s\) compared, 0 differ/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(good);
    const cell = wb.getWorksheet("Corridor")!.getCell("B17");
    cell.value = { formula: cell.formula, result: 1_000_000 } as ExcelJS.CellValue;
    const bad = path.join(dir, "check-bad.xlsx");
    await wb.xlsx.writeFile(bad);
    const r = await run("check", bad);
    expect(r.code).toBe(1);
    expect(r.out).toContain("differs Corridor!B17: saved 1000000, ours 1425000");
  });
});

describe("bad input: one clear line, exit 2, no stack trace", () => {
  const cases: [string, (f: string) => void, RegExp][] = [
    ["a missing file", () => undefined, /no such file/],
    ["a text file", (f) => writeFileSync(f, "Step,Price\nED,200\n"), /is not an \.xlsx workbook/],
    [
      "a corrupt workbook",
      (f) => writeFileSync(f, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)])),
      /cannot be read as a workbook/,
    ],
    [
      "a password-protected workbook",
      (f) => writeFileSync(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])),
      /password-protected/,
    ],
  ];
  it.each(cases)("%s", async (_name, make, message) => {
    const f = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.xlsx`);
    make(f);
    for (const cmd of ["recalc", "check"]) {
      const r = await run(cmd, f);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain(f);
      expect(r.err.split("\n")).toHaveLength(1);
    }
  });
  it("a formula pay cannot read is an error in its own cell, named, and the rest of the file is recalculated", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Inputs");
    ws.getCell("B4").value = { formula: "PAY.PATHWAY_COST(A1:A3,(" } as ExcelJS.CellValue;
    ws.getCell("B5").value = { formula: "SUM(Sheet2:Sheet3!A1)" } as ExcelJS.CellValue; // a 3-D reference
    ws.getCell("B6").value = { formula: "PAY.PATHWAY_COST(2,3)" } as ExcelJS.CellValue;
    const f = path.join(dir, "unparsable.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await run("recalc", f);
    expect(r.code).toBe(1);
    expect(r.out).toContain("error Inputs!B4: #NAME? pay cannot read this formula");
    expect(r.out).toContain("error (not PAY) Inputs!B5: #NAME?");
    expect(r.out).toContain("1 PAY formula(s) give an error");
  });
  it("the installed command (build/node) behaves the same from a shell", () => {
    const bin = path.join(root, "build/node/src/cli/pay.js");
    expect(execFileSync(process.execPath, [bin, "eval", "=PAY.MIN_POPULATION(3,0.05)"], { encoding: "utf8" }).trim()).toBe("9740");
    const missing = spawnSync(process.execPath, [bin, "recalc", "/nonexistent/book.xlsx"], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe("pay: /nonexistent/book.xlsx: no such file");
  });
});
