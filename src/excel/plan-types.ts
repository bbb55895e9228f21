/**
 * The written sheet's shapes: what a plan is made from (PlanSource) and what it is (SheetPlan). Apart from plan.ts,
 * which composes the sections, so a section can name them without importing the plan that composes it.
 */
import type { Comparison, ComparisonInputs, ModelId, StateId } from "../engine/comparison/compare";
import type { MoneyUnit } from "../engine/comparison/money";
import type { DriverTarget, Sensitivity } from "../engine/comparison/sensitivity";
import type { Transition } from "../engine/comparison/transition";
import type { PathwayField } from "../engine/inputs/pathway-table";
import type { OptionsSheet } from "./options/section";
import type { FigureKey, PlannedCell, PlannedChart } from "./sheet/common";
import type { RiskSection } from "./sheet/risk";

/** Where one model's figures for one organisation stand on the sheet. */
export interface OrgCells {
  income: Record<StateId, string>;
  margin: Record<StateId, string>;
}

export interface SheetPlan {
  cells: PlannedCell[];
  charts: PlannedChart[];
  /** Header rows of the tables, shaded. */
  headerRanges: string[];
  /** The summary table by model (header row included), for formatting and the copied table. */
  tableRange: string;
  /** Cell of each model's totals, by column key, for tests and the copied table. */
  figures: Record<ModelId, Record<FigureKey, string>>;
  /** Cells of each model's figures by organisation and state, and of the commissioner's payment. */
  organisationFigures: Record<ModelId, { commissioner: Record<StateId, string>; organisations: OrgCells[] }>;
  /** Cells of today's contracts (the baseline) by organisation and state, and of what the commissioner pays under them. */
  baselineFigures: { commissioner: Record<StateId, string>; organisations: OrgCells[] };
  /** Cells of each model's switch, shift and total against today's contracts, by organisation and the commissioner's. */
  versusToday: Record<
    ModelId,
    { organisations: Record<"switch" | "shift" | "total", string>[]; commissioner: Record<"switch" | "shift" | "total", string> }
  >;
  /** The headline against today's contracts: [party][keep today's, then each model] (sheet/headline.ts). */
  againstToday: { organisations: string[][]; commissioner: string[]; system: string[] };
  /** The who-gains matrix: [organisation][model] change in margin, and the commissioner's and system's saving by model. */
  matrix: { organisations: string[][]; commissioner: string[]; system: string[] };
  columnWidths: number[];
  /** Ranges to make Excel tables (header row first; no spilling formula inside), with a name to start from. */
  tables: { range: string; name: string }[];
  /** Print setup: the area, the rows repeated on every page, and the footer's text. */
  print: { area: string; titleRows: string; footer: string };
  /** Rows and columns kept in view (frozen) as the sheet scrolls: the title rows and the labels' column. */
  freeze: string;
  /** Long text merged across A:L and wrapped onto `lines` lines, so it never runs on under a chart. */
  wrapped: { range: string; lines: number }[];
  /** Header rows whose labels wrap onto more lines, and how many (sheet/page.ts). */
  headerLines: { range: string; lines: number }[];
}

export interface PlanSource {
  /** Absolute addresses of the pathway table's data columns (no header). */
  columns: Partial<Record<PathwayField, string>>;
  /** The table's rows below its header (blank rows included), and the row each step was read from. */
  rows: number;
  stepRows: number[];
  tableAddress: string;
  cohortSource: string | null;
  inputs: ComparisonInputs;
  comparison: Comparison;
  /** When the sheet is written: shown as a date (Excel's date serial), and in the printed footer. */
  writtenOn: Date;
  /** The simulated risk figures, when the panel has them: written below the comparison as values. */
  risk?: RiskSection;
  /** The transition the Years view showed, and the model its chart followed. */
  transition?: { transition: Transition; model: string };
  /** The options the Options view appraised: written as the options section (options/section.ts). */
  options?: OptionsSheet;
  /** The sensitivity analysis the panel showed (a model and a result): written with a tornado chart. */
  drivers?: { sensitivity: Sensitivity; model: string; target: DriverTarget };
  /** Each contract's signed-value cell (inputs.contracts' order): the sheet's contracts block points at them. */
  contractCells?: string[];
  /** Terms read from cells (term key → the cell's address): written as formulas pointing at them. */
  termSources?: Partial<Record<string, string>>;
  /**
   * The pathway table as an Excel table (ListObject): `columns` then hold structured references
   * (Pathway[Unit price £]) and every step-level figure is an array expression over the table's columns, so the
   * written formulas follow rows added to the table or removed from it.
   */
  table?: { name: string };
  /** Where the year-of-care tiers come from (patients and weights columns), when the capitation uses tiers. */
  tiers?: { counts: string; weights: string } | null;
  /** Money shown in £, £k or £m (the cells keep the exact figures; only their number formats change). Default £. */
  unit?: MoneyUnit;
  /** For a field whose cells were merged down rows of a range: each filled row and the row it reads from (merged.ts). */
  mergedFrom?: Partial<Record<PathwayField, Record<number, number>>>;
}
