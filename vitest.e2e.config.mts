import { defineConfig } from "vitest/config";

// Browser tests: the preview host and the add-in page in Debian's headless Chromium (playwright-core).
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["./tests/e2e/global-build.ts"],
    testTimeout: 20_000, // as for the unit tests: none longer, on a busy 2-core machine too
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: ["default", ["./tests/summary-reporter.ts", { label: "e2e" }]],
  },
});
