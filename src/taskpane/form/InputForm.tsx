/**
 * The pane's form: the pathway table (and its columns matched by hand when its headers are not recognised),
 * the cohort, and the contract terms behind one expansion. Each field can take the selection. What it holds is
 * read by read.ts when Compare is pressed.
 */
import type React from "react";
import { useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Title3,
  tokens,
} from "@fluentui/react-components";
import type { Holder } from "../../engine/comparison/settlement";
import { BLENDED_PRESETS, presetById } from "../../engine/comparison/presets";
import { wordList } from "../../engine/comparison/today";
import { presetTerms } from "../../engine/inputs/terms";
import { NUMBER_TERMS } from "../../engine/inputs/term-table";
import { DEFAULT_TERMS_TEXT } from "../terms";
import type { NeedMapping, PaneForm, Problems } from "./read";
import { ColumnsMatch } from "./ColumnsMatch";


/** A named rule's rates, year and source, beside the choice. */
function presetHint(id: string): string {
  const p = presetById(id);
  if (!p) return "Choose a rule to pay today's steps at the points of delivery it covered and set the blended rates, or type your own rates below";
  return `Today: ${wordList([...p.covers, ...(p.againstPlan ?? [])])} steps paid by it (unless the table says otherwise). ${p.rateAbove * 100}% paid above baseline, ${p.rateBelow * 100}% deducted below (${p.year}). ${p.source}${p.note ? `; ${p.note}` : ""}.`;
}

export type SetField = <K extends keyof PaneForm>(key: K, value: PaneForm[K]) => void;

/** The form's state: one object, each field set on its own. */
export function usePaneForm(): [PaneForm, SetField] {
  const [form, setForm] = useState<PaneForm>({
    tableRef: "",
    cohortRef: "",
    thresholdsRef: "",
    sharesRef: "",
    tiersRef: "",
    populationRef: "",
    contractsRef: "",
    organisationsRef: "",
    fee: "",
    reserve: "",
    terms: DEFAULT_TERMS_TEXT,
    mapping: {},
    preset: "",
    holder: "lead",
    lead: "",
    weights: "",
  });
  const set: SetField = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  return [form, set];
}

interface FormProps {
  form: PaneForm;
  set: SetField;
  problems: Problems;
  needMapping: NeedMapping;
  tableProblems: string[];
  /** Puts the selection's address (or its table's name) into a field. */
  onSelection: (set: (address: string) => void, tables: boolean) => void;
}

/** One field: its label, hint and problem, and (for a reference) a button that takes the selection. */
function RefField(props: {
  id: string;
  label: string;
  value: string;
  set: (v: string) => void;
  hint: string;
  problem?: string;
  onSelection?: FormProps["onSelection"];
}): React.JSX.Element {
  const { id, label, value, set, hint, problem, onSelection } = props;
  return (
    <Field label={label} validationMessage={problem} validationState={problem ? "error" : "none"} hint={hint}>
      <div style={{ display: "flex", gap: 4 }}>
        <Input id={`in-${id}`} style={{ flex: 1, minWidth: 0 }} value={value} onChange={(_e, d) => set(d.value)} />
        {onSelection && (
          <Button id={`sel-${id}`} size="small" onClick={() => onSelection(set, id === "table")} aria-label={`Use selection for ${label}`}>
            Use selection
          </Button>
        )}
      </div>
    </Field>
  );
}

export function InputForm({ form, set, problems, needMapping, tableProblems, onSelection }: FormProps): React.JSX.Element {
  const ref = (id: string, key: keyof PaneForm & `${string}Ref`, label: string, hint: string) => (
    <RefField id={id} label={label} value={form[key]} set={(v) => set(key, v)} hint={hint} problem={problems[id]} onSelection={onSelection} />
  );
  return (
    <>
      <Title3 as="h1">Compare payment models</Title3>
      <Caption1>
        Choose the pathway's steps (an Excel table, or a range with its header row: step, setting, unit price, unit cost, volume, take-up) and the
        cohort.
      </Caption1>
      {ref("table", "tableRef", "Pathway steps table", "An Excel table (any cell of it), an address, or a name")}
      <ColumnsMatch read={needMapping} mapping={form.mapping} setMapping={(m) => set("mapping", m)} />
      {tableProblems.length > 0 && (
        <ul id="table-problems" style={{ margin: 0, paddingLeft: 18, color: tokens.colorPaletteRedForeground1 }}>
          {tableProblems.map((p) => (
            <li key={p}>
              <Caption1>{p}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {ref("cohort", "cohortRef", "Cohort size (patients)", "A number, or the cell that holds it")}
      <Accordion collapsible>
        <AccordionItem value="terms">
          <AccordionHeader>Contract terms (defaults work for a first look)</AccordionHeader>
          <AccordionPanel>
            <TermsFields form={form} set={set} problems={problems} reference={ref} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </>
  );
}

/** The contract terms: an NHS rule, each term, who holds a budget, and the references that shape it. */
function TermsFields(props: {
  form: PaneForm;
  set: SetField;
  problems: Problems;
  reference: (id: string, key: keyof PaneForm & `${string}Ref`, label: string, hint: string) => React.JSX.Element;
}): React.JSX.Element {
  const { form, set, problems, reference: ref } = props;
  const typed = (id: "lead" | "weights" | "fee" | "reserve", label: string, hint: string) => (
    <RefField id={id} label={label} value={form[id]} set={(v) => set(id, v)} hint={hint} problem={problems[id]} />
  );
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      {/* As wide as the pane, never as its longest option (a rule's full name): the pane never scrolls sideways. */}
      <Field label="An NHS rule: today's payment and the blended model" hint={presetHint(form.preset)} style={{ minWidth: 0 }}>
        <Select
          id="in-preset"
          root={{ style: { minWidth: 0, maxWidth: "100%" } }}
          style={{ minWidth: 0, width: "100%" }}
          value={form.preset}
          onChange={(_e, d) => {
            set("preset", d.value);
            const p = presetTerms(d.value);
            if (p) set("terms", { ...form.terms, ...p });
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
      {NUMBER_TERMS.map(({ key: k, label, help: hint }) => (
        <div key={k}>
          <RefField
            id={k}
            label={label}
            value={form.terms[k]}
            set={(v) => set("terms", { ...form.terms, [k]: v })}
            hint={hint}
            problem={problems[k]}
          />
        </div>
      ))}
      <Field
        label="Who holds a bundle or a capitated budget"
        hint="A lead provider subcontracts the others at unit prices and keeps the rest; an alliance pays every partner its cost and shares the surplus or deficit by baseline cost"
      >
        <Select id="in-holder" value={form.holder} onChange={(_e, d) => set("holder", d.value as Holder)}>
          <option value="lead">Lead provider</option>
          <option value="alliance">Alliance of the providers</option>
        </Select>
      </Field>
      {typed("lead", "Lead provider", "An organisation's name as in the table; blank: the one with the largest activity value")}
      {typed("weights", "Partner weights (alliance and gain share)", "e.g. Acute trust:3, PCN:1; blank: each partner's baseline cost")}
      {ref(
        "tiers",
        "tiersRef",
        "Year-of-care tiers for the capitated budget",
        "Two columns: patients in each complexity tier, then its weight; the capitation rate is then £ per weighted patient. Blank: one rate per patient",
      )}
      {ref(
        "population",
        "populationRef",
        "Population by need for the capitated budget",
        "A range or table with headers: people (People, List size, …) and a need weight (Weight, Need, …), a group or practice optional. Budget = Σ people × weight × rate × MFF; the rate calibrated to what the commissioner pays today unless typed",
      )}
      {ref(
        "contracts",
        "contractsRef",
        "Contracts as signed",
        "A range or table: Organisation, Point of delivery (blank or all) and Signed value £. Each replaces the tariff valuation of that organisation's fixed steps there, pro rata; the reconciliation shows the gap",
      )}
      {ref(
        "organisations",
        "organisationsRef",
        "Organisations: subcontracts and VAT (a single holder)",
        "A range or table: Organisation, Subcontract basis (tariff, cost, cost+5%, block), VAT recoverable (yes/no) and VAT-bearing share of its costs. Under a lead provider's bundle or budget each partner is paid so; VAT it cannot recover is a real cost",
      )}
      {typed("fee", "Holder's management fee", "A share of its budget (2%) or £; blank: none")}
      {typed("reserve", "Holder's risk reserve", "A share (1.5%), £, or auto (sized from the Risk view's bad year); blank: none")}
      {ref("corridor", "thresholdsRef", "Risk-share thresholds", "blank: 0 / 3% / 8% of budget")}
      {ref("shares", "sharesRef", "Risk-share commissioner shares", "blank: 0 / 50% / 80%")}
    </div>
  );
}
