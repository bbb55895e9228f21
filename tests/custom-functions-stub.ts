/**
 * A stand-in for the `CustomFunctions` global that Excel's runtime provides: the Error class, the
 * ErrorCode values (as in @types/custom-functions-runtime) and `associate`, which records registrations.
 */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class StubCustomFunctionsError extends Error {
  code: string;
  constructor(code: string, message?: string) {
    super(message);
    this.code = code;
  }
}

export function makeCustomFunctionsStub(): {
  Error: typeof StubCustomFunctionsError;
  ErrorCode: typeof ERROR_CODES;
  associate: (id: string | Record<string, unknown>, fn?: unknown) => void;
  registered: Map<string, (...args: unknown[]) => unknown>;
} {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  return {
    Error: StubCustomFunctionsError,
    ErrorCode: ERROR_CODES,
    associate(id, fn) {
      if (typeof id === "string") registered.set(id, fn as (...args: unknown[]) => unknown);
      else for (const [k, v] of Object.entries(id)) registered.set(k, v as (...args: unknown[]) => unknown);
    },
    registered,
  };
}

export function installCustomFunctionsStub(): ReturnType<typeof makeCustomFunctionsStub> {
  const stub = makeCustomFunctionsStub();
  (globalThis as Record<string, unknown>).CustomFunctions = stub;
  return stub;
}
