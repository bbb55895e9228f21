/* global Worker, URL, document, MessageEvent, setTimeout */
/**
 * The Drivers view's sensitivity, worked out off the pane's thread: 5,000 steps take about half a second, which
 * on the pane's thread would freeze Excel's pane. The pane's worker (risk-worker.js) computes it and sends back
 * what the view and the written sheet can show (sensitivity.ts largestDrivers). Where the host will not start
 * the worker, the same work runs on the pane's thread after it has painted.
 */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { largestDrivers, sensitivity, type Sensitivity, type SensitivityRanges } from "../../engine/comparison/sensitivity";

/** Rows kept of each model for every result and group: the tornado shows 12; the sheet's table lists them. */
export const DRIVERS_KEPT = 25;

export interface DriversRequest {
  type: "sensitivity";
  inputs: ComparisonInputs;
  ranges: SensitivityRanges;
}

export type DriversMessage = { type: "sensitivity"; result: Sensitivity } | { type: "error"; message: string };

/** The work itself, the same wherever it runs. */
export function driversJob(r: DriversRequest): Sensitivity {
  return largestDrivers(sensitivity(r.inputs, r.ranges), DRIVERS_KEPT);
}

export interface DriversRun {
  done: Promise<Sensitivity>;
  /** Stop it (a newer request replaces it): its promise then never settles. */
  cancel(): void;
}

export function startDrivers(inputs: ComparisonInputs, ranges: SensitivityRanges): DriversRun {
  const request: DriversRequest = { type: "sensitivity", inputs, ranges };
  let stop: () => void = () => undefined;
  const done = new Promise<Sensitivity>((resolve, reject) => {
    let cancelled = false;
    const inPane = (): void => {
      setTimeout(() => {
        if (cancelled) return;
        try {
          resolve(driversJob(request));
        } catch (e) {
          reject(e);
        }
      }, 0);
    };
    stop = () => {
      cancelled = true;
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL("risk-worker.js", document.baseURI));
    } catch {
      return inPane();
    }
    let answered = false;
    stop = () => {
      cancelled = true;
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<DriversMessage>) => {
      answered = true;
      worker.terminate();
      if (e.data.type === "sensitivity") resolve(e.data.result);
      else reject(new Error(e.data.message));
    };
    worker.onerror = () => {
      worker.terminate();
      if (!answered && !cancelled) inPane();
    };
    worker.postMessage(request);
  });
  return { done, cancel: () => stop() };
}
