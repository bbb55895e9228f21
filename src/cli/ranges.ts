/** A range of a recalculated workbook as `pay compare` reads it: by a table's name, a defined name or an address. */
import { quoteSheetName } from "../engine/rules/address";
import { DetailedCellError } from "hyperformula";
import { columnIndex, columnLetters as colLetters } from "../engine/rules/address";
import { resolveSpecifier, tableAddress, type TableDef } from "../engine/inputs/structured";

import { InputError } from "./errors";

import type { Recalculation } from "./workbook-types";

/** A table whose range `address` is: its header and data, with or without its Total Row. */
function tableAtAddress(r: Recalculation, sheet: string, r0: number, c0: number, r1: number, c1: number): TableDef | undefined {
  return r.tables.find(
    (t) =>
      t.sheet.toLowerCase() === sheet.toLowerCase() &&
      t.headers !== false &&
      t.row === r0 &&
      t.col === c0 &&
      c1 === t.col + t.columns.length - 1 &&
      (r1 === t.row + t.dataRows || r1 === t.row + t.dataRows + (t.totals ?? 0)),
  );
}

const A1_RANGE = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/** A table's name, a defined name (the workbook's) or an address, as the address it stands for. */
/** Whole columns (Sheet!A:O) and whole rows (Sheet!3:10) as the cells they span, as Excel reads them. */
function wholeLines(ref: string): string {
  const m = /^(.*!)?\$?([A-Za-z]{1,3}|\d+):\$?([A-Za-z]{1,3}|\d+)$/.exec(ref);
  if (!m || /^\d+$/.test(m[2]) !== /^\d+$/.test(m[3])) return ref;
  const sheet = m[1] ?? "";
  return /^\d+$/.test(m[2]) ? `${sheet}A${m[2]}:XFD${m[3]}` : `${sheet}${m[2]}1:${m[3]}1048576`;
}

function addressOf(r: Recalculation, given: string): string {
  const ref = wholeLines(given);
  if (A1_RANGE.test(ref)) return ref;
  const table = r.tables.find((t) => t.name.toLowerCase() === ref.toLowerCase());
  if (table) return tableAddress(table);
  const name = r.model.names.find((n) => n.sheet === null && n.name.toLowerCase() === ref.toLowerCase());
  if (!name) throw new InputError(`'${ref}' is not a table, a defined name or an address (Sheet!A1:F9)`);
  const at = name.formula.replace(/^=/, "").trim();
  if (A1_RANGE.test(at)) return at;
  const column = /^([\p{L}_\\][\p{L}\p{N}_.\\]*)(\[.*\])$/u.exec(at);
  const t = column ? r.tables.find((x) => x.name.toLowerCase() === column[1].toLowerCase()) : undefined;
  if (t && column) {
    try {
      return resolveSpecifier(t, column[2].slice(1, -1)).replace(/\$/g, "");
    } catch (e) {
      throw new InputError(`the name '${ref}' refers to ${at}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new InputError(`the name '${ref}' refers to ${at}, not to a range of cells`);
}

/**
 * The values of a range of a recalculated workbook, given as a sheet-qualified address ("Pathway!A3:F10", or
 * "A3:F10" on the first sheet), a table's name or a defined name, with its address. A table's range given by
 * its address is read as the table: its header and data, never its Total Row. Blank cells are null; an error
 * cell is its code ("#VALUE!"), as Excel's range.values gives it.
 */
export function rangeValues(
  r: Recalculation,
  reference: string,
): { address: string; values: unknown[][]; merged: { r0: number; c0: number; r1: number; c1: number }[] } {
  const ref = reference.trim();
  const m = A1_RANGE.exec(addressOf(r, ref));
  if (!m) throw new InputError(`'${ref}' is not an address (Sheet!A1:F9) or a defined name`);
  const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? r.sheets[0]);
  const sheet = r.hf.getSheetId(sheetName);
  if (sheet === undefined) throw new InputError(`there is no sheet called '${sheetName}'`);
  let c0 = columnIndex(m[3]);
  let r0 = Number(m[4]) - 1;
  let c1 = m[5] ? columnIndex(m[5]) : c0;
  let r1 = m[6] ? Number(m[6]) - 1 : r0;
  [r0, r1, c0, c1] = [Math.min(r0, r1), Math.max(r0, r1), Math.min(c0, c1), Math.max(c0, c1)];
  const table = tableAtAddress(r, sheetName, r0, c0, r1, c1);
  if (table) r1 = table.row + table.dataRows;
  // Bounded by the sheet's used area, as Excel's own reading is: a whole column or a whole sheet (A1:XFD1048576)
  // costs what its data costs, never a million empty rows.
  const used = r.hf.getSheetDimensions(sheet);
  r1 = Math.max(r0, Math.min(r1, used.height - 1));
  c1 = Math.max(c0, Math.min(c1, used.width - 1));
  const values: unknown[][] = [];
  for (let row = r0; row <= r1; row++) {
    const line: unknown[] = [];
    for (let col = c0; col <= c1; col++) {
      const v = r.hf.getCellValue({ sheet, row, col });
      line.push(v instanceof DetailedCellError ? v.value : (v ?? null));
    }
    values.push(line);
  }
  const tl = `${colLetters(c0)}${r0 + 1}`;
  const br = `${colLetters(c1)}${r1 + 1}`;
  // The sheet's merged areas within the range, relative to it (clipped to it).
  const merged = (r.model.sheets.find((s) => s.name === sheetName)?.merges ?? [])
    .filter((a) => a.r0 <= r1 && a.r1 >= r0 && a.c0 <= c1 && a.c1 >= c0)
    .map((a) => ({ r0: Math.max(a.r0, r0) - r0, c0: Math.max(a.c0, c0) - c0, r1: Math.min(a.r1, r1) - r0, c1: Math.min(a.c1, c1) - c0 }));
  return { address: `${quoteSheetName(sheetName)}!${tl === br ? tl : `${tl}:${br}`}`, values, merged };
}
