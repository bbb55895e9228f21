/** The preview's number formats: the cells look as Excel shows the formats the add-in writes. */
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/preview/number-format";
import { moneyFormat } from "../../src/engine/comparison/money";

describe("formatNumber, as Excel shows the add-in's formats", () => {
  it("money, percentages, decimals, ± and dates", () => {
    const GBP = '"£"#,##0;[Red]("£"#,##0)';
    expect(formatNumber(1234567.4, GBP)).toEqual({ text: "£1,234,567", red: false });
    expect(formatNumber(-445906.2, GBP)).toEqual({ text: "(£445,906)", red: true });
    expect(formatNumber(0.2, "0%").text).toBe("20%");
    expect(formatNumber(0.0125, "0.0%").text).toBe("1.3%");
    expect(formatNumber(1.03, "0.000").text).toBe("1.030");
    expect(formatNumber(420, "#,##0").text).toBe("420");
    expect(formatNumber(1234.5, '"± £"#,##0').text).toBe("± £1,235");
    expect(formatNumber(0.034, '"± "0.0%').text).toBe("± 3.4%");
    expect(formatNumber(46357, "d mmmm yyyy").text).toBe("1 December 2026");
    expect(formatNumber(-5, "0").text).toBe("-5");
    expect(formatNumber(2.5, undefined).text).toBe("2.5");
  });
  it("£k and £m: each comma after the last digit divides by 1,000 (Excel's scaling), the cell keeps the exact value", () => {
    expect(formatNumber(1_460_234, moneyFormat("£k"))).toEqual({ text: "£1,460k", red: false });
    expect(formatNumber(-1_460_234, moneyFormat("£m"))).toEqual({ text: "(£1.46m)", red: true });
    expect(formatNumber(65_400, moneyFormat("£m")).text).toBe("£0.07m");
  });
});
