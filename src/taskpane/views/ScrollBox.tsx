/**
 * A box that scrolls sideways when its table is wider than the pane. While it overflows it is a keyboard stop
 * (a named region, tabindex 0), so a keyboard user can scroll it with the arrow keys (WCAG 2.1.1; axe's
 * scrollable-region-focusable); while everything fits it adds no stop to the tab order.
 */
import type React from "react";
import { useMeasured } from "./box";

export function ScrollBox({
  label,
  children,
  ...rest
}: { label: string; children: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>): React.JSX.Element {
  const [ref, over] = useMeasured<HTMLDivElement, boolean>((el) => el.scrollWidth > el.clientWidth, false, "");
  return (
    <div ref={ref} {...rest} style={{ overflowX: "auto", ...rest.style }} {...(over ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
