/** The Risk view's detail, one switch away: each model's figures with standard errors, a histogram, the sources, the sweep. */
import type React from "react";
import { Caption1, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import type { Histogram, Estimate } from "../../../engine/risk/stats";
import { type ModelRisk } from "../../../engine/risk/simulate";
import { populationWords } from "../../../engine/risk/capacity";
import type { RiskOutcome } from "../../worker/risk-job";
import { gbp } from "../../format";
import { CHART_FONT, useChartWidth } from "../chart";
import { Unbroken, useShortMoney } from "../../money";
import { pct, withSe } from "./shared";
import { SweepTable } from "./Sweep";

/** Rows of a model's figures: key for tests, label, estimate, formatter (and one for its SE). */
function rows(m: ModelRisk): [string, string, Estimate, (x: number) => string, ((x: number) => string)?][] {
  return [
    ["marginMean", "Providers' margin together: mean", m.margin.mean, gbp],
    ["marginP5", "5th percentile (bad year)", m.margin.p5, gbp],
    ["marginP50", "Median", m.margin.p50, gbp],
    ["marginP95", "95th percentile (good year)", m.margin.p95, gbp],
    ["loss", "Chance the providers together lose", m.lossChance, (x) => pct(x), (x) => pct(x, 2)],
    ["paymentMean", "Commissioner pays: mean", m.payment.mean, gbp],
    ["paymentP5", "Pays: 5th percentile", m.payment.p5, gbp],
    ["paymentP50", "Pays: median", m.payment.p50, gbp],
    ["paymentP95", "Pays: 95th percentile", m.payment.p95, gbp],
  ];
}


function HistogramChart({ h, name }: { h: Histogram; name: string }): React.JSX.Element {
  const [ref, W] = useChartWidth(240, 480);
  const H = 130;
  const top = Math.max(...h.counts, 1);
  const bw = W / h.counts.length;
  const to = h.from + h.width * h.counts.length;
  const zero = h.width > 0 && h.from < 0 && to > 0 ? ((0 - h.from) / (to - h.from)) * W : null;
  const short = useShortMoney();
  return (
    <figure style={{ margin: 0 }} ref={ref}>
      <svg
        id="risk-histogram"
        role="img"
        fill={tokens.colorNeutralForeground2}
        aria-label={`Histogram of provider margin, ${name}, from ${gbp(h.from)} to ${gbp(to)}`}
        width={W}
        height={H + CHART_FONT + 6}
        style={{ display: "block" }}
      >
        {h.counts.map((c, i) => {
          const loss = h.from + (i + 0.5) * h.width < 0;
          const height = (c / top) * H;
          // A loss is an outlined bar, a gain a filled one: told apart without colour.
          return (
            <rect
              key={i}
              data-count={c}
              x={i * bw + 1}
              y={H - height + (loss ? 0.75 : 0)}
              width={Math.max(bw - 2, 0.5)}
              height={Math.max(0, height - (loss ? 0.75 : 0))}
              fill={loss ? "none" : tokens.colorBrandBackground}
              stroke={loss ? tokens.colorPaletteRedBorder2 : undefined}
              strokeWidth={loss ? 1.5 : undefined}
            />
          );
        })}
        {zero !== null && <line x1={zero} x2={zero} y1={0} y2={H} stroke={tokens.colorNeutralForeground1} strokeDasharray="3 2" />}
        <text x={0} y={H + CHART_FONT + 2} fontSize={CHART_FONT}>
          {short(h.from)}
        </text>
        <text x={W} y={H + CHART_FONT + 2} fontSize={CHART_FONT} textAnchor="end">
          {short(to)}
        </text>
      </svg>
      <figcaption>
        <Caption1>
          Provider margin over the simulated years ({gbp(h.from)} to {gbp(to)}); outlined red bars: a loss. The end bars include the outer 0.5% tails.
        </Caption1>
      </figcaption>
    </figure>
  );
}


/** The detail one switch away: every model's figures, the readings, a model's histogram, the sources and the population sweep. */
export function RiskDetail({
  outcome,
  model,
  onHistModel: setHistModel,
}: {
  outcome: RiskOutcome;
  model: ModelRisk;
  onHistModel: (id: string) => void;
}): React.JSX.Element {
  return (
    <>
      <div id="risk-models" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
        {[outcome.result.today, ...outcome.result.models].map((m) => (
          <ModelRiskTable key={m.id} m={m} cohort={outcome.result.cohort} />
        ))}
      </div>
      <ul id="risk-readings" style={{ paddingLeft: 18, margin: 0 }}>
        {[outcome.result.today, ...outcome.result.models].map((m) => (
          <li key={m.id}>
            <Caption1>
              <Unbroken text={m.reading} />
            </Caption1>
          </li>
        ))}
      </ul>
      <Field label="Histogram of provider margin for">
        <Select id="hist-model" value={model.id} onChange={(_e, d) => setHistModel(d.value)}>
          {outcome.result.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Select>
      </Field>
      <HistogramChart h={model.marginHistogram} name={model.name} />
      <SourcesTable outcome={outcome} model={model} />
      <SweepTable outcome={outcome} />
    </>
  );
}

/** One model's figures: the providers' margin and the commissioner's payment with their standard errors, then each organisation's chance of a loss, bad year and what it can bear. */
function ModelRiskTable({ m, cohort }: { m: ModelRisk; cohort: number }): React.JSX.Element {
  return (
    <Table data-model={m.id} size="extra-small" aria-label={`${m.name}: risk`} style={{ border: `1px solid ${tokens.colorNeutralStroke2}` }}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell colSpan={2}>{m.name}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows(m).map(([key, label, e, f, fse]) => (
          <TableRow key={key}>
            <TableCell>{label}</TableCell>
            <TableCell
              data-stat={key}
              data-value={e.value}
              data-se={e.se}
              style={{
                textAlign: "right",
                color: key.startsWith("margin") && e.value < 0 ? tokens.colorPaletteRedForeground1 : undefined,
              }}
            >
              <Unbroken text={withSe(e, f, fse)} />
            </TableCell>
          </TableRow>
        ))}
        {m.organisations.map((o) => (
          <TableRow key={`org:${o.name}`} data-org={o.name}>
            <TableCell>{o.name}: chance of a loss; bad year (5th percentile)</TableCell>
            <TableCell
              data-stat="orgLoss"
              data-value={o.lossChance.value}
              data-p5={o.marginP5.value}
              style={{ textAlign: "right", color: o.marginP5.value < 0 ? tokens.colorPaletteRedForeground1 : undefined }}
            >
              {withSe(
                o.lossChance,
                (x) => pct(x),
                (x) => pct(x, 2),
              )}
              ; <Unbroken text={withSe(o.marginP5, gbp)} />
            </TableCell>
          </TableRow>
        ))}
        {m.organisations.map((o) => (
          <TableRow key={`cap:${o.name}`} data-capacity-org={o.name}>
            <TableCell>
              {o.name}: can lose {gbp(o.capacity)} ({o.capacitySource === "typed" ? "as typed" : "its margin today"})
            </TableCell>
            <TableCell
              data-stat="capacity"
              data-capacity={o.capacity}
              data-exceeds={o.exceedsCapacity ? "yes" : "no"}
              data-population={o.populationToBear ?? ""}
              style={{ textAlign: "right", color: o.exceedsCapacity ? tokens.colorPaletteRedForeground1 : undefined }}
            >
              {o.exceedsCapacity ? `cannot bear it; ${populationWords(o.populationToBear, cohort)}` : "can bear it"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The simulation's settings: trials, seed, tolerances, what each organisation can bear, the year simulated and the activity's variation. */

/** How each year-level source changes each organisation's chance of a loss under one model (simulate.ts sourceVariants). */
function SourcesTable({ outcome, model }: { outcome: RiskOutcome; model: ModelRisk }): React.JSX.Element | null {
  if (outcome.sources.length === 0) return null;
  const columns = [
    ...outcome.sources.map((x) => ({ label: x.label, chances: x.lossChance[model.id] })),
    { label: "Every source", chances: model.organisations.map((o) => o.lossChance.value) },
  ];
  return (
    <Table id="risk-sources" size="extra-small" aria-label={`${model.name}: chance of a loss by source of uncertainty`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Chance of a loss</TableHeaderCell>
          {columns.map((c) => (
            <TableHeaderCell key={c.label} style={{ textAlign: "right" }}>
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {model.organisations.map((o, i) => (
          <TableRow key={o.name} data-org={o.name}>
            <TableCell>{o.name}</TableCell>
            {columns.map((c) => (
              <TableCell key={c.label} data-source={c.label} data-value={c.chances[i]} style={{ textAlign: "right" }}>
                {pct(c.chances[i])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

