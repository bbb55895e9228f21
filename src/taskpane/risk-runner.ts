/* global Worker, URL, document, MessageEvent */
/**
 * Starting and cancelling the risk simulation from the pane. The work runs in a Web Worker (risk-worker.js,
 * served beside the pane), so Excel and the pane never freeze; Cancel terminates the worker at once.
 */
import { nextTask, runRiskJob, type RiskMessage, type RiskOutcome, type RiskRequest } from "./risk-job";

export interface RiskRun {
  /** The outcome, or null when cancelled; rejects with the engine's message on bad input. */
  done: Promise<RiskOutcome | null>;
  cancel(): void;
  /** "worker", or "pane" when the host would not start a worker. */
  where: "worker" | "pane";
}

export function startRisk(request: RiskRequest, progress: (done: number, total: number) => void): RiskRun {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL("risk-worker.js", document.baseURI));
  } catch {
    worker = null;
  }
  if (!worker) return inPane(request, progress);
  const w = worker;
  let settle: (o: RiskOutcome | null) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const done = new Promise<RiskOutcome | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  w.onmessage = (e: MessageEvent<RiskMessage>) => {
    const m = e.data;
    if (m.type === "progress") progress(m.done, m.total);
    else {
      w.terminate();
      if (m.type === "done") settle(m.outcome);
      else if (m.type === "cancelled") settle(null);
      else fail(new Error(m.message));
    }
  };
  w.onerror = (e) => {
    w.terminate();
    fail(new Error(`the simulation stopped: ${e.message || "the worker failed to load"}`));
  };
  w.postMessage({ type: "start", request });
  return {
    done,
    where: "worker",
    cancel() {
      w.postMessage({ type: "cancel" });
      w.terminate();
      settle(null);
    },
  };
}

function inPane(request: RiskRequest, progress: (done: number, total: number) => void): RiskRun {
  let stopped = false;
  return {
    done: runRiskJob(request, progress, nextTask, () => stopped),
    where: "pane",
    cancel() {
      stopped = true;
    },
  };
}
