/**
 * The "Risk" view: how each payment model spreads the financial risk of random variation in activity, and
 * how large the population must be. The simulation runs in a Web Worker (risk-runner.ts) with a progress bar
 * and Cancel; every figure comes from the engine (src/engine/risk/simulate.ts).
 */
import { InsertButtons } from "./Insert";
import type React from "react";
import { useEffect, useRef, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { ComparisonInputs } from "../../engine/comparison/compare";
import type { Histogram, Estimate } from "../../engine/risk/stats";
import { AFTER_THE_SHIFT, describeDispersion, describeSources, type Dispersion, type ModelRisk } from "../../engine/risk/simulate";
import { chanceText, describeBearing, populationWords } from "../../engine/risk/capacity";
import { describeCapacityBudget, describeReserve } from "../../engine/risk/capacity-budget";
import { describePopulationRisk } from "../../engine/risk/readings";
import type { RiskOutcome } from "../worker/risk-job";
import { startRisk, type RiskRun } from "../worker/risk-runner";
import { gbp } from "../format";
import { parseRiskCapacity } from "../../engine/inputs/terms";
import { PartyMatrix } from "./PartyMatrix";
import { SHORT_MODEL_NAMES, useWide } from "./WhoGains";
import { DEFAULT_RISK_TEXT, readRiskSettings, type RiskText } from "../risk-settings";
import { CHART_FONT, ChartKey, useChartWidth } from "./chart";
import { Unbroken, useShortMoney } from "../money";

const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
const withSe = (e: Estimate, f: (x: number) => string, fse: (x: number) => string = f): string =>
  e.se > 0 ? `${f(e.value)} ± ${fse(e.se).replace("−", "")}` : f(e.value);

/** The year simulated: after the whole care shift (the default), after it with the share achieved drawn, or before it. */
type SimulatedYear = "after" | "uncertain" | "today";

const RISK_FIELDS: [keyof RiskText, string, string][] = [
  ["trials", "Trials (simulated years)", "2 to 2,000,000"],
  ["seed", "Seed", "same seed, same figures"],
  ["tolerance", "Overspend tolerance", "share of budget, e.g. 3%"],
  ["confidence", "Confidence", "for the minimum population"],
  ["sweepTrials", "Trials per population size", "for the population sweep"],
];

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

export function RiskView(props: {
  inputs: ComparisonInputs;
  outcome: RiskOutcome | null;
  onOutcome: (o: RiskOutcome | null) => void;
}): React.JSX.Element {
  const [text, setText] = useState<RiskText>(DEFAULT_RISK_TEXT);
  const [kind, setKind] = useState<Dispersion["kind"]>("poisson");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ intent: "error" | "info"; text: string } | null>(null);
  const [histModel, setHistModel] = useState<string>("capitation");
  const [ranIn, setRanIn] = useState<"worker" | "pane">("worker");
  const [capacityText, setCapacityText] = useState("");
  // The detail (seven cards of figures with standard errors, readings, charts) is one switch away.
  const [detail, setDetail] = useState(false);
  // The proposal after the shift by default (issue 37): the year a board would hold the budget for.
  const [delivery, setDelivery] = useState<SimulatedYear>("after");
  // The settings fold under the figures after a run (open before the first, and while one has a problem).
  const [settingsOpen, setSettingsOpen] = useState(false);
  const run = useRef<RiskRun | null>(null);
  const { outcome } = props;
  // A new comparison replaces this view: stop its simulation, whose figures would belong to the old inputs.
  useEffect(
    () => () => {
      run.current?.cancel();
      run.current = null;
    },
    [],
  );

  async function simulate(): Promise<void> {
    setMessage(null);
    const read = readRiskSettings(text);
    const capacity = parseRiskCapacity(capacityText);
    setProblems({ ...read.problems, ...("problem" in capacity ? { capacity: capacity.problem } : {}) });
    if (!read.settings || "problem" in capacity) {
      setMessage({ intent: "error", text: "Nothing was simulated: fix the settings marked below." });
      return;
    }
    const s = read.settings;
    const dispersion: Dispersion = kind === "poisson" ? { kind } : { kind, shape: s.shape };
    // The last figures stay on show until the new ones are complete (so a cancel changes nothing).
    setProgress({ done: 0, total: s.trials });
    const r = startRisk(
      {
        inputs: props.inputs,
        settings: {
          trials: s.trials,
          seed: s.seed,
          dispersion,
          capacity: capacity.value,
          delivery: delivery === "uncertain" ? { mean: s.deliveryMean, sd: s.deliverySd } : delivery === "after" ? AFTER_THE_SHIFT : null,
          shock: s.shockCv > 0 ? { cv: s.shockCv } : null,
        },
        sweep: { trials: s.sweepTrials, tolerance: s.tolerance, confidence: s.confidence },
      },
      (done, total) => setProgress({ done, total }),
    );
    run.current = r;
    try {
      const o = await r.done;
      if (run.current !== r) return;
      setRanIn(r.where());
      if (o) props.onOutcome(o);
      else setMessage({ intent: "info", text: "Simulation cancelled: nothing changed." });
    } catch (e) {
      if (run.current === r) setMessage({ intent: "error", text: `Nothing was simulated: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (run.current === r) {
        run.current = null;
        setProgress(null);
      }
    }
  }

  function cancel(): void {
    const r = run.current;
    if (!r) return;
    run.current = null;
    r.cancel();
    setProgress(null);
    setMessage({ intent: "info", text: "Simulation cancelled: nothing changed." });
  }

  const model = outcome?.result.models.find((m) => m.id === histModel) ?? outcome?.result.models[0];

  return (
    <section id="risk" aria-label="Financial risk" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {!outcome && <RiskIntro />}
      {/* After a run its answer comes first (the capitated budget's chance of overspending, then who may lose); the settings follow, folded. */}
      {outcome && model && (
        <>
          <PopulationRisk outcome={outcome} />
          <RiskSummary outcome={outcome} />
          <WhatMustBeTrue result={outcome.result} />
          <Switch
            id="risk-detail-shown"
            checked={detail}
            onChange={(_e, d) => setDetail(d.checked)}
            label="Detail: percentiles and standard errors, readings, histogram, sources, population sweep"
          />
          <div id="risk-detail" hidden={!detail} style={{ display: detail ? "flex" : "none", flexDirection: "column", gap: 8 }}>
            <Caption1 id="risk-meta" data-seed={outcome.result.seed} data-trials={outcome.result.trials} data-where={ranIn}>
              {outcome.result.trials.toLocaleString("en-GB")} simulated years · seed {outcome.result.seed} ·{" "}
              {describeDispersion(outcome.result.dispersion)} · {describeSources(outcome.result)}. ± is the simulation&apos;s standard error.
            </Caption1>
            <RiskDetail outcome={outcome} model={model} onHistModel={setHistModel} />
          </div>
        </>
      )}
      <RiskSettingsForm
        open={!outcome || settingsOpen || Object.keys(problems).length > 0}
        onOpen={setSettingsOpen}
        text={text}
        onText={setText}
        problems={problems}
        capacityText={capacityText}
        onCapacityText={setCapacityText}
        delivery={delivery}
        onDelivery={setDelivery}
        kind={kind}
        onKind={setKind}
      />
      <div style={{ display: "flex", gap: 6 }}>
        <Button id="simulate" appearance="primary" onClick={() => void simulate()} disabled={progress !== null}>
          Simulate
        </Button>
        {progress && (
          <Button id="cancel" onClick={cancel}>
            Cancel
          </Button>
        )}
      </div>
      {progress && (
        <Field label="Simulating…" hint={`${progress.done.toLocaleString("en-GB")} of ${progress.total.toLocaleString("en-GB")} trials`}>
          <ProgressBar id="risk-progress" value={progress.total > 0 ? progress.done / progress.total : 0} data-done={progress.done} />
        </Field>
      )}
      {message && (
        <MessageBar intent={message.intent} id="risk-status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** What the view does, before its first run. */
function RiskIntro(): React.JSX.Element {
  return (
    <Caption1>
      Each trial is one year of the pathway for the cohort with activity drawn at random; every model settles the year by its own rule. The
      figures show who carries the risk, and how large a population must be before a capitated budget is safe to hold.
    </Caption1>
  );
}

/** The capitated budget's chance of overspending at the cohort's size and the population it needs: the view's lead. */
function PopulationRisk({ outcome }: { outcome: RiskOutcome }): React.JSX.Element | null {
  const text = describePopulationRisk(outcome.sweep, outcome.result.cohort);
  if (text === null) return null;
  return (
    <Body1 id="risk-population" style={{ fontWeight: 600 }}>
      {text}.
    </Body1>
  );
}

/** What must be true of a capitated budget for its holder to bear its bad year (on these draws), and its reserve. */
function WhatMustBeTrue({ result }: { result: RiskOutcome["result"] }): React.JSX.Element {
  return (
    <Body1 id="risk-capacity-budget" data-budget={result.capacityBudget.budgetAtCapacity ?? ""} data-rate={result.capacityBudget.rateAtCapacity ?? ""}>
      What must be true: {describeCapacityBudget(result.capacityBudget, gbp)}.{result.reserve && ` ${describeReserve(result.reserve, gbp)}.`}
    </Body1>
  );
}

/** The detail one switch away: every model's figures, the readings, a model's histogram, the sources and the population sweep. */
function RiskDetail({
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
/** The simulation's settings, behind one line that names the trials and seed (folded after a run). */
function RiskSettingsForm(props: {
  open: boolean;
  onOpen: (open: boolean) => void;
  text: RiskText;
  onText: (t: RiskText) => void;
  problems: Record<string, string>;
  capacityText: string;
  onCapacityText: (t: string) => void;
  delivery: SimulatedYear;
  onDelivery: (d: SimulatedYear) => void;
  kind: Dispersion["kind"];
  onKind: (k: Dispersion["kind"]) => void;
}): React.JSX.Element {
  const {
    text,
    onText: setText,
    problems,
    capacityText,
    onCapacityText: setCapacityText,
    delivery,
    onDelivery: setDelivery,
    kind,
    onKind: setKind,
  } = props;
  /** One setting typed as text, its problem beside it. */
  const setting = (k: keyof RiskText, label: string, hint: string) => (
    <Field key={k} label={label} hint={hint} validationMessage={problems[k]} validationState={problems[k] ? "error" : "none"}>
      <Input id={`in-${k}`} value={text[k]} onChange={(_e, d) => setText({ ...text, [k]: d.value })} />
    </Field>
  );
  return (
    <Accordion collapsible openItems={props.open ? ["settings"] : []} onToggle={(_e, d) => props.onOpen(d.openItems.includes("settings"))}>
      <AccordionItem value="settings">
        <AccordionHeader id="risk-settings" size="small">
          Simulation settings ({text.trials} trials, seed {text.seed})
        </AccordionHeader>
        <AccordionPanel style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      {RISK_FIELDS.map(([k, label, hint]) => setting(k, label, hint))}
      <Field
        label="What each organisation can lose in a bad year"
        hint={<Unbroken text="Name:£ pairs, e.g. Acute trust:£2,000,000; PCN:£50,000. Blank: each its margin today" />}
        validationMessage={problems.capacity}
        validationState={problems.capacity ? "error" : "none"}
      >
        <Input id="in-riskCapacity" value={capacityText} onChange={(_e, d) => setCapacityText(d.value)} />
      </Field>
      <Field label="The simulated year" hint="After the care shift: the whole shift the terms set, or with the share achieved drawn each year">
        <Select id="in-delivery" value={delivery} onChange={(_e, d) => setDelivery(d.value as SimulatedYear)}>
          <option value="after">After the care shift, as the terms set it</option>
          <option value="uncertain">After the care shift, delivery uncertain</option>
          <option value="today">Today&apos;s activity, before the shift</option>
        </Select>
      </Field>
      {delivery === "uncertain" && [
        setting("deliveryMean", "Share of the shift achieved: plan", "100% = the whole shift the terms set"),
        setting("deliverySd", "… its standard deviation", "e.g. 15%: most years within ±30% of plan"),
      ]}
      {setting("shockCv", "Common shock: coefficient of variation", "A bad winter lifts every step at once, e.g. 5%; 0%: none")}
      <Field label="Activity variation" hint="Over-dispersed: a patient's heavy use runs across the pathway (the long tail of high-cost patients)">
        <Select id="in-dispersion" value={kind} onChange={(_e, d) => setKind(d.value as Dispersion["kind"])}>
          <option value="poisson">Poisson (events independent)</option>
          <option value="overdispersed">Over-dispersed (negative binomial)</option>
        </Select>
      </Field>
      {kind === "overdispersed" && (
        <Field
          label="Over-dispersion k"
          hint="smaller k = longer tail; variance per patient λ + λ²/k"
          validationMessage={problems.shape}
          validationState={problems.shape ? "error" : "none"}
        >
          <Input id="in-shape" value={text.shape} onChange={(_e, d) => setText({ ...text, shape: d.value })} />
        </Field>
      )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

/**
 * The first screen after a run: each organisation's chance of a loss under each model, marked where its bad
 * year loses more than it can bear (✗), with the 5th percentile, capacity and population on hover.
 */
function RiskSummary({ outcome }: { outcome: RiskOutcome }): React.JSX.Element {
  const [ref, wide] = useWide(560);
  const models = outcome.result.models;
  const orgs = models[0]?.organisations.map((o) => o.name) ?? [];
  const rows = orgs.map((name, i) => ({
    key: `org:${name}`,
    label: name,
    cells: models.map((m) => {
      const o = m.organisations[i];
      const mark = o.exceedsCapacity ? " ✗" : "";
      const bear = describeBearing(o, outcome.result.cohort, gbp);
      const attrs = {
        "data-model": m.id,
        "data-value": o.lossChance.value,
        "data-exceeds": o.exceedsCapacity ? "yes" : "no",
        title: `${name}, ${m.name}: ${bear}`,
        style: {
          textAlign: "right" as const,
          whiteSpace: "nowrap" as const,
          color: o.exceedsCapacity ? tokens.colorPaletteRedForeground1 : undefined,
        },
      };
      return { attrs, short: `${chanceText(o.lossChance.value, 0)}${mark}`, full: `${chanceText(o.lossChance.value)}${mark}` };
    }),
  }));
  return (
    <section ref={ref} id="risk-summary" aria-label="Chance of a loss by organisation and model" data-layout={wide ? "table" : "list"}>
      <Caption1 as="p" style={{ display: "block", margin: "0 0 4px" }}>
        Chance each organisation loses money in a year, by model; ✗: its bad year (1 in 20) loses more than it can bear.
      </Caption1>
      <PartyMatrix
        wide={wide}
        label="Chance of a loss by organisation and model"
        columns={models.map((m) => ({ key: m.id, name: m.name, short: SHORT_MODEL_NAMES[m.id] }))}
        rows={rows}
      />
      <InsertButtons
        id="risk"
        piece={() => ({
          title: `Chance each organisation loses money in a year, by model (${outcome.result.trials.toLocaleString("en-GB")} simulated years, seed ${outcome.result.seed})`,
          header: ["Organisation", ...models.map((m) => m.name)],
          rows: orgs.map((name, i) => [name, ...models.map((m) => m.organisations[i].lossChance.value)]),
          share: true,
          chart: "columnClustered",
        })}
      />
    </section>
  );
}

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

/** Overspend chance against population (log scale): simulated (solid, with points) and the normal formula (dashed). */
function SweepChart({ sweep }: { sweep: RiskOutcome["sweep"] }): React.JSX.Element {
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

function SweepTable({ outcome }: { outcome: RiskOutcome }): React.JSX.Element {
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
