/**
 * Against today's contracts: for each organisation, the commissioner and the system, what moving from today's
 * contracts to each model and then moving care out of hospital does (total = switch + shift), with today's
 * contracts as the first column (care moving with the contracts left as they are). Switch and shift, one
 * click away. A table when the pane is wide enough; one short list per party at 320 px.
 */
import type React from "react";
import { useState } from "react";
import { Body1, Caption1, Switch } from "@fluentui/react-components";
import type { Comparison, SwitchShift } from "../../engine/comparison/compare";
import { gbp } from "../format";
import { useShortMoney } from "../money";
import { InsertButtons } from "./Insert";
import { PartyMatrix } from "./PartyMatrix";
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
  const today = c.baseline.shift;
  return [
    ...c.organisations.map((name, o) => ({
      key: `org:${name}`,
      label: name,
      today: today.organisations[o],
      models: c.models.map((m) => m.versusToday.organisations[o]),
    })),
    { key: "commissioner", label: "Commissioner (saving)", today: today.commissionerSaving, models: c.models.map((m) => m.versusToday.commissioner) },
    { key: "system", label: "System (saving)", today: today.systemSaving, models: c.models.map((m) => m.versusToday.system) },
  ];
}

export function AgainstToday({ comparison }: { comparison: Comparison }): React.JSX.Element {
  const short = useShortMoney();
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
  const split = (v: SwitchShift) => (detail ? [`switch ${short(v.switch)}`, `shift ${short(v.shift)}`] : undefined);
  return (
    <section ref={ref} id="against-today" aria-label="Against today's contracts" data-layout={wide ? "table" : "list"}>
      <Body1 as="h2" style={{ display: "block", fontWeight: 600, margin: "4px 0" }}>
        Against today&apos;s contracts
      </Body1>
      <Caption1 as="p" style={{ display: "block", margin: "0 0 6px" }}>
        The contract changed, then care moved.
      </Caption1>
      <Reconciliation comparison={comparison} />
      <Switch id="against-today-detail" checked={detail} onChange={(_e, d) => setDetail(d.checked)} label="Show switch + shift" />
      <InsertButtons
        id="against-today"
        piece={() => ({
          title: "Against today's contracts: each model, then care moving out of hospital (change in margin; the commissioner's and the system's saving)",
          header: ["Party", "Keep today's contracts", ...comparison.models.map((m) => m.name)],
          rows: rows.map((p) => [p.label, p.today, ...p.models.map((v) => v.total)]),
          chart: "columnClustered",
        })}
      />
      <PartyMatrix
        wide={wide}
        label="Against today's contracts, by party and model"
        columns={[
          { key: "today", name: "Keep today's contracts (care moves)", short: "Keep today's" },
          ...comparison.models.map((m) => ({ key: m.id, name: m.name, short: SHORT_MODEL_NAMES[m.id] })),
        ]}
        rows={rows.map((p) => ({
          key: p.key,
          label: p.label,
          cells: [
            { attrs: todayCell(p), short: short(p.today), full: gbp(p.today) },
            ...p.models.map((v, k) => ({ attrs: cell(p, k), short: short(v.total), full: short(v.total), detail: split(v) })),
          ],
        }))}
      />
    </section>
  );
}

/**
 * Today as signed against the tariff valuation, contract by contract (the contracts field; signed.ts): what each
 * organisation is paid beyond or short of tariff before anything moves. Nothing without a contracts table.
 */
function Reconciliation({ comparison }: { comparison: Comparison }): React.JSX.Element | null {
  const rows = comparison.baseline.reconciliation;
  if (rows.length === 0) return null;
  const pct = (x: number | null) => (x === null ? "" : ` (${x < 0 ? "−" : "+"}${Math.abs(x * 100).toFixed(1)}%)`);
  return (
    <div id="reconciliation" style={{ margin: "0 0 6px" }}>
      <Caption1 as="p" style={{ display: "block", margin: "0 0 2px", fontWeight: 600 }}>
        Today as signed, against tariff (price × MFF × plan or activity)
      </Caption1>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {rows.map((r) => (
          <li key={`${r.organisation}|${r.pointOfDelivery}`} data-organisation={r.organisation} data-gap={r.gap}>
            <Caption1>
              {r.organisation}, {r.pointOfDelivery}: signed {gbp(r.signed)} against {gbp(r.tariff)} at tariff, gap{" "}
              <span style={{ color: tone(r.gap) }}>
                {gbp(r.gap)}
                {pct(r.gapShare)}
              </span>
            </Caption1>
          </li>
        ))}
      </ul>
    </div>
  );
}
