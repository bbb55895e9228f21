/**
 * What `pay compare` prints: the JSON object other tools read (its keys are a public interface: keep them) and the
 * readable text (against today's contracts first, the notes, who gains, each model; the years, the risk and the
 * drivers in words). Pure functions of the engine's results.
 */
import { gbp, STATE_IDS, type Comparison } from "../../engine/comparison/compare";
import { paymentTodayValue } from "../../engine/comparison/today";
import { DRIVER_GROUP_NAMES, topDrivers, type DriverGroup, type Sensitivity, type SensitivityRow } from "../../engine/comparison/sensitivity";
import { describePayback, type Position, type Transition } from "../../engine/comparison/transition";
import { describeDispersion, describeSources, type ModelRisk, type RiskResult } from "../../engine/risk/simulate";
import { describeHolder, withBadYear } from "../../engine/holder/economics";
import { answerSentence } from "../../engine/decision/answer";
import { describeBearing } from "../../engine/risk/capacity";
import { describeCapacityBudget, describeReserve } from "../../engine/risk/capacity-budget";
import type { ColumnReading } from "../../engine/inputs/columns";

/** Rows of each model's sensitivity the JSON lists unless --drivers says otherwise: the largest swings. */
export const DEFAULT_DRIVERS = 20;
/** The comparison as the JSON object other tools read (the keys are a public interface: keep them). */
export function comparisonJson(
  c: Comparison,
  s?: Sensitivity,
  t?: Transition | null,
  risk?: RiskResult | null,
  capitation?: { source: "need" | "activity" | "rate"; rate: number | null; budget: number; selectionGain?: { practice: string; gain: number }[] },
  drivers: number | "all" = DEFAULT_DRIVERS,
  read?: { columns: readonly ColumnReading[] },
): unknown {
  const pos = (p: Position) => ({ byYear: p.byYear, cumulative: p.cumulative, npv: p.npv, payback: p.payback });
  return {
    // What was read of the inputs: every column of the table, as what (readAs null: not read, with the nearest field).
    ...(read
      ? {
          inputs: {
            columns: read.columns.map((c) => ({ header: c.header, readAs: c.readAs, ...(c.readAs === null ? { nearest: c.nearest ?? null } : {}) })),
          },
        }
      : {}),
    organisations: c.organisations,
    lead: c.lead,
    holder: c.holder,
    notes: c.notes,
    baseline: {
      name: c.baseline.name,
      commissioner: Object.fromEntries(STATE_IDS.map((st) => [st, c.baseline.states[st].commissioner])),
      organisations: c.organisations.map((name, o) => ({
        name,
        ...Object.fromEntries(
          STATE_IDS.map((st) => {
            const f = c.baseline.states[st].organisations[o];
            return [st, { income: f.income, cost: f.cost, margin: f.margin }];
          }),
        ),
      })),
      rule: c.baseline.rule ? { id: c.baseline.rule.id, name: c.baseline.rule.name, covers: c.baseline.rule.covers } : null,
      steps: c.baseline.steps.map((x) => ({
        name: x.name,
        pointOfDelivery: x.pointOfDelivery,
        paymentToday: paymentTodayValue(x.paymentToday),
        source: x.source,
      })),
      // Each signed contract against its tariff valuation (--contracts): £ exact, gap = signed − tariff.
      reconciliation: c.baseline.reconciliation.map((x) => ({
        organisation: x.organisation,
        pointOfDelivery: x.pointOfDelivery,
        tariff: x.tariff,
        signed: x.signed,
        gap: x.gap,
        gapShare: x.gapShare,
        steps: x.steps,
      })),
    },
    models: c.models.map((m) => ({
      id: m.id,
      name: m.name,
      commissioner: Object.fromEntries(STATE_IDS.map((s) => [s, m.states[s].commissioner])),
      organisations: c.organisations.map((name, o) => ({
        name,
        ...Object.fromEntries(STATE_IDS.map((s) => [s, { ...m.states[s].organisations[o] }])),
      })),
      shift: {
        organisations: m.shift.organisations,
        commissionerSaving: m.shift.commissionerSaving,
        systemSaving: m.shift.systemSaving,
        systemChange: m.shift.systemChange,
      },
      versusToday: m.versusToday,
      reading: m.reading,
      ...(m.id === "capitation" && capitation ? { capitation } : {}),
      // Under a bundle or a capitated budget: the holder's economics (issue 36), with its bad year when simulated.
      ...(m.holder ? { holder: holderJson(m.holder, c, risk?.models.find((x) => x.id === m.id) ?? null) } : {}),
    })),
    ...(t
      ? {
          transition: {
            years: t.years,
            labels: t.labels,
            prices: {
              priceUplift: t.terms.priceUplift,
              costUplift: t.terms.costUplift,
              efficiency: t.terms.efficiency ?? [0],
              priceConvention: t.terms.priceConvention ?? "additive",
            },
            backfill: t.backfill,
            notes: t.notes,
            models: t.models.map((m) => ({
              id: m.id,
              commissioner: pos(m.commissioner),
              organisations: m.organisations.map((p) => ({ name: p.name, ...pos(p) })),
              ...(m.payer ? { payer: { name: m.payer.name, ...pos(m.payer) } } : {}),
              system: pos(m.system),
              versusToday: {
                commissioner: pos(m.versusToday.commissioner),
                organisations: m.versusToday.organisations.map((p) => ({ name: p.name, ...pos(p) })),
                ...(m.versusToday.payer ? { payer: { name: m.versusToday.payer.name, ...pos(m.versusToday.payer) } } : {}),
                system: pos(m.versusToday.system),
              },
            })),
          },
        }
      : {}),
    ...(risk ? { risk: riskJson(risk) } : {}),
    ...(s
      ? {
          // Proportionate: the rows are sorted by swing, so the first N are the largest drivers.
          sensitivityListed: { perModel: drivers, of: s.models[0]?.rows.length ?? 0 },
          sensitivity: Object.fromEntries(
            s.models.map((m) => [
              m.id,
              (drivers === "all" ? m.rows : m.rows.slice(0, drivers)).map((r) => ({
                group: r.group,
                input: r.input,
                label: r.label,
                low: r.low,
                high: r.high,
                systemMarginLow: r.atLow.system,
                systemMarginHigh: r.atHigh.system,
                commissionerLow: r.atLow.commissioner,
                commissionerHigh: r.atHigh.commissioner,
                organisationsLow: r.atLow.organisations,
                organisationsHigh: r.atHigh.organisations,
              })),
            ]),
          ),
        }
      : {}),
  };
}

/**
 * A holder as the JSON gives it: the issue's keys (name, fee, reserve, freeMargin, vat, reserveCoversP5) first, then
 * the budget, the margin, each subcontract and the figures after the care shift. With a simulation, an `auto`
 * reserve is sized from the holder's bad year and whether the reserve covers it is said (holder/economics.ts).
 */
function holderJson(h: NonNullable<Comparison["models"][number]["holder"]>, c: Comparison, r: ModelRisk | null): unknown {
  const lead = r?.organisations.find((o) => o.name === h.name);
  const bad = r ? (lead ? { p5: lead.marginP5.value, mean: lead.marginMean.value } : { p5: r.margin.p5.value, mean: r.margin.mean.value }) : null;
  const x = bad ? withBadYear(h, c.holderTerms.riskReserve, bad) : h;
  return {
    name: x.name,
    fee: x.fee,
    reserve: x.reserve,
    freeMargin: x.freeMargin,
    vat: x.vat,
    reserveCoversP5: x.reserveCoversP5,
    budget: x.budget,
    margin: x.margin,
    subcontracts: x.subcontracts,
    shifted: h.shifted,
  };
}

/**
 * The simulation as the JSON object other tools read (its keys are a public interface): for each model and
 * organisation the chance of a loss, the 5th percentile of its margin, what it can lose and whether the 5th
 * percentile loses more; what the commissioner pays in a bad year.
 */
export function riskJson(r: RiskResult): unknown {
  return {
    trials: r.trials,
    seed: r.seed,
    dispersion: r.dispersion,
    delivery: r.delivery,
    shock: r.shock,
    generator: r.generator,
    models: r.models.map(modelRiskJson),
    // Today's contracts on the same draws: the risk of doing nothing (id "today"), in a model's keys.
    today: modelRiskJson(r.today),
    capacityBudget: (({ p5, ...rest }) => ({ ...rest, p5Margin: p5 }))(r.capacityBudget),
    ...(r.reserve ? { reserve: (({ p5, ...rest }) => ({ ...rest, p5Margin: p5 }))(r.reserve) } : {}),
  };
}

function modelRiskJson(m: RiskResult["models"][number]): unknown {
  return {
    id: m.id,
    organisations: m.organisations.map((o) => ({
      name: o.name,
      lossChance: o.lossChance.value,
      p5Margin: o.marginP5.value,
      capacity: o.capacity,
      exceedsCapacity: o.exceedsCapacity,
      capacitySource: o.capacitySource,
      populationToBear: o.populationToBear,
      standardErrors: { lossChance: o.lossChance.se, p5Margin: o.marginP5.se },
    })),
    commissioner: { p95Payment: m.payment.p95.value },
  };
}

/** Each held model's holder in words: what it holds and keeps, its fee and reserve, its free margin, the VAT lost. */
export function holderLines(c: Comparison, money: (x: number) => string = gbp): string[] {
  const held = c.models.filter((m) => m.holder);
  if (
    held.length === 0 ||
    (!c.holderTerms.managementFee &&
      !c.holderTerms.riskReserve &&
      held.every((m) => m.holder?.vat.length === 0 && m.holder.subcontracts.every((x) => x.basis === "tariff")))
  )
    return [];
  const lines = ["", "The holder (today's activity): what it holds and keeps, its fee and reserve, and VAT lost under it"];
  for (const m of held) lines.push(`  ${m.name}: ${describeHolder(m.holder as NonNullable<typeof m.holder>, money)}`);
  return lines;
}

/**
 * The simulation in words: for each model, each organisation's chance of a loss and whether it can bear its bad
 * year (how much of what it can lose its 1-in-20 year uses; where it cannot, the population that could, or why
 * none within reach would).
 */
export function riskLines(r: RiskResult, money: (x: number) => string = gbp): string[] {
  const lines = [
    "",
    `Risk: ${r.trials.toLocaleString("en-GB")} simulated years, seed ${r.seed}, ${describeDispersion(r.dispersion)}; ${describeSources(r)}`,
  ];
  for (const m of [r.today, ...r.models]) {
    const over = m.organisations.filter((o) => o.exceedsCapacity).length;
    lines.push(
      `  ${m.name}: ${over === 0 ? "every organisation can bear its bad year" : `${over} of ${m.organisations.length} cannot bear its bad year`}`,
    );
    for (const o of m.organisations) lines.push(`    ${o.name} ${describeBearing(o, r.cohort, money)}`);
  }
  lines.push(`  What must be true: ${describeCapacityBudget(r.capacityBudget, money)}`);
  if (r.reserve) lines.push(`  ${describeReserve(r.reserve, money)}`);
  return lines;
}

/**
 * The readable tables: against today's contracts first (each party's total, then its switch and shift, model by
 * model), the notes, who gains when care moves out of hospital (the shift alone), then each model's figures.
 */
export function comparisonTables(c: Comparison, money: (x: number) => string = gbp, preface: readonly string[] = []): string[] {
  const names = c.models.map((m) => m.name);
  const first = Math.max(24, ...c.organisations.map((o) => o.length + 2));
  const width = Math.max(14, ...names.map((n) => n.length + 2));
  const row = (label: string, cells: string[]) => label.padEnd(first) + cells.map((x) => x.padStart(width)).join("");
  const today = c.baseline.shift;
  const lines = [
    // The answer first: the same sentence as the pane's, the board paragraph's and the written sheet's.
    answerSentence(c),
    "",
    "Against today's contracts: moving to each model, then care moving out of hospital (total = switch + shift; margins, and the commissioner's saving)",
    row("", ["Keep today's contracts", ...names]),
  ];
  const party = (name: string, todayShift: number, vs: (m: Comparison["models"][number]) => { switch: number; shift: number; total: number }) => {
    lines.push(row(name, [money(todayShift), ...c.models.map((m) => money(vs(m).total))]));
    lines.push(row("  switch", ["", ...c.models.map((m) => money(vs(m).switch))]));
    lines.push(row("  shift", [money(todayShift), ...c.models.map((m) => money(vs(m).shift))]));
  };
  c.organisations.forEach((name, o) => party(name, today.organisations[o], (m) => m.versusToday.organisations[o]));
  party("Commissioner", today.commissionerSaving, (m) => m.versusToday.commissioner);
  party("System", today.systemSaving, (m) => m.versusToday.system);
  for (const n of [...preface, ...c.notes]) lines.push(`Note: ${n}`);
  lines.push(...reconciliationLines(c, money));
  lines.push(
    "",
    "Who gains when care moves out of hospital, under each model (change in margin; the commissioner's saving; the system's saving)",
    row("", names),
  );
  c.organisations.forEach((name, o) =>
    lines.push(
      row(
        name,
        c.models.map((m) => money(m.shift.organisations[o])),
      ),
    ),
  );
  lines.push(
    row(
      "Commissioner",
      c.models.map((m) => money(m.shift.commissionerSaving)),
    ),
  );
  lines.push(
    row(
      "System",
      c.models.map((m) => money(m.shift.systemSaving)),
    ),
  );
  for (const m of c.models) {
    lines.push(
      "",
      `${m.name}: commissioner pays ${money(m.states.base.commissioner)} at today's activity, ${money(m.states.shifted.commissioner)} after the care shift`,
    );
    lines.push(row("  margin by state", ["today's activity", "activity -10%", "activity +10%", "after shift"]));
    c.organisations.forEach((name, o) =>
      lines.push(
        row(
          `  ${name}`,
          STATE_IDS.map((s) => money(m.states[s].organisations[o].margin)),
        ),
      ),
    );
    lines.push(`  ${m.reading}`);
  }
  return lines;
}

/**
 * Each model's positions by year against today's contracts doing nothing (as the JSON's versusToday and the
 * pane's Years view): organisations, commissioner, another payer, system; with NPV and payback in words.
 */
export function transitionLines(t: Transition, money: (x: number) => string = gbp): string[] {
  const rate = t.terms.discountRate;
  const lines = [
    "",
    `Transition over ${t.years.length} years: each model against today's contracts doing nothing, by year; NPV at ${+(rate * 100).toFixed(4)}% (year 1 at time 0); payback`,
  ];
  for (const n of t.notes) lines.push(`Note: ${n}`);
  const head = ["", ...t.labels.map((l) => l.replace(/^Year /, "year ")), "NPV", "payback"];
  if (t.backfill.value.some((v) => v !== 0))
    lines.push(
      `Other work on backfilled capacity, paid by the ${t.backfill.payer === "commissioner" ? "commissioner" : `payer ${t.backfill.payer}`} (in its figures; not a saving): ${t.backfill.value.map((v) => money(v)).join(", ")}`,
    );
  const row = (cells: string[]) =>
    cells[0].padEnd(26) +
    cells
      .slice(1)
      .map((x) => x.padStart(15))
      .join("");
  for (const m of t.models) {
    const v = m.versusToday;
    lines.push("", m.name, row(head));
    for (const p of [...v.organisations, v.commissioner, ...(v.payer ? [v.payer] : []), v.system]) {
      lines.push(`${row([`  ${p.name}`, ...p.byYear.map((x) => money(x)), money(p.npv)])}  ${describePayback(p, rate, 2)}`);
    }
  }
  return lines;
}

/** For each model, the three inputs of each kind (what may turn out differently; what is negotiated) that move its system margin most. */
export function driverLines(s: Sensitivity, money: (x: number) => string = gbp): string[] {
  const top = (rows: readonly SensitivityRow[], group: DriverGroup) => {
    const moving = topDrivers(
      rows.filter((r) => r.group === group),
      "system",
      3,
    );
    return moving.length === 0 ? "none moves it" : moving.map((r) => `${r.label} (${money(r.atLow.system)} to ${money(r.atHigh.system)})`).join("; ");
  };
  return [
    "",
    `What drives the answer (the providers' margin together after the care shift, each input ±${s.ranges.relative * 100}% or ±${s.ranges.share * 100} points):`,
    ...s.models.flatMap((m) => [
      `  ${m.name}:`,
      `    ${DRIVER_GROUP_NAMES.uncertain.toLowerCase()}: ${top(m.rows, "uncertain")}`,
      `    ${DRIVER_GROUP_NAMES.negotiated.toLowerCase()}: ${top(m.rows, "negotiated")}`,
    ]),
  ];
}

/** Today as signed against the tariff valuation, contract by contract (--contracts); nothing without a contracts table. */
function reconciliationLines(c: Comparison, money: (x: number) => string): string[] {
  const rows = c.baseline.reconciliation;
  if (rows.length === 0) return [];
  const pct = (x: number | null) => (x === null ? "" : `${x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(1)}%`);
  return [
    "",
    "Today's contracts as signed, against the tariff valuation (price × MFF × planned activity, or today's activity)",
    `${"".padEnd(40)}${"tariff".padStart(15)}${"signed".padStart(15)}${"gap".padStart(15)}${"gap %".padStart(9)}`,
    ...rows.map(
      (r) =>
        `${`${r.organisation}, ${r.pointOfDelivery}`.slice(0, 39).padEnd(40)}${money(r.tariff).padStart(15)}${money(r.signed).padStart(15)}${money(r.gap).padStart(15)}${pct(r.gapShare).padStart(9)}`,
    ),
  ];
}
