/**
 * The requirement set of an Excel JavaScript API member, read from Microsoft's own type definitions
 * (@types/office-js: each member's doc comment ends "[Api set: ExcelApi 1.x]"), so the list of what the add-in
 * calls is checked against Microsoft's word, not ours.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

const TYPES = readFileSync(path.resolve(__dirname, "../../node_modules/@types/office-js/index.d.ts"), "utf8");

/** "ExcelApi 1.7" for ("Range", "style"); null when the class or member is not found. */
export function apiSet(cls: string, member: string): string | null {
  const start = TYPES.indexOf(`    class ${cls} extends OfficeExtension.ClientObject {`);
  if (start < 0) return null;
  const end = TYPES.indexOf("\n    }\n", start);
  const body = TYPES.slice(start, end);
  const decl = new RegExp(`\\n {8}(?:readonly )?${member}(?:\\(|: |\\?: )`);
  const m = decl.exec(body);
  if (!m) return null;
  const comment = body.slice(0, m.index);
  const sets = [...comment.matchAll(/\[Api set: (ExcelApi [\d.]+)/g)];
  return sets.length > 0 ? sets[sets.length - 1][1] : null;
}
