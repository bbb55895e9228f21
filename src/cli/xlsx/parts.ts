/**
 * The Open Packaging Conventions as far as `pay` needs them (ECMA-376 Part 2): a part's relationships, with
 * targets resolved to part names whether they are relative (`worksheets/sheet1.xml`, `../tables/table1.xml`)
 * or absolute (`/xl/tables/table1.xml`, as openpyxl 3.0 writes them); external targets are left out.
 */
import type JSZip from "jszip";
import { walkXml } from "./xml";

export interface Relationship {
  id: string;
  /** The type's last segment: "worksheet", "table", "sharedStrings" … (Transitional and Strict alike). */
  type: string;
  /** The target's part name, without a leading slash ("xl/worksheets/sheet1.xml"). */
  part: string;
}

/** A part name as the zip holds it: no leading slash, `.` and `..` segments resolved, %-escapes decoded. */
export function resolvePartName(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.replace(/^\/+/, "").split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  const name = base.join("/");
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package's own is `_rels/.rels`. */
function relsPartOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A part's text, or null where the package has no such part (names are matched ignoring case, as OPC says). */
export async function partText(pkg: JSZip, name: string): Promise<string | null> {
  const exact = pkg.file(name);
  if (exact) return exact.async("string");
  const lower = name.toLowerCase();
  const found = Object.keys(pkg.files).find((k) => k.toLowerCase() === lower && !pkg.files[k].dir);
  return found ? (pkg.files[found] as JSZip.JSZipObject).async("string") : null;
}

/** The internal relationships of `part` ("" for the package's own). */
export async function relationships(pkg: JSZip, part: string): Promise<Relationship[]> {
  const relsPart = part === "" ? "_rels/.rels" : relsPartOf(part);
  const xml = await partText(pkg, relsPart);
  if (xml === null) return [];
  const out: Relationship[] = [];
  walkXml(xml, relsPart, {
    open(name, a) {
      if (name !== "Relationship" || a.TargetMode === "External" || !a.Target) return;
      out.push({ id: a.Id ?? "", type: (a.Type ?? "").split("/").pop() ?? "", part: resolvePartName(part, a.Target) });
    },
  });
  return out;
}

/** The workbook part named by the package's officeDocument relationship (normally xl/workbook.xml). */
export async function workbookPart(pkg: JSZip): Promise<string> {
  const rel = (await relationships(pkg, "")).find((r) => r.type === "officeDocument");
  return rel?.part ?? "xl/workbook.xml";
}
