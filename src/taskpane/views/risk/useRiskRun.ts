/**
 * The Risk view's run: its settings as typed, the simulation in its Web Worker (risk-runner.ts) with progress and
 * Cancel, and what it says when nothing was simulated. A new comparison replaces the view, which stops its run.
 */
import { useEffect, useRef, useState } from "react";
import type { ComparisonInputs } from "../../../engine/comparison/compare";
import { AFTER_THE_SHIFT, type Dispersion } from "../../../engine/risk/simulate";
import { parseRiskCapacity } from "../../../engine/inputs/terms";
import type { RiskOutcome } from "../../worker/risk-job";
import { startRisk, type RiskRun } from "../../worker/risk-runner";
import { DEFAULT_RISK_TEXT, readRiskSettings, type RiskText } from "../../risk-settings";
import type { SimulatedYear } from "./shared";

export function useRiskRun(props: { inputs: ComparisonInputs; onOutcome: (o: RiskOutcome | null) => void }) {
  const [text, setText] = useState<RiskText>(DEFAULT_RISK_TEXT);
  const [kind, setKind] = useState<Dispersion["kind"]>("poisson");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ intent: "error" | "info"; text: string } | null>(null);
  const [ranIn, setRanIn] = useState<"worker" | "pane">("worker");
  const [capacityText, setCapacityText] = useState("");
  // The proposal after the shift by default (issue 37): the year a board would hold the budget for.
  const [delivery, setDelivery] = useState<SimulatedYear>("after");
  const run = useRef<RiskRun | null>(null);
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

  return {
    text,
    setText,
    kind,
    setKind,
    problems,
    progress,
    message,
    ranIn,
    capacityText,
    setCapacityText,
    delivery,
    setDelivery,
    simulate,
    cancel,
  };
}
