/**
 * Prints one plain closing line, "N passed, N failed", that CI and people read at a glance
 * (vitest's own summary stays above it).
 */
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
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (m.state() === "failed" && [...m.children.allTests()].length === 0) failed++;
    }
    process.stdout.write(`\n${this.label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
