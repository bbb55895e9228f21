/**
 * The written sheet's organisations: each organisation's activity value (PATHWAY_COST at unit prices × MFF) and
 * cost (at unit costs, on the volume cost moves with: today's plus the variable share of the change) in each
 * state, its partner weight, share of the surplus and lead flag, the totals, and a check that every step's
 * value is in some organisation.
 */
import { STATE_IDS, STATE_NAMES, type StateId } from "../../engine/comparison/compare";
import type { partnerWeightsFor } from "../../engine/comparison/settlement";
import { columnLetters } from "../../engine/rules/address";
import type { PlanSource } from "../plan-types";
import { GBP, type PlannedCell, writer } from "./common";
import { STATE_COLUMNS } from "./contracts";
import { partnersFor, VAT_RATE } from "../../engine/holder/partners";

export function organisationsSection(ref: {
  src: PlanSource;
  /** The block's title row, each organisation's row and the totals' row. */
  g0: number;
  orgRow: (o: number) => number;
  totRow: number;
  /** Each step's organisation, variable cost share and care-shift factor (ranges or array expressions). */
  ORG: string;
  VS: string;
  KF: string;
  /** The take-up column as an array expression ("" where the table has none). */
  /** Each step's price with its own market forces factor (an array expression). */
  PM: string;
  take: string;
  T: Readonly<Record<string, string>>;
  typedWeights: ReturnType<typeof partnerWeightsFor>;
  /**
   * Each step's factor on its value as signed (sheet/signed.ts), where a contracts table is given: column M is
   * then each organisation's baseline at today's payment, the activity value at the prices signed (signed.ts
   * paidBaseline), from which every term left at today's value starts.
   */
  SF?: string;
}): PlannedCell[] {
  const { src, g0, orgRow, totRow, ORG, VS, KF, PM, take, T, typedWeights, SF } = ref;
  // A single holder's partners (holder/partners.ts), where any is typed: basis, margin on cost, VAT (N to R).
  const partners = src.inputs.partners ? partnersFor(src.inputs.partners, src.comparison.organisations) : null;
  const orgs = src.comparison.organisations;
  const O = orgs.length;
  const C = src.columns.unitCost as string;
  const V = src.columns.volume as string;
  const { cells, put, label, heading, money } = writer();
  const col = (k: number) => columnLetters(k);
  heading(`A${g0}`, "Organisations: activity value and cost by state");
  const orgHeaders = [
    "Organisation",
    ...STATE_IDS.flatMap((st) => [`Value: ${STATE_NAMES[st]}`, `Cost: ${STATE_NAMES[st]}`]),
    "Partner weight",
    "Share of surplus",
    "Lead provider",
    ...(SF ? ["Today's payment (as signed)"] : []),
  ];
  if (partners)
    ["Subcontract basis", "Margin on cost", "VAT recoverable", "VAT-bearing share", "VAT lost under the holder"].forEach((h, i) =>
      label(`${col(13 + i)}${g0 + 1}`, h, true),
    );
  orgHeaders.forEach((h, i) => label(`${col(i)}${g0 + 1}`, h, true));
  const factor: Record<StateId, string | null> = { base: null, lower: "0.9", higher: "1.1", shifted: KF };
  orgs.forEach((name, o) => {
    const q = orgRow(o);
    const mask = `(${ORG}=$A$${q})`;
    put(`A${q}`, { value: name });
    for (const st of STATE_IDS) {
      const f = factor[st];
      // Every range goes in as an array expression (×1 at least), so a blank spacer row of the table reads
      // as zeros in all of them together, never as a partly blank row.
      const volume = f === null ? `${V}*1` : `${V}*${f}`;
      const costVolume = f === null ? `${V}*1` : `${V}*(1+${VS}*(${f}-1))`;
      money(`${STATE_COLUMNS[st].value}${q}`, `=PAY.PATHWAY_COST(${PM}*${mask},${volume},${take},${T.cohort},1)`);
      money(`${STATE_COLUMNS[st].cost}${q}`, `=PAY.PATHWAY_COST(${C}*${mask},${costVolume},${take},${T.cohort})`);
    }
    const weight = typedWeights?.weights[o];
    put(`J${q}`, weight !== undefined ? { value: weight } : { formula: `=C${q}`, format: GBP });
    put(`L${q}`, { formula: `=IF($A$${q}=${T.leadProvider},1,0)`, format: "0" });
    if (SF) money(`M${q}`, `=PAY.PATHWAY_COST(${PM}*${mask}*${SF},${V}*1,${take},${T.cohort},1)`);
    if (partners) {
      const p = partners[o];
      put(`N${q}`, { value: p.basis.kind, style: "Input" });
      put(`O${q}`, { value: p.basis.kind === "cost" ? p.basis.markup : 0, format: "0.0%", style: "Input" });
      put(`P${q}`, { value: p.vatRecoverable ? "yes" : "no", style: "Input" });
      put(`Q${q}`, { value: p.vatShare, format: "0.0%", style: "Input" });
      // The share its cost rises by in VAT it cannot recover: a lead provider's partner only (settlement.ts vatFactors).
      put(`R${q}`, { formula: `=IF(OR(${T.holder}="alliance",$L$${q}=1,LOWER(P${q})<>"no"),0,${VAT_RATE}*Q${q})`, format: "0.0%" });
    }
  });
  if (SF) money(`M${totRow}`, `=SUM(M${orgRow(0)}:M${orgRow(O - 1)})`);
  put(`K${orgRow(0)}`, { formula: `=PAY.GAIN_SHARE(1,$J$${orgRow(0)}:$J$${orgRow(O - 1)})`, format: "0.0%" });
  for (let o = 1; o < O; o++) cells.push({ address: `K${orgRow(o)}`, format: "0.0%" });
  label(`A${totRow}`, "All organisations", true);
  // A step whose organisation is not listed above (a row added to the table later, say) is in no figure: shown here.
  label(`A${totRow + 1}`, "Check: activity value of steps in no organisation above (should be £0)");
  // To the penny: a residue of floating-point sums (−0.0000001) would show as a red (£0) in a check that holds;
  // "+0" turns the −0 some engines round it to (HyperFormula does) into 0.
  put(`B${totRow + 1}`, {
    formula: `=ROUND(PAY.PATHWAY_COST(${PM}*1,${V}*1,${take},${T.cohort},1)-B${totRow},2)+0`,
    format: GBP,
    style: "CheckCell",
  });
  for (const st of STATE_IDS) {
    for (const c of [STATE_COLUMNS[st].value, STATE_COLUMNS[st].cost]) money(`${c}${totRow}`, `=SUM(${c}${orgRow(0)}:${c}${orgRow(O - 1)})`);
  }
  return cells;
}
