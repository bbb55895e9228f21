import type { PayError } from "./errors";

/**
 * A spilled result: one row per input row; "" for a spacer (blank) row so rows stay aligned; a PayError in
 * the cell of a row whose own input is bad (the other rows are still computed, as Excel's array formulas do).
 */
export type Spill = (number | string | PayError)[][];
