/**
 * The form folded after Compare (issue 37, "the answer first"): one line saying what was compared (the table,
 * the cohort, the rule and how many terms differ from their defaults) and one click to open the form again.
 * The form opens by itself when Compare finds a problem, so a field's message is never hidden; a column of the
 * table that was not read stays said on the folded line too (never dropped in silence).
 */
import type React from "react";
import { Button, Caption1, tokens } from "@fluentui/react-components";
import { wordList } from "../../engine/comparison/today";
import { presetById } from "../../engine/comparison/presets";
import { DEFAULT_TERMS_TEXT } from "../terms";
import type { NeedMapping, PaneForm } from "./read";

/** The references and settings a reader changed from the form's defaults, counted. */
export function changedSettings(form: PaneForm): number {
  const terms = (Object.keys(DEFAULT_TERMS_TEXT) as (keyof typeof DEFAULT_TERMS_TEXT)[]).filter((k) => form.terms[k].trim() !== DEFAULT_TERMS_TEXT[k].trim());
  const refs = [form.thresholdsRef, form.sharesRef, form.tiersRef, form.populationRef, form.contractsRef, form.organisationsRef, form.fee, form.reserve, form.lead, form.weights];
  return terms.length + refs.filter((r) => r.trim() !== "").length + (form.holder === "lead" ? 0 : 1);
}

/** The line: "TodaysContracts · cohort Today!B14 · nhsps-2026 · 2 terms set". */
export function inputsLine(form: PaneForm): string {
  const n = changedSettings(form);
  const rule = presetById(form.preset)?.id;
  return [
    form.tableRef.trim(),
    `cohort ${form.cohortRef.trim()}`,
    ...(rule ? [rule] : []),
    n === 0 ? "default terms" : `${n} term${n === 1 ? "" : "s"} set`,
  ].join(" · ");
}

export function InputsSummary({ form, read, onOpen }: { form: PaneForm; read: NeedMapping; onOpen: () => void }): React.JSX.Element {
  const notRead = (read?.columns ?? []).filter((c) => c.readAs === null && !Object.values(form.mapping).includes(c.column));
  return (
    <div>
      <div id="inputs-summary" style={{ display: "flex", alignItems: "center", gap: 6 }}>
        <Caption1 style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>{inputsLine(form)}</Caption1>
        <Button id="edit-inputs" size="small" appearance="subtle" onClick={onOpen} aria-label={`Change inputs: ${inputsLine(form)}`}>
          Change inputs
        </Button>
      </div>
      {notRead.length > 0 && (
        <Caption1 id="columns-not-read" style={{ display: "block", color: tokens.colorPaletteDarkOrangeForeground1 }}>
          Not read: {wordList(notRead.map((c) => `'${c.header}'`))} (Change inputs to match {notRead.length === 1 ? "it" : "them"}).
        </Caption1>
      )}
    </div>
  );
}
