/**
 * Today's contracts on the plan and as signed, in Excel's terms (the engine's today.ts incomeToday and
 * signed.ts reconcile, side by side with them; tests/excel/signed-sheet.test.ts holds the two together):
 * - each step's units paid on today (U0): its planned activity where the table gives one, else today's units
 *   (volume × take-up × cohort);
 * - the contracts as signed: a block with each contract's signed value (a live reference to the contracts
 *   table), the tariff valuation of the fixed steps it covers (price × MFF × U0), the gap and the factor
 *   signed ÷ tariff; each step's factor SF is 1 + Σ cover × (factor − 1);
 * - each organisation's income today: Σ price × MFF × (U0 × SF + paid × (units − U0)), the share paid on a rise
 *   where the step's units are at or above U0 and on a fall below it.
 */
import type { ComparisonInputs } from "../../engine/comparison/compare";
import type { PathwayField } from "../../engine/inputs/pathway-table";
import type { SignedContract } from "../../engine/comparison/signed";
import type { PointOfDelivery } from "../../engine/comparison/today";
import type { Setting } from "../../engine/comparison/organisations";
import { GBP, PCT_1, writer, type PlannedCell } from "./common";
import { paidWhere, podIs, type TableSteps } from "./steps";

export interface TodayOnPlan {
  /** Whether the comparison's today's contracts need it (a plan or signed contracts), not only the years. */
  comparison: boolean;
  /** The block of contracts as signed (none without contracts), from row `start`. */
  cells: PlannedCell[];
  headerRanges: string[];
  /** Each organisation's income today for a state's volume factor (`f`: a number, or the care-shift factors). */
  incomeAt: (mask: string, f: string | null) => string;
  /**
   * An organisation's income under today's contracts (no leading =): its steps' units now (`units`), the units
   * their payment was set on (`uset`) and the factor on a fixed payment (`sf`), as the engine's incomeToday.
   */
  incomeWith: (mask: string, units: string, uset: string, sf: string) => string;
  /** Each step's units today (volume × take-up × cohort) and the units today's payment is set on (the plan). */
  today: string;
  U0: string;
  /** Each step's factor on its fixed payment with the gap to tariff closed by `glide` (1: as signed, 0: at tariff). */
  sfGlided: (glide: string) => string;
}

/**
 * Whether the written sheet needs today's contracts on the plan or as signed: a step with planned activity, or a
 * contracts table. Without either the sheet keeps its simpler formulas.
 */
export const needsTodayOnPlan = (inputs: ComparisonInputs): boolean =>
  inputs.steps.some((s) => s.plannedActivity !== undefined) || (inputs.contracts?.length ?? 0) > 0;

/**
 * Today's contracts step by step where the sheet needs them (null where it does not): a plan or signed contracts,
 * or the years (`withYears`) of a rule whose plan is each year's outturn.
 */
export function todayOnPlan(ref: {
  inputs: ComparisonInputs;
  columns: Partial<Record<PathwayField, string>>;
  steps: TableSteps | null;
  stepRow: (i: number) => number;
  stLast: number;
  T: Readonly<Record<string, string>>;
  ORG: string;
  /** Each step's price × its MFF. */
  P: string;
  V: string;
  take: string;
  PAID: string;
  PAID_FALL: string;
  contractCells: readonly string[] | undefined;
  start: number;
  withYears: boolean;
}): TodayOnPlan | null {
  const { inputs, columns, steps, ORG, P: PM, V, PAID, PAID_FALL } = ref;
  const rule = inputs.todaysRule ?? null;
  const comparison = needsTodayOnPlan(inputs);
  if (!comparison && !(rule?.planYearly && ref.withYears)) return null;
  const cohort = ref.T.cohort;
  const settingRange = `$B$${ref.stepRow(0)}:$B$${ref.stLast}`;
  const TAKE = ref.take === "" ? "1" : ref.take;
  const today = `${V}*${TAKE}*${cohort}`;
  const plan = columns.plannedActivity;
  const U0 = plan ? `IF(${plan}="",${today},${plan})` : `(${today})`;
  const settingIs = (st: Setting) => (steps ? steps.is(st) : `(${settingRange}="${st}")`);
  const pod = (pods: readonly PointOfDelivery[]) => `(${podIs(pods, columns.pointOfDelivery, settingIs)})*1`;
  // A step paid by a fixed payment today: no share of a change either way (the engine's paymentTodayOf kind "fixed").
  const FIXED = steps ? `(${PAID}=0)*(${steps.paidShare(false)}=0)` : `(${PAID}=0)*(${PAID_FALL}=0)`;
  const contracts: readonly SignedContract[] = inputs.contracts ?? [];
  // A row for a point of delivery covers the organisation's fixed steps there; "all" the rest of its fixed steps.
  const podOf = (k: number): string => {
    const c = contracts[k];
    if (c.pointOfDelivery !== "all") return pod([c.pointOfDelivery]);
    const own = contracts.flatMap((x) =>
      x.organisation.toLowerCase() === c.organisation.toLowerCase() && x.pointOfDelivery !== "all" ? [x.pointOfDelivery] : [],
    );
    return own.length === 0 ? "1" : `(1-${pod(own)})`;
  };
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const cover = (k: number) => `(${ORG}=${q(contracts[k].organisation)})*${podOf(k)}`;
  const { cells, put, label, heading } = writer();
  const h = ref.start + 1;
  const row = (k: number) => h + 1 + k;
  if (contracts.length > 0) {
    heading(`A${ref.start}`, "Today's contracts as signed, against the tariff valuation (price × MFF × planned activity, or today's activity)");
    ["Organisation", "Point of delivery", "Signed £", "Tariff £", "Gap £", "Gap %", "Signed ÷ tariff"].forEach((t, i) =>
      label(`${"ABCDEFG"[i]}${h}`, t, true),
    );
    contracts.forEach((c, k) => {
      const r = row(k);
      put(`A${r}`, { value: c.organisation });
      put(`B${r}`, { value: c.pointOfDelivery });
      const cell = ref.contractCells?.[k];
      put(`C${r}`, cell ? { formula: `=${cell}`, format: GBP } : { value: c.signed, format: GBP });
      put(`D${r}`, { formula: `=PAY.PATHWAY_COST(${PM}*${cover(k)}*${FIXED},${U0},,1,1)`, format: GBP });
      put(`E${r}`, { formula: `=C${r}-D${r}`, format: GBP });
      put(`F${r}`, { formula: `=IF(D${r}=0,"",E${r}/D${r})`, format: PCT_1 });
      put(`G${r}`, { formula: `=IF(D${r}=0,1,C${r}/D${r})`, format: "0.0000" });
    });
  }
  // Each step's factor on its fixed payment: 1, or its contract's signed ÷ tariff (glided towards 1 over years).
  const sfGlided = (glide: string) =>
    contracts.length === 0 ? "1" : `(1+${FIXED}*(${contracts.map((_, k) => `${cover(k)}*($G$${row(k)}-1)`).join("+")})*${glide})`;
  const SF = sfGlided("1");
  const incomeWith = (mask: string, units: string, uset: string, sf: string): string => {
    // The share paid: on a fall where the step's units are below those it is paid on, else on a rise.
    const paid = paidWhere(rule, steps, PAID, PAID_FALL, `((${units})<${uset})`);
    return `PAY.PATHWAY_COST(${PM}*${mask},${uset}*${sf}+${paid}*((${units})-${uset}),,1,1)`;
  };
  const incomeAt = (mask: string, f: string | null): string => `=${incomeWith(mask, f === null ? today : `${today}*${f}`, U0, SF)}`;
  return { comparison, cells, headerRanges: contracts.length > 0 ? [`A${h}:G${h}`] : [], incomeAt, incomeWith, today, U0, sfGlided };
}
