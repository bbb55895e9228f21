/**
 * What Compare shows: a tab for each question (who gains, by model, drivers, years, risk, options), the unit money is
 * shown in, and the chosen view. The views behind a tab load when first wanted: the pane's first screen needs
 * none of them, and Excel opens the pane faster for it (the bundle's size is tested).
 */
import type React from "react";
import { lazy, Suspense } from "react";
import { Body1, Field, Select, Spinner, Tab, TabList } from "@fluentui/react-components";
import type { OptionsSheet } from "../../excel/options/section";
import { answerSentence } from "../../engine/decision/answer";
import type { Transition } from "../../engine/comparison/transition";
import type { Ready } from "../form/read";
import { MoneyUnitContext, type PaneUnit } from "../money";
import { unitForScale } from "../../engine/comparison/money";
import type { RiskOutcome } from "../worker/risk-job";
import type { DriversChoice } from "./DriversView";

const RiskView = lazy(() => import("./risk/RiskView").then((m) => ({ default: m.RiskView })));
const DriversView = lazy(() => import("./DriversView").then((m) => ({ default: m.DriversView })));
const YearsView = lazy(() => import("./years/YearsView").then((m) => ({ default: m.YearsView })));
const ComparisonView = lazy(() => import("./ComparisonView").then((m) => ({ default: m.ComparisonView })));
const ByModel = lazy(() => import("./WhoGains").then((m) => ({ default: m.ByModel })));
const OptionsView = lazy(() => import("./options/OptionsView").then((m) => ({ default: m.OptionsView })));

export type ViewId = "compare" | "model" | "drivers" | "years" | "risk" | "options";

const TABS: [ViewId, string][] = [
  ["compare", "Who gains"],
  ["model", "By model"],
  ["drivers", "Drivers"],
  ["years", "Years"],
  ["risk", "Risk"],
  ["options", "Options"],
];

interface ResultsProps {
  ready: Ready;
  view: ViewId;
  onView: (v: ViewId) => void;
  unit: PaneUnit;
  onUnit: (u: PaneUnit) => void;
  risk: RiskOutcome | null;
  onRisk: (r: RiskOutcome | null) => void;
  onDrivers: (d: DriversChoice | null) => void;
  onYears: (y: { transition: Transition; model: string } | null) => void;
  onOptions: (o: OptionsSheet | null) => void;
}

export function Results({ ready, view, onView, unit, onUnit, risk, onRisk, onDrivers, onYears, onOptions }: ResultsProps): React.JSX.Element {
  const bySize = unitForScale(ready.comparison.activityValue);
  return (
    <>
      {/* The answer first: the decision's sentence (the engine's; the same in the paragraph, the sheet and pay compare). */}
      <Body1 id="answer" as="p" style={{ display: "block", margin: 0, fontWeight: 600 }}>
        {answerSentence(ready.comparison)}
      </Body1>
      <TabList selectedValue={view} onTabSelect={(_e, d) => onView(d.value as ViewId)} size="small" style={{ flexWrap: "wrap" }}>
        {TABS.map(([id, label]) => (
          <Tab key={id} id={`tab-${id}`} value={id}>
            {label}
          </Tab>
        ))}
      </TabList>
      <Field label="Money shown in" size="small" orientation="horizontal" style={{ gridTemplateColumns: "auto 1fr", columnGap: 8 }}>
        <Select id="in-unit" size="small" style={{ minWidth: 0 }} value={unit} onChange={(_e, d) => onUnit(d.value as PaneUnit)}>
          <option value="auto">By the pathway&apos;s size ({bySize})</option>
          <option value="£">£</option>
          <option value="£k">£k</option>
          <option value="£m">£m</option>
        </Select>
      </Field>
      {/* One unit for every view, chosen once: "by size" picks it from the pathway's activity value (issue 37). */}
      <MoneyUnitContext.Provider value={unit === "auto" ? bySize : unit}>
        {/* Kept mounted while hidden, so a simulation under way carries on when you look at the comparison. */}
        <div hidden={view !== "risk"} className="pane-wide">
          <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
            <RiskView inputs={ready.inputs} outcome={risk} onOutcome={onRisk} />
          </Suspense>
        </div>
        <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
          {view === "compare" && <ComparisonView comparison={ready.comparison} holder={ready.inputs.holder} />}
          {view === "model" && <ByModel comparison={ready.comparison} />}
          {view === "drivers" && <DriversView inputs={ready.inputs} onChoice={onDrivers} />}
          {view === "years" && <YearsView inputs={ready.inputs} organisations={ready.comparison.organisations} onTransition={onYears} />}
          {view === "options" && <OptionsView inputs={ready.inputs} organisations={ready.comparison.organisations} onAppraised={onOptions} />}
        </Suspense>
      </MoneyUnitContext.Provider>
    </>
  );
}
