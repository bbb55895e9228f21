/**
 * The "Risk" view: how each payment model spreads the financial risk of random variation in activity, and
 * how large the population must be. The simulation runs in a Web Worker (risk-runner.ts) with a progress bar
 * and Cancel; every figure comes from the engine (src/engine/risk/simulate.ts).
 */
import type React from "react";
import { useState } from "react";
import { Button, Caption1, Field, MessageBar, MessageBarBody, ProgressBar, Switch } from "@fluentui/react-components";
import type { ComparisonInputs } from "../../../engine/comparison/compare";
import { describeDispersion, describeSources } from "../../../engine/risk/simulate";
import type { RiskOutcome } from "../../worker/risk-job";
import { PopulationRisk, RiskIntro, RiskSummary, WhatMustBeTrue } from "./Answer";
import { RiskDetail } from "./Detail";
import { RiskSettingsForm } from "./Settings";
import { useRiskRun } from "./useRiskRun";

export function RiskView(props: {
  inputs: ComparisonInputs;
  outcome: RiskOutcome | null;
  onOutcome: (o: RiskOutcome | null) => void;
}): React.JSX.Element {
  const { outcome } = props;
  const { text, setText, kind, setKind, problems, progress, message, ranIn, capacityText, setCapacityText, delivery, setDelivery, simulate, cancel } =
    useRiskRun(props);
  const [histModel, setHistModel] = useState<string>("capitation");
  // The detail (seven cards of figures with standard errors, readings, charts) is one switch away.
  const [detail, setDetail] = useState(false);
  // The settings fold under the figures after a run (open before the first, and while one has a problem).
  const [settingsOpen, setSettingsOpen] = useState(false);

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

