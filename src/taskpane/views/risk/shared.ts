/** What the Risk view's pieces share: a share and an estimate in words, the year simulated, the settings' fields. */
import type { Estimate } from "../../../engine/risk/stats";
import { type RiskText } from "../../risk-settings";

export const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
export const withSe = (e: Estimate, f: (x: number) => string, fse: (x: number) => string = f): string =>
  e.se > 0 ? `${f(e.value)} ± ${fse(e.se).replace("−", "")}` : f(e.value);

/** The year simulated: after the whole care shift (the default), after it with the share achieved drawn, or before it. */
export type SimulatedYear = "after" | "uncertain" | "today";

export const RISK_FIELDS: [keyof RiskText, string, string][] = [
  ["trials", "Trials (simulated years)", "2 to 2,000,000"],
  ["seed", "Seed", "same seed, same figures"],
  ["tolerance", "Overspend tolerance", "share of budget, e.g. 3%"],
  ["confidence", "Confidence", "for the minimum population"],
  ["sweepTrials", "Trials per population size", "for the population sweep"],
];
