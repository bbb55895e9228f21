/**
 * Enough of Excel's number formats to show the preview's cells as Excel would: the formats the add-in writes
 * (£ with grouping and red negatives, percentages, fixed decimals, "±" prefixes, a long date). Sections are
 * split on ";" (positive; negative), quoted text is literal, [Red] colours the section, "%" multiplies by 100,
 * "," between digits groups thousands and each "," after the last digit divides by 1,000 (£k, £m), the zeros
 * after "." fix the decimals; "d mmmm yyyy" shows an Excel date serial.
 * Preview only: Excel itself formats the real sheet.
 */
export interface Shown {
  text: string;
  red: boolean;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function formatNumber(value: number, format: string | undefined): Shown {
  if (!format || format === "General") return { text: Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10))), red: false };
  if (/yyyy/.test(format)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000);
    return { text: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`, red: false };
  }
  const sections = splitSections(format);
  const negative = value < 0 && sections.length > 1;
  const section = negative ? sections[1] : sections[0];
  const red = /\[Red\]/i.test(section);
  const body = section.replace(/\[[^\]]*\]/g, "");
  const percent = body.replace(/"[^"]*"/g, "").includes("%");
  const code = body.replace(/"[^"]*"/g, "");
  const scaling = /[0#](,+)[^0#,.]*$/.exec(code)?.[1].length ?? 0;
  const x = (Math.abs(value) * (percent ? 100 : 1)) / 1000 ** scaling;
  const decimals = /\.(0+)/.exec(code)?.[1].length ?? 0;
  const grouped = /[0#],[0#]/.test(code);
  let digits = x.toFixed(decimals);
  if (grouped) {
    const [whole, frac] = digits.split(".");
    digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
  }
  // Literal text and the sign as the section lays them out, the number where its first digit placeholder is.
  let out = "";
  let placed = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') {
      const end = body.indexOf('"', i + 1);
      out += body.slice(i + 1, end);
      i = end;
    } else if ("0#,.".includes(ch)) {
      if (!placed) out += digits;
      placed = true;
    } else if (ch !== "%") out += ch;
    else out += "%";
  }
  if (!negative && value < 0) out = `-${out}`;
  return { text: out, red };
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
