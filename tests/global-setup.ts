/** Runs the production build once for the "build" project's tests (tests/build), which check the built add-in as a host would deploy it. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const HOST_URL = "https://pay-addin.test.nhs.uk/excel/";

declare module "vitest" {
  export interface ProvidedContext {
    distDir: string;
    hostUrl: string;
  }
}

export default function setup(project: TestProject): () => void {
  const out = mkdtempSync(path.join(tmpdir(), "pay-dist-"));
  execFileSync(process.execPath, ["node_modules/webpack-cli/bin/cli.js", "--mode", "production", "--output-path", out], {
    cwd: path.resolve(__dirname, ".."),
    env: { ...process.env, ADDIN_HOST_URL: HOST_URL },
    stdio: "pipe",
  });
  project.provide("distDir", out);
  project.provide("hostUrl", HOST_URL);
  return () => rmSync(out, { recursive: true, force: true });
}
