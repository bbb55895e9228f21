/**
 * Each option's risk (issue 35 C): the simulation run once per option — Do nothing as today's contracts with no
 * care moving, every other option under its own terms and model — on common random numbers: every run takes the
 * same seed, trials and settings, and draws each step's events by inversion from one stream, so two options
 * that differ only by a fixed sum (a budget £100,000 larger, say) differ by exactly that sum in every simulated
 * year, and options that move activity move the same draws (tests/engine/options-risk.test.ts). Each scenario's
 * options are simulated the same way, on the same draws again (scenariosRisk).
 */
import type { ComparisonInputs } from "../comparison/compare";
import { DO_NOTHING, type OptionSpec, type Scenario } from "../comparison/options";
import { invalid } from "../rules/errors";
import { simulateRisk, type ModelRisk, type RiskSettings } from "./simulate";

export interface OptionRisk {
  option: string;
  model: OptionSpec["model"];
  risk: ModelRisk;
}

/** Each option's simulated year under its model, Do nothing first, all on the same draws. */
export function optionsRisk(inp: ComparisonInputs, options: readonly OptionSpec[], settings: RiskSettings): OptionRisk[] {
  const doNothing = simulateRisk({ ...inp, shiftShare: 0, shiftCommunityUplift: 0 }, settings).today;
  return [
    { option: DO_NOTHING, model: "today", risk: doNothing },
    ...options.map((o): OptionRisk => {
      try {
        const r = simulateRisk({ ...inp, ...o.inputs }, settings);
        return { option: o.name, model: o.model, risk: o.model === "today" ? r.today : (r.models.find((m) => m.id === o.model) as ModelRisk) };
      } catch (e) {
        throw e instanceof Error ? invalid(`options, '${o.name}': ${e.message}`) : e;
      }
    }),
  ];
}

/** Each scenario's options simulated (its terms over the comparison's, each option's over them), all on the same draws. */
export function scenariosRisk(
  inp: ComparisonInputs,
  options: readonly OptionSpec[],
  scenarios: readonly Scenario[],
  settings: RiskSettings,
): { scenario: string; options: OptionRisk[] }[] {
  return scenarios.map((sc) => {
    try {
      return { scenario: sc.name, options: optionsRisk({ ...inp, ...sc.inputs }, options, settings) };
    } catch (e) {
      throw e instanceof Error ? invalid(`scenarios, '${sc.name}': ${e.message}`) : e;
    }
  });
}
