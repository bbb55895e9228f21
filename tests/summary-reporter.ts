/**
 * Prints one plain closing line, "N passed, N failed", that CI and people read at a glance (vitest's own
 * summary stays above it), and the slowest test. With PAY_TEST_SUMMARY set to a file, also writes the counts
 * there as JSON for `npm test`'s stage table (scripts/test.mjs).
 */
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  /** The word before the counts: "unit" or "e2e", set per config (`["./tests/summary-reporter.ts", { label }]`). */
  private readonly label: string;
  constructor(options: { label?: string } = {}) {
    this.label = options.label ?? "unit";
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let slowest = { ms: 0, name: "" };
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
        const ms = t.diagnostic()?.duration ?? 0;
        if (ms > slowest.ms) slowest = { ms, name: `${m.moduleId.replace(/.*\/tests\//, "tests/")} › ${t.name}` };
      }
      if (m.state() === "failed" && [...m.children.allTests()].length === 0) failed++;
    }
    if (slowest.name) process.stdout.write(`\nslowest ${this.label} test: ${(slowest.ms / 1000).toFixed(1)} s, ${slowest.name}`);
    process.stdout.write(`\n${this.label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
    const file = process.env.PAY_TEST_SUMMARY;
    if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped, slowest }));
  }
}
