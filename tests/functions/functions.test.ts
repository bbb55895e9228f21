import { beforeAll, describe, expect, it } from "vitest";
import { installCustomFunctionsStub, StubCustomFunctionsError } from "../custom-functions-stub";

// The adapters read the CustomFunctions global only when an error happens; stub it before importing.
installCustomFunctionsStub();
let fns: typeof import("../../src/functions/functions");
beforeAll(async () => {
  fns = await import("../../src/functions/functions");
});

function thrown(fn: () => unknown): StubCustomFunctionsError {
  try {
    fn();
  } catch (e) {
    return e as StubCustomFunctionsError;
  }
  throw new Error("expected a throw");
}

describe("custom function adapters", () => {
  it("pass Excel-shaped arguments to the engine", () => {
    expect(fns.pathwayCost([[200], [8000]], [[1], [1]], null as never, 10, null)).toBe(82_000);
    expect(fns.gainShare(600, [[1], [2]])).toEqual([[200], [400]]);
  });
  it("SPELL_PRICE always returns a 2-D array so a single price and a column both display", () => {
    expect(fns.spellPrice([[5000]], [[14]], [[10]], [[300]])).toEqual([[6200]]);
    expect(fns.spellPrice([[5000], [5000]], [[14], [2]], [[10]], [[300]])).toEqual([[6200], [5000]]);
  });
  it("turn a contract error into CustomFunctions.Error with its code and message", () => {
    const e = thrown(() => fns.pathwayCost([[1], [2]], [[1], ["n/a"]]));
    expect(e).toBeInstanceOf(StubCustomFunctionsError);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("volumes, row 2: expected a number of at least 0, got 'n/a'");
    expect(thrown(() => fns.riskShare(1, 0, [[0]], [[0]])).code).toBe("#DIV/0!");
    expect(thrown(() => fns.pathwayCost([[1e308]], [[1e308]])).code).toBe("#NUM!");
  });
  it("SPELL_PRICE puts a row's own error in that row's cell as a CustomFunctions.Error; the other rows are priced", () => {
    const r = fns.spellPrice([[5000], [5000], [2000]], [[14], ["n/a"], [30]], [[10]], [[300]]);
    expect(r[0]).toEqual([6200]);
    expect(r[1][0]).toBeInstanceOf(StubCustomFunctionsError);
    expect((r[1][0] as StubCustomFunctionsError).code).toBe("#VALUE!");
    expect((r[1][0] as StubCustomFunctionsError).message).toBe("length_of_stay, row 2: expected a whole number of at least 0, got 'n/a'");
    expect(r[2]).toEqual([8000]);
  });
  it("turn an unexpected exception into #VALUE! too, never an uncaught error", () => {
    // A range whose rows are not arrays cannot come from Excel; it must still give a custom-functions error.
    const e = thrown(() => fns.capitation([[1], 5 as never], [[1], [1]], 1));
    expect(e).toBeInstanceOf(StubCustomFunctionsError);
    expect(e.code).toBe("#VALUE!");
  });
});
