import { describe, expect, test } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, type ComparisonInputs, type Step } from "../../src/engine/comparison/compare";
import { overspendChance } from "../../src/engine/rules/formulas";
import { normalSf } from "../../src/engine/rules/normal";
import { RiskSimulation, simulateRisk, type RiskResult } from "../../src/engine/risk/simulate";
import { costPerPersonCv, populationSweep } from "../../src/engine/risk/sweep";

const step = (name: string, setting: Step["setting"], unitPrice: number, unitCost: number, volume: number, takeUp: number): Step => ({
  name,
  setting,
  unitPrice,
  unitCost,
  volume,
  takeUp,
});

/** A heart-failure style pathway for a cohort (prices above costs at every step). */
const steps: Step[] = [
  step("GP review", "primary", 45, 40, 4, 1),
  step("Community HF nurse", "community", 60, 55, 6, 0.7),
  step("Echo", "hospital", 150, 120, 1, 0.9),
  step("Outpatient cardiology", "hospital", 180, 160, 2, 0.8),
  step("Emergency admission", "hospital", 3500, 3300, 0.4, 0.5),
];
// Every cost variable and the alliance holding budgets: the cost spread below is the whole pathway cost's.
const inputs: ComparisonInputs = {
  ...DEFAULT_TERMS,
  variableShares: { hospital: 1, community: 1, primary: 1, other: 1 },
  holder: "alliance",
  steps,
  cohort: 800,
};
const poisson = { kind: "poisson" as const };

function byId(r: RiskResult, id: string) {
  const m = r.models.find((x) => x.id === id);
  if (!m) throw new Error(id);
  return m;
}

describe("risk simulation", () => {
  const result = simulateRisk(inputs, { trials: 40_000, seed: 12345, dispersion: poisson });
  const comparison = comparePaymentModels(inputs);

  test("same seed, same figures; another seed, other figures; the seed and trials are reported", () => {
    expect(simulateRisk(inputs, { trials: 40_000, seed: 12345, dispersion: poisson })).toEqual(result);
    const other = simulateRisk(inputs, { trials: 40_000, seed: 54321, dispersion: poisson });
    expect(byId(other, "activity").payment.mean.value).not.toBe(byId(result, "activity").payment.mean.value);
    expect(result.seed).toBe(12345);
    expect(result.trials).toBe(40_000);
    expect(result.generator).toMatch(/xoshiro128/);
  });

  test("figures do not depend on how the work is split into chunks (as the panel's worker runs it)", () => {
    const moving = { delivery: { mean: 0.9, sd: 0.2 }, shock: { cv: 0.05 } };
    const cases = [{ dispersion: poisson }, { dispersion: { kind: "overdispersed" as const, shape: 1.5 } }, { dispersion: poisson, ...moving }];
    for (const c of cases) {
      const once = simulateRisk(inputs, { trials: 30_000, seed: 8, ...c });
      const sim = new RiskSimulation(inputs, { trials: 30_000, seed: 8, ...c });
      let chunks = 0;
      while (sim.completed < sim.total) {
        sim.run(5000);
        chunks++;
      }
      expect(chunks).toBeGreaterThan(3);
      expect(sim.result()).toEqual(once);
    }
  });

  test("linear models' mean payment is the comparison's payment at expected activity (within 4 SE)", () => {
    for (const id of ["activity", "block", "blended", "capitation", "gainshare"]) {
      const sim = byId(result, id).payment.mean;
      const base = comparison.models.find((m) => m.id === id)?.base.payment as number;
      expect(Math.abs(sim.value - base)).toBeLessThanOrEqual(4 * sim.se + 1e-6 * base);
    }
  });

  test("the spread of cost is what Poisson activity implies: SD = √(N·Σ c²·λ)", () => {
    const sd = Math.sqrt(inputs.cohort * steps.reduce((t, s) => t + s.unitCost ** 2 * s.volume * s.takeUp, 0));
    // Capitation pays a fixed budget, so its margin's SD is the cost's SD.
    expect(byId(result, "capitation").margin.sd / sd).toBeGreaterThan(0.98);
    expect(byId(result, "capitation").margin.sd / sd).toBeLessThan(1.02);
  });

  test("over-dispersion adds the frailty term: Var = N·Σ c²λ + N·(Σ cλ)²/k", () => {
    const k = 2;
    const r = simulateRisk(inputs, { trials: 40_000, seed: 3, dispersion: { kind: "overdispersed", shape: k } });
    const sum1 = steps.reduce((t, s) => t + s.unitCost * s.volume * s.takeUp, 0);
    const sum2 = steps.reduce((t, s) => t + s.unitCost ** 2 * s.volume * s.takeUp, 0);
    const sd = Math.sqrt(inputs.cohort * sum2 + (inputs.cohort * sum1 ** 2) / k);
    expect(byId(r, "capitation").margin.sd / sd).toBeGreaterThan(0.97);
    expect(byId(r, "capitation").margin.sd / sd).toBeLessThan(1.03);
    const poissonSd = Math.sqrt(inputs.cohort * sum2);
    const ratio = byId(r, "capitation").margin.sd / byId(result, "capitation").margin.sd;
    expect(ratio / (sd / poissonSd)).toBeGreaterThan(0.96);
    expect(ratio / (sd / poissonSd)).toBeLessThan(1.04);
  });

  test("who carries the risk: fixed payments vary not at all, activity payment never loses, risk share narrows capitation", () => {
    expect(byId(result, "block").payment.sd).toBe(0);
    expect(byId(result, "capitation").payment.sd).toBe(0);
    expect(byId(result, "activity").lossChance.value).toBe(0); // price ≥ cost at every step
    const width = (id: string) => byId(result, id).margin.p95.value - byId(result, id).margin.p5.value;
    expect(width("riskshare")).toBeLessThan(width("capitation"));
    expect(width("gainshare")).toBeCloseTo(width("capitation") * (1 - inputs.gainShareRate), -1);
    for (const m of result.models) {
      expect(m.margin.p5.value).toBeLessThanOrEqual(m.margin.p50.value);
      expect(m.margin.p50.value).toBeLessThanOrEqual(m.margin.p95.value);
      expect(m.marginHistogram.counts.reduce((a, b) => a + b, 0)).toBe(40_000);
      for (const e of [m.margin.mean, m.margin.p5, m.margin.p50, m.margin.p95, m.lossChance]) {
        expect(Number.isFinite(e.value) && Number.isFinite(e.se) && e.se >= 0).toBe(true);
      }
    }
    // The chance of a loss under capitation: P(cost > budget), near the normal value for this many events.
    const cap = byId(result, "capitation");
    const budget = cap.payment.mean.value;
    const normal = normalSf((budget - comparison.cost) / cap.margin.sd);
    expect(Math.abs(cap.lossChance.value - normal)).toBeLessThan(0.02);
    // With the budget set at expected cost, it is lost about half the time.
    const atCost = simulateRisk({ ...inputs, capitationRate: comparison.cost / inputs.cohort }, { trials: 20_000, seed: 2, dispersion: poisson });
    expect(Math.abs(byId(atCost, "capitation").lossChance.value - 0.5)).toBeLessThan(0.03);
  });

  test("each model's reading states its bad year, its chance of a loss and the commissioner's range", () => {
    const block = byId(result, "block");
    expect(block.reading).toContain("Block contract: in 1 year in 20 the providers' margin together is");
    expect(block.reading).toContain("the commissioner's bill is fixed");
    expect(byId(result, "activity").reading).toContain("they never lose money");
    const at = byId(
      simulateRisk({ ...inputs, capitationRate: comparison.cost / inputs.cohort }, { trials: 20_000, seed: 2, dispersion: poisson }),
      "capitation",
    );
    expect(at.reading).toMatch(/loses money in (4[7-9]|5[0-3])% of years/);
  });

  test("bad settings are refused by name", () => {
    expect(() => simulateRisk(inputs, { trials: 1, seed: 1, dispersion: poisson })).toThrow(/trials: expected a whole number from 2/);
    expect(() => simulateRisk(inputs, { trials: 3_000_000, seed: 1, dispersion: poisson })).toThrow(/trials/);
    expect(() => simulateRisk(inputs, { trials: 100, seed: -4, dispersion: poisson })).toThrow(/seed/);
    expect(() => simulateRisk(inputs, { trials: 100, seed: 1, dispersion: { kind: "overdispersed", shape: 0 } })).toThrow(/over-dispersion shape k/);
    expect(() => simulateRisk({ ...inputs, cohort: 0 }, { trials: 100, seed: 1, dispersion: poisson })).toThrow(/cohort/);
  });
});

describe("population size", () => {
  // ——— Crump BJ, Cubbon JE, Drummond MF, Hawkes RA, Marchment MD. Fundholding in general practice and financial
  // risk. BMJ 1991;302:1582–4. 100 simulated years of the 113 fundholding procedures, Central Birmingham:
  //   residents 179,400: mean £4,832,471, SD £87,149; 5th–95th year range 5.7% of the mean
  //   list 9,000:        mean £244,891,   SD £18,349;  range 27.5%
  //   list 24,000:       mean £652,762,   SD £32,512;  range 15.3%
  // A comparable cost profile: four price bands of elective procedures (1990 £) whose rates give the district's
  // cost per resident (£26.94) and its spread (per-person CV = 1.80% × √179,400 ≈ 7.6).
  const perPerson = 4_832_471 / 179_400;
  const bands: [number, number][] = [
    [400, 0.21],
    [900, 0.3],
    [1800, 0.3],
    [3600, 0.19],
  ]; // [price, share of spend]
  const crump: Step[] = bands.map(([price, share]) => step(`£${price} procedures`, "hospital", price, price, (share * perPerson) / price, 1));

  test("the comparable profile has the district's cost per person and spread", () => {
    const { mean, cv } = costPerPersonCv(crump, poisson);
    expect(mean).toBeCloseTo(perPerson, 6);
    expect(cv).toBeGreaterThan(7.3);
    expect(cv).toBeLessThan(7.9);
  });

  test("Crump et al. 1991: a practice of 9,000 varies far more than a district of 179,400, as published", () => {
    const sweep = populationSweep(crump, {
      populations: [9000, 24000, 179_400],
      trials: 20_000,
      seed: 1991,
      dispersion: poisson,
      tolerance: 0.05,
      confidence: 0.95,
    });
    const published = [
      { n: 9000, cv: 18_349 / 244_891, range: 0.275 },
      { n: 24_000, cv: 32_512 / 652_762, range: 0.153 },
      { n: 179_400, cv: 87_149 / 4_832_471, range: 0.057 },
    ];
    published.forEach((p, i) => {
      const row = sweep.rows[i];
      expect(row.population).toBe(p.n);
      // Their figures come from 100 years, so their own SD is ±7% and their range ±15% or so.
      expect(row.sdShare / p.cv).toBeGreaterThan(0.85);
      expect(row.sdShare / p.cv).toBeLessThan(1.15);
      expect((row.p95Share - row.p5Share) / p.range).toBeGreaterThan(0.8);
      expect((row.p95Share - row.p5Share) / p.range).toBeLessThan(1.2);
    });
    const practice = sweep.rows[0].p95Share - sweep.rows[0].p5Share;
    const district = sweep.rows[2].p95Share - sweep.rows[2].p5Share;
    expect(practice / district).toBeGreaterThan(3.5); // published 27.5 / 5.7 = 4.8; √(179,400 / 9,000) = 4.5
    expect(practice / district).toBeLessThan(5.5);
  });

  // ——— Bachmann MO, Bevan G. Determining the size of a total purchasing site to manage the financial risks of
  // rare costly referrals: computer simulation model. BMJ 1996;313:1054–7. 15 categories of rare costly
  // referrals, Poisson, 100 fund years: "Variation increased greatly below 30 000 person years"; the mean cost
  // was 2.8% of hospital and community health services spending and the maximum year at 7,000 person-years 6.8%
  // (2.4 × the mean). Their rates and prices are not in the abstract: a comparable profile of 15 rare, costly
  // categories (illustrative 1996 prices; rates scaled so the 100-year maximum at 7,000 is about 2.4 × the mean).
  const rare = (name: string, per100k: number, price: number): Step => step(name, "hospital", price, price, (1.4 * per100k) / 100_000, 1);
  const bachmann: Step[] = [
    rare("Liver transplant", 1.5, 60_000),
    rare("Heart transplant", 0.8, 70_000),
    rare("Bone marrow transplant", 2, 55_000),
    rare("Neonatal intensive care", 12, 18_000),
    rare("Paediatric intensive care", 6, 20_000),
    rare("Burns", 3, 25_000),
    rare("Spinal injury", 1.5, 45_000),
    rare("Renal replacement, new patients", 10, 22_000),
    rare("Secure psychiatric care", 4, 60_000),
    rare("Complex cardiac surgery", 10, 12_000),
    rare("Neurosurgery", 8, 14_000),
    rare("HIV/AIDS treatment", 6, 15_000),
    rare("Haemophilia", 1, 80_000),
    rare("Cystic fibrosis", 2, 30_000),
    rare("Head injury rehabilitation", 2.5, 40_000),
  ];

  test("Bachmann and Bevan 1996: the worst of 100 years at 7,000 person-years is about 2.4 × the mean", () => {
    const worst: number[] = [];
    for (let seed = 1; seed <= 21; seed++) {
      const r = simulateRisk({ ...DEFAULT_TERMS, steps: bachmann, cohort: 7000 }, { trials: 100, seed, dispersion: poisson });
      worst.push(byId(r, "activity").payment.max / r.expectedValue);
    }
    worst.sort((a, b) => a - b);
    expect(worst[10]).toBeGreaterThan(2.0);
    expect(worst[10]).toBeLessThan(2.9);
  });

  test("Bachmann and Bevan 1996: variation rises steeply below 30,000 person-years and the normal formula understates it", () => {
    const sweep = populationSweep(bachmann, {
      populations: [7000, 15_000, 30_000, 50_000, 100_000, 500_000],
      trials: 50_000,
      seed: 1996,
      dispersion: poisson,
      tolerance: 0.5,
      confidence: 0.95,
    });
    const sd = (n: number) => sweep.rows.find((r) => r.population === n)?.sdShare as number;
    // Spread falls as 1/√N: from 7,000 to 30,000 it halves; beyond, each further gain is small.
    expect(sd(7000) / sd(30_000)).toBeGreaterThan(0.9 * Math.sqrt(30 / 7));
    expect(sd(7000) / sd(30_000)).toBeLessThan(1.1 * Math.sqrt(30 / 7));
    expect(sd(7000) - sd(30_000)).toBeGreaterThan(2 * (sd(30_000) - sd(100_000)));
    for (const r of sweep.rows) {
      expect((r.sdShare * Math.sqrt(r.population)) / sweep.costCv).toBeGreaterThan(0.97);
      expect((r.sdShare * Math.sqrt(r.population)) / sweep.costCv).toBeLessThan(1.03);
      expect(r.overspendNormal).toBe(overspendChance(r.population, sweep.costCv, 0.5));
    }
    // Rare costly referrals have a long right tail: around 30,000–50,000 person-years the normal formula
    // (PAY.OVERSPEND_PROBABILITY) gives a smaller chance of a 50% overspend than the simulation finds.
    for (const n of [30_000, 50_000]) {
      const row = sweep.rows.find((r) => r.population === n);
      if (!row) throw new Error(String(n));
      expect(row.overspend.value - row.overspendNormal).toBeGreaterThan(3 * row.overspend.se);
    }
    // So the simulated safe size is larger than the closed-form PAY.MIN_POPULATION.
    expect(sweep.minPopulationSimulated).not.toBeNull();
    expect(sweep.minPopulationSimulated as number).toBeGreaterThanOrEqual(sweep.minPopulationNormal);
  });

  test("for common, cheap activity the normal formula and the simulation agree", () => {
    const sweep = populationSweep(crump, {
      populations: [20_000, 100_000],
      trials: 40_000,
      seed: 4,
      dispersion: poisson,
      tolerance: 0.05,
      confidence: 0.95,
    });
    for (const r of sweep.rows) expect(Math.abs(r.overspend.value - r.overspendNormal)).toBeLessThan(4 * r.overspend.se + 0.003);
  });

  test("the default sweep includes the cohort and the closed-form minimum population", () => {
    const sweep = populationSweep(steps, { trials: 200, seed: 1, dispersion: poisson, tolerance: 0.03, confidence: 0.95 }, 800);
    const ns = sweep.rows.map((r) => r.population);
    expect(ns).toContain(800);
    expect(ns).toContain(sweep.minPopulationNormal);
    expect([...ns].sort((a, b) => a - b)).toEqual(ns);
  });
});

describe("delivery uncertainty and a common shock", () => {
  const trials = 40_000;
  const run = (extra: Partial<import("../../src/engine/risk/simulate").RiskSettings>) =>
    simulateRisk(inputs, { trials, seed: 2026, dispersion: poisson, ...extra });

  test("the share of the shift achieved and the common shock reproduce their stated mean and spread (within 4 standard errors)", () => {
    const r = run({ delivery: { mean: 0.8, sd: 0.1 }, shock: { cv: 0.05 } });
    const a = r.drawn.achieved!;
    const s = r.drawn.shock!;
    // Standard errors: of a mean, sd/√n; of a standard deviation (normal), sd/√(2(n − 1)).
    expect(Math.abs(a.mean - 0.8)).toBeLessThan((4 * 0.1) / Math.sqrt(trials));
    expect(Math.abs(a.sd - 0.1)).toBeLessThan((4 * 0.1) / Math.sqrt(2 * (trials - 1)));
    expect(Math.abs(s.mean - 1)).toBeLessThan((4 * 0.05) / Math.sqrt(trials));
    // A gamma's spread is not normal: its sd's standard error is a little wider; 6 of the normal's.
    expect(Math.abs(s.sd - 0.05)).toBeLessThan((6 * 0.05) / Math.sqrt(2 * (trials - 1)));
    expect(r.delivery).toEqual({ mean: 0.8, sd: 0.1 });
    expect(run({ delivery: { mean: 0.8, sd: 0.1 }, shock: { cv: 0.05 } })).toEqual(r);
  });

  test("the whole shift delivered for certain: each organisation's mean margin under activity payment is the comparison's after the shift", () => {
    const r = run({ delivery: { mean: 1, sd: 0 } });
    expect(r.drawn.achieved!.sd).toBe(0);
    const activity = r.models.find((m) => m.id === "activity")!;
    const shifted = comparePaymentModels(inputs).models.find((m) => m.id === "activity")!.states.shifted.organisations;
    activity.organisations.forEach((o, i) =>
      expect(Math.abs(o.marginMean.value - shifted[i].margin), o.name).toBeLessThan(4 * o.marginMean.se + 1e-6),
    );
  });

  test("a common shock widens every model's spread of the commissioner's bill where it follows activity, and leaves the mean", () => {
    const plain = run({});
    const shocked = run({ shock: { cv: 0.1 } });
    const pays = (r: RiskResult) => byId(r, "activity").payment;
    expect(shocked.drawn.achieved).toBeNull();
    expect(Math.abs(pays(shocked).mean.value - pays(plain).mean.value)).toBeLessThan(4 * Math.hypot(pays(shocked).mean.se, pays(plain).mean.se));
    // Variance adds: Poisson's plus (cv × mean)², near enough for a 10% shock.
    const want = Math.sqrt(pays(plain).sd ** 2 + (0.1 * pays(plain).mean.value) ** 2);
    expect(pays(shocked).sd / want).toBeGreaterThan(0.95);
    expect(pays(shocked).sd / want).toBeLessThan(1.05);
    expect(byId(shocked, "block").payment.sd).toBe(0);
  });

  test("bad settings are refused with the setting named", () => {
    expect(() => run({ delivery: { mean: 1, sd: -0.1 } })).toThrow("delivery: its standard deviation");
    expect(() => run({ shock: { cv: 2 } })).toThrow("common shock: coefficient of variation");
  });
});
