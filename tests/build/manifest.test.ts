import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { validateManifest } from "../../scripts/manifest-check.mjs";

type Check = (xml: string, o?: { production?: boolean }) => Promise<{ valid: boolean; errors: string[] }>;
const validate = validateManifest as Check;
const source = readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");
let production = "";

beforeAll(() => {
  production = readFileSync(path.join(inject("distDir"), "manifest.xml"), "utf8");
});

describe("manifest.xml", () => {
  it("validates offline against the add-in manifest schema and the shared-runtime rules", async () => {
    const r = await validate(source);
    expect(r.errors).toEqual([]);
  });
  it("declares what the add-in needs", () => {
    expect(source).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(source).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"/);
    expect(source).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/); // CustomFunctions.Error needs 1.2
    expect(source).toMatch(/<Set Name="ExcelApi" MinVersion="1.7"/);
    expect(source).toMatch(/<OfficeTab id="TabHome">/);
    for (const size of [16, 32, 80]) expect(source).toContain(`assets/icon-${size}.png`);
  });
  it("the production manifest has no localhost left, points at the hosting URL and still validates", async () => {
    expect(production).not.toMatch(/localhost/i);
    expect(production).toContain(`${inject("hostUrl")}taskpane.html`);
    expect(production).toContain(`${inject("hostUrl")}functions.json`);
    const r = await validate(production, { production: true });
    expect(r.errors).toEqual([]);
  });
  it("is rejected when the runtime comes after AllFormFactors (the schema is really checked)", async () => {
    const runtimes = /\s*<Runtimes>[\s\S]*?<\/Runtimes>/.exec(source)?.[0] ?? "";
    const moved = source.replace(runtimes, "").replace("</AllFormFactors>", `</AllFormFactors>${runtimes}`);
    expect((await validate(moved)).valid).toBe(false);
  });
  it("is rejected when the function file and the runtime use different resids", async () => {
    const r = await validate(source.replace('<FunctionFile resid="Taskpane.Url" />', '<FunctionFile resid="Functions.Script.Url" />'));
    expect(r.valid).toBe(false);
    expect(r.errors.join()).toContain("<FunctionFile>");
  });
  it("a production manifest with localhost is rejected", async () => {
    expect((await validate(source, { production: true })).errors.join()).toContain("localhost");
  });
});
