/* global setTimeout */
/**
 * The risk simulation as a job of chunks: the panel's Web Worker runs it (risk.worker.ts), reporting progress
 * after each chunk and stopping between chunks when cancelled. Where a host cannot start a worker, the panel
 * runs the same job on its own thread, yielding between chunks so the pane stays responsive.
 */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { BLOCK, RiskSimulation, sourceVariants, type RiskResult, type RiskSettings } from "../../engine/risk/simulate";
import { PopulationSweep, type Sweep, type SweepSettings } from "../../engine/risk/sweep";

export interface RiskRequest {
  inputs: ComparisonInputs;
  settings: RiskSettings;
  sweep: Omit<SweepSettings, "populations" | "seed" | "dispersion">;
}

export interface RiskOutcome {
  result: RiskResult;
  sweep: Sweep;
  /** Each organisation's chance of a loss by model with fewer sources on (simulate.ts sourceVariants); [] when none. */
  sources: { label: string; lossChance: Record<string, number[]> }[];
}

/** Messages from the worker. */
export type RiskMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; outcome: RiskOutcome }
  | { type: "cancelled" }
  | { type: "error"; message: string };

/** Trials per chunk: about 50 ms of work, so progress moves smoothly and a cancel is seen quickly. */
export const CHUNK = 16 * BLOCK;

/**
 * Run the whole job. `pause` lets other work in between chunks (a message, a paint); `stopped` is checked
 * after each pause. Returns null when stopped.
 */
export async function runRiskJob(
  req: RiskRequest,
  progress: (done: number, total: number) => void,
  pause: () => Promise<void>,
  stopped: () => boolean,
): Promise<RiskOutcome | null> {
  return riskJob(req, progress, pause, stopped);
}

async function riskJob(
  req: RiskRequest,
  progress: (done: number, total: number) => void,
  pause: () => Promise<void>,
  stopped: () => boolean,
): Promise<RiskOutcome | null> {
  // The main run, then each source variant: one simulation at a time, summarised as soon as it is drawn, so
  // only one holds its columns of trials (about 110 MB for 1,000,000 trials of three organisations).
  const runs = [{ label: "", settings: req.settings }, ...sourceVariants(req.settings)];
  const sweep = new PopulationSweep(
    req.inputs.steps,
    { ...req.sweep, seed: req.settings.seed, dispersion: req.settings.dispersion },
    req.inputs.cohort,
  );
  const total = runs.length * req.settings.trials + sweep.total;
  const results: RiskResult[] = [];
  let before = 0;
  progress(0, total);
  for (const run of runs) {
    const x = new RiskSimulation(req.inputs, run.settings);
    while (x.completed < x.total) {
      x.run(CHUNK);
      progress(before + x.completed, total);
      await pause();
      if (stopped()) return null;
    }
    before += x.total;
    results.push(x.result());
  }
  while (sweep.completed < sweep.total) {
    sweep.run(CHUNK);
    progress(before + sweep.completed, total);
    await pause();
    if (stopped()) return null;
  }
  const sources = runs.slice(1).map((v, i) => {
    const r = results[i + 1];
    return { label: v.label, lossChance: Object.fromEntries(r.models.map((m) => [m.id, m.organisations.map((o) => o.lossChance.value)])) };
  });
  return { result: results[0], sweep: sweep.result(), sources };
}

export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
