/**
 * Years: the transition (src/engine/comparison/transition.ts) with its terms by year, a chart of each organisation's
 * cumulative position for a chosen model, and every model's net present value and payback in a table.
 * Recomputed as a term changes (a few milliseconds: BENCH transition_ms).
 */
import { SideBySide } from "../SideBySide";
import { NpvTable } from "./Npv";
import { CHART_FONT, ChartKey, textWidth, useChartWidth } from "../chart";
import type React from "react";
import { useEffect, useMemo, useState } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Caption1, Field, Input, Select, tokens } from "@fluentui/react-components";
import type { ComparisonInputs } from "../../../engine/comparison/compare";
import { isPayError } from "../../../engine/rules/errors";
import { TRANSITION_TEXT_DEFAULTS, parseNumber, readTransitionTerms, type TransitionText } from "../../../engine/inputs/terms";
import { MAX_YEARS, transition, type Transition } from "../../../engine/comparison/transition";
import { useShortMoney } from "../../money";

const FIELDS: [keyof TransitionText, string, string][] = [
  ["shiftAchieved", "Care shift achieved by year", "share of the target shift, one value or one per year"],
  ["setupCost", "One-off set-up cost £", "in year 1 (or one value per year)"],
  ["releaseYear", "Stranded fixed cost released from year", "blank: never decommissioned"],
  ["backfillShare", "Freed capacity backfilled", "share used for other work paid at unit prices instead"],
  ["backfillPayer", "Backfilled work paid by", "commissioner, or another payer's name (a line of its own)"],
  ["start", "First financial year", "e.g. 2026/27: the years' labels (blank: year 1, 2, …)"],
  ["rebaseEvery", "Contracts re-based every (years)", "1: every year on last year's activity"],
  ["discountRate", "Discount rate", "HM Treasury Green Book: 3.5%"],
  ["demandGrowth", "Demand growth a year", "every step's volume, doing nothing and in each proposal (0%: flat)"],
];

/** How prices and costs move by year: behind a switch, as most plans keep the NHS Payment Scheme's way. */
const PRICE_FIELDS: [keyof TransitionText, string, string][] = [
  ["costUplift", "Cost uplift a year", "one value or one per year"],
  ["efficiency", "Efficiency a year", "blank: 2% under the 2026/27 scheme, else 0%"],
  ["priceUplift", "Price uplift a year", "blank: cost uplift less efficiency, as the NHS Payment Scheme"],
  ["priceConvention", "Uplift less efficiency", "additive: 1 + uplift − efficiency; multiplicative: (1 + u)(1 − e)"],
  ["glideYears", "Signed contracts glide to tariff over (years)", "blank: the signed values stay; e.g. 3: the gap closes in equal steps"],
];

/** What each party's position is measured against: today's contracts doing nothing, or the same model without the shift. */
type Basis = "today" | "model";
const BASIS_TEXT: Record<Basis, string> = {
  today:
    "Each year's change against today's contracts doing nothing (each step paid as today, demand grown, re-based as the contracts are), under each model with the care shift.",
  model:
    "Each year's change against carrying on under the same model (same uplifts and contracts, no shift, no set-up), settled by the same rules as the comparison.",
};

const PALETTE = [
  tokens.colorPaletteRedForeground1,
  tokens.colorPaletteGreenForeground1,
  tokens.colorBrandForeground1,
  tokens.colorPaletteDarkOrangeForeground1,
  tokens.colorPaletteBerryForeground1,
];

function CumulativeChart({ t, model, basis }: { t: Transition; model: string; basis: Basis }): React.JSX.Element {
  const short = useShortMoney();
  const [ref, W] = useChartWidth(240, 560);
  const m = t.models.find((x) => x.id === model) ?? t.models[0];
  const p = basis === "today" ? m.versusToday : m;
  const lines = [...p.organisations, p.commissioner];
  const H = 190;
  const pad = { l: 68, r: 12, t: 10, b: 26 };
  const all = lines.flatMap((p) => [0, ...p.cumulative]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const X = (i: number) => pad.l + (t.years.length === 1 ? 0.5 : i / (t.years.length - 1)) * (W - pad.l - pad.r);
  const Y = (v: number) => pad.t + (1 - (v - lo) / Math.max(hi - lo, 1)) * (H - pad.t - pad.b);
  // Year labels at the body size: "year 3" where there is room, else the number, else every other one.
  const room = (W - pad.l - pad.r) / Math.max(1, t.years.length - 1);
  const least = /^Year /.test(t.labels[0] ?? "") ? 24 : 36;
  const every = room >= least ? 1 : Math.ceil(least / room);
  // A financial year in full where there is room ("2026/27"), else its short form ("26/27").
  const yearText = (i: number) =>
    /^Year /.test(t.labels[i]) ? (room >= 56 ? `year ${i + 1}` : `${i + 1}`) : room >= 64 ? t.labels[i] : t.labels[i].slice(2);
  // Each line's end labelled in its key: where it stands after the last year (lines ending close together would
  // put labels on top of one another at the chart's edge).
  const series = lines.map((line, k) => ({
    name: line.name,
    end: `${line.name}: ${short(line.cumulative[line.cumulative.length - 1] ?? 0)} by ${(t.labels[t.labels.length - 1] ?? "").replace(/^Year/, "year")}`,
    colour: PALETTE[k % PALETTE.length],
    dash: seriesDash(line.name, k),
  }));
  return (
    <div ref={ref}>
      <svg
        id="years-chart"
        role="img"
        fill={tokens.colorNeutralForeground2}
        aria-label={`Cumulative position by year under ${m.name}, against ${basis === "today" ? "today's contracts doing nothing" : "the same model without the shift"}`}
        width={W}
        height={H}
        style={{ display: "block" }}
      >
        <line x1={pad.l} x2={W - pad.r} y1={Y(0)} y2={Y(0)} stroke={tokens.colorNeutralStroke1} />
        <text x={pad.l - 4} y={Y(hi) + CHART_FONT - 4} fontSize={CHART_FONT} textAnchor="end">
          {short(hi)}
        </text>
        <text x={pad.l - 4} y={Y(lo)} fontSize={CHART_FONT} textAnchor="end">
          {short(lo)}
        </text>
        {/* The zero line labelled, where it sits clear of the top and bottom labels. */}
        {Y(0) - Y(hi) > 2 * CHART_FONT && Y(lo) - Y(0) > 2 * CHART_FONT && (
          <text id="years-zero" x={pad.l - 4} y={Y(0) + CHART_FONT / 2 - 2} fontSize={CHART_FONT} textAnchor="end">
            {short(0)}
          </text>
        )}
        {t.years.map((y, i) =>
          i % every === 0 || i === t.years.length - 1 ? (
            // Centred on its year, but kept within the chart (the last year's label was clipped at the edge).
            <text key={y} x={Math.min(X(i), W - textWidth(yearText(i)) / 2)} y={H - 6} fontSize={CHART_FONT} textAnchor="middle">
              {yearText(i)}
            </text>
          ) : null,
        )}
        {lines.map((p, k) => (
          <polyline
            key={p.name}
            data-series={p.name}
            points={p.cumulative.map((v, i) => `${X(i).toFixed(1)},${Y(v).toFixed(1)}`).join(" ")}
            fill="none"
            stroke={series[k].colour}
            strokeWidth={2}
            strokeDasharray={series[k].dash}
          />
        ))}
      </svg>
      <Legend series={series} />
    </div>
  );
}

/** The commissioner's line is dashed; the organisations' solid, dotted and so on: told apart without colour. */
const seriesDash = (name: string, k: number): string | undefined => (name === "Commissioner" ? "8 4" : [undefined, "2 3", "8 3 2 3", "1 3"][k % 4]);

/** A chart's key at the body size: each series' own line (colour and dash) beside its name, never split from it. */
function Legend({ series }: { series: { name: string; end: string; colour: string; dash: string | undefined }[] }): React.JSX.Element {
  return (
    <ChartKey
      id="years-legend"
      entries={series.map((s) => ({
        key: s.name,
        mark: (
          <svg width={26} height={10} aria-hidden="true" style={{ marginRight: 4 }}>
            <line x1={1} x2={25} y1={5} y2={5} stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
          </svg>
        ),
        text: s.end,
      }))}
    />
  );
}

export function YearsView({
  inputs,
  organisations,
  onTransition,
}: {
  inputs: ComparisonInputs;
  organisations: string[];
  onTransition: (t: { transition: Transition; model: string } | null) => void;
}): React.JSX.Element {
  const short = useShortMoney();
  const [years, setYears] = useState("5");
  const [text, setText] = useState<TransitionText>(TRANSITION_TEXT_DEFAULTS);
  const [model, setModel] = useState("activity");
  const [basis, setBasis] = useState<Basis>("today");
  const result = useMemo((): { t?: Transition; problems: Record<string, string> } => {
    const n = parseNumber(years, "count");
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_YEARS)
      return { problems: { years: `Years: expected a whole number from 1 to ${MAX_YEARS}` } };
    const r = readTransitionTerms(text, n, inputs.todaysRule?.id ?? null);
    if (!r.terms) return { problems: r.problems };
    try {
      return { t: transition(inputs, r.terms), problems: {} };
    } catch (e) {
      return { problems: { transition: isPayError(e) || e instanceof Error ? e.message : String(e) } };
    }
  }, [inputs, years, text]);
  useEffect(() => onTransition(result.t ? { transition: result.t, model } : null), [result, model, onTransition]);
  const t = result.t;
  const parties = (m: Transition["models"][number]) => (basis === "today" ? m.versusToday : m);
  const payer = t && t.backfill.payer !== "commissioner" ? t.backfill.payer : null;
  return (
    <section id="years" aria-label="Years of the transition" className="pane-wide" style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      <Field label="Measure each year against">
        <Select id="years-basis" value={basis} onChange={(_e, d) => setBasis(d.value as Basis)}>
          <option value="today">Today's contracts, doing nothing</option>
          <option value="model">The same model, without the shift</option>
        </Select>
      </Field>
      <Caption1 id="years-basis-text">{BASIS_TEXT[basis]}</Caption1>
      {t && (
        <>
          <Field label="Chart: cumulative position under">
            <Select id="years-model" value={model} onChange={(_e, d) => setModel(d.value)}>
              {t.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
          <SideBySide min={400}>
            <div>
              <CumulativeChart t={t} model={model} basis={basis} />
              {t.backfill.value.some((v) => Math.abs(v) >= 0.5) && (
                <Caption1 id="years-backfill">
                  Other work on backfilled capacity, paid by {payer ?? "the commissioner"} and counted in its position (never a saving of the system):{" "}
                  {t.backfill.value.map((v) => short(v)).join(", ")} by year.
                </Caption1>
              )}
              {model === "capitation" || model === "riskshare" ? (
                <Caption1 id="years-notes" style={{ display: "block" }}>
                  {t.notes.join(" ")}
                </Caption1>
              ) : null}
            </div>
            <NpvTable t={t} parties={parties} payer={payer} model={model} basis={basis} />
          </SideBySide>
        </>
      )}
      <YearsTerms text={text} setText={setText} years={years} setYears={setYears} problems={result.problems} organisations={organisations} />
    </section>
  );
}

/** The transition's terms as typed, their problems, and the organisations a set-up cost may fall on. */
interface TermsProps {
  text: TransitionText;
  setText: (t: TransitionText) => void;
  years: string;
  setYears: (y: string) => void;
  problems: Record<string, string>;
  organisations: string[];
}

/** The transition's terms, by year: each a field named by its problem; prices and costs behind a switch. */
function YearsTerms(props: TermsProps): React.JSX.Element {
  const { text, years, problems } = props;
  // Folded under the chart and table (the view's answer), open by itself while a term has a problem.
  const [open, setOpen] = useState(false);
  const shown = open || Object.keys(problems).length > 0;
  return (
    <Accordion collapsible openItems={shown ? ["terms"] : []} onToggle={() => setOpen(!shown)}>
      <AccordionItem value="terms">
        <AccordionHeader id="years-terms" size="small">
          The terms, by year ({years.trim() || "?"} years; care shift achieved {text.shiftAchieved.trim() || "in full"})
        </AccordionHeader>
        <AccordionPanel style={{ display: "flex", flexDirection: "column", gap: 6 }}>
          <TermsBody {...props} />
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

/** The fields of the transition's terms. */
function TermsBody({ text, setText, years, setYears, problems, organisations }: TermsProps): React.JSX.Element {
  const result = { problems };
  const field = (k: keyof TransitionText, label: string, hint: string) => (
    <Field key={k} label={label} hint={hint} validationMessage={result.problems[k]} validationState={result.problems[k] ? "error" : "none"}>
      <Input id={`in-${k}`} style={{ minWidth: 0 }} value={text[k]} onChange={(_e, d) => setText({ ...text, [k]: d.value })} />
    </Field>
  );
  return (
    <>
      <Field label="Years" validationMessage={result.problems.years} validationState={result.problems.years ? "error" : "none"}>
        <Input id="in-years" style={{ minWidth: 0 }} value={years} onChange={(_e, d) => setYears(d.value)} />
      </Field>
      {FIELDS.map(([k, label, hint]) => field(k, label, hint))}
      <Accordion collapsible>
        <AccordionItem value="prices">
          <AccordionHeader id="years-prices">Prices, costs and signed contracts by year</AccordionHeader>
          <AccordionPanel>{PRICE_FIELDS.map(([k, label, hint]) => field(k, label, hint))}</AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Field label="Set-up cost borne by">
        <Select id="in-setupBearer" value={text.setupBearer} onChange={(_e, d) => setText({ ...text, setupBearer: d.value })}>
          <option value="commissioner">The commissioner</option>
          {organisations.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      </Field>
      {result.problems.transition && <Body1 style={{ color: tokens.colorPaletteRedForeground1 }}>{result.problems.transition}</Body1>}
    </>
  );
}
