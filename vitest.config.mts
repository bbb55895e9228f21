import { defineConfig } from "vitest/config";

// Two projects: "build" checks the built add-in (its global setup runs the production webpack build once), and
// "unit" is everything else — the engine, the functions, the CLI, the sheet and the panel's logic — which needs
// no build, so `npm run test:unit -- tests/engine` starts at once. `npm test` runs both, as before.
const shared = {
  environment: "node" as const,
  setupFiles: ["./tests/fast-check-seed.ts"],
  testTimeout: 20_000, // no test may take longer, on a busy 2-core machine too (a slow one is made faster, never given more time)
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    reporters: ["default", "./tests/summary-reporter.ts"],
    projects: [
      { test: { ...shared, name: "unit", include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"], exclude: ["tests/e2e/**", "tests/build/**"] } },
      { test: { ...shared, name: "build", include: ["tests/build/**/*.test.ts"], globalSetup: ["./tests/global-setup.ts"] } },
    ],
  },
});
