/**
 * A formula of any length Excel accepts (8,192 characters): HyperFormula evaluates a chain of + and − as a tree
 * one level deeper per term, so a formula of some 1,500 terms (=A1+A2+…) overflows the call stack and, before
 * this, failed the whole workbook. A chain longer than LONG_CHAIN terms at one level of parentheses is grouped
 * into sums of CHUNK terms, `(t1+t2−…)+(0−t51+…)+…`, each group starting from its own sign, so the tree is a
 * few dozen levels deep. The value is the same sum; only the order of the additions moves, which can change a
 * result's last binary digit (never its 15 significant digits, which are all Excel shows or compares). Shorter
 * chains, and every other formula, are left exactly as written.
 */
import { tokenize, type Token } from "./formula-tokens";

/** Terms of a chain from which it is grouped. */
export const LONG_CHAIN = 200;
const CHUNK = 50;

const OPERAND_END = new Set(["number", "name", "string", "error", "bracket", "sheet"]);
/** Operators below + and − in Excel's precedence: a chain holding one at its level is left as it is. */
const LOWER = new Set(["&", "=", "<", ">"]);

interface Level {
  items: string[];
  kinds: (Token["kind"] | "group")[];
}

/** Whether the formula (without its leading =) needs grouping: a cheap test before any tokenising. */
export function mayHaveLongChain(formula: string): boolean {
  if (formula.length < LONG_CHAIN * 2) return false;
  let ops = 0;
  for (let i = 0; i < formula.length; i++) if (formula[i] === "+" || formula[i] === "-") ops++;
  return ops >= LONG_CHAIN;
}

/** The formula with every over-long chain of + and − grouped (see the file's comment). */
export function balanceLongChains(formula: string): string {
  if (!mayHaveLongChain(formula)) return formula;
  const tokens = tokenize(formula);
  const stack: Level[] = [{ items: [], kinds: [] }];
  const closers: string[] = [];
  const flush = (level: Level): string => balanceLevel(level);
  for (const t of tokens) {
    const top = stack[stack.length - 1];
    if (t.kind === "other" && (t.text === "(" || t.text === "{")) {
      top.items.push(t.text);
      top.kinds.push("other");
      stack.push({ items: [], kinds: [] });
      closers.push(t.text === "(" ? ")" : "}");
    } else if (t.kind === "other" && closers.length > 0 && t.text === closers[closers.length - 1]) {
      const inner = stack.pop() as Level;
      const text = closers.pop() === "}" ? inner.items.join("") : flush(inner);
      const parent = stack[stack.length - 1];
      parent.items.push(`${text}${t.text}`);
      parent.kinds.push("group");
    } else {
      top.items.push(t.text);
      top.kinds.push(t.kind);
    }
  }
  while (stack.length > 1) {
    const inner = stack.pop() as Level;
    stack[stack.length - 1].items.push(inner.items.join(""));
  }
  return flush(stack[0]);
}

/** One level of parentheses: each of its comma-separated parts with its chain grouped where it is long. */
function balanceLevel(level: Level): string {
  const parts: Level[] = [{ items: [], kinds: [] }];
  level.items.forEach((item, i) => {
    if (level.kinds[i] === "other" && (item === "," || item === ";")) parts.push({ items: [], kinds: [] });
    else {
      parts[parts.length - 1].items.push(item);
      parts[parts.length - 1].kinds.push(level.kinds[i]);
    }
  });
  return parts.map(balancePart).join(",");
}

function balancePart(part: Level): string {
  const { items, kinds } = part;
  if (items.some((x, i) => kinds[i] === "other" && LOWER.has(x))) return items.join("");
  // Split at binary + and −: one after an operand (a value, a name, a closing group, a percent sign).
  const terms: { sign: string; text: string }[] = [{ sign: "", text: "" }];
  let last: string | null = null;
  items.forEach((x, i) => {
    const k = kinds[i];
    const binary = k === "other" && (x === "+" || x === "-") && last !== null && (OPERAND_END.has(last) || last === "group" || last === "%");
    if (binary) terms.push({ sign: x, text: "" });
    else terms[terms.length - 1].text += x;
    if (k !== "space") last = k === "other" ? (x === "%" ? "%" : "op") : k;
  });
  if (terms.length <= LONG_CHAIN) return items.join("");
  const groups: string[] = [];
  for (let g = 0; g < terms.length; g += CHUNK) {
    const chunk = terms.slice(g, g + CHUNK);
    const body = chunk.map((t, j) => (j === 0 && g === 0 ? t.text : `${t.sign}${t.text}`)).join("");
    groups.push(g === 0 ? `(${body})` : `+(0${body})`);
  }
  // A very long chain makes many groups: group them again, so the tree stays shallow at any length.
  const joined = groups.join("");
  return groups.length > LONG_CHAIN ? balanceLongChains(joined) : joined;
}
