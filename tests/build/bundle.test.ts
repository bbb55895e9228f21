/**
 * The built bundle as Excel loads it: functions.js alone in a bare JavaScript context whose only add-in
 * global is CustomFunctions (Excel's JavaScript-only custom-functions runtime has no DOM, window or Office),
 * registering exactly the ids of functions.json, which must match the formula contract.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { makeCustomFunctionsStub } from "../custom-functions-stub";
import { CONTRACT } from "./contract";

interface Metadata {
  functions: { id: string; name: string; description?: string; helpUrl?: string; parameters: { name: string; description?: string; optional?: boolean }[]; result: { dimensionality?: string } }[];
}

let dist = "";
let metadata: Metadata;
let stub: ReturnType<typeof makeCustomFunctionsStub>;
let context: vm.Context;

beforeAll(() => {
  dist = inject("distDir");
  metadata = JSON.parse(readFileSync(path.join(dist, "functions.json"), "utf8")) as Metadata;
  stub = makeCustomFunctionsStub();
  context = vm.createContext({ CustomFunctions: stub });
  vm.runInContext(readFileSync(path.join(dist, "functions.js"), "utf8"), context, { filename: "functions.js" });
});

describe("functions.js in a bare custom-functions runtime", () => {
  it("the context really is bare: no window, document, self or Office", () => {
    expect(vm.runInContext("[typeof window, typeof document, typeof self, typeof Office].join()", context)).toBe("undefined,undefined,undefined,undefined");
  });
  it("registers exactly the ids of functions.json", () => {
    const ids = metadata.functions.map((f) => f.id).sort();
    expect([...stub.registered.keys()].sort()).toEqual(ids);
  });
  it("functions.json holds every contract function with the contract's argument names and order", () => {
    expect(metadata.functions.map((f) => f.name).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const f of metadata.functions) {
      const params = f.parameters.map((p) => p.name + (p.optional ? "?" : ""));
      expect(params, f.name).toEqual(CONTRACT[f.name]);
      expect(f.id).toBe(f.name);
    }
  });
  it("every function and parameter has help text and a help link on the add-in's host", () => {
    for (const f of metadata.functions) {
      expect(f.description?.length ?? 0, f.name).toBeGreaterThan(20);
      expect(f.helpUrl, f.name).toBe(`${inject("hostUrl")}help.html#${f.name.toLowerCase()}`);
      for (const p of f.parameters) expect(p.description?.length ?? 0, `${f.name}.${p.name}`).toBeGreaterThan(5);
    }
    // Windows Excel refused functions.json near 1 MB: keep it small.
    expect(readFileSync(path.join(dist, "functions.json")).length).toBeLessThan(100_000);
  });
  it("GAIN_SHARE and SPELL_PRICE are declared as spilling arrays", () => {
    const dims = Object.fromEntries(metadata.functions.map((f) => [f.name, f.result.dimensionality]));
    expect(dims.GAIN_SHARE).toBe("matrix");
    expect(dims.SPELL_PRICE).toBe("matrix");
    expect(dims.PATHWAY_COST ?? "scalar").toBe("scalar");
  });
  it("registered functions compute, and fail only with CustomFunctions.Error", () => {
    const pathway = stub.registered.get("PATHWAY_COST") as (...a: unknown[]) => number;
    expect(pathway([[200], [8000], [null]], [[1], [1], [null]], null, 10, 1.05)).toBeCloseTo(86_100, 6);
    let err: unknown;
    try {
      pathway([[1]], [["n/a"]]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(stub.Error);
    expect((err as { code: string; message: string }).code).toBe("#VALUE!");
    expect((err as { message: string }).message).toContain("volumes, row 1");
  });
  it("taskpane.html loads functions.js too (shared runtime) and Office.js from Microsoft", () => {
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(html).toMatch(/<script[^>]+src="?functions\.js/);
    expect(html).toMatch(/<script[^>]+src="?taskpane\.js/);
    expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    // No other third-party origin in anything we ship.
    for (const file of ["taskpane.html", "functions.js", "taskpane.js", "risk-worker.js", ...chunks()]) {
      const text = readFileSync(path.join(dist, file), "utf8");
      const origins = new Set([...text.matchAll(/https?:\/\/[a-z0-9.-]+/gi)].map((m) => m[0].toLowerCase()));
      for (const o of origins) {
        expect(["https://appsforoffice.microsoft.com", "http://www.w3.org", "https://reactjs.org", "https://react.dev", "https://json-schema.org", "http://json-schema.org" /* $schema names inside zod, never fetched */, "https://pay-addin.test.nhs.uk"], `${file}: ${o}`).toContain(o);
      }
    }
  });
});

/** The pane's chunks loaded when first wanted (its views behind a tab, the written sheet's plan). */
const chunks = (): string[] =>
  existsSync(path.join(dist, "chunks")) ? readdirSync(path.join(dist, "chunks")).filter((f) => f.endsWith(".js")).map((f) => `chunks/${f}`) : [];

describe("the pane stays light", () => {
  it("taskpane.js, what Excel loads to open the pane, is at most 200 KB gzipped; its views behind a tab load when wanted", () => {
    const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
    const size = gz("taskpane.js");
    console.log(`BUNDLE taskpane.js ${(size / 1024).toFixed(1)} KB gzipped; chunks ${chunks().map((c) => `${(gz(c) / 1024).toFixed(1)}`).join(", ")} KB`);
    expect(size).toBeLessThanOrEqual(200 * 1024);
    expect(chunks().length).toBeGreaterThanOrEqual(4);
  });
});

describe("help page", () => {
  it("every image and local link of help.html is in the build", () => {
    const html = readFileSync(path.join(dist, "help.html"), "utf8");
    const local = [...html.matchAll(/(?:src|href)=(?:"([^"#:]+)"|([^\s>"#:]+)[\s>])/g)].map((m) => m[1] ?? m[2]);
    expect(local).toContain("docs/risk.png");
    for (const file of local) expect(existsSync(path.join(dist, file)), file).toBe(true);
  });
});

describe("licences", () => {
  it("HyperFormula (GPL-3.0) is not in the add-in's bundles", () => {
    for (const file of ["functions.js", "taskpane.js", "risk-worker.js", ...chunks()]) {
      const text = readFileSync(path.join(dist, file), "utf8");
      expect(text, file).not.toMatch(/hyperformula|HyperFormula/);
    }
  });
});
