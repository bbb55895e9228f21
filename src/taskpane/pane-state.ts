/**
 * The pane's state in one hook: the form, the comparison made from it, what the views worked out (risk,
 * drivers, years) for the written sheet, the status line and the spinner, and what each button does.
 * App renders it; the views keep only their own settings.
 */
import { useState } from "react";
import type { Transition } from "../engine/comparison/transition";
import type { OptionsSheet } from "../excel/options/section";
import { selectedAddress } from "../excel/workbook";
import { copyCharts, copyParagraph, copyTable, writeSheet, type Status } from "./actions";
import { usePaneForm } from "./form/InputForm";
import { errorText, readForm, type NeedMapping, type Problems, type Ready } from "./form/read";
import type { PaneUnit } from "./money";
import type { DriversChoice } from "./views/DriversView";
import type { ViewId } from "./views/Results";
import type { RiskOutcome } from "./worker/risk-job";

const NOTHING_COMPUTED: Status = { intent: "error", text: "Nothing was computed: fix the inputs marked below." };

/** The pane's state, grouped by what shows it (the form, the results), and the buttons' actions. */
export function usePane() {
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
  const [options, setOptions] = useState<OptionsSheet | null>(null);
  /** The sheet last written: its charts are what "Copy charts" copies. */
  const [written, setWritten] = useState<string | null>(null);
  /** The form folded to its one-line summary: after a Compare that worked, until "Change inputs". */
  const [folded, setFolded] = useState(false);

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
    setOptions(null); // and the options appraised
    await busyWith("Comparing…", async () => {
      try {
        const r = await readForm(form);
        if (r.needMapping !== undefined) setNeedMapping(r.needMapping);
        setProblems(r.problems);
        setTableProblems(r.tableProblems);
        if (!r.ready) {
          setFolded(false); // the fields' messages must show
          return NOTHING_COMPUTED;
        }
        setReady(r.ready);
        setFolded(true);
        return r.info ? { intent: "info", text: r.info } : null;
      } catch (e) {
        setFolded(false);
        return { intent: "error", text: errorText(e) };
      }
    });
  }

  const actions = {
    compare,
    write: () =>
      ready &&
      busyWith("Writing the sheet…", async () => {
        const { name, status: s } = await writeSheet(ready, { risk, drivers, years, options, unit });
        if (name) setWritten(name);
        return s;
      }),
    copyTable: () => ready && busyWith(null, () => copyTable(ready)),
    copyParagraph: () => ready && busyWith(null, () => copyParagraph(ready)),
    copyCharts: () => written && busyWith("Copying the charts…", () => copyCharts(written)),
    editInputs: () => setFolded(false),
  };
  return {
    /** InputForm's props. */
    form: { form, set: setField, problems, needMapping, tableProblems, onSelection },
    /** Results' props, but the comparison: shown once there is one. */
    results: { view, onView: setView, unit, onUnit: setUnit, risk, onRisk: setRisk, onDrivers: setDrivers, onYears: setYears, onOptions: setOptions },
    ready,
    folded: folded && ready !== null,
    busy,
    status,
    written,
    actions,
  };
}
