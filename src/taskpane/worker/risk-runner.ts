/* global Worker, URL, document, MessageEvent */
/**
 * Starting and cancelling the risk simulation from the pane. The work runs in a Web Worker (risk-worker.js,
 * served beside the pane), so Excel and the pane never freeze; Cancel terminates the worker at once. If the
 * host will not start the worker (a policy, a missing file), the same job runs on the pane's thread in
 * chunks instead, yielding between them so the pane still answers.
 */
import { nextTask, runRiskJob, type RiskMessage, type RiskOutcome, type RiskRequest } from "./risk-job";

export interface RiskRun {
  /** The outcome, or null when cancelled; rejects with the engine's message on bad input. */
  done: Promise<RiskOutcome | null>;
  cancel(): void;
  /** Where the job ran: "worker", or "pane" when the host would not start the worker. */
  where(): "worker" | "pane";
}

type Progress = (done: number, total: number) => void;

export function startRisk(request: RiskRequest, progress: Progress): RiskRun {
  let cancelled = false;
  let where: "worker" | "pane" = "worker";
  let stop: () => void = () => undefined;
  const done = new Promise<RiskOutcome | null>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("risk-worker.js", document.baseURI));
    } catch {
      return inPane();
    }
    let started = false;
    function inPane(): void {
      where = "pane";
      stop = () => undefined;
      runRiskJob(request, progress, nextTask, () => cancelled).then(resolve, reject);
    }
    worker.onmessage = (e: MessageEvent<RiskMessage>) => {
      const m = e.data;
      started = true;
      if (m.type === "progress") return progress(m.done, m.total);
      worker.terminate();
      if (m.type === "done") resolve(m.outcome);
      else if (m.type === "cancelled") resolve(null);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      // The worker never ran (its script could not load): run here instead. A failure later is reported.
      if (!started && !cancelled) inPane();
      else reject(new Error(`the simulation stopped: ${e.message || "the worker failed"}`));
    };
    stop = () => {
      worker.terminate();
      resolve(null);
    };
    worker.postMessage({ type: "start", request });
  });
  return {
    done,
    where: () => where,
    cancel() {
      cancelled = true;
      stop();
    },
  };
}
