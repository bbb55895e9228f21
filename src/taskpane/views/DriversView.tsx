/**
 * What drives the answer: a tornado of one model's result after the care shift — an organisation's margin,
 * the commissioner's payment or the providers' margin together — as each input moves low and high
 * (src/engine/comparison/sensitivity.ts, worked out in the pane's worker), with the top drivers in a line for a board paper.
 */
import { InsertButtons } from "./Insert";
import type React from "react";
import { useEffect, useMemo, useState } from "react";
import { Body1, Caption1, Field, Input, Select, Spinner, tokens } from "@fluentui/react-components";
import type { ComparisonInputs } from "../../engine/comparison/compare";
import {
  DRIVER_GROUP_NAMES,
  driversReading,
  swing,
  targetName,
  topDrivers,
  type DriverGroup,
  type DriverTarget,
  type Sensitivity,
} from "../../engine/comparison/sensitivity";

export type { DriverTarget };

export interface DriversChoice {
  sensitivity: Sensitivity;
  model: string;
  target: DriverTarget;
}
import { parseNumber } from "../../engine/inputs/terms";
import { Unbroken, useShortMoney } from "../money";
import { gbp } from "../format";
import { CHART_FONT, ChartKey, fitLabel, textWidth, useChartWidth } from "./chart";
import { startDrivers } from "../worker/drivers-runner";

/**
 * The result at each bar's outer end: one value each side where the input's low and high move it opposite
 * ways; where both move it the same way, the further one (the nearer is inside its bar, and in the tooltip).
 */
function EndValues(props: { lo: number; hi: number; base: number; x: (v: number) => number; y: number; text: (v: number) => string }): React.JSX.Element {
  const { lo, hi, base, x, y, text } = props;
  const sameSide = lo >= base === hi >= base;
  const shown = sameSide ? [Math.abs(lo - base) >= Math.abs(hi - base) ? lo : hi] : [lo, hi];
  return (
    <>
      {shown.map((v, k) => (
        <text key={k} data-end={v} x={v >= base ? x(v) + 3 : x(v) - 3} y={y} fontSize={CHART_FONT} textAnchor={v >= base ? "start" : "end"}>
          {text(v)}
        </text>
      ))}
    </>
  );
}

function Tornado({
  s,
  model,
  target,
  group,
}: {
  s: Sensitivity;
  model: string;
  target: DriverTarget;
  group: DriverGroup | "all";
}): React.JSX.Element {
  const short = useShortMoney();
  const m = s.models.find((x) => x.id === model) ?? s.models[0];
  const base = target === "commissioner" ? m.base.commissioner : target === "system" ? m.base.system : m.base.organisations[target];
  // The inputs that move the result, largest first: one that moves nothing takes no bar.
  const rows = topDrivers(
    m.rows.filter((r) => group === "all" || r.group === group),
    target,
    12,
  );
  const extent = Math.max(1, ...rows.flatMap((r) => swing(r, target).map((v) => Math.abs(v - base))));
  const [ref, W] = useChartWidth(240, 560);
  // Each driver's name on its own line at the body size, its bars below it: a long name is never cut to fit
  // beside a bar. Low: an outlined bar; high: a filled one (told apart without colour).
  const H = CHART_FONT + 18;
  const mid = W / 2;
  // Room at each side for the values at the bars' ends.
  const room = Math.min(W / 4, 4 + Math.max(0, ...rows.flatMap((r) => swing(r, target).map((v) => textWidth(short(v))))));
  const half = W / 2 - 4 - room;
  return (
    <div ref={ref}>
      <svg
        id="tornado"
        role="img"
        fill={tokens.colorNeutralForeground2}
        aria-label={`Tornado: ${targetName(s, target)} under ${m.name}`}
        width={W}
        height={rows.length * H + CHART_FONT + 8}
        style={{ display: "block" }}
      >
        {rows.map((r, i) => {
          const [lo, hi] = swing(r, target);
          const x = (v: number) => mid + ((v - base) / extent) * half;
          const y = i * H + CHART_FONT + 3;
          return (
            <g key={r.input} data-input={r.input} data-group={r.group} data-low={lo} data-high={hi}>
              <title>{`${r.label} (${DRIVER_GROUP_NAMES[r.group].toLowerCase()}): low ${gbp(lo)}, high ${gbp(hi)}`}</title>
              <text x={2} y={i * H + CHART_FONT} fontSize={CHART_FONT}>
                {fitLabel(r.label, W - 4)}
              </text>
              {/* The result as entered: a tick through each row's bars, never through the names above them. */}
              <line x1={mid} x2={mid} y1={y - 2} y2={y + 13} stroke={tokens.colorNeutralStroke1} />
              <rect
                x={Math.min(x(lo), mid) + 0.5}
                y={y + 0.5}
                width={Math.max(0, Math.abs(x(lo) - mid) - 1)}
                height={10}
                fill="none"
                stroke={tokens.colorNeutralForeground2}
                strokeWidth={1.5}
              />
              <rect x={Math.min(x(hi), mid)} y={y} width={Math.abs(x(hi) - mid)} height={11} fill={tokens.colorBrandBackground} />
              <EndValues lo={lo} hi={hi} base={base} x={x} y={y + 10} text={short} />
            </g>
          );
        })}
        {/* A £ axis: the result as entered at the centre, the furthest any input moves it at each end. */}
        <g id="tornado-axis">
          <text x={mid - half - 2} y={rows.length * H + CHART_FONT + 2} fontSize={CHART_FONT} textAnchor="end">
            {short(base - extent)}
          </text>
          <text x={mid} y={rows.length * H + CHART_FONT + 2} fontSize={CHART_FONT} textAnchor="middle">
            as entered {short(base)}
          </text>
          <text x={mid + half + 2} y={rows.length * H + CHART_FONT + 2} fontSize={CHART_FONT}>
            {short(base + extent)}
          </text>
        </g>
      </svg>
      <ChartKey
        id="tornado-key"
        entries={[
          {
            key: "low",
            mark: (
              <svg width={18} height={12} aria-hidden="true" style={{ marginRight: 4 }}>
                <rect x={1} y={1} width={16} height={10} fill="none" stroke={tokens.colorNeutralForeground2} strokeWidth={1.5} />
              </svg>
            ),
            text: "input low",
          },
          {
            key: "high",
            mark: (
              <svg width={18} height={12} aria-hidden="true" style={{ marginRight: 4 }}>
                <rect x={1} y={1} width={16} height={10} fill={tokens.colorBrandBackground} />
              </svg>
            ),
            text: "input high",
          },
        ]}
      />
      <InsertButtons
        id="drivers"
        piece={() => ({
          title: `What drives the answer: ${targetName(s, target)} under ${m.name}, after the care shift (as entered: ${gbp(base)})`,
          header: ["Input", "Result, input low", "Result, input high"],
          rows: rows.map((r) => [r.label, ...swing(r, target)]),
          chart: "barClustered",
        })}
      />
    </div>
  );
}

export function DriversView({ inputs, onChoice }: { inputs: ComparisonInputs; onChoice: (c: DriversChoice | null) => void }): React.JSX.Element {
  const [model, setModel] = useState("activity");
  const [group, setGroup] = useState<DriverGroup | "all">("all");
  const [target, setTarget] = useState("0");
  const [relative, setRelative] = useState("10%");
  const [share, setShare] = useState("10");
  const ranges = useMemo(() => {
    const r = parseNumber(relative, "share");
    const p = parseNumber(share, "amount");
    if (typeof r !== "number" || !(r >= 0 && r < 1)) return { problem: "Range for amounts: expected a percentage from 0% to 99%" };
    if (typeof p !== "number" || !(p >= 0 && p <= 100)) return { problem: "Range for shares: expected 0 to 100 percentage points" };
    return { relative: r, share: p / 100 };
  }, [relative, share]);
  // Worked out in the pane's worker (drivers-runner.ts), so a large pathway never freezes the pane.
  const [s, setS] = useState<Sensitivity | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setProblem(null);
    if ("problem" in ranges) return setS(null);
    const run = startDrivers(inputs, ranges);
    run.done.then(setS, (e: unknown) => {
      setS(null);
      setProblem(e instanceof Error ? e.message : String(e));
    });
    return () => run.cancel();
  }, [inputs, ranges]);
  const t: DriverTarget = target === "commissioner" || target === "system" ? target : Number(target);
  useEffect(() => onChoice(s ? { sensitivity: s, model, target: t } : null), [s, model, t, onChoice]);
  return (
    <section id="drivers" aria-label="What drives the answer" style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      <Caption1>Each input moved down and up on its own; the result after the care shift, through the comparison's own settlement.</Caption1>
      <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
        <Field label="Model">
          <Select id="drivers-model" value={model} onChange={(_e, d) => setModel(d.value)}>
            {(s?.models ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Inputs">
          <Select id="drivers-group" value={group} onChange={(_e, d) => setGroup(d.value as DriverGroup | "all")}>
            <option value="all">All</option>
            <option value="uncertain">{DRIVER_GROUP_NAMES.uncertain}</option>
            <option value="negotiated">{DRIVER_GROUP_NAMES.negotiated}</option>
          </Select>
        </Field>
        <Field label="Result">
          <Select id="drivers-target" value={target} onChange={(_e, d) => setTarget(d.value)}>
            {(s?.organisations ?? []).map((o, i) => (
              <option key={o} value={String(i)}>
                {o}: margin
              </option>
            ))}
            <option value="commissioner">Commissioner pays</option>
            <option value="system">Providers' margin together</option>
          </Select>
        </Field>
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
        <Field
          label="Amounts move ±"
          validationMessage={"problem" in ranges ? ranges.problem : undefined}
          validationState={"problem" in ranges ? "error" : "none"}
        >
          <Input id="in-range-relative" style={{ minWidth: 0 }} value={relative} onChange={(_e, d) => setRelative(d.value)} />
        </Field>
        <Field label="Shares move ± points">
          <Input id="in-range-share" style={{ minWidth: 0 }} value={share} onChange={(_e, d) => setShare(d.value)} />
        </Field>
      </div>
      {problem && <Body1 style={{ color: tokens.colorPaletteRedForeground1 }}>{problem}</Body1>}
      {!s && !problem && !("problem" in ranges) && <Spinner id="drivers-working" size="tiny" label="Working out what drives the answer…" />}
      {s && (
        <>
          <Tornado s={s} model={model} target={t} group={group} />
          <Body1 id="drivers-reading">
            <Unbroken text={driversReading(s, model, t)} />
          </Body1>
        </>
      )}
    </section>
  );
}
