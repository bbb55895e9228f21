import { expect } from "vitest";
import { PayError } from "../../src/engine/errors";

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
