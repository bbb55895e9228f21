/**
 * How Excel finds a value in a list (VLOOKUP, HLOOKUP, MATCH), for excel-functions.ts: text compared without
 * regard to case but with its accents ("é" is not "e"; HyperFormula's lookups strip accents whatever it is
 * told), wildcards (* ? and ~) in an exact match of text, never a number for text or text for a number; and the
 * approximate match's binary search over sorted values (the largest value not above the key, or with match type
 * −1 the smallest not below it). Pure functions over plain values.
 */

/** A cell's value as a lookup sees it: a rich number (a date, a currency) as its number; blank as null. */
export function plain(v: unknown): unknown {
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val;
  if (typeof v === "symbol" || v === undefined) return null;
  return v;
}

/** Excel's sort order across types: numbers, then text, then logical values. */
const rank = (v: unknown): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : typeof v === "boolean" ? 2 : 3);

/** −1, 0 or 1: `a` against `b` in Excel's order (text without regard to case, accents kept). */
export function excelCompare(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  const x = typeof a === "string" ? a.toLowerCase() : a;
  const y = typeof b === "string" ? (b as string).toLowerCase() : b;
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

/** A test for an exact match of `key`: wildcards in text (* any run, ? one character, ~ the next literally). */
function matcher(key: unknown): (v: unknown) => boolean {
  if (typeof key !== "string" || !/[*?~]/.test(key)) return (v) => rank(v) === rank(key) && excelCompare(v, key) === 0;
  let pattern = "";
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === "~" && i + 1 < key.length) pattern += key[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === "*") pattern += "[\\s\\S]*";
    else if (c === "?") pattern += "[\\s\\S]";
    else pattern += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(`^${pattern}$`, "i");
  return (v) => typeof v === "string" && re.test(v);
}

/**
 * The position (from 0) of `key` in `values`, or −1: `mode` 0 an exact match (the first), 1 the largest value
 * not above it in ascending values, −1 the smallest not below it in descending values (Excel's binary search,
 * over values of the key's own type).
 */
export function lookupIndex(values: readonly unknown[], key: unknown, mode: 0 | 1 | -1): number {
  if (mode === 0) {
    const is = matcher(key);
    return values.findIndex((v) => is(v));
  }
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = excelCompare(values[mid], key) * mode;
    if (c <= 0) {
      if (rank(values[mid]) === rank(key)) found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
