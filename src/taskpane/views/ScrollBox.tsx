/* global HTMLDivElement, ResizeObserver */
/**
 * A box that scrolls sideways when its table is wider than the pane. While it overflows it is a keyboard stop
 * (a named region, tabindex 0), so a keyboard user can scroll it with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable); while everything fits it adds no stop to the tab order.
 */
import type React from "react";
import { useEffect, useRef, useState } from "react";

export function ScrollBox({
  label,
  children,
  ...rest
}: { label: string; children: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>): React.JSX.Element {
  const ref = useRef<HTMLDivElement | null>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setOver(el.scrollWidth > el.clientWidth);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} {...rest} style={{ overflowX: "auto", ...rest.style }} {...(over ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
