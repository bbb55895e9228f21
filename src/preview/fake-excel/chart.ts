/* global document */
/** A fake Excel chart, and its picture (Chart.getImage) drawn for the preview. */
import { areaAddress, type FakeWorkbook, type FakeChartRecord } from "./model";
import { Context } from "./context";
import { FakeRange } from "./range";

export class FakeChart {
  readonly title = { text: "" };
  readonly axes: { categoryAxis: { title: { text: string } }; valueAxis: { title: { text: string }; numberFormat: string } };
  readonly series: {
    add: (name: string) => { setValues: (r: FakeRange) => void };
    getItemAt: (i: number) => { setXAxisValues: (r: FakeRange) => void };
  };
  constructor(
    private readonly record: FakeChartRecord,
    private readonly wb: FakeWorkbook,
  ) {
    const rec = (m: string) => wb.calls.add(m);
    this.series = {
      add: (name: string) => {
        rec("ChartSeriesCollection.add");
        const s = { name, values: "" };
        record.series.push(s);
        return {
          setValues: (r: FakeRange) => {
            rec("ChartSeries.setValues");
            s.values = areaAddress(wb, r.area);
          },
        };
      },
      getItemAt: (i: number) => ({
        setXAxisValues: (r: FakeRange) => {
          rec("ChartSeriesCollection.getItemAt");
          rec("ChartSeries.setXAxisValues");
          const s = record.series[i];
          if (!s) throw new Error(`InvalidArgument: the chart has no series ${i}`);
          s.xValues = areaAddress(wb, r.area);
        },
      }),
    };
    const titled = (set: (t: string) => void, get: () => string) => {
      const o = { text: "" };
      Object.defineProperty(o, "text", {
        set: (t: string) => {
          rec("ChartAxisTitle.text");
          set(t);
        },
        get,
      });
      return o;
    };
    const valueAxis = {
      title: titled(
        (t) => (record.axes.value = t),
        () => record.axes.value,
      ),
      numberFormat: "",
    };
    Object.defineProperty(valueAxis, "numberFormat", {
      set: (f: string) => {
        rec("ChartAxis.numberFormat");
        record.axes.valueFormat = f;
      },
      get: () => record.axes.valueFormat ?? "",
    });
    this.axes = {
      categoryAxis: {
        title: titled(
          (t) => (record.axes.category = t),
          () => record.axes.category,
        ),
      },
      valueAxis,
    };
    Object.defineProperty(this.title, "text", {
      set: (t: string) => {
        rec("ChartTitle.text");
        record.title = t;
      },
      get: () => record.title,
    });
  }
  setPosition(from: string, to: string): void {
    this.wb.calls.add("Chart.setPosition");
    this.record.position = [from, to];
  }
  /** A picture of the chart (Excel draws the real one): its title and axes on a canvas in a browser, else a blank PNG. */
  getImage(width?: number): { value: string } {
    this.wb.calls.add("Chart.getImage");
    const result = { value: "" };
    const r = this.record;
    this.ctx?.onSync(() => (result.value = chartPicture(r, width ?? 480)));
    return result;
  }
  /** The batch this chart belongs to (set when it is read from a sheet's collection). */
  ctx: Context | null = null;
}

/** A 1 × 1 white PNG: the picture where there is no canvas (node). */
export const BLANK_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=";

export function chartPicture(r: FakeChartRecord, width: number): string {
  if (typeof document === "undefined") return BLANK_PNG;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = Math.round(width * 0.6);
  const g = canvas.getContext("2d");
  if (!g) return BLANK_PNG;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = "#bfbfbf";
  g.strokeRect(0.5, 0.5, canvas.width - 1, canvas.height - 1);
  g.fillStyle = "#404040";
  g.font = "16px sans-serif";
  g.textAlign = "center";
  g.fillText(r.title.slice(0, 80), canvas.width / 2, 28);
  g.font = "12px sans-serif";
  g.fillText(r.axes.category, canvas.width / 2, canvas.height - 12);
  g.fillText(`${r.type}: ${r.series.map((x) => x.name).join(", ")}`.slice(0, 90), canvas.width / 2, canvas.height / 2);
  return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
}
