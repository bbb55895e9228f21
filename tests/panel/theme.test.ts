/** The pane follows Excel's theme, and every colour in it comes from Fluent's tokens. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { luminance, paneTheme } from "../../src/taskpane/theme";

describe("the pane's theme", () => {
  it("is dark for Office's Black and Dark Gray themes, high contrast when Windows forces colours, else light", () => {
    expect(paneTheme({ isDarkTheme: true, bodyBackgroundColor: "#262626" }, false)).toBe("dark");
    expect(paneTheme({ bodyBackgroundColor: "#1f1f1f" }, false)).toBe("dark"); // an older host without isDarkTheme
    expect(paneTheme({ isDarkTheme: false, bodyBackgroundColor: "#FFFFFF" }, false)).toBe("light");
    expect(paneTheme(undefined, false)).toBe("light");
    expect(paneTheme({ isDarkTheme: false }, true)).toBe("contrast");
    expect(luminance("#FFFFFF")).toBeCloseTo(1, 6);
    expect(luminance("#000000")).toBe(0);
    expect(luminance("blue")).toBeNull();
  });

  it("hard-codes no colour in the pane's components: each is a Fluent token", () => {
    const dir = path.resolve(__dirname, "../../src/taskpane");
    // Every folder of the pane (its views moved into views/ and form/: a flat read would miss them).
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((x) => x.endsWith(".tsx"));
    expect(files).toEqual(expect.arrayContaining(["App.tsx", path.join("views", "years", "YearsView.tsx"), path.join("form", "InputForm.tsx")]));
    for (const f of files) {
      const src = readFileSync(path.join(dir, f), "utf8");
      expect(src.match(/#[0-9a-fA-F]{3,8}\b|rgba?\(|"(red|green|blue|black|white|gr[ae]y)"/g), f).toBeNull();
    }
  });
});
