/**
 * Formulas as the file stores them, rewritten for HyperFormula (src/headless/excel-formula.ts). Shared formulas
 * follow ECMA-376 Part 1, 18.3.1.40 (a dependent cell takes the anchor's formula with its relative references
 * moved by the cell's offset), as Excel's Fill Down does.
 */
import { describe, expect, it } from "vitest";
import { forHyperFormula, shiftFormula, UnresolvedReference, type FormulaContext } from "../../src/headless/excel-formula";
import { tokenize } from "../../src/headless/formula-tokens";

const ctx = (over: Partial<FormulaContext> = {}): FormulaContext => ({
  sheet: "S",
  row: 0,
  name: (n, sheet) => (n.toLowerCase() === "rate" ? (sheet === "Other" ? "__LOCAL" : "__GLOBAL") : null),
  structured: (t, spec) => (t.toLowerCase() === "steps" ? `S!$B$2:$B$4 (${spec})` : null),
  ...over,
});

describe("shiftFormula", () => {
  it("moves relative rows and columns, keeps absolute ones, and leaves text, names and functions alone", () => {
    expect(shiftFormula("A1*$B$1+A$1+$A1", 2, 1)).toBe("B3*$B$1+B$1+$A3");
    expect(shiftFormula('SUM(A1:B2)&"A1"&LOG10(C3)', 1, 0)).toBe('SUM(A2:B3)&"A1"&LOG10(C4)');
    expect(shiftFormula("'My sheet'!C3+Sheet2!D4", 1, 1)).toBe("'My sheet'!D4+Sheet2!E5");
    expect(shiftFormula("SUM(A:A)+SUM($B:C)+SUM(1:2)+SUM($3:4)", 1, 1)).toBe("SUM(B:B)+SUM($B:D)+SUM(2:3)+SUM($3:5)");
    expect(shiftFormula("MFF*Cohort+Steps[Unit price]", 5, 5)).toBe("MFF*Cohort+Steps[Unit price]");
  });

  it("a reference moved off the sheet is #REF!", () => {
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
    expect(shiftFormula("XFD1", 0, 1)).toBe("#REF!");
  });
});

describe("forHyperFormula", () => {
  it("bare TRUE and FALSE become Excel's constants, but not inside text, a function's name or an array constant", () => {
    expect(forHyperFormula('VLOOKUP(1,A1:B3,2,FALSE)&"TRUE"', ctx())).toBe('VLOOKUP(1,A1:B3,2,FALSE())&"TRUE"');
    expect(forHyperFormula("IF(A1,TRUE,FALSE)", ctx())).toBe("IF(A1,TRUE(),FALSE())");
    expect(forHyperFormula("TRUE()", ctx())).toBe("TRUE()");
    expect(forHyperFormula("{1,2}", ctx())).toBe("{1,2}");
  });

  it("a number in E notation is written with a lower-case e, as HyperFormula reads it; names, references and text are left alone", () => {
    expect(forHyperFormula("1E+21*A1", ctx({ hasNames: false }))).toBe("1e+21*A1");
    expect(forHyperFormula('2.5E-3&"1E5"&E5&X1E5', ctx())).toBe('2.5e-3&"1E5"&E5&X1E5');
    expect(forHyperFormula("{1E3,2}", ctx())).toBe("{1e3,2}");
  });

  it("defined names by scope: a sheet-qualified name is that sheet's, a bare one the formula's sheet's or the workbook's", () => {
    expect(forHyperFormula("Rate*2", ctx())).toBe("__GLOBAL*2");
    expect(forHyperFormula("Rate*2", ctx({ sheet: "Other" }))).toBe("__LOCAL*2");
    expect(forHyperFormula("Other!Rate*2", ctx())).toBe("__LOCAL*2");
    expect(forHyperFormula("Unknown+1", ctx())).toBe("Unknown+1");
  });

  it("prefixes Excel saves, quoted sheet names, structured references", () => {
    expect(forHyperFormula("_xlfn.STDEV.S(A1:A3)+_xldudf_PAY_PATHWAY_COST(A1,A2)", ctx())).toBe("STDEV.S(A1:A3)+PAY.PATHWAY_COST(A1,A2)");
    expect(forHyperFormula("Étapes!A1+'It''s'!B2", ctx())).toBe("'Étapes'!A1+'It''s'!B2");
    expect(forHyperFormula("SUM(Steps[[#Headers],[Step]])", ctx())).toBe("SUM(S!$B$2:$B$4 ([#Headers],[Step]))");
    expect(() => forHyperFormula("SUM(Nowhere[Col])", ctx())).toThrow(UnresolvedReference);
  });

  it("tokens cover the formula exactly", () => {
    for (const f of ['SUM(A1:B2)*-3.5e2%&"x""y"', "'a b'!$A$1:$B$2", "Steps[[#This Row],[Unit price £]]", "#REF!+#N/A"])
      expect(
        tokenize(f)
          .map((t) => t.text)
          .join(""),
      ).toBe(f);
  });
});
