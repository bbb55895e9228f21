/** The population sweep: the capitated budget's chance of overspending by population, simulated and closed-form. */
import type React from "react";
import { Body1, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import type { RiskOutcome } from "../../worker/risk-job";
import { CHART_FONT, ChartKey, useChartWidth } from "../chart";
import { pct, withSe } from "./shared";

/** Overspend chance against population (log scale): simulated (solid, with points) and the normal formula (dashed). */
export function SweepChart({ sweep }: { sweep: RiskOutcome["sweep"] }): React.JSX.Element {
  const [ref, W] = useChartWidth(240, 480);
  const H = 170;
  const pad = { l: 44, r: 10, t: 8, b: 2 * CHART_FONT + 12 };
  const rows = sweep.rows;
  const xs = rows.map((r) => Math.log10(r.population));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const top = Math.max(0.01, ...rows.map((r) => Math.max(r.overspend.value, r.overspendNormal)));
  const X = (n: number) => pad.l + ((Math.log10(n) - x0) / Math.max(x1 - x0, 1e-9)) * (W - pad.l - pad.r);
  const Y = (p: number) => pad.t + (1 - p / top) * (H - pad.t - pad.b);
  const line = (f: (r: (typeof rows)[number]) => number) => rows.map((r) => `${X(r.population).toFixed(1)},${Y(f(r)).toFixed(1)}`).join(" ");
  const ticks = [1e3, 1e4, 1e5, 1e6].filter((n) => Math.log10(n) >= x0 - 1e-9 && Math.log10(n) <= x1 + 1e-9);
  const tickText = (n: number) => (n >= 1e6 ? `${n / 1e6}m` : `${n / 1e3}k`);
  return (
    <div ref={ref}>
      <svg
        fill={tokens.colorNeutralForeground2}
        id="sweep-chart"
        role="img"
        aria-label={`Chance of overspending by more than ${pct(sweep.tolerance)} against population: simulated and normal formula`}
        width={W}
        height={H}
        style={{ display: "block" }}
      >
        <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} stroke={tokens.colorNeutralStroke1} />
        <line x1={pad.l} x2={pad.l} y1={pad.t} y2={H - pad.b} stroke={tokens.colorNeutralStroke1} />
        {ticks.map((n) => (
          <text key={n} x={X(n)} y={H - pad.b + CHART_FONT + 2} fontSize={CHART_FONT} textAnchor="middle">
            {tickText(n)}
          </text>
        ))}
        <text x={(W + pad.l) / 2} y={H - 4} fontSize={CHART_FONT} textAnchor="middle">
          people (log scale)
        </text>
        <text x={pad.l - 4} y={pad.t + CHART_FONT - 2} fontSize={CHART_FONT} textAnchor="end">
          {pct(top, 0)}
        </text>
        <text x={pad.l - 4} y={H - pad.b} fontSize={CHART_FONT} textAnchor="end">
          0%
        </text>
        <line
          x1={pad.l}
          x2={W - pad.r}
          y1={Y(1 - sweep.confidence)}
          y2={Y(1 - sweep.confidence)}
          stroke={tokens.colorPaletteRedBorder2}
          strokeDasharray="2 3"
        />
        <polyline
          data-series="normal"
          points={line((r) => r.overspendNormal)}
          fill="none"
          stroke={tokens.colorNeutralForeground3}
          strokeWidth={1.5}
          strokeDasharray="8 4"
        />
        <polyline data-series="simulated" points={line((r) => r.overspend.value)} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} />
        {rows.map((r) => (
          <circle key={r.population} cx={X(r.population)} cy={Y(r.overspend.value)} r={2.5} fill={tokens.colorBrandForeground1} />
        ))}
      </svg>
      <ChartKey
        id="sweep-key"
        entries={[
          { key: "simulated", text: "● simulated" },
          { key: "normal", text: "– – normal formula" },
          { key: "allowed", text: `··· ${pct(1 - sweep.confidence, 0)} allowed` },
        ]}
      />
    </div>
  );
}

export function SweepTable({ outcome }: { outcome: RiskOutcome }): React.JSX.Element {
  const s = outcome.sweep;
  return (
    <section aria-label="Population size" style={{ overflowX: "auto" }}>
      <Body1 as="h2" style={{ display: "block", fontWeight: 600, margin: "8px 0 4px" }}>
        Population size: a capitated budget set at expected cost
      </Body1>
      <Caption1
        as="p"
        style={{ display: "block", margin: "0 0 4px" }}
        id="min-pop"
        data-normal={s.minPopulationNormal}
        data-simulated={s.minPopulationSimulated ?? ""}
      >
        A person's annual cost varies with CV {s.costCv.toFixed(2)}. For a {pct(1 - s.confidence, 0)} or smaller chance of overspending by more than{" "}
        {pct(s.tolerance)}: PAY.MIN_POPULATION says {s.minPopulationNormal.toLocaleString("en-GB")}; the simulation says{" "}
        {s.minPopulationSimulated === null
          ? "more than the largest size tried"
          : `${s.minPopulationSimulated.toLocaleString("en-GB")} (of the sizes tried)`}
        .
      </Caption1>
      <SweepChart sweep={s} />
      <Table id="sweep-table" size="extra-small" aria-label="Spread of the provider's result by population">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Population</TableHeaderCell>
            <TableHeaderCell>SD of result</TableHeaderCell>
            <TableHeaderCell>Overspend chance: simulated</TableHeaderCell>
            <TableHeaderCell>Normal formula</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {s.rows.map((r) => (
            <TableRow key={r.population} data-population={r.population}>
              <TableCell>{r.population.toLocaleString("en-GB")}</TableCell>
              <TableCell data-stat="sd" data-value={r.sdShare}>
                {pct(r.sdShare)}
              </TableCell>
              <TableCell data-stat="sim" data-value={r.overspend.value}>
                {withSe(
                  r.overspend,
                  (x) => pct(x, 2),
                  (x) => pct(x, 2),
                )}
              </TableCell>
              <TableCell data-stat="normal" data-value={r.overspendNormal}>
                {pct(r.overspendNormal, 2)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Caption1>
        Chart: simulated chance (blue) and the normal formula (grey, dashed); the red line is the {pct(1 - s.confidence, 0)} threshold. SD of result:
        the spread of (budget − cost) as a share of the budget over {s.trials.toLocaleString("en-GB")} simulated years per size. Where the simulated
        chance is above the normal formula, the formula understates the risk (a long tail of costly events).
      </Caption1>
    </section>
  );
}

