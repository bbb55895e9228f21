/**
 * The comparison panel: choose the pathway table and the cohort (from the selection, an address or a
 * defined name), adjust contract terms, compare the payment models, then write the comparison to a new sheet
 * or copy it for a board paper. All figures come from the engine; all workbook access from src/excel.
 *
 * App holds the pane's state and composes its parts: the form (form/InputForm.tsx, read by form/read.ts), the
 * buttons (their work in actions.ts) and the views of a comparison (views/Results.tsx).
 */
import type React from "react";
import { useState } from "react";
import { Button, FluentProvider, MessageBar, MessageBarBody, Spinner, tokens, makeStyles } from "@fluentui/react-components";
import { FLUENT_THEMES, officeTheme, usePaneTheme, type OfficeThemeLike } from "./theme";
import { selectedAddress } from "../excel/workbook";
import type { Transition } from "../engine/comparison/transition";
import type { DriversChoice } from "./views/DriversView";
import type { PaneUnit } from "./money";
import type { RiskOutcome } from "./worker/risk-job";
import { errorText, readForm, type NeedMapping, type Problems, type Ready } from "./form/read";
import { InputForm, usePaneForm } from "./form/InputForm";
import { copyCharts, copyParagraph, copyTable, writeSheet, type Status } from "./actions";
import { Results, type ViewId } from "./views/Results";

/**
 * The pane's column: the form keeps a readable width (640 px at most) however wide the pane; a view marked
 * `pane-wide` (the comparison, years, risk) takes the whole width, its blocks side by side where they fit.
 */
const usePaneStyles = makeStyles({
  main: { padding: "12px", display: "flex", flexDirection: "column", gap: "10px", "& > :not(.pane-wide)": { maxWidth: "640px" } },
});

const NOTHING_COMPUTED: Status = { intent: "error", text: "Nothing was computed: fix the inputs marked below." };

/** `theme`: where Office's theme comes from (the preview host passes its own; in Excel, Office.context). */
export function App({ theme = officeTheme }: { theme?: () => OfficeThemeLike | undefined } = {}): React.JSX.Element {
  const look = usePaneTheme(theme);
  const paneStyles = usePaneStyles();
  const [form, setField] = usePaneForm();
  const [unit, setUnit] = useState<PaneUnit>("auto");
  const [needMapping, setNeedMapping] = useState<NeedMapping>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [tableProblems, setTableProblems] = useState<string[]>([]);
  const [ready, setReady] = useState<Ready | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [view, setView] = useState<ViewId>("compare");
  const [years, setYears] = useState<{ transition: Transition; model: string } | null>(null);
  const [drivers, setDrivers] = useState<DriversChoice | null>(null);
  const [risk, setRisk] = useState<RiskOutcome | null>(null);
  /** The sheet last written: its charts are what "Copy charts" copies. */
  const [written, setWritten] = useState<string | null>(null);

  const onSelection = (set: (a: string) => void, tables: boolean): void => {
    selectedAddress(tables).then(set, (e: unknown) => setStatus({ intent: "error", text: `Could not read the selection: ${errorText(e)}` }));
  };

  /** Runs a button's work with the spinner showing, and shows what it says. */
  const busyWith = async (label: string | null, work: () => Promise<Status | null>): Promise<void> => {
    if (label) setBusy(label);
    try {
      const s = await work();
      if (s) setStatus(s);
    } finally {
      if (label) setBusy(null);
    }
  };

  async function compare(): Promise<void> {
    setStatus(null);
    setReady(null);
    setRisk(null); // simulated figures belong to the inputs they were run on
    setDrivers(null); // and so does the sensitivity analysis
    setYears(null); // and the transition
    await busyWith("Comparing…", async () => {
      try {
        const r = await readForm(form);
        if (r.needMapping !== undefined) setNeedMapping(r.needMapping);
        setProblems(r.problems);
        setTableProblems(r.tableProblems);
        if (!r.ready) return NOTHING_COMPUTED;
        setReady(r.ready);
        return r.info ? { intent: "info", text: r.info } : null;
      } catch (e) {
        return { intent: "error", text: errorText(e) };
      }
    });
  }

  const write = (r: Ready) =>
    busyWith("Writing the sheet…", async () => {
      const { name, status: s } = await writeSheet(r, { risk, drivers, years, unit });
      if (name) setWritten(name);
      return s;
    });

  const off = !ready || busy !== null;
  const chartsHint = written ? `The charts on '${written}'` : "Write to sheet first: the charts are Excel's";
  return (
    <FluentProvider
      theme={FLUENT_THEMES[look]}
      data-theme={look}
      style={{ minHeight: "100%", background: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 }}
    >
      <main className={paneStyles.main}>
        <InputForm form={form} set={setField} problems={problems} needMapping={needMapping} tableProblems={tableProblems} onSelection={onSelection} />
        <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
          <Button id="compare" appearance="primary" onClick={() => void compare()} disabled={busy !== null}>
            Compare
          </Button>
          <Button id="write" onClick={() => ready && void write(ready)} disabled={off}>
            Write to sheet
          </Button>
          <Button id="copy" onClick={() => ready && void busyWith(null, () => copyTable(ready))} disabled={off}>
            Copy table
          </Button>
          <Button id="copy-paragraph" onClick={() => ready && void busyWith(null, () => copyParagraph(ready))} disabled={off}>
            Copy paragraph
          </Button>
          <Button
            id="copy-charts"
            onClick={() => written && void busyWith("Copying the charts…", () => copyCharts(written))}
            disabled={!written || busy !== null}
            // Reachable by keyboard while disabled, so its reason is heard as well as seen.
            disabledFocusable={!written}
            aria-description={chartsHint}
            title={chartsHint}
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
          <Results
            ready={ready}
            view={view}
            onView={setView}
            unit={unit}
            onUnit={setUnit}
            risk={risk}
            onRisk={setRisk}
            onDrivers={setDrivers}
            onYears={setYears}
          />
        )}
      </main>
    </FluentProvider>
  );
}
