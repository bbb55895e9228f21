/** The workbook `pay compare` reads, recalculated once per file's contents. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { loadWorkbook, recalculate, type Recalculation } from "../workbook";

/**
 * The file recalculated, read-only: `pay compare` only reads the result, so the last file's recalculation is kept
 * and reused while the file's bytes are the same (one process comparing one workbook many ways — the tests, a
 * script — recalculates it once). `pay recalc` writes into its result and always recalculates afresh.
 */
let lastRead: { file: string; digest: string; r: Recalculation } | null = null;
export async function recalculatedForReading(file: string): Promise<Recalculation> {
  const digest = existsSync(file) && statSync(file).isFile() ? createHash("sha256").update(readFileSync(file)).digest("hex") : "";
  const at = path.resolve(file);
  if (lastRead && digest && lastRead.file === at && lastRead.digest === digest) return lastRead.r;
  const r = recalculate(await loadWorkbook(file), file);
  lastRead = digest ? { file: at, digest, r } : null;
  return r;
}
