/**
 * The pane's money unit: "auto" shortens each figure on its own (£9,500, £65k, £1.46m), or every figure in one
 * unit the reader chose (£, £k, £m: engine/comparison/money.ts). The exact figure stays on hover and in the data attributes.
 */
import type React from "react";
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

/**
 * Text with each word that holds a sum of money ("−£35,633", "(+£51,332);", "PCN:£50,000") kept on one line:
 * browsers may break a line between a sign and "£", or after a colon, which parts a figure from its sign. The
 * text itself is unchanged (copied as it reads).
 */
export function Unbroken({ text }: { text: string }): React.JSX.Element {
  const parts = text.split(/(\S*£\d\S*)/);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} style={{ whiteSpace: "nowrap" }}>
            {p}
          </span>
        ) : (
          p
        ),
      )}
    </>
  );
}
