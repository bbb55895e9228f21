/**
 * The "Who gains" tab: what was compared in a line, the notes the figures rest on (folded), then today's contracts
 * against each model beside who gains when care moves (side by side where the pane is wide). Loaded after the
 * first Compare (App.tsx), with the tables and tooltips it needs.
 */
import type React from "react";
import { Body1, Caption1 } from "@fluentui/react-components";
import type { Comparison } from "../../engine/comparison/compare";
import type { Holder } from "../../engine/comparison/settlement";
import { AgainstToday } from "./AgainstToday";
import { gbp } from "../format";
import { SideBySide } from "./SideBySide";
import { WhoGains } from "./WhoGains";

export function ComparisonView({ comparison: c, holder }: { comparison: Comparison; holder: Holder }): React.JSX.Element {
  return (
    <section id="comparison" aria-label="Comparison" className="pane-wide">
      <Body1>
        {c.organisations.length} organisation{c.organisations.length === 1 ? "" : "s"} · activity value {gbp(c.activityValue)} · cost {gbp(c.cost)}
        {holder === "lead" ? ` · lead provider ${c.lead}` : " · held by an alliance"}
      </Body1>
      {/* What the figures rest on, one click away: the matrix is the view's headline (issue 37). */}
      {c.notes.length > 0 && (
        <details id="comparison-notes" style={{ margin: "4px 0" }}>
          <summary style={{ cursor: "pointer" }}>
            <Caption1>
              What the figures rest on ({c.notes.length} note{c.notes.length === 1 ? "" : "s"})
            </Caption1>
          </summary>
          {c.notes.map((n) => (
            <Caption1 as="p" key={n} className="comparison-note" style={{ display: "block", margin: "4px 0" }}>
              {n}
            </Caption1>
          ))}
        </details>
      )}
      <SideBySide>
        <AgainstToday comparison={c} />
        <WhoGains comparison={c} />
      </SideBySide>
    </section>
  );
}
