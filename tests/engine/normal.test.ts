import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, normalSf } from "../../src/engine/rules/normal";

// Reference values: Φ and Φ⁻¹ to 16 significant digits, as tabulated by Wolfram|Alpha / R's pnorm and
// qnorm (both use Cody's and Wichura's AS 241 algorithms, independent of ours).
const CDF: [number, number][] = [
  [0, 0.5],
  [1, 0.8413447460685429],
  [-1, 0.15865525393145705],
  [1.96, 0.9750021048517795],
  [-1.96, 0.024997895148220435],
  [2.5, 0.9937903346742238],
  [3, 0.9986501019683699],
  [-3, 0.0013498980316300946],
  [-5, 2.866515718791939e-7],
  [-8, 6.220960574271785e-16],
  [0.5, 0.6914624612740131],
  [-0.25, 0.4012936743170763],
];

const QUANTILE: [number, number][] = [
  [0.5, 0],
  [0.95, 1.6448536269514722],
  [0.975, 1.959963984540054],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
  [0.05, -1.6448536269514729],
  [0.01, -2.3263478740408408],
  [1e-10, -6.361340902404056],
  [0.8, 0.8416212335729143],
];

describe("standard normal CDF", () => {
  it.each(CDF)("Φ(%s) = %s to 1e-12", (x, p) => {
    expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-12);
  });
  it("keeps relative precision deep in the tail", () => {
    expect(normalSf(8) / 6.220960574271785e-16).toBeCloseTo(1, 10);
    expect(normalSf(20) / 2.7536241186062337e-89).toBeCloseTo(1, 9);
  });
  it("is monotone and symmetric across the series/continued-fraction seam at |x| = 3", () => {
    for (let x = 2.9; x < 3.1; x += 0.001) {
      expect(normalCdf(x + 0.001)).toBeGreaterThan(normalCdf(x));
      expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(1e-15);
    }
  });
});

describe("standard normal quantile", () => {
  it.each(QUANTILE)("Φ⁻¹(%s) = %s to 1e-9", (p, x) => {
    expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-9);
  });
  it("inverts the CDF to 1e-12 across (0, 1)", () => {
    for (let p = 0.0005; p < 1; p += 0.0005) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-12);
    }
  });
  it("is ±Infinity at the ends and NaN outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
