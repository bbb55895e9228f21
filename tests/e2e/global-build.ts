/** The browser tests' one development build, made once for every e2e file (each used to build its own). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    devDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const out = mkdtempSync(path.join(tmpdir(), "pay-dev-"));
  execFileSync(process.execPath, ["node_modules/webpack-cli/bin/cli.js", "--mode", "development", "--output-path", out], {
    cwd: path.resolve(__dirname, "../.."),
    stdio: "pipe",
  });
  project.provide("devDir", out);
  return () => rmSync(out, { recursive: true, force: true });
}
