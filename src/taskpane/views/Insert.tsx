/**
 * "Insert this table" and "Insert this chart" (issue 37): one piece of a view written where the selection is,
 * for a reader who wants that table in their own sheet rather than the whole board pack. The writing is
 * excel/insert.ts's (loaded when first pressed); it never overwrites a cell, and says so when it cannot.
 */
import type React from "react";
import { useContext, useState } from "react";
import { Button, Caption1, tokens } from "@fluentui/react-components";
import type { Piece } from "../../excel/insert";
import { MoneyUnitContext } from "../money";
import { BOARD_UNIT } from "../../engine/comparison/money";

export function InsertButtons({ id, piece }: { id: string; piece: () => Omit<Piece, "unit"> }): React.JSX.Element {
  const shown = useContext(MoneyUnitContext);
  const unit = shown === "auto" ? BOARD_UNIT : shown;
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const insert = async (chart: boolean) => {
    setSaid(null);
    try {
      const { insertPiece } = await import("../../excel/insert");
      const where = await insertPiece({ ...piece(), unit }, chart);
      setSaid({ ok: true, text: `Inserted at ${where}: values as PAY computed them, in the pane's unit.` });
    } catch (e) {
      setSaid({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 4, margin: "4px 0" }}>
      <Button id={`insert-table-${id}`} size="small" appearance="subtle" onClick={() => void insert(false)}>
        Insert this table
      </Button>
      <Button id={`insert-chart-${id}`} size="small" appearance="subtle" onClick={() => void insert(true)}>
        Insert this chart
      </Button>
      {said && (
        <Caption1
          id={`insert-said-${id}`}
          role="status"
          style={{ flexBasis: "100%", color: said.ok ? undefined : tokens.colorPaletteRedForeground1 }}
        >
          {said.text}
        </Caption1>
      )}
    </div>
  );
}
