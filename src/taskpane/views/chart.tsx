/**
 * What the pane's charts share. A chart is drawn in CSS pixels at the width its box has (measured, and again when
 * the pane is resized), so its text is always the pane's body size (14 px), at 320 px and at 1,200 px alike; a
 * chart scaled by a viewBox shrinks its labels to a few pixels in a narrow pane and blows them up in a wide one.
 *
 * Series are told apart by more than colour (a dash pattern, a filled or an outlined bar), so the charts read in
 * Windows' high-contrast mode, where the system may paint every series in one colour, and for colour-blind readers.
 */
import type React from "react";
import { Body1 } from "@fluentui/react-components";
import { useFromWidth } from "./box";

/** The body font size of Fluent's web themes (fontSizeBase300), used for every label of a chart. */
export const CHART_FONT = 14;

/** An SVG's width in pixels: the width of its box, between `min` and `max` (300 while it has none). */
export function useChartWidth(min = 240, max = 640): [React.RefObject<HTMLDivElement | null>, number] {
  return useFromWidth<HTMLDivElement, number>((w) => Math.max(min, Math.min(max, Math.floor(w)) || 300), 300, `${min}:${max}`);
}

/** About how wide a chart's text is at the body size (0.6 of the font a character): room kept for labels. */
export const textWidth = (text: string): number => text.length * CHART_FONT * 0.6;

/** A label cut to fit `px` pixels of body text (about 7.5 px a character), its whole text kept for a tooltip. */
export function fitLabel(text: string, px: number): string {
  const chars = Math.max(4, Math.floor(px / 7.5));
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** A chart's key at the body size: its entries on a line, wrapping between entries, never inside one. */
export function ChartKey({ id, entries }: { id: string; entries: { key: string; mark?: React.ReactNode; text: string }[] }): React.JSX.Element {
  return (
    <Body1 as="p" id={id} style={{ display: "flex", flexWrap: "wrap", columnGap: 12, margin: "2px 0" }}>
      {entries.map((e) => (
        <span key={e.key} style={{ whiteSpace: "nowrap" }}>
          {e.mark}
          {e.text}
        </span>
      ))}
    </Body1>
  );
}
