/**
 * The one error type of the engine. Every rule throws a PayError, never anything else; the faces
 * (custom functions, the panel, the command line) translate it: in Excel to CustomFunctions.Error,
 * in the CLI to an error line. The shape `{ code, message }` is the formula contract's.
 */
export type PayErrorCode = "#VALUE!" | "#DIV/0!" | "#NUM!" | "#N/A";

export class PayError extends Error {
  readonly code: PayErrorCode;

  constructor(code: PayErrorCode, message: string) {
    super(message);
    this.name = "PayError";
    this.code = code;
  }
}

/** `#VALUE!` with a message that names the argument (and row) and the rule broken. */
export function invalid(message: string): PayError {
  return new PayError("#VALUE!", message);
}

/** `#DIV/0!`: a total that something is divided by is zero. */
export function divZero(message: string): PayError {
  return new PayError("#DIV/0!", message);
}

export function isPayError(e: unknown): e is PayError {
  return e instanceof PayError;
}

/**
 * Guard for every result: a contract function never returns NaN, Infinity or −0. A result that overflows a
 * double (only possible with absurd inputs such as 1e308 prices) is `#NUM!`.
 */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw new PayError("#NUM!", `${what}: the result is too large to represent`);
  }
  return value + 0; // −0 is returned as 0 (docs/formula-contract.md)
}
