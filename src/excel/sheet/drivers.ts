/**
 * The written sheet's drivers section: the sensitivity the pane showed (a model and a result), each input's
 * low and high result as values and the swing as a formula, with a bar chart of the largest.
 */
import { byTarget, driversReading, swing, targetName, type DriverTarget, type Sensitivity } from "../../engine/comparison/sensitivity";
import { columnLetters } from "../../engine/rules/address";
import { GBP, GBP_AXIS, PCT_1, type PlannedCell, type PlannedChart } from "./common";

/**
 * What drives the answer, for the model and result the panel showed: every input's low and high value and the
 * result at each (computed by re-running the comparison: values, not live formulas), sorted by swing, and a
 * bar chart of the top ten swings about today's result, shaped as a tornado.
 */
export function driverCells(
  d: { sensitivity: Sensitivity; model: string; target: DriverTarget },
  start: number,
): { cells: PlannedCell[]; charts: PlannedChart[]; headerRanges: string[] } {
  const cells: PlannedCell[] = [];
  const put = (address: string, c: Omit<PlannedCell, "address">) => cells.push({ address, ...c });
  const s = d.sensitivity;
  const m = s.models.find((x) => x.id === d.model) ?? s.models[0];
  const base = d.target === "commissioner" ? m.base.commissioner : d.target === "system" ? m.base.system : m.base.organisations[d.target];
  put(`A${start}`, {
    value: `What drives the answer: ${targetName(s, d.target)} under ${m.name}, after the care shift`,
    bold: true,
    style: "Heading2",
  });
  // The section's own headline first: what moves the result most.
  put(`A${start + 1}`, { value: driversReading(s, d.model, d.target) });
  put(`A${start + 2}`, {
    value:
      `Each input moved on its own, amounts ±${s.ranges.relative * 100}% and shares ±${s.ranges.share * 100} points; each result is the ` +
      "comparison run again with that one change (values, not live formulas).",
  });
  put(`A${start + 3}`, { value: "Today's result after the care shift" });
  put(`B${start + 3}`, { value: base, format: GBP });
  const h = start + 5;
  // The two changes first, beside the inputs' names, so the chart's source is one block (names, low, high).
  ["Input", "Input low: change", "Input high: change", "Low value", "High value", "Result, input low", "Result, input high", "Swing"].forEach(
    (label, j) => put(`${columnLetters(j)}${h}`, { value: label, bold: true }),
  );
  // An input that moves nothing here (both results today's, to the penny) is left out, and said so: a board
  // reads the drivers that matter, not rows of £0.
  const all = byTarget(m.rows, d.target);
  const moves = (r: (typeof all)[number]) => swing(r, d.target).some((x) => Math.abs(x - base) >= 0.005);
  const rows = all.filter(moves);
  const still = all.filter((r) => !moves(r));
  if (still.length > 0)
    put(`A${start + 4}`, {
      value: `${still.length} ${still.length === 1 ? "input moves" : "inputs move"} nothing here and ${still.length === 1 ? "is" : "are"} left out: ${still
        .slice(0, 8)
        .map((r) => r.label)
        .join("; ")}${still.length > 8 ? "; …" : ""}.`,
    });
  rows.forEach((r, i) => {
    const [lo, hi] = swing(r, d.target);
    const row = h + 1 + i;
    const money = !/Share|Rate$|rate|takeUp|share|Achievement|Uplift|corridor|mff/.test(r.input) || /capitationRate/.test(r.input);
    const valueFormat = r.input === "mff" ? "0.000" : money ? GBP : PCT_1;
    put(`A${row}`, { value: r.label });
    put(`B${row}`, { formula: `=F${row}-$B$${start + 3}`, format: GBP });
    put(`C${row}`, { formula: `=G${row}-$B$${start + 3}`, format: GBP });
    put(`D${row}`, { value: r.low, format: valueFormat });
    put(`E${row}`, { value: r.high, format: valueFormat });
    put(`F${row}`, { value: lo, format: GBP });
    put(`G${row}`, { value: hi, format: GBP });
    put(`H${row}`, { formula: `=ABS(G${row}-F${row})`, format: GBP });
  });
  const top = Math.min(10, rows.length);
  return {
    cells,
    charts: [
      {
        type: "barClustered",
        title: `What drives ${targetName(s, d.target)} under ${m.name}: change from today's result, input low and high`,
        source: `A${h}:C${h + top}`,
        axes: { category: "Input", value: "Change from today's result (£)", valueFormat: GBP_AXIS },
        position: [`N${start}`, `U${start + 19}`],
      },
    ],
    headerRanges: [`A${h}:H${h}`],
  };
}
