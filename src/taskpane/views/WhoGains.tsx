/**
 * The comparison's headline and its detail, organisation by organisation. "Who gains": organisations, the
 * commissioner and the system down, models across, each cell the change when care moves out of hospital —
 * as a table when the pane is wide enough, and as one short list per organisation at 320 px. "By model":
 * one model's income, cost and margin for every organisation in every state, a step away.
 */
import type React from "react";
import { useState } from "react";
import { Body1, Caption1, Field, Select, Switch, tokens } from "@fluentui/react-components";
import { STATE_IDS, STATE_NAMES, type Comparison } from "../../engine/comparison/compare";
import { gbp } from "../format";
import { describeHolder } from "../../engine/holder/economics";
import { Unbroken, useShortMoney } from "../money";
import { PartyMatrix } from "./PartyMatrix";
import { useFromWidth } from "./box";

/** Short model names for the matrix's columns. */
export const SHORT_MODEL_NAMES: Record<string, string> = {
  activity: "PbR",
  block: "Block",
  blended: "Blended",
  bundle: "Bundle",
  capitation: "Capitation",
  riskshare: "Cap + risk share",
  gainshare: "Gain share",
};

/** Whether an element is at least `min` px wide, following it as the pane is resized. */
export function useWide(min: number): [React.RefObject<HTMLElement | null>, boolean] {
  return useFromWidth<HTMLElement, boolean>((w) => w >= min, false, min);
}

export const tone = (x: number): string | undefined =>
  x > 0.5 ? tokens.colorPaletteGreenForeground1 : x < -0.5 ? tokens.colorPaletteRedForeground1 : undefined;

interface Row {
  key: string;
  label: string;
  values: number[];
}

function matrixRows(c: Comparison): Row[] {
  return [
    ...c.organisations.map((name, o) => ({ key: `org:${name}`, label: name, values: c.models.map((m) => m.shift.organisations[o]) })),
    { key: "commissioner", label: "Commissioner (saving)", values: c.models.map((m) => m.shift.commissionerSaving) },
    { key: "system", label: "System (saving)", values: c.models.map((m) => m.shift.systemSaving) },
  ];
}

export function WhoGains({ comparison }: { comparison: Comparison }): React.JSX.Element {
  const short = useShortMoney();
  // The readings are one switch away: the matrix answers the question in the first screen.
  const [readings, setReadings] = useState(false);
  const [ref, wide] = useWide(560);
  const rows = matrixRows(comparison);
  const cellAttrs = (r: Row, k: number) => ({
    "data-model": comparison.models[k].id,
    "data-value": r.values[k],
    title: `${r.label}, ${comparison.models[k].name}: ${gbp(r.values[k])}`,
    style: { textAlign: "right" as const, color: tone(r.values[k]), whiteSpace: "nowrap" as const },
  });
  return (
    <section ref={ref} id="who-gains" aria-label="Who gains when care moves out of hospital" data-layout={wide ? "table" : "list"}>
      <Body1 as="h2" style={{ display: "block", fontWeight: 600, margin: "4px 0" }}>
        Who gains when care moves out of hospital
      </Body1>
      <Caption1 as="p" style={{ display: "block", margin: "0 0 6px" }}>
        Care moved, each model as it stands.
      </Caption1>
      <PartyMatrix
        wide={wide}
        label="Change when care moves out of hospital, by organisation and model"
        columns={comparison.models.map((m) => ({ key: m.id, name: m.name, short: SHORT_MODEL_NAMES[m.id] }))}
        rows={rows.map((r) => ({
          key: r.key,
          label: r.label,
          cells: r.values.map((v, k) => ({ attrs: cellAttrs(r, k), short: short(v), full: gbp(v) })),
        }))}
      />
      <Switch id="readings-shown" checked={readings} onChange={(_e, d) => setReadings(d.checked)} label="Each model in a sentence" />
      <ul id="readings" hidden={!readings} style={{ paddingLeft: 18 }}>
        {comparison.models.map((m) => (
          <li key={m.id}>
            <Caption1>
              <Unbroken text={m.reading} />
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The states' names where a figure shares its line at 320 px (the full name is the column's title). */
const SHORT_STATE_NAMES: Record<(typeof STATE_IDS)[number], string> = {
  base: "Before shift",
  lower: "Activity −10%",
  higher: "Activity +10%",
  shifted: "After shift",
};

export function ByModel({ comparison }: { comparison: Comparison }): React.JSX.Element {
  const short = useShortMoney();
  const [ref, wide] = useWide(560);
  const [id, setId] = useState(comparison.models[0].id as string);
  const m = comparison.models.find((x) => x.id === id) ?? comparison.models[0];
  const cell = (v: number, state: string, what: string) => ({
    attrs: {
      "data-state": state,
      "data-value": v,
      title: `${what}, ${STATE_NAMES[state as (typeof STATE_IDS)[number]].toLowerCase()}: ${gbp(v)}`,
      style: { textAlign: "right" as const, color: v < 0 ? tokens.colorPaletteRedForeground1 : undefined, whiteSpace: "nowrap" as const },
    },
    short: short(v),
    full: gbp(v),
  });
  return (
    <section
      ref={ref}
      id="by-model"
      aria-label="One model, organisation by organisation"
      style={{ display: "flex", flexDirection: "column", gap: 6 }}
    >
      <Field label="Model">
        <Select id="model-select" value={m.id} onChange={(_e, d) => setId(d.value)}>
          {comparison.models.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1 as="p" style={{ display: "block", margin: 0 }}>
        Each organisation&apos;s margin, and what the commissioner pays, in each state of activity.
      </Caption1>
      <div id="model-detail" data-model={m.id} data-layout={wide ? "table" : "list"}>
        <PartyMatrix
          wide={wide}
          label={`${m.name}: margin by organisation and state`}
          columns={STATE_IDS.map((st) => ({ key: st, name: STATE_NAMES[st], short: wide ? STATE_NAMES[st] : SHORT_STATE_NAMES[st] }))}
          rows={[
            ...comparison.organisations.map((name, o) => ({
              key: `org:${name}`,
              label: name,
              attrs: { "data-org": name },
              cells: STATE_IDS.map((st) => cell(m.states[st].organisations[o].margin, st, `${name}'s margin`)),
            })),
            {
              key: "commissioner",
              label: "Commissioner pays",
              cells: STATE_IDS.map((st) => cell(m.states[st].commissioner, st, "The commissioner pays")),
            },
          ]}
        />
      </div>
      <Caption1>
        Income and cost by organisation ({STATE_NAMES.base.toLowerCase()} → after care shift):{" "}
        {comparison.organisations
          .map(
            (name, o) =>
              `${name} ${gbp(m.states.base.organisations[o].income)} → ${gbp(m.states.shifted.organisations[o].income)} income, ${gbp(m.states.base.organisations[o].cost)} → ${gbp(m.states.shifted.organisations[o].cost)} cost`,
          )
          .join("; ")}
        .
      </Caption1>
      {m.holder && (
        <Caption1
          id="holder"
          data-holder={m.holder.name}
          data-margin={m.holder.margin}
          data-free={m.holder.freeMargin ?? ""}
          data-vat={m.holder.vat.reduce((a, v) => a + v.irrecoverable, 0)}
        >
          The holder, {STATE_NAMES.base.toLowerCase()}: {describeHolder(m.holder, gbp)}.
        </Caption1>
      )}
      {m.states.base.organisations.some((o) => o.quality !== 0) && (
        <Caption1 id="quality">
          Quality payments earned (part of income), at today's activity → after the shift:{" "}
          {comparison.organisations
            .map((name, o) => `${name} ${gbp(m.states.base.organisations[o].quality)} → ${gbp(m.states.shifted.organisations[o].quality)}`)
            .join("; ")}
          .
        </Caption1>
      )}
      <Caption1>
        <Unbroken text={m.reading} />
      </Caption1>
    </section>
  );
}
