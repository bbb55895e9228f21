import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("npm start on Linux / CI", () => {
  it("serves the add-in on https://localhost:3000 and prints how to sideload into Excel on the web", () => {
    const out = execFileSync(process.execPath, ["scripts/start.mjs"], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, PAY_START_ONCE: "1", CI: "true" },
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(out).toContain("PAY add-in is served at https://localhost:3000/");
    expect(out).toContain("Upload My Add-in");
    expect(out).toContain("manifest.xml");
    expect(out).toMatch(/Checked: \d+ files served/);
  });
});
