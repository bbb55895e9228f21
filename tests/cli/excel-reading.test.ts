/**
 * `pay` reads workbooks as Excel reads them, written by tools other than the project's own writer: openpyxl
 * (tests/cli/fixtures/make_fixtures.py, Debian's 3.0.9, which writes absolute relationship targets), and the
 * same packages changed into the forms Excel itself writes (a table part without headerRowCount, relative
 * targets, shared formulas, inline strings, a namespace prefix). Each case failed before pay read the parts
 * itself: the whole file was refused ("reading 'name'"), or a cell was read wrongly.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "./run";
import { loadWorkbook, recalculate, type Recalculation } from "../../src/cli/workbook";
import { walkXml } from "../../src/cli/xlsx/xml";

const FIXTURES = path.join(__dirname, "fixtures");
const READING = path.join(FIXTURES, "openpyxl-reading.xlsx");
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pay-reading-"));
});

async function recalc(file: string): Promise<Recalculation> {
  return recalculate(await loadWorkbook(file), file);
}

function result(r: Recalculation, sheet: string, address: string): unknown {
  const c = r.cells.find((x) => x.sheet === sheet && x.address === address);
  if (!c) throw new Error(`no formula at ${sheet}!${address}`);
  return c.result;
}

/** A copy of a package with some parts changed. */
async function changed(file: string, name: string, edit: (part: string, text: string) => string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const [part, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(part)) continue;
    const text = await entry.async("string");
    const next = edit(part, text);
    if (next !== text) zip.file(part, next, { createFolders: false });
  }
  const out = path.join(dir, name);
  writeFileSync(out, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  return out;
}

describe("formulas as Excel means them", () => {
  it("a bare TRUE or FALSE is Excel's constant (exact-match VLOOKUP, IF(…,TRUE,FALSE)), not #NAME?", async () => {
    const r = await recalc(READING);
    expect(result(r, "Steps", "E1")).toBe(200);
    expect(result(r, "Steps", "E2")).toBe(true);
    expect(result(r, "Steps", "E3")).toBe(false);
  });

  it("a number in E notation, as Excel writes 1E+21 or 1E-20 in a formula, is that number (HyperFormula reads only a lower-case e)", async () => {
    const file = await changed(READING, "exponent.xlsx", (part, text) =>
      part === "xl/worksheets/sheet1.xml" ? text.replace('<f>VLOOKUP("Clinic",A2:C4,2,FALSE)</f>', "<f>1E+21/2E+20+1E-20*1E20+SUM(1.5E2)</f>") : text,
    );
    expect(result(await recalc(file), "Steps", "E1")).toBe(5 + 1 + 150);
  });

  it('text stays text: ISTEXT("150") is TRUE, SUM skips it, a provider typed as =1+1 is that text', async () => {
    const r = await recalc(READING);
    expect(result(r, "Text", "C1")).toBe(true);
    expect(result(r, "Text", "D1")).toBe(10);
    expect(result(r, "Text", "B2")).toBe("=1+1");
    expect(result(r, "Text", "B3")).toBe(false); // the text TRUE is not a logical
    expect(result(r, "Text", "B4")).toBe(false); // a date typed as text is not a number
    expect(result(r, "Text", "B5")).toBe(true);
  });

  it("a name local to each of two sheets, and the workbook's own of the same spelling, stay apart", async () => {
    const r = await recalc(READING);
    expect(result(r, "North", "B1")).toBe(10);
    expect(result(r, "South", "B1")).toBe(20);
    expect(result(r, "Text", "E1")).toBe(100); // the workbook's Rate, Text!B1 = 10
    expect(result(r, "Text", "F1")).toBe(20); // South!Rate
  });

  it("names of tables and of cells that are not ASCII (Étapes_prix, Cohorte_é)", async () => {
    const r = await recalc(READING);
    expect(result(r, "Étapes", "E2")).toBe((1000 + 200 + 50) * 250);
  });

  it("old-style array formulas fit their range as Excel does, and an error inside one reaches SUM", async () => {
    const r = await recalc(READING);
    const c1 = r.cells.find((c) => c.sheet === "Arrays" && c.address === "C1")!;
    expect([c1.result, ...c1.spill.map((s) => s.value)]).toEqual([2, 4]); // 3 results, a 2-cell range: the first two
    expect(result(r, "Arrays", "E2")).toBe(6);
    expect(result(r, "Arrays", "E1")).toMatchObject({ error: "#DIV/0!" });
    expect(result(r, "Arrays", "E3")).toBe(true);
  });
});

describe("structured references", () => {
  it("a table written by openpyxl 3.0 (absolute relationship targets) is read, and its columns summed", async () => {
    const r = await recalc(READING);
    expect(r.tables.map((t) => t.name)).toEqual(["Steps", "Étapes_prix"]);
    expect(result(r, "Steps", "G1")).toBe(1250);
    expect(result(r, "Steps", "G2")).toBe(1000 + 400 + 200);
  });

  it("a table as Excel writes it (no headerRowCount: one header row; relative targets) is a table", async () => {
    const excelStyle = await changed(READING, "excel-style-table.xlsx", (part, text) =>
      part.startsWith("xl/tables/")
        ? text.replace(/\sheaderRowCount="1"/, "")
        : part.endsWith(".rels")
          ? text.replace(/Target="\/xl\/tables\//g, 'Target="../tables/').replace(/Target="\/xl\//g, 'Target="')
          : text,
    );
    const zip = await JSZip.loadAsync(readFileSync(excelStyle));
    expect(await zip.file("xl/tables/table1.xml")!.async("string")).not.toContain("headerRowCount");
    const r = await recalc(excelStyle);
    expect(result(r, "Steps", "G1")).toBe(1250);
    expect(result(r, "Steps", "H3")).toBe(4);
  });

  it("one that names nothing is #REF! in its own cell only; headers and data together; a name for a column", async () => {
    const r = await recalc(READING);
    expect(result(r, "Steps", "H1")).toMatchObject({ error: "#REF!", message: expect.stringContaining("no Total Row") });
    expect(result(r, "Steps", "H3")).toBe(4); // [[#Headers],[#Data],[Step]]: the header and three steps
    expect(result(r, "Steps", "H4")).toBe(1250); // =SUM(Prices), Prices = Steps[Unit price]
    expect(result(r, "Steps", "H5")).toBe(2500);
    // "This row" outside the table: the table's row beside it (H2, as Excel intersects), #VALUE! below it (H6).
    expect(result(r, "Steps", "H2")).toBe(1000);
    expect(result(r, "Steps", "H6")).toMatchObject({ error: "#VALUE!" });
    expect(result(r, "Steps", "H7")).toMatchObject({ error: "#REF!", message: expect.stringContaining("no table called 'Nowhere'") });
    const out = await run("recalc", READING);
    expect(out.code).toBe(0);
    expect(out.out).toContain("error (not PAY) Steps!H1: #REF!");
  });

  it("a table chosen by its address, Total Row included or not, is read as by its name", async () => {
    const file = path.join(FIXTURES, "openpyxl-totals.xlsx");
    const byName = await run("compare", file, "--table", "Steps", "--cohort", "J1", "--json");
    expect(byName.err).toBe("");
    for (const address of ["Pathway!A1:G6", "Pathway!A1:G5", "'Pathway'!$A$1:$G$6"]) {
      const byAddress = await run("compare", file, "--table", address, "--cohort", "J1", "--json");
      expect(byAddress.out, address).toBe(byName.out);
    }
    const json = JSON.parse(byName.out) as { models: { commissioner: { base: number } }[] };
    // Four steps at unit price × volume × take-up × 300 patients; the Total Row is no fifth step.
    expect(json.models[0].commissioner.base).toBeCloseTo((4500 * 0.5 + 180 * 2 * 0.8 + 90 * 6 * 0.9 + 40 * 2) * 300, 6);
  });
});

describe("pay recalc -o writes what Excel opens", () => {
  it("escapes control characters in text results as Excel does (_x0001_): the part stays well-formed", async () => {
    const out = path.join(dir, "control.xlsx");
    expect((await run("recalc", READING, "-o", out)).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(() => walkXml(sheet, "sheet1.xml", {})).not.toThrow();
    expect(sheet).toContain("a_x0001_b");
    const back = await recalc(out);
    expect(back.cells.find((c) => c.address === "F1")!.cached).toBe("a\u0001b");
    expect(back.cells.find((c) => c.address === "F2")!.cached).toBe("\u001f");
    expect(back.cells.find((c) => c.address === "F3")!.cached).toBe("tab\tkept");
  });

  it("adds no zip entry to an openpyxl package (no folder entries), and keeps every one it had", async () => {
    const out = path.join(dir, "entries.xlsx");
    expect((await run("recalc", READING, "-o", out)).code).toBe(0);
    const names = async (f: string) => Object.keys((await JSZip.loadAsync(readFileSync(f))).files).sort();
    expect(await names(out)).toEqual(await names(READING));
  });

  it("-o into a folder that does not exist is one line before any work, and writes nothing", async () => {
    const out = path.join(dir, "no-such-folder", "x.xlsx");
    const r = await run("recalc", READING, "-o", out);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toContain(`there is no folder ${path.join(dir, "no-such-folder")}`);
    expect(existsSync(out)).toBe(false);
  });
});

describe("parts as Excel and other writers store them", () => {
  it("shared formulas are moved to each cell; inline strings; a namespace prefix on every element", async () => {
    const file = await changed(READING, "shared.xlsx", (part, text) => {
      if (part !== "xl/worksheets/sheet6.xml") return text;
      // Arrays!A1:B3 as Excel stores a filled-down formula: the anchor holds it, the others only its index.
      return text
        .replace(
          /<c r="E1"([^>]*)><f>SUM\(D1:D3\)<\/f><v>[^<]*<\/v><\/c>/,
          (_m, a: string) => `<c r="E1"${a}><f t="shared" ref="E1:E3" si="0">A1*$B$1+A$1</f></c>`,
        )
        .replace(/<c r="E2"([^>]*)><f>[^<]*<\/f><v>[^<]*<\/v><\/c>/, '<c r="E2"$1><f t="shared" si="0"/></c>')
        .replace(
          /<c r="E3"([^>]*)><f>[^<]*<\/f><v>[^<]*<\/v><\/c>/,
          '<c r="E3"$1><f t="shared" si="0"/></c><c r="F3" t="inlineStr"><is><t>inline</t></is></c>',
        )
        .replace(/<(\/?)(worksheet|sheetData|row|c|f|v|is|t)\b/g, "<$1x:$2")
        .replace(/<x:worksheet /, '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ');
    });
    const r = await recalc(file);
    // A1*$B$1+A$1 moved down: A2*$B$1+A$1, A3*$B$1+A$1 (B1 = 1, A1 = 1).
    expect([1, 2, 3].map((i) => result(r, "Arrays", `E${i}`))).toEqual([2, 3, 4]);
    expect(r.cells.find((c) => c.sheet === "Arrays" && c.address === "E2")!.formula).toBe("A2*$B$1+A$1");
    const f3 = r.model.sheets.find((s) => s.name === "Arrays")!.cells.find((c) => c.row === 2 && c.col === 5);
    expect(f3?.value).toBe("inline");
  });
});

describe("pay recalc -o loses nothing", () => {
  it("refuses a part whose cells it cannot patch (a namespace prefix on every element), writing nothing, exit 2", async () => {
    const file = await changed(READING, "prefixed.xlsx", (part, text) =>
      part !== "xl/worksheets/sheet1.xml"
        ? text
        : text
            .replace(/<(\/?)(worksheet|sheetData|row|c|f|v|is|t)\b/g, "<$1x:$2")
            .replace(/<x:worksheet /, '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '),
    );
    const output = path.join(dir, "prefixed-out.xlsx");
    const r = await run("recalc", file, "-o", output);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing written: pay cannot store the values of \d+ formula cell\(s\) in xl\/worksheets\/sheet1\.xml \(E1, /);
    expect(existsSync(output)).toBe(false);
  });
});

describe("a damaged file is said to be damaged", () => {
  it("a shared-string index the file does not hold names the cell, never reads as blank or as the first string", async () => {
    // The project's own example, written with shared strings (openpyxl writes text inline).
    const example = path.join(__dirname, "..", "..", "examples", "integrated-care.xlsx");
    const file = await changed(example, "bad-strings.xlsx", (part, text) =>
      part !== "xl/worksheets/sheet1.xml" ? text : text.replace(/(<c r="A1"[^>]*t="s"[^>]*>)<v>\d+<\/v>/, "$1<v>999</v>"),
    );
    const r = await run("recalc", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("xl/worksheets/sheet1.xml, cell A1: its shared string 999 is not in the file's");
    expect(r.err).toContain("the file is damaged");
  });
});
