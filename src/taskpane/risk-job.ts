/* global setTimeout */
/**
 * The risk simulation as a job of chunks: the panel's Web Worker runs it (risk.worker.ts), reporting progress
 * after each chunk and stopping between chunks when cancelled. Where a host cannot start a worker, the panel
 * runs the same job on its own thread, yielding between chunks so the pane stays responsive.
 */
import type { ComparisonInputs } from "../engine/compare";
import { BLOCK, PopulationSweep, RiskSimulation, type RiskResult, type RiskSettings, type Sweep, type SweepSettings } from "../engine/simulate";

export interface RiskRequest {
  inputs: ComparisonInputs;
  settings: RiskSettings;
  sweep: Omit<SweepSettings, "populations" | "seed" | "dispersion">;
}

export interface RiskOutcome {
  result: RiskResult;
  sweep: Sweep;
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
  const sim = new RiskSimulation(req.inputs, req.settings);
  const sweep = new PopulationSweep(
    req.inputs.steps,
    { ...req.sweep, seed: req.settings.seed, dispersion: req.settings.dispersion },
    req.inputs.cohort,
  );
  const total = sim.total + sweep.total;
  progress(0, total);
  while (sim.completed < sim.total) {
    sim.run(CHUNK);
    progress(sim.completed, total);
    await pause();
    if (stopped()) return null;
  }
  while (sweep.completed < sweep.total) {
    sweep.run(CHUNK);
    progress(sim.total + sweep.completed, total);
    await pause();
    if (stopped()) return null;
  }
  return { result: sim.result(), sweep: sweep.result() };
}

export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
