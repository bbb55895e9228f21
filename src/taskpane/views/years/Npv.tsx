/**
 * The Years view's net present values: each model's NPV for every party (its organisations, the commissioner, a
 * payer of backfilled work and the system), with the payback on hover. Where the pane is wide, one table; at
 * Excel's 320 px, the chart's model one party to a line (readable at the body size), and every model's table one
 * switch away (it scrolls sideways there).
 */
import { InsertButtons } from "../Insert";
import type React from "react";
import { useState } from "react";
import { Body1, Caption1, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import { describePayback, type Position, type Transition } from "../../../engine/comparison/transition";
import { gbp } from "../../format";
import { useShortMoney } from "../../money";
import { ScrollBox } from "../ScrollBox";
import { useWide } from "../WhoGains";

type Parties = (m: Transition["models"][number]) => Transition["models"][number]["versusToday"];

interface NpvProps {
  t: Transition;
  parties: Parties;
  payer: string | null;
  /** The chart's model: the one listed at 320 px. */
  model: string;
  basis: string;
}

const positionsOf = (parties: Parties, m: Transition["models"][number]): Position[] => {
  const p = parties(m);
  return [...p.organisations, p.commissioner, ...(p.payer ? [p.payer as Position] : []), p.system];
};

export function NpvTable({ t, parties, payer, model, basis }: NpvProps): React.JSX.Element {
  const short = useShortMoney();
  const [ref, wide] = useWide(560);
  const [all, setAll] = useState(false);
  const chosen = t.models.find((m) => m.id === model) ?? t.models[0];
  const rate = +(t.terms.discountRate * 100).toFixed(2);
  return (
    <div ref={ref as React.RefObject<HTMLDivElement>} style={{ minWidth: 0 }}>
      {!wide && (
        <>
          <Body1 as="h3" style={{ display: "block", fontWeight: 600, margin: "4px 0" }}>
            Net present value at {rate}%, {chosen.name}
          </Body1>
          <ul id="years-npv" data-model={chosen.id} style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {positionsOf(parties, chosen).map((p) => (
              <li key={p.name} data-party={p.name} data-npv={p.npv} style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
                <Caption1>{p.name}</Caption1>
                <Caption1
                  title={`${p.name}: NPV ${gbp(p.npv)}; ${describePayback(p, t.terms.discountRate)}`}
                  style={{ color: p.npv < -0.5 ? tokens.colorPaletteRedForeground1 : undefined }}
                >
                  {short(p.npv)}
                </Caption1>
              </li>
            ))}
          </ul>
          <Switch id="years-all" checked={all} onChange={(_e, d) => setAll(d.checked)} label="Every model's net present value" />
        </>
      )}
      <div hidden={!wide && !all}>
        <InsertButtons
          id="years"
          piece={() => ({
            title: `Net present value at ${rate}% of each party's position, by model`,
            header: ["Model", ...positionsOf(parties, t.models[0]).map((p) => p.name)],
            rows: t.models.map((m) => [m.name, ...positionsOf(parties, m).map((p) => p.npv)]),
            chart: "columnClustered",
          })}
        />
        <ScrollBox label="Net present value by model, scrolls sideways">
          <Table
            id="years-table"
            data-basis={basis}
            size="extra-small"
            aria-label="Net present value of each party's position, by model"
            // As wide as its words need (never a word broken or two run together); the box scrolls sideways.
            style={{ tableLayout: "auto", width: "max-content", minWidth: "100%" }}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>NPV at {rate}%</TableHeaderCell>
                {[...t.organisations, "Commissioner", ...(payer ? [payer] : []), "System"].map((o) => (
                  <TableHeaderCell
                    key={o}
                    lang="en-GB"
                    // Narrow panes: names wrap between words, never inside one; the table scrolls sideways if it must.
                    style={{
                      textAlign: "right",
                      verticalAlign: "bottom",
                      fontSize: tokens.fontSizeBase100,
                      lineHeight: tokens.lineHeightBase100,
                    }}
                  >
                    <span style={{ display: "block", width: "100%", textAlign: "right" }}>{o}</span>
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {t.models.map((m) => (
                <TableRow key={m.id} data-model={m.id}>
                  <TableCell>{m.name}</TableCell>
                  {[
                    ...parties(m).organisations,
                    parties(m).commissioner,
                    ...(parties(m).payer ? [parties(m).payer as Position] : []),
                    parties(m).system,
                  ].map((p) => (
                    <TableCell
                      key={p.name}
                      data-party={p.name}
                      data-npv={p.npv}
                      data-payback={p.payback ?? ""}
                      title={`${p.name}: NPV ${gbp(p.npv)}; ${describePayback(p, t.terms.discountRate)}`}
                      style={{ textAlign: "right", whiteSpace: "nowrap", color: p.npv < -0.5 ? tokens.colorPaletteRedForeground1 : undefined }}
                    >
                      {short(p.npv)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollBox>
      </div>
    </div>
  );
}
