/* global globalThis, MessageEvent */
/**
 * The Web Worker that runs the risk simulation off the pane's thread (built as risk-worker.js). One job at
 * a time: "start" runs it, "cancel" stops it between chunks (the pane also terminates the worker, so a cancel
 * takes effect at once even mid-chunk).
 */
import { isPayError } from "../engine/errors";
import { nextTask, runRiskJob, type RiskMessage, type RiskRequest } from "./risk-job";

const scope = globalThis as unknown as { postMessage(m: RiskMessage): void; onmessage: ((e: MessageEvent) => void) | null };
let cancelled = false;

scope.onmessage = (e: MessageEvent) => {
  const msg = e.data as { type: "start"; request: RiskRequest } | { type: "cancel" };
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
    (err: unknown) => scope.postMessage({ type: "error", message: isPayError(err) || err instanceof Error ? err.message : String(err) }),
  );
};
