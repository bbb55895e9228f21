/**
 * Behaviour unchanged (issue 38): `pay`'s text and JSON on the committed examples and the sheets the pane writes
 * are byte for byte those saved in tests/golden/saved/ before the house was rebuilt (cases.ts says how to save
 * them anew when an output is meant to move).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../cli/run";
import { CLI_CASES, TEXT_CASES } from "./cases";
import { holderSheet, integratedSheet, plansSheet } from "./sheets";

const root = path.resolve(__dirname, "../..");
const saved = path.join(__dirname, "saved");
const SAVE = process.env.PAY_SAVE_GOLDEN === "1";

function same(file: string, now: string): void {
  const at = path.join(saved, file);
  if (SAVE) {
    mkdirSync(saved, { recursive: true });
    writeFileSync(at, now);
    return;
  }
  expect(existsSync(at), `${file} is saved (PAY_SAVE_GOLDEN=1 saves it)`).toBe(true);
  const before = readFileSync(at, "utf8");
  if (now !== before) {
    // The first line that differs, so a failure says where.
    const a = before.split("\n");
    const b = now.split("\n");
    const k = a.findIndex((l, i) => l !== b[i]);
    expect(`${file}:${k + 1}: ${b[k] ?? "(ended)"}`).toBe(`${file}:${k + 1}: ${a[k] ?? "(ended)"}`);
  }
  expect(now.length).toBe(before.length);
}

async function pay(argv: string[]): Promise<string> {
  const abs = argv.map((a) => (a.startsWith("examples/") ? path.join(root, a) : a));
  const r = await run(...abs);
  return `exit ${r.code}\n--- out\n${r.out.split(root).join("<repo>")}\n--- err\n${r.err.split(root).join("<repo>")}\n`;
}

describe("pay's outputs on the examples are those saved before the change", () => {
  for (const c of CLI_CASES) {
    it(`${c.name}: text and JSON`, async () => {
      same(`${c.name}.txt`, await pay(["compare", ...c.argv]));
      same(`${c.name}.json.txt`, await pay(["compare", ...c.argv, "--json"]));
    });
  }
  for (const c of TEXT_CASES) it(c.name, async () => same(`${c.name}.txt`, await pay(c.argv)));
});

describe("the sheets the pane writes are those saved before the change", () => {
  const sheets = { integrated: integratedSheet, plans: plansSheet, holder: holderSheet };
  for (const [name, make] of Object.entries(sheets)) {
    it(name, async () => {
      same(`sheet-${name}.txt`, await make());
    });
  }
});
