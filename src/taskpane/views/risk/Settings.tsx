/** The Risk view's settings: trials, seed, activity model, the year simulated, what each organisation can lose. */
import type React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Field, Input, Select } from "@fluentui/react-components";
import { type Dispersion } from "../../../engine/risk/simulate";
import { type RiskText } from "../../risk-settings";
import { Unbroken } from "../../money";
import { RISK_FIELDS, type SimulatedYear } from "./shared";

/** The simulation's settings, behind one line that names the trials and seed (folded after a run). */
export function RiskSettingsForm(props: {
  open: boolean;
  onOpen: (open: boolean) => void;
  text: RiskText;
  onText: (t: RiskText) => void;
  problems: Record<string, string>;
  capacityText: string;
  onCapacityText: (t: string) => void;
  delivery: SimulatedYear;
  onDelivery: (d: SimulatedYear) => void;
  kind: Dispersion["kind"];
  onKind: (k: Dispersion["kind"]) => void;
}): React.JSX.Element {
  const {
    text,
    onText: setText,
    problems,
    capacityText,
    onCapacityText: setCapacityText,
    delivery,
    onDelivery: setDelivery,
    kind,
    onKind: setKind,
  } = props;
  /** One setting typed as text, its problem beside it. */
  const setting = (k: keyof RiskText, label: string, hint: string) => (
    <Field key={k} label={label} hint={hint} validationMessage={problems[k]} validationState={problems[k] ? "error" : "none"}>
      <Input id={`in-${k}`} value={text[k]} onChange={(_e, d) => setText({ ...text, [k]: d.value })} />
    </Field>
  );
  return (
    <Accordion collapsible openItems={props.open ? ["settings"] : []} onToggle={(_e, d) => props.onOpen(d.openItems.includes("settings"))}>
      <AccordionItem value="settings">
        <AccordionHeader id="risk-settings" size="small">
          Simulation settings ({text.trials} trials, seed {text.seed})
        </AccordionHeader>
        <AccordionPanel style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      {RISK_FIELDS.map(([k, label, hint]) => setting(k, label, hint))}
      <Field
        label="What each organisation can lose in a bad year"
        hint={<Unbroken text="Name:£ pairs, e.g. Acute trust:£2,000,000; PCN:£50,000. Blank: each its margin today" />}
        validationMessage={problems.capacity}
        validationState={problems.capacity ? "error" : "none"}
      >
        <Input id="in-riskCapacity" value={capacityText} onChange={(_e, d) => setCapacityText(d.value)} />
      </Field>
      <Field label="The simulated year" hint="After the care shift: the whole shift the terms set, or with the share achieved drawn each year">
        <Select id="in-delivery" value={delivery} onChange={(_e, d) => setDelivery(d.value as SimulatedYear)}>
          <option value="after">After the care shift, as the terms set it</option>
          <option value="uncertain">After the care shift, delivery uncertain</option>
          <option value="today">Today&apos;s activity, before the shift</option>
        </Select>
      </Field>
      {delivery === "uncertain" && [
        setting("deliveryMean", "Share of the shift achieved: plan", "100% = the whole shift the terms set"),
        setting("deliverySd", "… its standard deviation", "e.g. 15%: most years within ±30% of plan"),
      ]}
      {setting("shockCv", "Common shock: coefficient of variation", "A bad winter lifts every step at once, e.g. 5%; 0%: none")}
      <Field label="Activity variation" hint="Over-dispersed: a patient's heavy use runs across the pathway (the long tail of high-cost patients)">
        <Select id="in-dispersion" value={kind} onChange={(_e, d) => setKind(d.value as Dispersion["kind"])}>
          <option value="poisson">Poisson (events independent)</option>
          <option value="overdispersed">Over-dispersed (negative binomial)</option>
        </Select>
      </Field>
      {kind === "overdispersed" && (
        <Field
          label="Over-dispersion k"
          hint="smaller k = longer tail; variance per patient λ + λ²/k"
          validationMessage={problems.shape}
          validationState={problems.shape ? "error" : "none"}
        >
          <Input id="in-shape" value={text.shape} onChange={(_e, d) => setText({ ...text, shape: d.value })} />
        </Field>
      )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
