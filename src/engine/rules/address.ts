/** A1-style addresses: enough to name the cell of a problem ("Pathway!E7") from a range's address. */

export interface RangeRef {
  sheet: string | null;
  row: number; // 0-based top row
  col: number; // 0-based left column
}

export function columnLetters(col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** "A" → 0, "AB" → 27: a column's letters as its 0-based index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "Sheet 1!B3:F10", "'My sheet'!$B$3", "B3" → its top-left cell. Null when it is not an A1 address. */
export function parseAddress(address: string): RangeRef | null {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?\d+)?$/.exec(address.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
  return { sheet, row: Number(m[4]) - 1, col: columnIndex(m[3]) };
}

/**
 * A sheet name as it must stand in a reference. Excel quotes any name that is not a plain identifier, and also
 * a plain one that could be read as something else: an A1 cell (Q1, FY25, XFD1048576), an R1C1 reference
 * (R1C1, R, C12, RC), or a boolean (TRUE). Quoting a name that needs none is always valid, so when in doubt, quote.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name);
  const a1 = /^[A-Za-z]{1,3}\d+$/.test(name);
  const r1c1 = /^([Rr]\d*)?([Cc]\d*)?$/.test(name);
  const logical = /^(true|false)$/i.test(name);
  return plain && !a1 && !r1c1 && !logical ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The address of the cell `dr` rows and `dc` columns from a range's top-left cell. */
export function offsetAddress(ref: RangeRef, dr: number, dc: number): string {
  const cell = `${columnLetters(ref.col + dc)}${ref.row + dr + 1}`;
  return ref.sheet ? `${quoteSheetName(ref.sheet)}!${cell}` : cell;
}

/** An absolute range address from a top-left cell and a size: Pathway!$C$4:$C$10. */
export function absoluteRange(ref: RangeRef, dr: number, dc: number, rows: number, cols: number): string {
  const a = `$${columnLetters(ref.col + dc)}$${ref.row + dr + 1}`;
  const b = `$${columnLetters(ref.col + dc + cols - 1)}$${ref.row + dr + rows}`;
  const body = rows === 1 && cols === 1 ? a : `${a}:${b}`;
  return ref.sheet ? `${quoteSheetName(ref.sheet)}!${body}` : body;
}
