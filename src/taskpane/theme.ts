/* global globalThis, matchMedia, document, window */
/**
 * The pane follows Excel's theme: Office tells the add-in its theme (Office.context.officeTheme: isDarkTheme,
 * and the body colours), and Windows' high-contrast mode shows as the CSS media feature `forced-colors`. The
 * pane then uses Fluent's light, dark or high-contrast theme; every colour in it is a Fluent token, never a
 * hard-coded one (a test checks the source). Excel gives task panes no theme-changed event (Outlook alone has
 * one), so the theme is read again whenever the pane becomes visible or gains focus.
 */
import { useEffect, useState } from "react";
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export type PaneTheme = "light" | "dark" | "contrast";

export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/** Relative luminance of "#RRGGBB" (WCAG 2), or null when it is not such a colour. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Which Fluent theme: high contrast when the system forces colours, dark for Office's Black and Dark Gray. */
export function paneTheme(office: OfficeThemeLike | undefined, forcedColors: boolean): PaneTheme {
  if (forcedColors) return "contrast";
  if (office?.isDarkTheme === true) return "dark";
  const l = luminance(office?.bodyBackgroundColor);
  return l !== null && l < 0.2 ? "dark" : "light";
}

export const FLUENT_THEMES: Record<PaneTheme, Theme> = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

/** Office's theme, when the host gives one (not outside Office). */
export function officeTheme(): OfficeThemeLike | undefined {
  try {
    return (globalThis as { Office?: { context?: { officeTheme?: OfficeThemeLike } } }).Office?.context?.officeTheme;
  } catch {
    return undefined;
  }
}

export const forcedColors = (): boolean => typeof matchMedia === "function" && matchMedia("(forced-colors: active)").matches;

/** The pane's theme, read again whenever the pane becomes visible or gains focus, or forced colours change. */
export function usePaneTheme(theme: () => OfficeThemeLike | undefined): PaneTheme {
  const [look, setLook] = useState<PaneTheme>(() => paneTheme(theme(), forcedColors()));
  useEffect(() => {
    const again = () => setLook(paneTheme(theme(), forcedColors()));
    const media = typeof matchMedia === "function" ? matchMedia("(forced-colors: active)") : null;
    media?.addEventListener("change", again);
    document.addEventListener("visibilitychange", again);
    window.addEventListener("focus", again);
    return () => {
      media?.removeEventListener("change", again);
      document.removeEventListener("visibilitychange", again);
      window.removeEventListener("focus", again);
    };
  }, [theme]);
  return look;
}
