/**
 * The written sheet's single holder (issue 36; the engine's holder/economics.ts in Excel's terms, side by side with
 * it: tests/excel/holder-sheet.test.ts recomputes one against the other): under each model a holder holds (a
 * bundle, a capitated budget, a risk share), at today's activity, what it holds and keeps, its management fee and
 * risk reserve (input cells: a share of the budget, or £), its free margin and the VAT its partners lose — every
 * figure a live formula on the model blocks above.
 */
import { MODEL_IDS, MODEL_NAMES, type ComparisonInputs } from "../../engine/comparison/compare";
import type { HolderAmount } from "../../engine/holder/economics";
import type { OrgCells } from "../plan-types";
import { GBP, PCT_1, writer, type PlannedCell, type PlannedChart } from "../sheet/common";
import { heldByHolder, STATE_COLUMNS } from "../sheet/contracts";

export function holderSection(ref: {
  inputs: ComparisonInputs;
  orgs: readonly string[];
  orgRow: (o: number) => number;
  T: Readonly<Record<string, string>>;
  /** Each model's cells by organisation (the model blocks). */
  figures: Record<string, { commissioner: Record<string, string>; organisations: OrgCells[] }>;
  /** The share each organisation's cost rises by in VAT lost (organisations.ts column R), where partners are typed. */
  vat: ((o: number) => string) | null;
  /** An `auto` reserve as the simulation sized it (the risk section's run), or null where none was run. */
  autoReserve: number | null;
  start: number;
}): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const { inputs, orgs, orgRow, T, figures, vat, autoReserve, start } = ref;
  const { cells, put, label, heading, money } = writer();
  heading(`A${start}`, "A single holder: what it holds and keeps at today's activity, its fee and reserve, and the VAT lost under it");
  // The fee and the reserve as typed: a share of the budget, or £ (the £ cell wins where both are filled).
  const amountRow = (r: number, what: string, a: HolderAmount | null | undefined) => {
    label(`A${r}`, `${what}: share of the budget`);
    put(`B${r}`, a && a !== "auto" && "share" in a ? { value: a.share, format: PCT_1, style: "Input" } : { value: "", style: "Input" });
    label(`C${r}`, "or £");
    put(`D${r}`, a && a !== "auto" && "amount" in a ? { value: a.amount, format: GBP, style: "Input" } : { value: "", style: "Input" });
  };
  amountRow(start + 1, "Management fee", inputs.managementFee);
  amountRow(start + 2, "Risk reserve", inputs.riskReserve);
  // An automatic reserve: the simulation's figure, a value (the risk section's seed and trials), or none yet.
  const auto = inputs.riskReserve === "auto";
  if (auto) {
    if (autoReserve !== null) put(`D${start + 2}`, { value: autoReserve, format: GBP });
    label(
      `E${start + 2}`,
      autoReserve === null ? "auto: run the Risk view to size it from the bad year" : "auto: the simulated bad year below its mean (risk section)",
    );
  }
  const h = start + 4;
  ["Model", "Holder", "Holds (budget)", "Keeps (margin)", "Management fee", "Risk reserve", "Free margin", "VAT lost under it"].forEach((t, i) =>
    label(`${"ABCDEFGH"[i]}${h}`, t, true),
  );
  const part = (share: string, amount: string, budget: string) => `IF(ISNUMBER(${amount}),${amount},IF(ISNUMBER(${share}),${share}*${budget},0))`;
  MODEL_IDS.filter(heldByHolder).forEach((id, k) => {
    const r = h + 1 + k;
    const f = figures[id];
    const margins = orgs.map((_, o) => f.organisations[o].margin.base);
    label(`A${r}`, MODEL_NAMES[id]);
    put(`B${r}`, { formula: `=IF(${T.holder}="alliance","The alliance",${T.leadProvider})` });
    money(`C${r}`, `=${f.commissioner.base}`);
    money(`D${r}`, `=IF(${T.holder}="alliance",${margins.join("+")},${margins.map((m, o) => `$L$${orgRow(o)}*${m}`).join("+")})`);
    money(`E${r}`, `=${part(`$B$${start + 1}`, `$D$${start + 1}`, `C${r}`)}`);
    money(`F${r}`, auto && autoReserve === null ? `=""` : `=${part(`$B$${start + 2}`, `$D$${start + 2}`, `C${r}`)}`);
    money(`G${r}`, `=IF(ISNUMBER(F${r}),D${r}-E${r}-F${r},"when simulated")`);
    money(`H${r}`, vat ? `=${orgs.map((_, o) => `$${STATE_COLUMNS.base.cost}$${orgRow(o)}*${vat(o)}`).join("+")}` : "=0");
  });
  return { cells, charts: [], headerRanges: [`A${h}:H${h}`] };
}
