/** What the years' helpers share: the context yearsSection builds once the terms, year rows and organisations are written. */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import { type ModelId } from "../../engine/comparison/compare";
import type { partnerWeightsFor } from "../../engine/comparison/settlement";
import { type Transition } from "../../engine/comparison/transition";
import type { PathwayField } from "../../engine/inputs/pathway-table";
import { type ContractRefs } from "../sheet/contracts";
import { type TableSteps } from "../sheet/steps";
import { type PlannedCell } from "../sheet/common";
import type { TodayOnPlan } from "../sheet/signed";

/** What the years read of the sheet above them: its layout, the terms' cells, the steps' ranges, the contracts. */
export interface YearsRefs {
  /** Column letters of a 0-based column. */
  col: (k: number) => string;
  /** Each term's cell ($B$n), by the layout's term keys. */
  T: Readonly<Record<string, string>>;
  /** The steps as array expressions over an Excel table's columns, or null (a block of the sheet). */
  steps: TableSteps | null;
  st0: number;
  stepRow: (i: number) => number;
  stLast: number;
  stepRows: readonly number[];
  columns: Partial<Record<PathwayField, string>>;
  /** Fields whose cells were merged down rows of a range, and the rows they read from (merged.ts). */
  mergedFrom?: Partial<Record<PathwayField, Record<number, number>>>;
  O: number;
  orgs: readonly string[];
  orgRow: (o: number) => number;
  /** Ranges (or array expressions) of the steps: organisation, unit price, cost, volume, take-up, shares. */
  ORG: string;
  P: string;
  C: string;
  V: string;
  VS: string;
  PAID: string;
  PAID_FALL: string;
  take: string;
  LEAD: string;
  TIER_COUNTS: string;
  TIER_WEIGHTS: string;
  inputs: ComparisonInputs;
  typedWeights: ReturnType<typeof partnerWeightsFor>;
  tiers: ComparisonInputs["capitationTiers"];
  contractFormulas: (id: ModelId, r: ContractRefs) => { k: string; g: string; income: (o: number) => string };
  /** Today's contracts on a plan, as signed or re-based on each year's plan (sheet/signed.ts); null: by organisation. */
  onPlan: TodayOnPlan | null;
  /** A single holder's partners' cells (organisations.ts N to R), where any is typed. */
  partners?: ContractRefs["partners"];
}

export type Rows = Record<string, { orgs: number[]; commissioner: number; system: number }>;

/** What the years' helpers share (yearsSection builds it once the terms, year rows and organisations are written). */
export interface YearsContext extends Pick<
  YearsRefs,
  "inputs" | "orgRow" | "T" | "typedWeights" | "tiers" | "TIER_COUNTS" | "TIER_WEIGHTS" | "contractFormulas" | "LEAD" | "onPlan" | "ORG" | "partners"
> {
  /** Write a cell; a £ formula. */
  at: (address: string, c: Omit<PlannedCell, "address">) => void;
  gbpAt: (address: string, formula: string) => void;
  /** Years, each year's column, an absolute reference. */
  N: number;
  yc: (yr: number) => string;
  abs: (c: string, r: number) => string;
  heads: string[];
  O: number;
  orgs: readonly string[];
  tt: Transition["terms"];
  /** Each year's heading: its financial year ("2026/27") or "Year 1", … (Transition.labels). */
  labels: string[];
  /** The year rows: released, the year each contract is set on, set-up cost. */
  rl0: number;
  rb0: number;
  su0: number;
  /** Organisation o's cell of block b in year i; a block's title row. */
  cellOf: (b: number, o: number, i: number) => string;
  ob: (b: number) => number;
  /** A year's price and cost index, demand index, and the demand index when its contract was set. */
  PI: (i: number) => string;
  CI: (i: number) => string;
  G: (i: number) => string;
  Gset: (i: number) => string;
  /** The years a signed contract's gap closes over (blank: never), and the row of the demand index by year. */
  GLIDE: string;
  dg0: number;
  /** The terms' cells: backfilled share, set-up bearer, backfill payer, discount rate. */
  BACK: string;
  BEARER: string;
  PAYER: string;
  RATE_Y: string;
  /** Each model's position rows, against the model and against today's contracts, and the latter's chart. */
  positions: Rows;
  versusToday: Rows;
  todayCharts: Record<string, string>;
}
