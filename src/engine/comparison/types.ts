/** The comparison's shapes: what it is given (ComparisonInputs) and what it gives (Comparison and its parts); compare.ts fills them. */
import { type Step, type VariableShares } from "./organisations";
import { type PaymentToday, type PointOfDelivery, type TodaysRule } from "./today";
import { type HolderAmount, type HolderFigures } from "../holder/economics";
import { type ReconciliationRow, type SignedContract } from "./signed";
import { type ContractTerms, type ModelId } from "./settlement";
import type { StateFigures, StateId } from "./states";

export interface ComparisonInputs extends ContractTerms {
  steps: Step[];
  mff: number;
  /** Variable-cost share by setting, for steps whose row gives none. */
  variableShares: VariableShares;
  /** Share of hospital activity avoided in the care-shift scenario. */
  shiftShare: number;
  /** How much community activity rises to replace it, as a share of current community activity. */
  shiftCommunityUplift: number;
  /** A named NHS rule (a preset) paying today the points of delivery it covered; null or absent: none. */
  todaysRule?: TodaysRule | null;
  /** The contracts as signed (signed.ts): each replaces the tariff valuation of its fixed steps; null or absent: none. */
  contracts?: SignedContract[] | null;
  /** A single holder's management fee and risk reserve (holder/economics.ts); null or absent: none. */
  managementFee?: HolderAmount | null;
  riskReserve?: HolderAmount | null;
}

/** Totals in one state: what the commissioner pays, the organisations' cost and their margins together. */
export interface Outcome {
  payment: number;
  cost: number;
  margin: number;
}

export interface SwitchShift {
  switch: number;
  shift: number;
  total: number;
}

export interface VersusToday {
  commissioner: SwitchShift;
  organisations: (SwitchShift & { name: string })[];
  system: SwitchShift;
}

/** Today's contracts: each organisation's income, cost and margin, and what the commissioner pays, per state. */
export interface Baseline {
  name: string;
  states: Record<StateId, StateFigures>;
  /** How each step is paid today: typed in the table, by the named rule for its point of delivery, or the default. */
  /** Each step's point of delivery (null: a hospital step with none typed) and how it is paid today, and from where. */
  steps: { name: string; pointOfDelivery: PointOfDelivery | null; paymentToday: PaymentToday; source: "typed" | "rule" | "default" }[];
  /** The named NHS rule paying today the points of delivery it covered, if any. */
  rule: TodaysRule | null;
  /** When care moves with today's contracts left as they are: as a model's shift (organisations' margins, savings). */
  shift: { organisations: number[]; commissionerSaving: number; systemSaving: number };
  /** Each signed contract against its tariff valuation (signed.ts); empty without a contracts table. */
  reconciliation: ReconciliationRow[];
}

export interface ModelResult {
  id: ModelId;
  name: string;
  /** Totals per state (payment = the commissioner's; cost and margin summed over the organisations). */
  base: Outcome;
  lower: Outcome;
  higher: Outcome;
  shifted: Outcome;
  /** Each organisation's income, cost and margin, and the commissioner's payment, per state. */
  states: Record<StateId, StateFigures>;
  /** When care moves out of hospital: each organisation's change in margin, the commissioner's saving, the system's. */
  /**
   * When care moves out of hospital: each organisation's change in margin; the commissioner's saving (positive:
   * it pays less); systemSaving = commissionerSaving + Σ organisations (positive: the system saves), which is
   * the transition's year 1 at the whole shift; systemChange = the change in the real cost of the care
   * (negative when the system saves), so systemSaving = −systemChange.
   */
  shift: { organisations: number[]; commissionerSaving: number; systemSaving: number; systemChange: number };
  /**
   * Against today's contracts (today.ts): switch = this model at today's activity − today's contracts; shift =
   * this model after the care shift − at today's activity; total = switch + shift. Each organisation's figures
   * are changes in margin; the commissioner's are savings (positive: it pays less); the system's switch is 0.
   */
  versusToday: VersusToday;
  /** Change in the organisations' total margin and in what the commissioner pays when care shifts. */
  shiftMarginChange: number;
  shiftSystemChange: number;
  reading: string;
  /**
   * Under a bundle or a capitated budget, the holder's economics (holder/economics.ts) at today's activity and
   * after the care shift; null under every other model.
   */
  holder: (HolderFigures & { shifted: Pick<HolderFigures, "budget" | "margin" | "fee" | "reserve" | "freeMargin" | "vat"> }) | null;
}

export interface OrganisationBaseline {
  name: string;
  value: number;
  cost: number;
  shiftedValue: number;
  shiftedCost: number;
  /** Cost that stays when its activity falls in the care shift: shifted cost − the cost were all of it variable. */
  strandedOnShift: number;
  /** Its share of the alliance's and gain share's surplus or deficit. */
  part: number;
}

export interface Comparison {
  organisations: string[];
  byOrganisation: OrganisationBaseline[];
  /** The lead provider (holder "lead") of the bundle and capitation models. */
  lead: string;
  holder: ContractTerms["holder"];
  activityValue: number;
  cost: number;
  shiftedActivityValue: number;
  shiftedCost: number;
  models: ModelResult[];
  /** Today's contracts, the baseline every model is measured against (versusToday). */
  baseline: Baseline;
  /** What the figures rest on that a reader should know (e.g. partners not named in the weights weigh 0). */
  notes: string[];
  /** A single holder's fee and reserve as typed (holder/economics.ts), for a simulated bad year to size an `auto` reserve. */
  holderTerms: { managementFee: HolderAmount | null; riskReserve: HolderAmount | null };
}
