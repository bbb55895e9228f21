/**
 * The comparison panel: choose the pathway table and the cohort (from the selection, an address or a
 * defined name), adjust contract terms, compare the payment models, then write the comparison to a new sheet
 * or copy it for a board paper. All figures come from the engine; all workbook access from src/excel.
 *
 * App composes the pane's parts around its one state hook (pane-state.ts): the form (form/InputForm.tsx, read
 * by form/read.ts), the buttons (their work in actions.ts) and the views of a comparison (views/Results.tsx).
 */
import type React from "react";
import { Button, FluentProvider, MessageBar, MessageBarBody, Spinner, tokens, makeStyles } from "@fluentui/react-components";
import { FLUENT_THEMES, officeTheme, usePaneTheme, type OfficeThemeLike } from "./theme";
import { InputForm } from "./form/InputForm";
import { InputsSummary } from "./form/InputsSummary";
import { Results } from "./views/Results";
import { usePane } from "./pane-state";

/**
 * The pane's column: the form keeps a readable width (640 px at most) however wide the pane; a view marked
 * `pane-wide` (the comparison, years, risk) takes the whole width, its blocks side by side where they fit.
 */
const usePaneStyles = makeStyles({
  main: {
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "10px",
    "& > :not(.pane-wide)": { maxWidth: "640px" },
    // Windows' high contrast forces text and backgrounds to the system's colours but leaves an SVG's fill and
    // stroke as drawn: the charts' theme colours would vanish on a light high-contrast background (white on
    // white). There every chart's marks take the system's text colour; their series stay apart by dash and by
    // filled or outlined bars.
    "@media (forced-colors: active)": {
      "& svg": { fill: "CanvasText" },
      "& svg [fill]:not([fill='none'])": { fill: "CanvasText" },
      "& svg [stroke]:not([stroke='none'])": { stroke: "CanvasText" },
    },
  },
});

/** `theme`: where Office's theme comes from (the preview host passes its own; in Excel, Office.context). */
export function App({ theme = officeTheme }: { theme?: () => OfficeThemeLike | undefined } = {}): React.JSX.Element {
  const look = usePaneTheme(theme);
  const paneStyles = usePaneStyles();
  const { form, results, ready, folded, busy, status, written, actions } = usePane();
  const off = !ready || busy !== null;
  const chartsHint = written ? `The charts on '${written}'` : "Write to sheet first: the charts are Excel's";
  return (
    <FluentProvider
      theme={FLUENT_THEMES[look]}
      data-theme={look}
      style={{ minHeight: "100%", background: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 }}
    >
      <main className={paneStyles.main}>
        {folded ? (
          <InputsSummary form={form.form} read={form.needMapping} onOpen={actions.editInputs} />
        ) : (
          <InputForm {...form} />
        )}
        {/* Small buttons: at Excel's 320 px they take two short rows, so the answer is on the first screen. */}
        <div style={{ display: "flex", gap: 4, flexWrap: "wrap" }}>
          <Button id="compare" size="small" appearance="primary" onClick={() => void actions.compare()} disabled={busy !== null}>
            Compare
          </Button>
          <Button id="write" size="small" onClick={() => void actions.write()} disabled={off}>
            Write to sheet
          </Button>
          <Button id="copy" size="small" onClick={() => void actions.copyTable()} disabled={off}>
            Copy table
          </Button>
          <Button id="copy-paragraph" size="small" onClick={() => void actions.copyParagraph()} disabled={off}>
            Copy paragraph
          </Button>
          <Button
            id="copy-charts"
            size="small"
            onClick={() => void actions.copyCharts()}
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
        {ready && <Results ready={ready} {...results} />}
      </main>
    </FluentProvider>
  );
}
