/**
 * `npm test`: every stage runs, whatever an earlier one did, and each is reported — type check, lint, the
 * command line's build, the unit tests (vitest), the browser tests (headless Chromium) — then one table of
 * stages and times, and one closing line of all tests, "N passed, N failed". Exit 1 if any stage failed.
 * `npm test -- --no-e2e` leaves the browser tests out (for a machine without Chromium).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const noE2e = process.argv.includes("--no-e2e");
const work = mkdtempSync(path.join(tmpdir(), "pay-test-"));

const STAGES = [
  { name: "typecheck", args: ["run", "typecheck"] },
  { name: "lint", args: ["run", "lint"] },
  { name: "build:node", args: ["run", "build:node"] },
  { name: "unit", args: ["run", "test:unit"], summary: true },
  ...(noE2e ? [] : [{ name: "e2e", args: ["run", "test:e2e"], summary: true }]),
];

const results = [];
for (const stage of STAGES) {
  const summary = stage.summary ? path.join(work, `${stage.name}.json`) : undefined;
  console.log(`\n=== ${stage.name} ===`);
  const t0 = Date.now();
  const r = spawnSync(npm, stage.args, { stdio: "inherit", env: { ...process.env, ...(summary ? { PAY_TEST_SUMMARY: summary } : {}) } });
  const seconds = (Date.now() - t0) / 1000;
  const counts = summary && existsSync(summary) ? JSON.parse(readFileSync(summary, "utf8")) : undefined;
  results.push({ name: stage.name, ok: r.status === 0, seconds, counts });
}

console.log("\n=== npm test ===");
for (const r of results) {
  const detail = r.counts
    ? `  ${r.counts.passed} passed, ${r.counts.failed} failed; slowest ${(r.counts.slowest.ms / 1000).toFixed(1)} s (${r.counts.slowest.name})`
    : "";
  console.log(`${r.name.padEnd(11)} ${r.ok ? "ok    " : "FAILED"} ${r.seconds.toFixed(0).padStart(4)} s${detail}`);
}
const total = results.reduce((s, r) => s + r.seconds, 0);
const passed = results.reduce((s, r) => s + (r.counts?.passed ?? 0), 0);
const failedTests = results.reduce((s, r) => s + (r.counts?.failed ?? 0), 0);
const failedStages = results.filter((r) => !r.ok).map((r) => r.name);
console.log(`total       ${failedStages.length ? "FAILED" : "ok    "} ${total.toFixed(0).padStart(4)} s${failedStages.length ? `  (failed: ${failedStages.join(", ")})` : ""}`);
console.log(`\n${passed} passed, ${failedTests + (failedTests === 0 && failedStages.length ? 1 : 0)} failed`);
process.exit(failedStages.length ? 1 : 0);
