/** The Risk view's answer, first after a run: the population's risk, who may lose, and what must be true; before a run, what the view does. */
import { InsertButtons } from "../Insert";
import type React from "react";
import { Body1, Caption1, tokens } from "@fluentui/react-components";
import { chanceText, describeBearing } from "../../../engine/risk/capacity";
import { describeCapacityBudget, describeReserve } from "../../../engine/risk/capacity-budget";
import { describePopulationRisk } from "../../../engine/risk/readings";
import type { RiskOutcome } from "../../worker/risk-job";
import { gbp } from "../../format";
import { PartyMatrix } from "../PartyMatrix";
import { SHORT_MODEL_NAMES, useWide } from "../WhoGains";

/** What the view does, before its first run. */
export function RiskIntro(): React.JSX.Element {
  return (
    <Caption1>
      Each trial is one year of the pathway for the cohort with activity drawn at random; every model settles the year by its own rule. The
      figures show who carries the risk, and how large a population must be before a capitated budget is safe to hold.
    </Caption1>
  );
}

/** The capitated budget's chance of overspending at the cohort's size and the population it needs: the view's lead. */
export function PopulationRisk({ outcome }: { outcome: RiskOutcome }): React.JSX.Element | null {
  const text = describePopulationRisk(outcome.sweep, outcome.result.cohort);
  if (text === null) return null;
  return (
    <Body1 id="risk-population" style={{ fontWeight: 600 }}>
      {text}.
    </Body1>
  );
}

/** What must be true of a capitated budget for its holder to bear its bad year (on these draws), and its reserve. */
export function WhatMustBeTrue({ result }: { result: RiskOutcome["result"] }): React.JSX.Element {
  return (
    <Body1 id="risk-capacity-budget" data-budget={result.capacityBudget.budgetAtCapacity ?? ""} data-rate={result.capacityBudget.rateAtCapacity ?? ""}>
      What must be true: {describeCapacityBudget(result.capacityBudget, gbp)}.{result.reserve && ` ${describeReserve(result.reserve, gbp)}.`}
    </Body1>
  );
}


/**
 * The first screen after a run: each organisation's chance of a loss under each model, marked where its bad
 * year loses more than it can bear (✗), with the 5th percentile, capacity and population on hover.
 */
export function RiskSummary({ outcome }: { outcome: RiskOutcome }): React.JSX.Element {
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

