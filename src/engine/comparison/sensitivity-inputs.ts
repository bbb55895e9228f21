/**
 * The inputs the sensitivity moves (sensitivity.ts): every term of the comparison at its value today, a single
 * holder's partners' negotiated terms, the care shift, the cost behaviour and the quality element, and each step's
 * volume, take-up, price and cost — each with its label, its group and how it moves.
 */
import type { PartnerTerms } from "../holder/partners";
import { contractFor, type ComparisonInputs } from "./compare";
import { type Setting, type Step } from "./organisations";
import { isNumberTerm, TERM_TABLE, type DriverGroup, type NumberTerm, type TermDriver, type TermRow } from "../inputs/term-table";

export { DRIVER_GROUP_NAMES, type DriverGroup } from "../inputs/term-table";

export interface Input {
  input: string;
  label: string;
  group: DriverGroup;
  base: number;
  kind: "relative" | "share" | "uplift";
  set: (inp: ComparisonInputs, x: number) => ComparisonInputs;
  /** A step's own figure: the step and the field moved, so its effect is its own contribution (stepOutcomes). */
  step?: { index: number; field: "volume" | "takeUp" | "unitPrice" | "unitCost" };
}

const withStep = (inp: ComparisonInputs, i: number, patch: Partial<Step>): ComparisonInputs => ({
  ...inp,
  steps: inp.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)),
});

/** Every input the analysis moves, at its value today (terms left to their defaults at their effective value). */
export function sensitivityInputs(inp: ComparisonInputs): Input[] {
  return [...termInputs(inp), ...stepInputs(inp)];
}

/**
 * The terms' inputs, from the table of terms (inputs/term-table.ts: each term's group, label and how it moves),
 * in its order. A term moves by setting its own field, unless it is one of the few that move more (MOVES).
 */
function termInputs(inp: ComparisonInputs): Input[] {
  const moves = specialMoves(inp);
  return TERM_TABLE.flatMap((t): Input[] => {
    if (!t.driver) return [];
    const special = isNumberTerm(t) && t.setting ? moves.variableShare : moves[t.key];
    if (special) return special(t.driver, isNumberTerm(t) ? (t.driver.label ?? t.label) : (t.driver.label ?? t.key), t);
    const key = t.key as keyof ComparisonInputs;
    return [
      {
        input: t.key,
        group: t.driver.group,
        label: t.driver.label ?? (isNumberTerm(t) ? t.label : t.key),
        base: inp[key] as number,
        kind: t.driver.move,
        set: (i, x) => ({ ...i, [key]: x }),
      },
    ];
  });
}

type Move = (d: TermDriver, label: string, t: TermRow) => Input[];

/**
 * The terms that move more than their own field: those left "at today's value" (moved from today's payment: the
 * contracts as signed, where given), the rate above baseline (the rate below follows it while blank), the
 * corridor's thresholds and shares (all together), the partners' terms, and a setting's variable cost share (every
 * step of that setting, by the same points, within 0 to 1, so a table that gives each step its share moves too).
 */
function specialMoves(inp: ComparisonInputs): Record<string, Move> {
  const V = contractFor(inp).totalPaid;
  const tiers = inp.capitationTiers;
  const weighted = tiers ? tiers.counts.reduce((t, n, i) => t + n * tiers.weights[i], 0) : inp.cohort;
  const moveShares = (shares: number[], x: number) => shares.map((s) => Math.min(1, Math.max(0, s + x)));
  const atToday =
    (key: "blockValue" | "bundlePrice" | "capitationRate" | "blendedRateBelow", base: number): Move =>
    (d, label) => [{ input: key, group: d.group, label, base, kind: d.move, set: (i, x) => ({ ...i, [key]: x }) }];
  // A setting's variable cost share: the term's row names its setting (term-table.ts).
  const variableShare: Move = (d, label, t) => {
    const setting = (t as NumberTerm).setting as Setting;
    return [
      {
        input: t.key,
        label,
        group: d.group,
        base: inp.variableShares[setting],
        kind: d.move,
        set: (i, x) => {
          const by = x - inp.variableShares[setting];
          return {
            ...i,
            variableShares: { ...i.variableShares, [setting]: x },
            steps: i.steps.map((st) =>
              st.setting === setting && st.variableShare !== undefined
                ? { ...st, variableShare: Math.min(1, Math.max(0, st.variableShare + by)) }
                : st,
            ),
          };
        },
      },
    ];
  };
  return {
    blockValue: atToday("blockValue", inp.blockValue ?? V),
    bundlePrice: atToday("bundlePrice", inp.bundlePrice ?? V / inp.cohort),
    capitationRate: atToday("capitationRate", inp.capitationRate ?? V / weighted),
    blendedRateBelow: atToday("blendedRateBelow", inp.blendedRateBelow ?? inp.blendedVariableRate),
    blendedVariableRate: (d, label) => [
      {
        input: "blendedVariableRate",
        group: d.group,
        label,
        base: inp.blendedVariableRate,
        kind: d.move,
        set: (i, x) => ({ ...i, blendedVariableRate: x, blendedRateBelow: i.blendedRateBelow ?? i.blendedVariableRate }),
      },
    ],
    corridorThresholds: (d, label) => [
      {
        input: "corridorThresholds",
        group: d.group,
        label,
        base: 1,
        kind: d.move,
        set: (i, x) => ({ ...i, corridor: { ...i.corridor, thresholds: i.corridor.thresholds.map((t) => t * x) } }),
      },
    ],
    corridorShares: (d, label) => [
      {
        input: "corridorShares",
        group: d.group,
        label,
        base: 0,
        kind: d.move,
        set: (i, x) => ({
          ...i,
          corridor: { ...i.corridor, overShares: moveShares(i.corridor.overShares, x), underShares: moveShares(i.corridor.underShares, x) },
        }),
      },
    ],
    partners: () => partnerInputs(inp),
    variableShare,
  };
}

/** Each step's volume, take-up, unit price and unit cost. */
function stepInputs(inp: ComparisonInputs): Input[] {
  const field = (i: number, f: "volume" | "takeUp" | "unitPrice" | "unitCost", label: string, group: DriverGroup, kind: Input["kind"]): Input => ({
    input: `steps[${i}].${f}`,
    label: `${inp.steps[i].name}: ${label}`,
    group,
    base: inp.steps[i][f],
    kind,
    set: (x, v) => withStep(x, i, { [f]: v }),
    step: { index: i, field: f },
  });
  return inp.steps.flatMap((_, i) => [
    field(i, "volume", "volume", "uncertain", "relative"),
    field(i, "takeUp", "take-up", "uncertain", "share"),
    field(i, "unitPrice", "unit price", "negotiated", "relative"),
    field(i, "unitCost", "unit cost", "uncertain", "relative"),
  ]);
}

/**
 * A single holder's partners (holder/partners.ts), where typed: each one's margin on cost (paid at cost) and its
 * VAT-bearing share (where it cannot recover VAT), as negotiated terms. (The management fee and the reserve move
 * no party's margin: they divide the holder's own, which the holder's figures show.)
 */
export function partnerInputs(inp: ComparisonInputs): Input[] {
  const typed = inp.partners ?? {};
  const move = (name: string, patch: (p: PartnerTerms, x: number) => PartnerTerms) => (i: ComparisonInputs, x: number) => ({
    ...i,
    partners: { ...i.partners, [name]: patch((i.partners ?? {})[name], x) },
  });
  return Object.entries(typed).flatMap(([name, p]): Input[] => [
    ...(p.basis.kind === "cost"
      ? [
          {
            input: `partners[${name}].markup`,
            group: "negotiated" as const,
            label: `${name}: margin on cost`,
            base: p.basis.markup,
            kind: "share" as const,
            set: move(name, (q, x) => ({ ...q, basis: { kind: "cost", markup: x } })),
          },
        ]
      : []),
    ...(!p.vatRecoverable
      ? [
          {
            input: `partners[${name}].vatShare`,
            group: "negotiated" as const,
            label: `${name}: VAT-bearing share of costs`,
            base: p.vatShare,
            kind: "share" as const,
            set: move(name, (q, x) => ({ ...q, vatShare: x })),
          },
        ]
      : []),
  ]);
}
