#!/usr/bin/env node
// `npm run validate [-- file] [--production]`: validates a manifest offline (see manifest-check.mjs).
// office-addin-manifest's own `validate` calls a Microsoft web service; run `npx office-addin-manifest
// validate manifest.xml` as well where that service is reachable.
import { readFileSync } from "node:fs";
import { validateManifest } from "./manifest-check.mjs";

const args = process.argv.slice(2);
const production = args.includes("--production");
const file = args.find((a) => !a.startsWith("--")) ?? "manifest.xml";
let xml;
try {
  xml = readFileSync(file, "utf8");
} catch (e) {
  console.error(`validate: cannot read ${file}: ${e.message}`);
  process.exit(2);
}
const { valid, errors } = await validateManifest(xml, { production });
if (valid) {
  console.log(`${file}: valid (Office add-in manifest schema 1.1 and the shared-runtime rules)`);
} else {
  console.error(`${file}: NOT valid`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
