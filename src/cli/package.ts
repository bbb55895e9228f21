/**
 * The .xlsx file as what it is: a zip package of XML parts. `pay` reads its cells from the parts (xlsx/read.ts)
 * and writes back into the ORIGINAL package, changing only the cached values (<v>, and the cell's type
 * attribute) of formula cells, and of the cells inside a saved array formula's range (a cell of an array's
 * range that the file left out is added, holding only its cached value). Every other part is copied as it was,
 * byte for byte; no formula, style, name or other cell is added, changed or removed, and no zip entry is added
 * (a package without folder entries gets none).
 */
import JSZip from "jszip";
import { xmlText } from "./xlsx/xml";

export async function openPackage(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** A cached value as the file stores it. Errors are their code ("#VALUE!"); null is an empty result. */
export type CachedValue = number | string | boolean | { error: string } | null;

interface CellSpan {
  start: number;
  end: number;
  open: string; // the <c …> start tag (or the whole self-closing tag)
  inner: string; // what is between <c …> and </c> ("" for a self-closing tag)
}

/** The cell elements of a sheet part by address. <c> elements never nest, so a scan finds each whole. */
function cellSpans(xml: string): Map<string, CellSpan> {
  const cells = new Map<string, CellSpan>();
  const re = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const address = /\br="([A-Z]+\d+)"/.exec(m[1])?.[1];
    if (!address) continue;
    const selfClosing = m[2] === "/>";
    cells.set(address, { start: m.index, end: m.index + m[0].length, open: selfClosing ? `<c${m[1]}` : `<c${m[1]}>`, inner: m[3] ?? "" });
  }
  return cells;
}

/** The cell element with `value` as its cached value: its type attribute and <v> changed, all else kept. */
function withCachedValue(span: CellSpan, value: CachedValue): string {
  const attrs = span.open
    .replace(/^<c/, "")
    .replace(/\/?>$/, "")
    .replace(/\s+t="[^"]*"/, "");
  let type = "";
  let v: string;
  if (value === null) {
    type = ' t="str"';
    v = "";
  } else if (typeof value === "number") v = String(value);
  else if (typeof value === "boolean") {
    type = ' t="b"';
    v = value ? "1" : "0";
  } else if (typeof value === "string") {
    type = ' t="str"';
    v = xmlText(value);
  } else {
    type = ' t="e"';
    v = xmlText(value.error);
  }
  // Inside the cell: the formula stays as it is; the old cached value (and any inline string) goes.
  const formula = /<f\b[^>]*\/>|<f\b[^>]*>[\s\S]*?<\/f>/.exec(span.inner)?.[0] ?? "";
  const rest = span.inner.replace(/<f\b[^>]*\/>|<f\b[^>]*>[\s\S]*?<\/f>/, "").replace(/<v>[\s\S]*?<\/v>|<v\/>|<is>[\s\S]*?<\/is>/g, "");
  return `<c${attrs}${type}>${formula}<v>${v}</v>${rest}</c>`;
}

/**
 * Write cached values into the package's sheet parts. `values` maps sheet name → address → value, for formula
 * cells and for the cells a saved array formula covers. A cell is changed only when it holds a formula (<f>)
 * or lies inside the range of a saved array formula, and only its type attribute and <v>; a cell inside an
 * array's range that the file does not hold is added with its value alone; no other cell is touched.
 */
export async function patchCachedValues(
  pkg: JSZip,
  parts: ReadonlyMap<string, string>,
  values: Map<string, Map<string, CachedValue>>,
): Promise<{ stored: number; unpatched: { part: string; cells: string[] }[] }> {
  let stored = 0;
  const unpatched: { part: string; cells: string[] }[] = [];
  for (const [sheet, cells] of values) {
    const part = parts.get(sheet);
    const file = part ? pkg.file(part) : null;
    if (!part || !file) continue;
    const xml = await file.async("string");
    const spans = cellSpans(xml);
    const arrayCells = arrayRangeCells(spans);
    const edits: { span: CellSpan; text: string }[] = [];
    const added = new Map<number, Map<number, string>>(); // row → column → the new cell
    const missed: string[] = [];
    for (const [address, value] of cells) {
      const span = spans.get(address);
      if (!span) {
        // A formula's cell this scan cannot find (written with a namespace prefix, or without its address):
        // its value cannot be stored, so the whole write is refused rather than the file left with it missing.
        if (!arrayCells.has(address)) {
          missed.push(address);
          continue;
        }
        const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
        const row = Number(m[2]);
        if (!added.has(row)) added.set(row, new Map());
        (added.get(row) as Map<number, string>).set(
          colNumber(m[1]),
          withCachedValue({ start: 0, end: 0, open: `<c r="${address}">`, inner: "" }, value),
        );
        continue;
      }
      if (!/<f\b/.test(span.inner) && !arrayCells.has(address)) continue;
      edits.push({ span, text: withCachedValue(span, value) });
    }
    if (missed.length > 0) unpatched.push({ part, cells: missed });
    if (edits.length === 0 && added.size === 0) continue;
    // One pass in document order, the untouched stretches between edits copied once (a workbook of 50,000
    // formulas would otherwise copy its sheet part once per edit).
    edits.sort((a, b) => a.span.start - b.span.start);
    const pieces: string[] = [];
    let from = 0;
    for (const e of edits) {
      pieces.push(xml.slice(from, e.span.start), e.text);
      from = e.span.end;
    }
    pieces.push(xml.slice(from));
    const out = pieces.join("");
    pkg.file(part, added.size > 0 ? insertCells(out, added) : out, { createFolders: false });
    stored += edits.length + [...added.values()].reduce((n, r) => n + r.size, 0);
  }
  return { stored, unpatched };
}

/** Add cells to a sheet part's rows in column order, adding a row (in row order) where there is none. */
function insertCells(xml: string, added: Map<number, Map<number, string>>): string {
  const pending = new Map(added);
  const rowRe = /<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g;
  let out = xml.replace(rowRe, (whole, attrs: string, _end: string, inner: string | undefined) => {
    const r = Number(/\br="(\d+)"/.exec(attrs)?.[1]);
    const extra = pending.get(r);
    if (!extra) return whole;
    pending.delete(r);
    const cells = [...(inner ?? "").matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => {
      const col = colNumber(/\br="([A-Z]+)\d+"/.exec(m[0])?.[1] ?? "A");
      return { col, text: m[0] };
    });
    for (const [col, text] of extra) cells.push({ col, text });
    cells.sort((a, b) => a.col - b.col);
    // The row's spans attribute (an optional hint: first:last column) is widened to cover the new cells.
    const spans = /\bspans="(\d+):(\d+)"/.exec(attrs);
    const first = cells[0].col;
    const last = cells[cells.length - 1].col;
    const newAttrs = spans ? attrs.replace(spans[0], `spans="${Math.min(first, Number(spans[1]))}:${Math.max(last, Number(spans[2]))}"`) : attrs;
    return `<row${newAttrs}>${cells.map((c) => c.text).join("")}</row>`;
  });
  if (pending.size === 0) return out;
  // Rows the part does not have: each goes before the first row below it, or at the end of sheetData.
  out = out.replace(/<sheetData\/>/, "<sheetData></sheetData>");
  for (const r of [...pending.keys()].sort((a, b) => a - b)) {
    const cells = [...(pending.get(r) as Map<number, string>)].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
    const row = `<row r="${r}">${cells.join("")}</row>`;
    let at = -1;
    for (const m of out.matchAll(/<row\b[^>]*?\br="(\d+)"/g)) {
      if (Number(m[1]) > r) {
        at = m.index ?? -1;
        break;
      }
    }
    out = at >= 0 ? out.slice(0, at) + row + out.slice(at) : out.replace("</sheetData>", `${row}</sheetData>`);
  }
  return out;
}

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string => (n <= 0 ? "" : colLetters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** Addresses covered by saved array formulas (<f t="array" ref="C2:C4">), their anchors excepted. */
function arrayRangeCells(spans: Map<string, CellSpan>): Set<string> {
  const covered = new Set<string>();
  for (const [address, span] of spans) {
    const f = /<f\b([^>]*)>/.exec(span.inner)?.[1] ?? "";
    if (!/\bt="array"/.test(f)) continue;
    const ref = /\bref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"/.exec(f);
    if (!ref) continue;
    for (let r = Number(ref[2]); r <= Number(ref[4]); r++)
      for (let c = colNumber(ref[1]); c <= colNumber(ref[3]); c++) if (`${colLetters(c)}${r}` !== address) covered.add(`${colLetters(c)}${r}`);
  }
  return covered;
}

/** The array formulas a sheet part saves: anchor address → the addresses of its range. */
export async function savedArrays(pkg: JSZip, part: string): Promise<Map<string, string[]>> {
  const xml = (await pkg.file(part)?.async("string")) ?? "";
  const arrays = new Map<string, string[]>();
  for (const [address, span] of cellSpans(xml)) {
    const f = /<f\b([^>]*)>/.exec(span.inner)?.[1] ?? "";
    const ref = /\bt="array"/.test(f) ? /\bref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"/.exec(f) : null;
    if (!ref) continue;
    const cells: string[] = [];
    for (let r = Number(ref[2]); r <= Number(ref[4]); r++)
      for (let c = colNumber(ref[1]); c <= colNumber(ref[3]); c++) cells.push(`${colLetters(c)}${r}`);
    arrays.set(address, cells);
  }
  return arrays;
}

export async function packageBytes(pkg: JSZip): Promise<Uint8Array> {
  return pkg.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
