import { defineConfig } from "vitest/config";

// Browser tests: the preview host and the add-in page in Debian's headless Chromium (playwright-core).
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: ["default", ["./tests/summary-reporter.ts", { label: "e2e" }]],
  },
});
