import { expect } from "vitest";
import { PayError } from "../../src/engine/rules/errors";

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
