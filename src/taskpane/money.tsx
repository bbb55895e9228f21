/**
 * The pane's money unit: "auto" shortens each figure on its own (£9,500, £65k, £1.46m), or every figure in one
 * unit the reader chose (£, £k, £m: engine/comparison/money.ts). The exact figure stays on hover and in the data attributes.
 */
import { createContext, useContext } from "react";
import { moneyText, type MoneyUnit } from "../engine/comparison/money";
import { gbpShort } from "./format";

export type PaneUnit = MoneyUnit | "auto";
export const MoneyUnitContext = createContext<PaneUnit>("auto");

/** A figure as the chosen unit shows it. */
export function useShortMoney(): (x: number) => string {
  const unit = useContext(MoneyUnitContext);
  return unit === "auto" ? gbpShort : (x) => moneyText(x, unit);
}
