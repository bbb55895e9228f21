/* global HTMLElement, ResizeObserver */
/**
 * A value worked out from an element, kept up to date as the pane is resized (ResizeObserver): whether a view has
 * room for its table (useWide), a chart's width in pixels (useChartWidth), whether a box scrolls (ScrollBox). Only
 * a change of the value renders again, not every pixel of a resize.
 */
import type React from "react";
import { useEffect, useRef, useState } from "react";

export function useFromWidth<E extends HTMLElement, T>(of: (width: number) => T, initial: T, key: unknown): [React.RefObject<E | null>, T] {
  return useMeasured<E, T>((el) => of(el.clientWidth), initial, key);
}

/**
 * A value worked out from an element (and its first child, whose size the element's own may not follow: a
 * table in a box that scrolls), kept up to date as either is resized.
 */
export function useMeasured<E extends HTMLElement, T>(of: (el: E) => T, initial: T, key: unknown): [React.RefObject<E | null>, T] {
  const ref = useRef<E | null>(null);
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setValue(of(el));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
    // `of` is rebuilt each render; what it depends on is `key`.
  }, [key]);
  return [ref, value];
}
