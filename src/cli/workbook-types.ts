/** A workbook as `pay` holds it: as read from its file, and recalculated. */
import type JSZip from "jszip";
import { type HyperFormula } from "hyperformula";
import { type TableDef } from "../engine/inputs/structured";
import { type WorkbookModel } from "./xlsx/read";

export type CellResult = number | string | boolean | { error: string; message: string } | null;

export interface FormulaCell {
  sheet: string;
  address: string;
  formula: string;
  isPay: boolean;
  /** What the file holds as the formula's cached value (as Excel last computed it), if anything. */
  cached: CellResult | undefined;
  result: CellResult;
  /** Cells a spilled result filled, below or right of this one. */
  spill: { address: string; value: CellResult }[];
}

/** A workbook file: its package as it is (kept for writing), and its cells, names and tables as read from it. */
export interface LoadedWorkbook {
  model: WorkbookModel;
  pkg: JSZip;
}

export interface Recalculation {
  model: WorkbookModel;
  pkg: JSZip;
  /** The recalculated workbook, for reading ranges' values (pay compare). */
  hf: HyperFormula;
  sheets: string[];
  cells: FormulaCell[];
  namedRanges: number;
  /** The workbook's Excel tables (ListObjects): structured references to them are resolved to their ranges. */
  tables: TableDef[];
}
