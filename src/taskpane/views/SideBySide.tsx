/**
 * Blocks of a view side by side when the pane has the room for them (each at least `min` pixels wide), one above
 * the other at Excel's usual 320 px: a CSS grid that fits as many columns as the width allows.
 */
import type React from "react";

export function SideBySide({ id, min = 460, children }: { id?: string; min?: number; children: React.ReactNode }): React.JSX.Element {
  return (
    <div
      id={id}
      className="side-by-side"
      style={{ display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, ${min}px), 1fr))`, columnGap: 16, alignItems: "start" }}
    >
      {children}
    </div>
  );
}
