/**
 * The comparison panel: choose the pathway table and the cohort (from the selection, an address or a
 * defined name), adjust contract terms, compare the payment models, then write the comparison to a new sheet
 * or copy it for a board paper. All figures come from the engine; all workbook access from src/excel.
 */
import type React from "react";
import { lazy, Suspense, useEffect, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Tab,
  TabList,
  Title3,
  tokens,
  makeStyles,
} from "@fluentui/react-components";
import { FLUENT_THEMES, forcedColors, officeTheme, paneTheme, type OfficeThemeLike, type PaneTheme } from "./theme";
import { comparePaymentModels, contractFor, DEFAULT_TERMS, type Comparison, type ComparisonInputs } from "../engine/comparison/compare";
import { describeNeed, needBasedInputs, readPopulation, type NeedBudget, type PopulationTable } from "../engine/inputs/population";
import { readCorridor } from "../engine/rules/formulas";
import { isPayError } from "../engine/rules/errors";
import { FIELD_LABELS, readPathwayTable, readTiers, type ColumnMap, type PathwayField } from "../engine/inputs/pathway-table";
import { sheetReadsSetting } from "../engine/inputs/pathway-table";
import { chartImages, readRange, selectedAddress, writeComparisonSheet } from "../excel/workbook";
import { gbp } from "../engine/comparison/compare";
import { COHORT_FIELD, DEFAULT_TERMS_TEXT, parseNumber, readNumberField, readTerms, type TermsText } from "./terms";
import { comparisonInputs, parsePartnerWeights } from "../engine/inputs/terms";
import { VARIABLE_SHARE_DEFAULTS, type Setting } from "../engine/comparison/organisations";
import type { Holder } from "../engine/comparison/settlement";
import type { DriversChoice } from "./views/DriversView";
import type { Transition } from "../engine/comparison/transition";
import { BLENDED_PRESETS, presetById, todaysRule } from "../engine/comparison/presets";
import { presetTerms } from "../engine/inputs/terms";
import { structuredColumns } from "../engine/inputs/structured";
// The views behind a tab, and the written sheet's plan, load when first wanted: the pane's first screen
// needs neither, and Excel opens the pane faster for it (the bundle's size is tested).
const RiskView = lazy(() => import("./views/RiskView").then((m) => ({ default: m.RiskView })));
const DriversView = lazy(() => import("./views/DriversView").then((m) => ({ default: m.DriversView })));
const YearsView = lazy(() => import("./views/YearsView").then((m) => ({ default: m.YearsView })));
const ComparisonView = lazy(() => import("./views/ComparisonView").then((m) => ({ default: m.ComparisonView })));
const ByModel = lazy(() => import("./views/WhoGains").then((m) => ({ default: m.ByModel })));
import { MoneyUnitContext, type PaneUnit } from "./money";
import type { RiskOutcome } from "./worker/risk-job";

type Problems = Record<string, string>;

interface Ready {
  comparison: Comparison;
  inputs: ComparisonInputs;
  columns: ReturnType<typeof readPathwayTable>["columns"];
  table?: { name: string };
  rows: number;
  stepRows: number[];
  tableAddress: string;
  cohortSource: string | null;
  termSources: Partial<Record<keyof TermsText, string>>;
  tiers: { counts: string; weights: string } | null;
}

const VS_HINT = (setting: Setting): string => `default ${VARIABLE_SHARE_DEFAULTS[setting].share * 100}%: ${VARIABLE_SHARE_DEFAULTS[setting].reason}`;

const TERM_LABELS: [keyof TermsText, string, string][] = [
  ["mff", "Market forces factor", "e.g. 1.03, or the cell (or name) that holds it — as for every term"],
  ["blockValue", "Block contract value £", "blank: today's activity value"],
  ["blendedVariableRate", "Blended: rate above baseline", "share of prices paid for activity above baseline"],
  ["blendedRateBelow", "Blended: rate below baseline", "share of prices deducted below baseline; blank: the rate above"],
  ["bundlePrice", "Bundle price per patient £", "blank: today's price per patient"],
  ["stopGain", "Bundle stop-gain", "fraction of target"],
  ["stopLoss", "Bundle stop-loss", "fraction of target"],
  ["capitationRate", "Capitation £ per patient", "blank: today's payment per patient"],
  ["gainShareRate", "Gain share: providers' share", "of the saving"],
  ["shiftShare", "Care shift: hospital activity avoided", "e.g. 20%"],
  ["shiftCommunityUplift", "Care shift: community activity added", "e.g. 20%"],
  ["variableShareHospital", "Variable cost share: hospital steps", VS_HINT("hospital")],
  ["variableShareCommunity", "Variable cost share: community steps", VS_HINT("community")],
  ["variableSharePrimary", "Variable cost share: primary care steps", VS_HINT("primary")],
  ["variableShareOther", "Variable cost share: other steps", VS_HINT("other")],
  ["qualityShare", "Quality element: share of payment held back", "CQUIN-style, earned on achievement; e.g. 1.25% (0: none)"],
  ["qualityAchievement", "Quality element: achievement", "share of the quality indicators achieved, e.g. 80%"],
];

/** A named rule's rates, year and source, beside the choice. */
function presetHint(id: string): string {
  const p = presetById(id);
  if (!p) return "Choose a rule to pay today's steps at the points of delivery it covered and set the blended rates, or type your own rates below";
  return `Today: ${p.covers.join(" and ")} steps paid by it (unless the table says otherwise). ${p.rateAbove * 100}% paid above baseline, ${p.rateBelow * 100}% deducted below (${p.year}). ${p.source}${p.note ? `; ${p.note}` : ""}.`;
}

/** A population table named in the pane (a range, table or name), its problems put beside its field. */
async function readPopulationRef(ref: string, found: Record<string, string>): Promise<PopulationTable | null> {
  try {
    const data = await readRange(ref);
    const pop = readPopulation(data.values, data.address);
    if (pop.problems.length === 0) return pop;
    found.population = pop.problems.map((p) => (p.address ? `${p.address}: ${p.message}` : p.message)).join("; ");
  } catch (e) {
    found.population = `Cannot read '${ref}': ${errorText(e)}`;
  }
  return null;
}

function errorText(e: unknown): string {
  if (isPayError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** `theme`: where Office's theme comes from (the preview host passes its own; in Excel, Office.context). */
/**
 * The pane's column: the form keeps a readable width (640 px at most) however wide the pane; a view marked
 * `pane-wide` (the comparison, years, risk) takes the whole width, its blocks side by side where they fit.
 */
const usePaneStyles = makeStyles({
  main: { padding: "12px", display: "flex", flexDirection: "column", gap: "10px", "& > :not(.pane-wide)": { maxWidth: "640px" } },
});

export function App({ theme = officeTheme }: { theme?: () => OfficeThemeLike | undefined } = {}): React.JSX.Element {
  const [look, setLook] = useState<PaneTheme>(() => paneTheme(theme(), forcedColors()));
  useEffect(() => {
    const again = () => setLook(paneTheme(theme(), forcedColors()));
    const media = typeof matchMedia === "function" ? matchMedia("(forced-colors: active)") : null;
    media?.addEventListener("change", again);
    document.addEventListener("visibilitychange", again);
    window.addEventListener("focus", again);
    return () => {
      media?.removeEventListener("change", again);
      document.removeEventListener("visibilitychange", again);
      window.removeEventListener("focus", again);
    };
  }, [theme]);
  const [tableRef, setTableRef] = useState("");
  const [cohortRef, setCohortRef] = useState("");
  const [thresholdsRef, setThresholdsRef] = useState("");
  const [sharesRef, setSharesRef] = useState("");
  const [tiersRef, setTiersRef] = useState("");
  const [populationRef, setPopulationRef] = useState("");
  const [unit, setUnit] = useState<PaneUnit>("auto");
  const [terms, setTerms] = useState<TermsText>(DEFAULT_TERMS_TEXT);
  const [mapping, setMapping] = useState<ColumnMap>({});
  const [needMapping, setNeedMapping] = useState<{ missing: PathwayField[]; headers: string[] } | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [tableProblems, setTableProblems] = useState<string[]>([]);
  const [ready, setReady] = useState<Ready | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  const paneStyles = usePaneStyles();
  const [view, setView] = useState<"compare" | "model" | "drivers" | "years" | "risk">("compare");
  const [years, setYears] = useState<{ transition: Transition; model: string } | null>(null);
  const [drivers, setDrivers] = useState<DriversChoice | null>(null);
  const [preset, setPreset] = useState("");
  const [holder, setHolder] = useState<Holder>("lead");
  const [lead, setLead] = useState("");
  const [weights, setWeights] = useState("");
  const [risk, setRisk] = useState<RiskOutcome | null>(null);
  /** The sheet last written: its charts are what "Copy charts" copies. */
  const [written, setWritten] = useState<string | null>(null);

  const useSelection = async (set: (a: string) => void, tables = false): Promise<void> => {
    try {
      set(await selectedAddress(tables));
    } catch (e) {
      setStatus({ intent: "error", text: `Could not read the selection: ${errorText(e)}` });
    }
  };

  async function compare(): Promise<void> {
    setBusy("Comparing…");
    setStatus(null);
    setReady(null);
    setRisk(null); // simulated figures belong to the inputs they were run on
    setDrivers(null); // and so does the sensitivity analysis
    setYears(null); // and the transition
    const found: Problems = {};
    const rows: string[] = [];
    try {
      // Pathway table.
      let table: ReturnType<typeof readPathwayTable> | null = null;
      let excelTable: string | undefined;
      let byAddress: string | null = null;
      if (tableRef.trim() === "") found.table = "Choose the pathway steps table (with its header row).";
      else {
        try {
          const data = await readRange(tableRef, true);
          table = readPathwayTable(data.values, data.address, mapping);
          excelTable = data.table;
          // A setting the written formulas would read differently from the engine: write that table by address.
          const at = table.fields.setting;
          if (excelTable && at !== undefined && !data.values.slice(1).every((row) => sheetReadsSetting(row[at]))) {
            byAddress = `The table ${excelTable} has a setting spelt with punctuation (such as "primary-care"): the sheet will refer to its cells by address, so rows added to it later are not counted. Spell settings as hospital, community, primary (or primary care, GP, acute …) to write it as a table.`;
            excelTable = undefined;
          }
          setNeedMapping(table.missing.length > 0 ? { missing: table.missing, headers: table.headers } : null);
          for (const p of table.problems) rows.push(p.address ? `${p.address}: ${p.message}` : p.message);
          if (table.problems.length > 0) found.table = `${table.problems.length} problem(s) in the table, listed below.`;
        } catch (e) {
          found.table = `Cannot read '${tableRef}': ${errorText(e)}`;
        }
      }
      // Cohort: a number as typed, or a cell (address or defined name) holding one; either way within range.
      let cohort: number | null = null;
      let cohortSource: string | null = null;
      const typed = parseNumber(cohortRef, COHORT_FIELD.kind);
      if (typed === null) found.cohort = "Enter the cohort size, or pick the cell that holds it.";
      else if (typeof typed === "number" || /^\s*[-+£\d.]/.test(cohortRef)) {
        const r = readNumberField(cohortRef, COHORT_FIELD);
        if ("problem" in r) found.cohort = r.problem;
        else cohort = r.value;
      } else {
        try {
          const data = await readRange(cohortRef);
          const v = data.values[0]?.[0];
          if (data.values.length * (data.values[0]?.length ?? 0) !== 1) found.cohort = `${data.address}: expected a single cell`;
          else if (typeof v !== "number") found.cohort = `${data.address}: expected a number, got ${v === "" ? "a blank cell" : `'${String(v)}'`}`;
          else {
            const r = readNumberField(String(v), COHORT_FIELD);
            if ("problem" in r) found.cohort = `${data.address}: ${r.problem}`;
            else {
              cohort = r.value;
              cohortSource = data.address;
            }
          }
        } catch (e) {
          found.cohort = `Cannot read '${cohortRef}': ${errorText(e)}`;
        }
      }
      // Terms: each a number as typed, or — like the cohort — a cell or defined name holding one.
      const typedTerms: TermsText = { ...terms };
      const termSources: Partial<Record<keyof TermsText, string>> = {};
      for (const k of Object.keys(terms) as (keyof TermsText)[]) {
        const text = terms[k].trim();
        if (text === "" || /^[-+£\d.]/.test(text)) continue;
        try {
          const data = await readRange(text);
          const v = data.values[0]?.[0];
          if (data.values.length * (data.values[0]?.length ?? 0) !== 1) found[k] = `${data.address}: expected a single cell`;
          else if (typeof v !== "number") found[k] = `${data.address}: expected a number, got ${v === "" ? "a blank cell" : `'${String(v)}'`}`;
          else {
            typedTerms[k] = String(v);
            termSources[k] = data.address;
          }
        } catch (e) {
          found[k] = `Cannot read '${text}': ${errorText(e)}`;
        }
      }
      // Terms and corridor.
      const t = readTerms(typedTerms);
      // A cell that could not be read is the problem to show for its term, not the text that named it.
      for (const [k, v] of Object.entries(t.problems)) found[k] ??= v;
      let corridor = DEFAULT_TERMS.corridor;
      if (thresholdsRef.trim() !== "" || sharesRef.trim() !== "") {
        try {
          const [th, sh] = await Promise.all([readRange(thresholdsRef), readRange(sharesRef)]);
          corridor = readCorridor(th.values, sh.values);
        } catch (e) {
          found.corridor = errorText(e);
        }
      }
      // Year-of-care tiers for the capitated budget: patients and weight per tier.
      let tiers: ReturnType<typeof readTiers> | null = null;
      if (tiersRef.trim() !== "") {
        try {
          const data = await readRange(tiersRef);
          tiers = readTiers(data.values, data.address);
          if (tiers.problems.length > 0) found.tiers = tiers.problems.map((p) => (p.address ? `${p.address}: ${p.message}` : p.message)).join("; ");
        } catch (e) {
          found.tiers = `Cannot read '${tiersRef}': ${errorText(e)}`;
        }
      }
      // A population whose need sets the capitated budget: read here, applied once the inputs are built.
      const population = populationRef.trim() === "" ? null : await readPopulationRef(populationRef, found);
      if (population && tiers) found.population = "The population and year-of-care tiers both set the capitated budget's groups: give one";
      setProblems(found);
      setTableProblems(rows);
      if (Object.keys(found).length > 0 || !table || cohort === null || !t.terms) {
        setStatus({ intent: "error", text: "Nothing was computed: fix the inputs marked below." });
        return;
      }
      const partnerWeights = parsePartnerWeights(weights);
      if ("problem" in partnerWeights) {
        setProblems({ weights: partnerWeights.problem });
        setStatus({ intent: "error", text: "Nothing was computed: fix the inputs marked below." });
        return;
      }
      const rule = presetById(preset);
      const asTyped: ComparisonInputs = comparisonInputs(t.terms, {
        corridor,
        steps: table.steps,
        cohort,
        holder,
        leadProvider: lead.trim() === "" ? null : lead.trim(),
        partnerWeights: partnerWeights.value,
        capitationTiers: tiers ? { counts: tiers.counts, weights: tiers.weights } : null,
        todaysRule: rule ? todaysRule(rule) : null,
      });
      let comparison: Comparison;
      let inputs = asTyped;
      let need: NeedBudget | null = null;
      try {
        if (population) ({ inputs, need } = needBasedInputs(asTyped, population, asTyped.capitationRate, contractFor(asTyped).totalValue));
        comparison = comparePaymentModels(inputs);
      } catch (e) {
        setProblems({ lead: errorText(e) });
        setStatus({ intent: "error", text: "Nothing was computed: fix the inputs marked below." });
        return;
      }
      if (byAddress) setStatus({ intent: "info", text: byAddress });
      setReady({
        // What the table reader says it read (points of delivery as NHS spellings), before the comparison's own notes.
        comparison: { ...comparison, notes: [...(table.notes ?? []), ...(need ? [describeNeed(need, gbp)] : []), ...comparison.notes] },
        inputs,
        // An Excel table: its columns by structured reference, so the written sheet follows its rows.
        columns: excelTable ? structuredColumns(excelTable, table.headers, table.fields) : table.columns,
        table: excelTable ? { name: excelTable } : undefined,
        rows: table.rows,
        stepRows: table.stepRows,
        tableAddress: tableRef,
        cohortSource,
        termSources,
        tiers: tiers?.columns ?? population?.columns ?? null,
      });
    } catch (e) {
      setStatus({ intent: "error", text: errorText(e) });
    } finally {
      setBusy(null);
    }
  }

  async function write(): Promise<void> {
    if (!ready) return;
    setBusy("Writing the sheet…");
    try {
      const { buildPlan } = await import("../excel/plan");
      const plan = buildPlan({
        ...ready,
        writtenOn: new Date(),
        risk: risk ?? undefined,
        drivers: drivers ?? undefined,
        transition: years ?? undefined,
        unit: unit === "auto" ? "£" : unit,
      });
      const { name, notes } = await writeComparisonSheet(plan);
      setWritten(name);
      setStatus({
        intent: "success",
        // Short, so the view stays in sight: what was written is on the sheet itself (its assumptions list too).
        text: `Written to the new sheet '${name}'${risk ? `, risk as values (seed ${risk.result.seed})` : ""}.${notes.length > 0 ? ` Note: ${notes.join("; ")}.` : ""}`,
      });
    } catch (e) {
      setStatus({ intent: "error", text: `Nothing was written: ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  }

  /**
   * Put HTML (and text, and a picture when there is one) on the clipboard, for Word and PowerPoint. Some hosts
   * block the asynchronous clipboard: then a copy event sets the HTML and the text.
   */
  async function toClipboard(what: string, html: string, text: string, png?: Blob): Promise<void> {
    const done = `${what} copied: paste it into Word or PowerPoint.`;
    try {
      const parts: Record<string, Blob> = {
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      };
      if (png) parts["image/png"] = png;
      await navigator.clipboard.write([new ClipboardItem(parts)]);
      setStatus({ intent: "success", text: done });
    } catch {
      const onCopy = (ev: ClipboardEvent) => {
        ev.clipboardData?.setData("text/html", html);
        ev.clipboardData?.setData("text/plain", text);
        ev.preventDefault();
      };
      document.addEventListener("copy", onCopy);
      const ok = document.execCommand("copy");
      document.removeEventListener("copy", onCopy);
      setStatus(ok ? { intent: "success", text: done } : { intent: "error", text: "This host does not allow copying; use Write to sheet." });
    }
  }

  async function copy(): Promise<void> {
    if (!ready) return;
    const title = "Payment models compared";
    const { comparisonHtml, comparisonText } = await import("./format");
    await toClipboard("Table", comparisonHtml(ready.comparison, title), comparisonText(ready.comparison, title));
  }

  async function copyParagraph(): Promise<void> {
    if (!ready) return;
    const { boardParagraph, boardParagraphHtml } = await import("./format");
    await toClipboard("Paragraph", boardParagraphHtml(ready.comparison), boardParagraph(ready.comparison));
  }

  /** The written sheet's charts as Excel draws them (Chart.getImage): all of them as HTML, the first as a picture. */
  async function copyCharts(): Promise<void> {
    if (!written) return;
    setBusy("Copying the charts…");
    try {
      const images = await chartImages(written);
      if (images.length === 0) throw new Error(`the sheet '${written}' has no charts`);
      const { chartsHtml } = await import("./format");
      const html = chartsHtml(images);
      const bytes = Uint8Array.from(atob(images[0].png), (ch) => ch.charCodeAt(0));
      await toClipboard(
        images.length === 1 ? "Chart" : `${images.length} charts`,
        html,
        images.map((x) => x.title).join("\n"),
        new Blob([bytes], { type: "image/png" }),
      );
    } catch (e) {
      setStatus({ intent: "error", text: `Nothing was copied: ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, hint: string, withSelection = true) => (
    <Field label={label} validationMessage={problems[id]} validationState={problems[id] ? "error" : "none"} hint={hint}>
      <div style={{ display: "flex", gap: 4 }}>
        <Input id={`in-${id}`} style={{ flex: 1, minWidth: 0 }} value={value} onChange={(_e, d) => set(d.value)} />
        {withSelection && (
          <Button id={`sel-${id}`} size="small" onClick={() => void useSelection(set, id === "table")} aria-label={`Use selection for ${label}`}>
            Use selection
          </Button>
        )}
      </div>
    </Field>
  );

  return (
    <FluentProvider
      theme={FLUENT_THEMES[look]}
      data-theme={look}
      style={{ minHeight: "100%", background: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 }}
    >
      <main className={paneStyles.main}>
        <Title3 as="h1">Compare payment models</Title3>
        <Caption1>
          Choose the pathway's steps (an Excel table, or a range with its header row: step, setting, unit price, unit cost, volume, take-up) and the
          cohort.
        </Caption1>
        {field("table", "Pathway steps table", tableRef, setTableRef, "An Excel table (any cell of it), an address, or a name")}
        {needMapping && (
          <fieldset style={{ border: `1px solid ${tokens.colorNeutralStroke1}`, padding: 8 }}>
            <legend>Match the columns</legend>
            {needMapping.missing.map((f) => (
              <Field key={f} label={FIELD_LABELS[f]}>
                <Select
                  id={`map-${f}`}
                  value={mapping[f] === undefined ? "" : String(mapping[f])}
                  onChange={(_e, d) => setMapping({ ...mapping, [f]: d.value === "" ? undefined : Number(d.value) })}
                >
                  <option value="">Choose a column…</option>
                  {needMapping.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h || `Column ${i + 1}`}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </fieldset>
        )}
        {tableProblems.length > 0 && (
          <ul id="table-problems" style={{ margin: 0, paddingLeft: 18, color: tokens.colorPaletteRedForeground1 }}>
            {tableProblems.map((p) => (
              <li key={p}>
                <Caption1>{p}</Caption1>
              </li>
            ))}
          </ul>
        )}
        {field("cohort", "Cohort size (patients)", cohortRef, setCohortRef, "A number, or the cell that holds it")}
        <Accordion collapsible>
          <AccordionItem value="terms">
            <AccordionHeader>Contract terms (defaults work for a first look)</AccordionHeader>
            <AccordionPanel>
              <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
                <Field label="An NHS rule: today's payment and the blended model" hint={presetHint(preset)}>
                  <Select
                    id="in-preset"
                    value={preset}
                    onChange={(_e, d) => {
                      setPreset(d.value);
                      const p = presetTerms(d.value);
                      if (p) setTerms({ ...terms, ...p });
                    }}
                  >
                    <option value="">Your own rates</option>
                    {BLENDED_PRESETS.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.id}: {p.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                {TERM_LABELS.map(([k, label, hint]) => (
                  <div key={k}>{field(k, label, terms[k], (v) => setTerms({ ...terms, [k]: v }), hint, false)}</div>
                ))}
                <Field
                  label="Who holds a bundle or a capitated budget"
                  hint="A lead provider subcontracts the others at unit prices and keeps the rest; an alliance pays every partner its cost and shares the surplus or deficit by baseline cost"
                >
                  <Select id="in-holder" value={holder} onChange={(_e, d) => setHolder(d.value as Holder)}>
                    <option value="lead">Lead provider</option>
                    <option value="alliance">Alliance of the providers</option>
                  </Select>
                </Field>
                {field(
                  "lead",
                  "Lead provider",
                  lead,
                  setLead,
                  "An organisation's name as in the table; blank: the one with the largest activity value",
                  false,
                )}
                {field(
                  "weights",
                  "Partner weights (alliance and gain share)",
                  weights,
                  setWeights,
                  "e.g. Acute trust:3, PCN:1; blank: each partner's baseline cost",
                  false,
                )}
                {field(
                  "tiers",
                  "Year-of-care tiers for the capitated budget",
                  tiersRef,
                  setTiersRef,
                  "Two columns: patients in each complexity tier, then its weight; the capitation rate is then £ per weighted patient. Blank: one rate per patient",
                )}
                {field(
                  "population",
                  "Population by need for the capitated budget",
                  populationRef,
                  setPopulationRef,
                  "A range or table with headers: people (People, List size, …) and a need weight (Weight, Need, …), a group or practice optional. Budget = Σ people × weight × rate × MFF; the rate calibrated to what the commissioner pays today unless typed",
                )}
                {field("corridor", "Risk-share thresholds", thresholdsRef, setThresholdsRef, "blank: 0 / 3% / 8% of budget")}
                {field("shares", "Risk-share commissioner shares", sharesRef, setSharesRef, "blank: 0 / 50% / 80%")}
              </div>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
        <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
          <Button id="compare" appearance="primary" onClick={() => void compare()} disabled={busy !== null}>
            Compare
          </Button>
          <Button id="write" onClick={() => void write()} disabled={!ready || busy !== null}>
            Write to sheet
          </Button>
          <Button id="copy" onClick={() => void copy()} disabled={!ready || busy !== null}>
            Copy table
          </Button>
          <Button id="copy-paragraph" onClick={() => void copyParagraph()} disabled={!ready || busy !== null}>
            Copy paragraph
          </Button>
          <Button
            id="copy-charts"
            onClick={() => void copyCharts()}
            disabled={!written || busy !== null}
            // Reachable by keyboard while disabled, so its reason is heard as well as seen.
            disabledFocusable={!written}
            aria-description={written ? `The charts on '${written}'` : "Write to sheet first: the charts are Excel's"}
            title={written ? `The charts on '${written}'` : "Write to sheet first: the charts are Excel's"}
          >
            Copy charts
          </Button>
        </div>
        {busy && <Spinner size="tiny" label={busy} />}
        {status && (
          <MessageBar intent={status.intent} id="status">
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
        {ready && (
          <TabList
            selectedValue={view}
            onTabSelect={(_e, d) => setView(d.value as "compare" | "model" | "drivers" | "years" | "risk")}
            size="small"
            style={{ flexWrap: "wrap" }}
          >
            <Tab id="tab-compare" value="compare">
              Who gains
            </Tab>
            <Tab id="tab-model" value="model">
              By model
            </Tab>
            <Tab id="tab-drivers" value="drivers">
              Drivers
            </Tab>
            <Tab id="tab-years" value="years">
              Years
            </Tab>
            <Tab id="tab-risk" value="risk">
              Risk
            </Tab>
          </TabList>
        )}
        {ready && (
          <Field label="Money shown in" size="small">
            <Select id="in-unit" size="small" style={{ minWidth: 0 }} value={unit} onChange={(_e, d) => setUnit(d.value as PaneUnit)}>
              <option value="auto">£, £k or £m by size</option>
              <option value="£">£</option>
              <option value="£k">£k</option>
              <option value="£m">£m</option>
            </Select>
          </Field>
        )}
        <MoneyUnitContext.Provider value={unit}>
          {/* Kept mounted while hidden, so a simulation under way carries on when you look at the comparison. */}
          {ready && (
            <div hidden={view !== "risk"} className="pane-wide">
              <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
                <RiskView inputs={ready.inputs} outcome={risk} onOutcome={setRisk} />
              </Suspense>
            </div>
          )}
          <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
            {ready && view === "compare" && <ComparisonView comparison={ready.comparison} holder={ready.inputs.holder} />}
            {ready && view === "model" && <ByModel comparison={ready.comparison} />}
            {ready && view === "drivers" && <DriversView inputs={ready.inputs} onChoice={setDrivers} />}
            {ready && view === "years" && <YearsView inputs={ready.inputs} organisations={ready.comparison.organisations} onTransition={setYears} />}
          </Suspense>
        </MoneyUnitContext.Provider>
      </main>
    </FluentProvider>
  );
}
