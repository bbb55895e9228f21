/**
 * Against today's contracts: for each organisation, the commissioner and the system, what moving from today's
 * contracts to each model and then moving care out of hospital does (total = switch + shift), with today's
 * contracts as the first column (care moving with the contracts left as they are). Switch and shift, one
 * click away. A table when the pane is wide enough; one short list per party at 320 px.
 */
import type React from "react";
import { useState } from "react";
import { Body1, Caption1, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import type { Comparison, SwitchShift } from "../engine/compare";
import { gbp, gbpShort } from "./format";
import { SHORT_MODEL_NAMES, tone, useWide } from "./WhoGains";

interface Party {
  key: string;
  label: string;
  /** Today's contracts when care moves; then each model against today: switch, shift and total. */
  today: number;
  models: SwitchShift[];
}

/** The parties down: organisations (change in margin), the commissioner and the system (savings). */
export function againstTodayRows(c: Comparison): Party[] {
  const b = c.baseline.states;
  const orgs = c.organisations.map((name, o) => ({
    key: `org:${name}`,
    label: name,
    today: b.shifted.organisations[o].margin - b.base.organisations[o].margin,
    models: c.models.map((m) => m.versusToday.organisations[o]),
  }));
  const commissioner = b.base.commissioner - b.shifted.commissioner;
  const system = commissioner + orgs.reduce((t, p) => t + p.today, 0);
  return [
    ...orgs,
    { key: "commissioner", label: "Commissioner (saving)", today: commissioner, models: c.models.map((m) => m.versusToday.commissioner) },
    { key: "system", label: "System (saving)", today: system, models: c.models.map((m) => m.versusToday.system) },
  ];
}

export function AgainstToday({ comparison }: { comparison: Comparison }): React.JSX.Element {
  const [ref, wide] = useWide(560);
  const [detail, setDetail] = useState(false);
  const rows = againstTodayRows(comparison);
  const cell = (p: Party, k: number) => {
    const v = p.models[k];
    return {
      "data-model": comparison.models[k].id,
      "data-value": v.total,
      "data-switch": v.switch,
      "data-shift": v.shift,
      title: `${p.label}, ${comparison.models[k].name} against today's contracts: ${gbp(v.total)} (switch ${gbp(v.switch)}, shift ${gbp(v.shift)})`,
      style: { textAlign: "right" as const, color: tone(v.total), whiteSpace: "nowrap" as const },
    };
  };
  const todayCell = (p: Party) => ({
    "data-model": "today",
    "data-value": p.today,
    title: `${p.label}, today's contracts when care moves: ${gbp(p.today)}`,
    style: { textAlign: "right" as const, color: tone(p.today), whiteSpace: "nowrap" as const },
  });
  const split = (v: SwitchShift) => (detail ? ` (${gbpShort(v.switch)} + ${gbpShort(v.shift)})` : "");
  return (
    <section ref={ref} id="against-today" aria-label="Against today's contracts" data-layout={wide ? "table" : "list"}>
      <Body1 as="h2" style={{ display: "block", fontWeight: 600, margin: "4px 0" }}>
        Against today&apos;s contracts
      </Body1>
      <Caption1 as="p" style={{ display: "block", margin: "0 0 6px" }}>
        Moving from today&apos;s contracts to each model, then care moving out of hospital: each organisation&apos;s change in margin, the
        commissioner&apos;s and the system&apos;s saving.
      </Caption1>
      <Switch id="against-today-detail" checked={detail} onChange={(_e, d) => setDetail(d.checked)} label="Show switch + shift" />
      {wide ? (
        <div style={{ overflowX: "auto" }}>
          <Table size="extra-small" aria-label="Against today's contracts, by party and model">
            <TableHeader>
              <TableRow>
                <TableHeaderCell />
                <TableHeaderCell style={{ textAlign: "right" }}>Today</TableHeaderCell>
                {comparison.models.map((m) => (
                  <TableHeaderCell key={m.id} title={m.name} style={{ textAlign: "right" }}>
                    {SHORT_MODEL_NAMES[m.id]}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((p) => (
                <TableRow key={p.key} data-row={p.key}>
                  <TableCell style={{ fontWeight: p.key.startsWith("org:") ? 400 : 600 }}>{p.label}</TableCell>
                  <TableCell {...todayCell(p)}>{gbpShort(p.today)}</TableCell>
                  {p.models.map((v, k) => (
                    <TableCell key={k} {...cell(p, k)}>
                      {gbpShort(v.total)}
                      {split(v)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
          {rows.map((p) => (
            <Table key={p.key} data-row={p.key} size="extra-small" aria-label={p.label} style={{ border: `1px solid ${tokens.colorNeutralStroke2}` }}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell colSpan={2}>{p.label}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                <TableRow>
                  <TableCell>Today&apos;s contracts</TableCell>
                  <TableCell {...todayCell(p)}>{gbp(p.today)}</TableCell>
                </TableRow>
                {p.models.map((v, k) => (
                  <TableRow key={k}>
                    <TableCell>{comparison.models[k].name}</TableCell>
                    <TableCell {...cell(p, k)}>
                      {gbpShort(v.total)}
                      {split(v)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ))}
        </div>
      )}
    </section>
  );
}
