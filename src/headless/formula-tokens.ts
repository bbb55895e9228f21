/**
 * An Excel formula split into tokens as Excel reads it (ECMA-376 Part 1, 18.17 "Formulas"): strings, sheet
 * prefixes, error values, numbers, names, bracketed groups (structured references), spaces and the rest. Used
 * to rewrite a formula for HyperFormula (excel-formula.ts) and to group long chains (long-chains.ts).
 */
export interface Token {
  kind: "string" | "sheet" | "name" | "number" | "error" | "bracket" | "space" | "other";
  text: string;
}

const PATTERNS: [Token["kind"], RegExp][] = [
  ["string", /"(?:[^"]|"")*"?/y],
  // A sheet prefix: 'Quoted name'!, Sheet1!, Sheet1:Sheet3! (3-D), [1]Sheet1! (another workbook).
  ["sheet", /(?:\[\d+\])?(?:'(?:[^']|'')*'|[\p{L}\p{N}_.\\]+(?::[\p{L}\p{N}_.\\]+)?)!/uy],
  ["error", /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)/iy],
  // A number, or an absolute row number ($3, in a whole-row reference such as $3:$5).
  ["number", /\$\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y],
  ["name", /\$?[\p{L}_\\][\p{L}\p{N}_.\\?]*\$?\d*/uy],
  ["space", /\s+/y],
];

/** Split a formula (without its leading =) into tokens; brackets after a name are one token with it. */
export function tokenize(formula: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = i;
      const m = re.exec(formula);
      if (!m || m[0].length === 0) continue;
      out.push({ kind, text: m[0] });
      i += m[0].length;
      matched = true;
      break;
    }
    if (matched) continue;
    if (formula[i] === "[") {
      const end = bracketEnd(formula, i);
      out.push({ kind: "bracket", text: formula.slice(i, end) });
      i = end;
      continue;
    }
    out.push({ kind: "other", text: formula[i] });
    i++;
  }
  return out;
}

/** The end (exclusive) of the bracketed group opening at `i`, honouring the ' escape of structured references. */
function bracketEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const ch = s[j];
    if (ch === "'" && depth > 0) j++;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return j + 1;
  }
  return s.length;
}
