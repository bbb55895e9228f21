import { describe, expect, it } from "vitest";
import { moneyFormat, moneyText, readMoneyUnit, unitForScale } from "../../src/engine/comparison/money";

describe("money in £, £k or £m", () => {
  it("shows a figure as a board paper does, never −£0, and never a real sum as nothing (issue 37: '<£1k')", () => {
    expect([moneyText(1_460_234, "£"), moneyText(1_460_234, "£k"), moneyText(1_460_234, "£m")]).toEqual(["£1,460,234", "£1,460k", "£1.46m"]);
    // −£906 rounds to −£1k, as a board paper rounds; −£400 is not nothing: it says it is under £1k.
    expect([moneyText(-65_400, "£k"), moneyText(-906, "£k"), moneyText(-400, "£k"), moneyText(400, "£k"), moneyText(-4_000, "£m")]).toEqual([
      "−£65k",
      "−£1k",
      "−<£1k",
      "<£1k",
      "−<£0.01m",
    ]);
    // Nothing at all, or under half a penny's worth in pounds, is £0 with no sign.
    expect([moneyText(0, "£k"), moneyText(-0, "£m"), moneyText(-0.4, "£"), moneyText(0.4, "£")]).toEqual(["£0k", "£0.00m", "£0", "£0"]);
  });
  it("reads the unit as typed, and refuses anything else", () => {
    expect(["", "£", "k", "£K", "thousands", "m", "£m", "Millions"].map(readMoneyUnit)).toEqual(["£", "£", "£k", "£k", "£k", "£m", "£m", "£m"]);
    expect(readMoneyUnit("bn")).toBeNull();
  });
  it("Excel's formats divide by a thousand per trailing comma and keep losses red", () => {
    // Losses in brackets, as NHS board papers show them, and in red.
    expect(moneyFormat("£")).toBe('"£"#,##0;[Red]("£"#,##0)');
    expect(moneyFormat("£k")).toBe('"£"#,##0,"k";[Red]("£"#,##0,"k")');
    expect(moneyFormat("£m", false)).toBe('"£"#,##0.00,,"m";("£"#,##0.00,,"m")');
  });
  it("one unit for a report, chosen by its scale", () => {
    expect([0, 99_999, 100_000, 4_652_340, 99_999_999, 100_000_000, -250_000_000].map(unitForScale)).toEqual(["£", "£", "£k", "£k", "£k", "£m", "£m"]);
  });
});
