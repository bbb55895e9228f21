/* global globalThis, MessageEvent */
/**
 * The pane's Web Worker (built as risk-worker.js): the risk simulation and the Drivers view's sensitivity, off
 * the pane's thread. One job at a time: "start" runs the simulation, "cancel" stops it between chunks (the pane
 * also terminates the worker, so a cancel takes effect at once even mid-chunk); "sensitivity" answers once.
 */
import { isPayError } from "../../engine/rules/errors";
import { nextTask, runRiskJob, type RiskMessage, type RiskRequest } from "./risk-job";
import { driversJob, type DriversMessage, type DriversRequest } from "./drivers-runner";

const scope = globalThis as unknown as { postMessage(m: RiskMessage | DriversMessage): void; onmessage: ((e: MessageEvent) => void) | null };
const problem = (err: unknown): string => (isPayError(err) || err instanceof Error ? err.message : String(err));
let cancelled = false;

scope.onmessage = (e: MessageEvent) => {
  const msg = e.data as { type: "start"; request: RiskRequest } | { type: "cancel" } | DriversRequest;
  if (msg.type === "sensitivity") {
    try {
      scope.postMessage({ type: "sensitivity", result: driversJob(msg) });
    } catch (err) {
      scope.postMessage({ type: "error", message: problem(err) });
    }
    return;
  }
  if (msg.type === "cancel") {
    cancelled = true;
    return;
  }
  cancelled = false;
  runRiskJob(
    msg.request,
    (done, total) => scope.postMessage({ type: "progress", done, total }),
    nextTask,
    () => cancelled,
  ).then(
    (outcome) => scope.postMessage(outcome ? { type: "done", outcome } : { type: "cancelled" }),
    (err: unknown) => scope.postMessage({ type: "error", message: problem(err) }),
  );
};
