/**
 * `pay recalc -o` changes nothing in a file but the cached values of formula cells (and of the cells a saved
 * array formula covers): every other part of the package survives byte for byte; and `pay` reads packages
 * that exceljs alone cannot (openpyxl's drawings and comments).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { run } from "./run";
import { beforeAll, describe, expect, it } from "vitest";
import { exceljsBase, openpyxlStyle } from "./package-fixture";

let dir = "";

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const [name, e] of Object.entries(zip.files)) if (!e.dir) out.set(name, await e.async("nodebuffer"));
  return out;
}

/**
 * A sheet part with the cached values of the given cells taken out (their <v> and type attribute); a cell left
 * with nothing at all (one that recalc added inside an array formula's range) is taken out whole.
 */
function withoutCached(xml: string, cells: readonly string[]): string {
  return xml.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, _end: string, inner: string | undefined) => {
    const address = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1] ?? "";
    if (!cells.includes(address)) return whole;
    const rest = (inner ?? "").replace(/<v>[\s\S]*?<\/v>|<v\/>/g, "");
    const keep = attrs.replace(/\s+t="[^"]*"/, "");
    return rest === "" && keep.trim() === `r="${address}"` ? "" : `<c${keep}>${rest}</c>`;
  });
}

/** Cached values of a sheet part by address (numbers, strings, booleans, errors). */
function cachedValues(xml: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of xml.matchAll(/<c\b([^>]*?)>([\s\S]*?)<\/c>/g)) {
    const address = /\br="([A-Z]+\d+)"/.exec(m[1])?.[1] ?? "";
    const t = /\bt="([^"]*)"/.exec(m[1])?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(m[2])?.[1];
    if (v === undefined) continue;
    out[address] = t === "str" ? v : t === "b" ? v === "1" : t === "e" ? { error: v } : t === "s" ? `shared:${v}` : Number(v);
  }
  return out;
}

const FORMULA_CELLS = ["C2", "D2", "F2", "G3", "B6", "B7", "B8", "B9"];
const ARRAY_CELLS = ["C3", "C4", "D3", "D4"];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pay-package-"));
});

describe("reading packages exceljs alone cannot", () => {
  it("the fixture really is one exceljs fails on", async () => {
    const wb = new ExcelJS.Workbook();
    await expect(wb.xlsx.load((await openpyxlStyle()) as never)).rejects.toThrow(/anchors/);
  });
  it("pay recalc and pay check read a workbook with openpyxl's chart drawing and comments", async () => {
    const file = path.join(dir, "openpyxl.xlsx");
    writeFileSync(file, await openpyxlStyle());
    const r = await run("recalc", file);
    expect(r.err).toBe("");
    expect(r.out).toContain("2 sheet(s), 9 formula(s), 4 with PAY functions, 1 named range(s)");
    expect(r.code).toBe(0);
  });
});

describe("pay recalc -o", () => {
  for (const [label, make] of [
    ["an exceljs workbook", exceljsBase],
    ["an openpyxl-style workbook with a chart and comments", openpyxlStyle],
  ] as const) {
    it(`changes only cached values in ${label}: every other part byte for byte`, async () => {
      const input = path.join(dir, `in-${label.length}.xlsx`);
      const output = path.join(dir, `out-${label.length}.xlsx`);
      writeFileSync(input, await make());
      const r = await run("recalc", input, "-o", output);
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toContain("nothing else in the file changed");
      expect(r.out).toContain("note Data!F2: its result spills, but the file saves it as a plain formula");
      const before = await parts(input);
      const after = await parts(output);
      expect([...after.keys()]).toEqual([...before.keys()]);
      const sheet1 = "xl/worksheets/sheet1.xml";
      const sheet2 = "xl/worksheets/sheet2.xml";
      for (const [name, bytes] of before) {
        if (name === sheet1) continue;
        if (name === sheet2) {
          expect(withoutCached(after.get(name)!.toString(), ["B1"])).toBe(withoutCached(bytes.toString(), ["B1"]));
          continue;
        }
        expect(after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
      }
      const changed = [...FORMULA_CELLS, ...ARRAY_CELLS];
      expect(withoutCached(after.get(sheet1)!.toString(), changed)).toBe(withoutCached(before.get(sheet1)!.toString(), changed));
      // The cached values are the results: both spilled functions side by side, each in its own range.
      const v = cachedValues(after.get(sheet1)!.toString());
      expect([v.C2, v.C3, v.C4]).toEqual([300, 180, 120]);
      expect([v.D2, v.D3, v.D4]).toEqual([450, 270, 180]);
      expect(v.F2).toBe(50); // first value only: no cell is added for the rest of the spill
      expect(v.F3).toBeUndefined();
      expect(v.G3).toBe(2);
      expect(after.get(sheet1)!.toString()).toMatch(/<c r="G3"[^>]*><f>1\+1<\/f>/);
      expect(v.B6).toBe(50 * 50 + 30 * 30 + 20 * 20);
      expect(v.B7).toBe("positive");
      expect(v.B8).toBe(true);
      expect(v.B9).toEqual({ error: "#DIV/0!" });
      expect(cachedValues(after.get(sheet2)!.toString()).B1).toBe(100);
      // And the written file checks clean against our own recalculation.
      const check = await run("check", output);
      expect(check.out).toContain("0 differ");
      expect(check.code).toBe(0);
    });
  }
});

describe("pay check", () => {
  it("says that nothing could be compared, and exits 2, when no formula has a saved value", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = { formula: "PAY.PATHWAY_COST(1,1)" } as ExcelJS.CellValue;
    const file = path.join(dir, "unsaved.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await run("check", file);
    expect(r.err).toContain("nothing could be compared: none of its 1 formula(s) has a saved value");
    expect(r.code).toBe(2);
  });
});
