/**
 * Options (issue 35 D): the options a board decides between, read from the workbook's tables (an options table,
 * and optionally each organisation's plan and the scenarios), appraised by the engine (options.ts,
 * switching.ts) over the years: it leads with what must be true for the chosen party, in words, then each
 * option's NPV against doing nothing (and with optimism bias), whether the party stays within its plan, and the
 * scenario summary. The same figures as `pay compare --options` (an e2e test holds them together).
 */
import type React from "react";
import { useState } from "react";
import { Body1, Button, Caption1, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import type { ComparisonInputs } from "../../../engine/comparison/compare";
import { appraiseOptions, appraiseScenarios, type OptionResult, type ScenarioResult } from "../../../engine/comparison/options";
import { describeSwitching, switchingValues, type SwitchingValue } from "../../../engine/comparison/switching";
import { readOptionsTable, readOrganisationsTable, readScenariosTable } from "../../../engine/inputs/options-table";
import { parseNumber, readTransitionTerms, TRANSITION_TEXT_DEFAULTS } from "../../../engine/inputs/terms";
import { readRange } from "../../../excel/workbook";
import type { OptionsSheet } from "../../../excel/options/section";
import { gbp } from "../../format";
import { useShortMoney } from "../../money";
import { ScrollBox } from "../ScrollBox";

interface Appraisal {
  options: OptionResult[];
  switching: SwitchingValue[];
  scenarios: ScenarioResult[];
  /** What Write writes as the sheet's options section. */
  sheet: OptionsSheet;
}

const lines = (problems: { address?: string; message: string }[]): string => problems.map((p) => (p.address ? `${p.address}: ${p.message}` : p.message)).join("; ");

/** Read the tables named and appraise; a problem is one message naming its field and cell. */
async function appraise(
  inputs: ComparisonInputs,
  organisations: readonly string[],
  refs: Record<"options" | "organisations" | "scenarios" | "years" | "bias", string>,
): Promise<Appraisal> {
  const years = parseNumber(refs.years, "count");
  if (typeof years !== "number" || !Number.isInteger(years) || years < 1 || years > 10) throw new Error("Years: expected a whole number from 1 to 10");
  const bias = refs.bias.trim() === "" ? 0 : parseNumber(refs.bias, "share");
  if (typeof bias !== "number") throw new Error(`Optimism bias: expected a share such as 24%, got '${refs.bias}'`);
  const preset = inputs.todaysRule?.id ?? null;
  const t = readTransitionTerms(TRANSITION_TEXT_DEFAULTS, years, preset);
  if (!t.terms) throw new Error(Object.values(t.problems)[0]);
  const data = await readRange(refs.options);
  const read = readOptionsTable(data.values, data.address, TRANSITION_TEXT_DEFAULTS, years, preset);
  if (read.problems.length > 0) throw new Error(`Options: ${lines(read.problems)}`);
  let plans: Record<string, number> | null = null;
  if (refs.organisations.trim() !== "") {
    const o = await readRange(refs.organisations);
    const p = readOrganisationsTable(o.values, o.address);
    if (p.problems.length > 0) throw new Error(`Organisations: ${lines(p.problems)}`);
    plans = p.plans;
  }
  let scenarios: ScenarioResult[] = [];
  const settings = { plans, optimismBias: bias };
  if (refs.scenarios.trim() !== "") {
    const s = await readRange(refs.scenarios);
    const sc = readScenariosTable(s.values, s.address, TRANSITION_TEXT_DEFAULTS, years, preset);
    if (sc.problems.length > 0) throw new Error(`Scenarios: ${lines(sc.problems)}`);
    scenarios = appraiseScenarios(inputs, t.terms, read.options, settings, sc.scenarios);
  }
  const options = appraiseOptions(inputs, t.terms, read.options, settings);
  return {
    options,
    switching: switchingValues(inputs, t.terms, read.options, settings),
    scenarios,
    sheet: { results: options, specs: read.options, terms: t.terms, settings, organisations, scenarios },
  };
}

export function OptionsView({
  inputs,
  organisations,
  onAppraised,
}: {
  inputs: ComparisonInputs;
  organisations: string[];
  /** The appraisal for the written sheet's options section (null when the last try failed). */
  onAppraised?: (s: OptionsSheet | null) => void;
}): React.JSX.Element {
  const short = useShortMoney();
  const [refs, setRefs] = useState({ options: "", organisations: "", scenarios: "", years: "3", bias: "0%" });
  const [party, setParty] = useState("System");
  const [result, setResult] = useState<Appraisal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async () => {
    setProblem(null);
    try {
      const a = await appraise(inputs, organisations, refs);
      setResult(a);
      onAppraised?.(a.sheet);
    } catch (e) {
      setResult(null);
      onAppraised?.(null);
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const field = (k: keyof typeof refs, label: string, hint: string) => (
    <Field label={label} hint={hint}>
      <Input id={`in-options-${k}`} style={{ minWidth: 0 }} value={refs[k]} onChange={(_e, d) => setRefs({ ...refs, [k]: d.value })} />
    </Field>
  );
  const parties = result?.options[0].npv.map((p) => p.name) ?? [...organisations, "Commissioner", "System"];
  const mine = result?.switching.filter((v) => v.party === party) ?? [];
  return (
    <section id="options" aria-label="Options" className="pane-wide" style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      {result && (
        <>
          <Field label="For">
            <Select id="options-party" value={party} onChange={(_e, d) => setParty(d.value)}>
              {parties.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </Field>
          <Body1 as="h2" style={{ display: "block", fontWeight: 600, margin: 0 }}>
            What must be true
          </Body1>
          <ul id="options-switching" style={{ margin: 0, paddingLeft: 16 }}>
            {mine
              .filter((v) => v.value !== null && v.reason === null)
              .map((v) => (
                <li key={`${v.option}|${v.input}`}>
                  <Body1>{describeSwitching(v)}</Body1>
                </li>
              ))}
          </ul>
          <OptionsTable result={result} party={party} short={short} />
          {result.scenarios.length > 0 && <ScenarioTable scenarios={result.scenarios} party={party} short={short} />}
        </>
      )}
      {problem && <Body1 style={{ color: tokens.colorPaletteRedForeground1 }}>{problem}</Body1>}
      {field("options", "Options table", "Option, Model (today or a model), then any terms as columns; Do nothing is always first")}
      {field("organisations", "Organisations' plans (optional)", "Organisation and Plan, a margin in £ a year")}
      {field("scenarios", "Scenarios (optional)", "Scenario, then any terms as columns: low, central, high …")}
      {field("years", "Years", "1 to 10, with the Years view's default terms")}
      {field("bias", "Optimism bias", "added to costs and set-up in the adjusted NPV (HM Treasury Green Book)")}
      <Button id="options-appraise" onClick={() => void run()}>
        Appraise the options
      </Button>
    </section>
  );
}

/** Each option's NPV for the party against doing nothing, with optimism bias, and the years it falls short of its plan. */
function OptionsTable({ result, party, short }: { result: Appraisal; party: string; short: (x: number) => string }): React.JSX.Element {
  return (
    <ScrollBox label="Options, scrolls sideways">
      <Table id="options-table" size="extra-small" aria-label={`Each option's NPV for ${party} against doing nothing`} style={{ tableLayout: "auto", width: "100%" }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Option</TableHeaderCell>
            <TableHeaderCell style={{ textAlign: "right" }}>NPV</TableHeaderCell>
            <TableHeaderCell style={{ textAlign: "right" }}>With bias</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {result.options.map((o) => {
            const n = o.npv.find((p) => p.name === party);
            const missed = o.years.filter((y) => y.parties.find((p) => p.name === party)?.withinPlan === false).map((y) => y.label);
            return (
              <TableRow key={o.name} data-option={o.name} data-npv={n?.npv ?? 0}>
                <TableCell>
                  {o.name}
                  {missed.length > 0 && <Caption1 style={{ display: "block", color: tokens.colorPaletteRedForeground1 }}>short of plan: {missed.join(", ")}</Caption1>}
                </TableCell>
                <TableCell style={{ textAlign: "right" }} title={gbp(n?.npv ?? 0)}>
                  {short(n?.npv ?? 0)}
                </TableCell>
                <TableCell style={{ textAlign: "right" }} title={gbp(n?.npvAdjusted ?? 0)}>
                  {short(n?.npvAdjusted ?? 0)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}

/** The scenario summary for the party: scenarios down, options across (Excel's Scenario Manager's layout). */
function ScenarioTable({ scenarios, party, short }: { scenarios: ScenarioResult[]; party: string; short: (x: number) => string }): React.JSX.Element {
  const options = scenarios[0].options.map((o) => o.name);
  return (
    <ScrollBox label="Scenarios, scrolls sideways">
      <Table id="options-scenarios" size="extra-small" aria-label={`NPV for ${party} by scenario and option`} style={{ tableLayout: "auto", width: "max-content", minWidth: "100%" }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Scenario</TableHeaderCell>
            {options.map((o) => (
              <TableHeaderCell key={o} style={{ textAlign: "right" }}>
                {o}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {scenarios.map((s) => (
            <TableRow key={s.name}>
              <TableCell>{s.name}</TableCell>
              {s.options.map((o) => (
                <TableCell key={o.name} style={{ textAlign: "right" }}>
                  {short(o.npv.find((p) => p.name === party)?.npv ?? 0)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}
