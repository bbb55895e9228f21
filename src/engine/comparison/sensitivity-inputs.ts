/**
 * The inputs the sensitivity moves (sensitivity.ts): every term of the comparison at its value today, a single
 * holder's partners' negotiated terms, the care shift, the cost behaviour and the quality element, and each step's
 * volume, take-up, price and cost — each with its label, its group and how it moves.
 */
import type { PartnerTerms } from "../holder/partners";
import { contractFor, type ComparisonInputs } from "./compare";
import type { Step } from "./organisations";

/**
 * What a reader does with a driver: an `uncertain` one may turn out differently (volumes, take-up, costs, the
 * share of the shift achieved, cost behaviour, quality achieved); a `negotiated` one is set in the contract
 * (prices, rates, thresholds, shares). A nationally published constant (the MFF) is neither: it is left out
 * unless asked for (SensitivityOptions.includeMff).
 */
export type DriverGroup = "uncertain" | "negotiated" | "published";

export const DRIVER_GROUP_NAMES: Record<DriverGroup, string> = {
  uncertain: "What may turn out differently",
  negotiated: "What is negotiated",
  published: "Published constants",
};

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
  return [...contractTermInputs(inp), ...shiftAndCostInputs(inp), ...stepInputs(inp)];
}

type TermField = "mff" | "blockValue" | "blendedRateBelow" | "bundlePrice" | "stopGain" | "stopLoss" | "capitationRate" | "gainShareRate";
type ShiftField = "shiftShare" | "shiftCommunityUplift" | "qualityShare" | "qualityAchievement";

/** A term moved by setting its own field. */
const plain = (input: TermField | ShiftField, group: DriverGroup, label: string, base: number, kind: Input["kind"]): Input => ({
  input,
  group,
  label,
  base,
  kind,
  set: (i, x) => ({ ...i, [input]: x }),
});

/** The contracts' terms: the MFF, the block, the blended rates, the bundle, capitation, the risk share's corridor and the gain share. */
function contractTermInputs(inp: ComparisonInputs): Input[] {
  // Terms left "at today's value" move from today's payment (the contracts as signed, where given).
  const V = contractFor(inp).totalPaid;
  const tiers = inp.capitationTiers;
  const weighted = tiers ? tiers.counts.reduce((t, n, i) => t + n * tiers.weights[i], 0) : inp.cohort;
  const moveShares = (shares: number[], x: number) => shares.map((s) => Math.min(1, Math.max(0, s + x)));
  return [
    plain("mff", "published", "Market forces factor", inp.mff, "relative"),
    plain("blockValue", "negotiated", "Block contract value", inp.blockValue ?? V, "relative"),
    {
      input: "blendedVariableRate",
      group: "negotiated",
      label: "Blended: rate above baseline",
      base: inp.blendedVariableRate,
      kind: "share",
      set: (i, x) => ({ ...i, blendedVariableRate: x, blendedRateBelow: i.blendedRateBelow ?? i.blendedVariableRate }),
    },
    plain("blendedRateBelow", "negotiated", "Blended: rate below baseline", inp.blendedRateBelow ?? inp.blendedVariableRate, "share"),
    plain("bundlePrice", "negotiated", "Bundle price per patient", inp.bundlePrice ?? V / inp.cohort, "relative"),
    plain("stopGain", "negotiated", "Bundle stop-gain", inp.stopGain, "share"),
    plain("stopLoss", "negotiated", "Bundle stop-loss", inp.stopLoss, "share"),
    plain("capitationRate", "negotiated", "Capitation rate", inp.capitationRate ?? V / weighted, "relative"),
    {
      input: "corridorThresholds",
      group: "negotiated",
      label: "Risk-share thresholds (all, scaled)",
      base: 1,
      kind: "relative",
      set: (i, x) => ({ ...i, corridor: { ...i.corridor, thresholds: i.corridor.thresholds.map((t) => t * x) } }),
    },
    {
      input: "corridorShares",
      group: "negotiated",
      label: "Risk-share commissioner shares (all)",
      base: 0,
      kind: "uplift",
      set: (i, x) => ({
        ...i,
        corridor: { ...i.corridor, overShares: moveShares(i.corridor.overShares, x), underShares: moveShares(i.corridor.underShares, x) },
      }),
    },
    plain("gainShareRate", "negotiated", "Gain share: providers' share", inp.gainShareRate, "share"),
    ...partnerInputs(inp),
  ];
}

/** The care shift, the variable cost shares by setting, and the quality element. */
function shiftAndCostInputs(inp: ComparisonInputs): Input[] {
  return [
    plain("shiftShare", "uncertain", "Care shift: hospital activity avoided", inp.shiftShare, "share"),
    plain("shiftCommunityUplift", "uncertain", "Care shift: community activity added", inp.shiftCommunityUplift, "uplift"),
    // A setting's variable cost share moves every step of that setting: the default and each step's own share,
    // all by the same points (within 0 to 1), so a table that gives each step its share is moved too.
    ...(["hospital", "community", "primary", "other"] as const).map((setting): Input => ({
      input: `variableShare${setting[0].toUpperCase()}${setting.slice(1)}`,
      label: `Variable cost share: ${setting}`,
      group: "uncertain",
      base: inp.variableShares[setting],
      kind: "share",
      set: (i, x) => {
        const by = x - inp.variableShares[setting];
        return {
          ...i,
          variableShares: { ...i.variableShares, [setting]: x },
          steps: i.steps.map((st) =>
            st.setting === setting && st.variableShare !== undefined ? { ...st, variableShare: Math.min(1, Math.max(0, st.variableShare + by)) } : st,
          ),
        };
      },
    })),
    plain("qualityShare", "negotiated", "Quality element: share held back", inp.qualityShare, "share"),
    plain("qualityAchievement", "uncertain", "Quality element: achievement", inp.qualityAchievement, "share"),
  ];
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
