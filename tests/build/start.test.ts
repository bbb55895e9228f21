/**
 * `npm start` where there is no desktop Excel (Linux, CI): it builds the add-in, serves it on
 * https://localhost:3000, checks every file Excel would fetch, and prints how to sideload into Excel on the
 * web. The run (a whole development build and server start, 10 s on an idle 2-core machine) is this file's
 * fixture, made once in beforeAll with the hook's own time limit; the tests read what it printed.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

let out = "";

beforeAll(() => {
  out = execFileSync(process.execPath, ["scripts/start.mjs"], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, PAY_START_ONCE: "1", CI: "true" },
    encoding: "utf8",
    timeout: 240_000,
  });
}, 240_000);

describe("npm start on Linux / CI", () => {
  it("serves the add-in on https://localhost:3000 and checks every file Excel fetches", () => {
    expect(out).toContain("PAY add-in is served at https://localhost:3000/");
    expect(out).toMatch(/Checked: \d+ files served/);
  });
  it("prints how to sideload into Excel on the web, with the manifest's path", () => {
    expect(out).toContain("Upload My Add-in");
    expect(out).toContain("manifest.xml");
  });
});
