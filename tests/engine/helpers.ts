import { expect } from "vitest";
import { PayError } from "../../src/engine/rules/errors";
import type { Step } from "../../src/engine/comparison/compare";

/** A column range as Excel sends it. */
export const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
/** A row range as Excel sends it. */
export const row = (...values: unknown[]): unknown[][] => [values];

/** Expect `fn` to throw a PayError with this code whose message contains every fragment. */
export function expectPayError(fn: () => unknown, code: PayError["code"], ...fragments: string[]): PayError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a PayError").toBeInstanceOf(PayError);
  const err = caught as PayError;
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}

/** Expect row `i` of a spilled result to hold a PayError with this code whose message contains every fragment. */
export function expectRowError(result: unknown, i: number, code: PayError["code"], ...fragments: string[]): PayError {
  expect(Array.isArray(result), "expected a spilled result").toBe(true);
  const cell = (result as unknown[][])[i]?.[0];
  expect(cell, `row ${i + 1} should hold an error`).toBeInstanceOf(PayError);
  const err = cell as PayError;
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}

/** A step with take-up 1. */
export const step = (name: string, setting: Step["setting"], organisation: string, unitPrice: number, unitCost: number, volume: number): Step => ({
  name,
  setting,
  organisation,
  unitPrice,
  unitCost,
  volume,
  takeUp: 1,
});

/** Thin margins: the PCN's margin today is £2 a patient, the acute trust's £12 (0.2 × £50 + £2). */
export const THIN_STEPS: Step[] = [
  step("GP review", "primary", "PCN", 42, 40, 1),
  step("Emergency admission", "hospital", "Acute trust", 3500, 3450, 0.2),
  step("Outpatient", "hospital", "Acute trust", 160, 158, 1),
];
