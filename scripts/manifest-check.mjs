/**
 * Offline manifest validation: the XML schema (schemas/, Microsoft's published XSDs, see schemas/README.md)
 * through xmllint-wasm, plus the add-in rules no XSD can check (one resid for the shared runtime, resid
 * length, the PAY namespace, no localhost in a production manifest).
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "schemas");
const MAIN = "OfficeAppManifestV1_1.xsd";

export async function validateManifest(xml, { production = false } = {}) {
  const files = readdirSync(schemaDir).filter((f) => f.endsWith(".xsd"));
  const preload = files.filter((f) => f !== MAIN).map((f) => ({ fileName: f, contents: readFileSync(path.join(schemaDir, f), "utf8") }));
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [{ fileName: MAIN, contents: readFileSync(path.join(schemaDir, MAIN), "utf8") }],
    preload,
  });
  const errors = result.errors.map((e) => e.rawMessage ?? e.message ?? String(e));
  errors.push(...ruleErrors(xml, production));
  return { valid: errors.length === 0, errors };
}

function ruleErrors(xml, production) {
  const errors = [];
  const resid = (re) => (re.exec(xml) || [])[1];
  const runtime = resid(/<Runtime\s+resid="([^"]+)"\s+lifetime="long"/);
  const page = resid(/<Page>\s*<SourceLocation\s+resid="([^"]+)"/);
  const functionFile = resid(/<FunctionFile\s+resid="([^"]+)"/);
  const taskpane = resid(/<Action\s+xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation\s+resid="([^"]+)"/);
  if (!runtime) errors.push('no <Runtime lifetime="long">: the shared runtime is not declared');
  for (const [name, value] of [["CustomFunctions <Page>", page], ["<FunctionFile>", functionFile], ["ShowTaskpane action", taskpane]]) {
    if (value !== runtime) errors.push(`${name} uses resid '${value}' but the runtime uses '${runtime}': they must match for a shared runtime`);
  }
  for (const m of xml.matchAll(/\bresid="([^"]+)"|\bid="([^"]+)"/g)) {
    const id = m[1] || m[2];
    if (id.length > 32) errors.push(`resid '${id}' is longer than 32 characters`);
  }
  const nsId = resid(/<Namespace\s+resid="([^"]+)"/);
  const ns = nsId && new RegExp(`<bt:String\\s+id="${nsId}"\\s+DefaultValue="([^"]+)"`).exec(xml);
  if (!ns || ns[1] !== "PAY") errors.push("the custom functions namespace is not PAY");
  if (production && /localhost/i.test(xml)) errors.push("the production manifest still points at localhost");
  return errors;
}
