/**
 * XML parts read with saxes (a conforming, streaming parser: entities, character references, CDATA and
 * namespaces as XML defines them). Element and attribute names are given without their namespace prefix, so a
 * part written as `<x:c>` (the .NET Open XML SDK does) reads like Excel's `<c>`, and Strict OOXML like
 * Transitional: only local names matter in the parts `pay` reads.
 */
import { SaxesParser } from "saxes";

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  text?(text: string): void;
  close?(name: string): void;
}

const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

/** Walk a part's elements in document order. Throws on XML that is not well formed, naming the part. */
export function walkXml(xml: string, part: string, h: XmlHandlers): void {
  const p = new SaxesParser();
  p.on("error", (e) => {
    throw new Error(`${part}: not well-formed XML (${e.message.split("\n")[0]})`);
  });
  if (h.open) {
    const open = h.open;
    p.on("opentag", (t) => {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(t.attributes)) attrs[local(k)] = v;
      open(local(t.name), attrs, t.isSelfClosing);
    });
  }
  if (h.close) {
    const close = h.close;
    p.on("closetag", (t) => close(local(t.name)));
  }
  if (h.text) {
    const text = h.text;
    p.on("text", text);
    p.on("cdata", text);
  }
  p.write(xml).close();
}

/**
 * Text as the file format stores it (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a character XML cannot hold is
 * written `_xHHHH_`, and a literal `_xHHHH_` in the text is written with its underscore escaped (`_x005F_`).
 */
export function decodeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** What ST_Xstring escapes: control characters (but tab, line feed and return), U+FFFE/FFFF, and the _ of a literal _xHHHH_. */
// eslint-disable-next-line no-control-regex -- the control characters are what this escapes
const ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** The inverse of decodeXstring. */
export function encodeXstring(s: string): string {
  return s.replace(ESCAPED, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** Text for an XML element's content: &, < and > escaped, and the characters XML cannot hold as _xHHHH_. */
export function xmlText(s: string): string {
  return encodeXstring(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
