import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/e2e/**"],
    environment: "node",
    globalSetup: ["./tests/global-setup.ts"],
    setupFiles: ["./tests/fast-check-seed.ts"],
    reporters: ["default", "./tests/summary-reporter.ts"],
    testTimeout: 20_000, // no test may take longer, on a busy 2-core machine too (a slow one is made faster, never given more time)
    hookTimeout: 120_000,
  },
});
