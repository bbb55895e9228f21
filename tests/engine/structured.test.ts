/**
 * Structured references: written as Excel writes them and resolved to a table's current range.
 * Source for the syntax: [MS-OE376] 3.2.3.1.1 "Structure References"; Microsoft's "Using structured references
 * with Excel tables" (double brackets for special characters other than a space; ' escapes ' [ ] #).
 */
import { describe, expect, it } from "vitest";
import { columnReference, resolveStructuredReferences, tableAddress, tableAt, type TableDef } from "../../src/engine/inputs/structured";

const pathway: TableDef = {
  name: "Pathway",
  sheet: "Tariff sheet",
  row: 2,
  col: 0,
  dataRows: 8,
  columns: ["Step", "Setting", "Unit price £", "Cost (£/unit)", "#Visits", "It's"],
};

describe("structured references", () => {
  it("writes a column as Excel does", () => {
    expect(columnReference("Pathway", "Unit price £")).toBe("Pathway[Unit price £]");
    expect(columnReference("Pathway", "Cost (£/unit)")).toBe("Pathway[[Cost (£/unit)]]");
    expect(columnReference("Pathway", "#Visits")).toBe("Pathway[['#Visits]]");
    expect(columnReference("Pathway", "It's")).toBe("Pathway[[It''s]]");
  });

  it("resolves every form we write, and the common ones users write, to the table's current rows", () => {
    const f = (s: string) => resolveStructuredReferences(s, [pathway]);
    expect(f("=SUM(Pathway[Unit price £])")).toBe("=SUM('Tariff sheet'!$C$4:$C$11)");
    expect(f("=SUM(pathway[[Cost (£/unit)]])")).toBe("=SUM('Tariff sheet'!$D$4:$D$11)");
    expect(f("=Pathway[['#Visits]]*Pathway[[It''s]]")).toBe("='Tariff sheet'!$E$4:$E$11*'Tariff sheet'!$F$4:$F$11");
    expect(f("=ROWS(Pathway[#All])")).toBe("=ROWS('Tariff sheet'!$A$3:$F$11)");
    expect(f("=ROWS(Pathway[])")).toBe("=ROWS('Tariff sheet'!$A$4:$F$11)");
    expect(f("=Pathway[[#Headers],[Step]]")).toBe("='Tariff sheet'!$A$3");
    expect(f("=SUM(Pathway[[Unit price £]:[Cost (£/unit)]])")).toBe("=SUM('Tariff sheet'!$C$4:$D$11)");
    // Text and other names are left alone.
    expect(f('=IF(A1="Pathway[Step]",Other[Step],1)')).toBe('=IF(A1="Pathway[Step]",Other[Step],1)');
    // A row added: the same formula now covers nine rows.
    expect(resolveStructuredReferences("=SUM(Pathway[Unit price £])", [{ ...pathway, dataRows: 9 }])).toBe("=SUM('Tariff sheet'!$C$4:$C$12)");
  });

  it("names the missing column and refuses what has no meaning outside the table", () => {
    expect(() => resolveStructuredReferences("=SUM(Pathway[Price])", [pathway])).toThrow(
      "the table Pathway has no column 'Price' (its columns: Step, Setting",
    );
    expect(() => resolveStructuredReferences("=Pathway[[#This Row],[Step]]", [pathway])).toThrow(
      '"this row" needs the formula in a data row of the table',
    );
    expect(() => resolveStructuredReferences("=Pathway[@Step]", [pathway], { sheet: "Tariff sheet", row: 2 })).toThrow("this row"); // the header row
    expect(() => resolveStructuredReferences("=SUM(Pathway[#Totals])", [pathway])).toThrow("the table has no Total Row");
    expect(() => resolveStructuredReferences("=SUM(Pathway[#Nonsense])", [pathway])).toThrow("#Nonsense is not a part of a table");
  });

  it("a Total Row, a table without a Header Row, and headers with data together (Excel's special items)", () => {
    const withTotals = { ...pathway, totals: 1 };
    const f = (formula: string, t: TableDef = withTotals) => resolveStructuredReferences(formula, [t]);
    expect(f("=Pathway[[#Totals],[Unit price £]]")).toBe("='Tariff sheet'!$C$12");
    expect(f("=SUM(Pathway[[#Data],[#Totals],[Step]])")).toBe("=SUM('Tariff sheet'!$A$4:$A$12)");
    expect(f("=COUNTA(Pathway[[#Headers],[#Data],[Step]])")).toBe("=COUNTA('Tariff sheet'!$A$3:$A$11)");
    expect(f("=ROWS(Pathway[#All])")).toBe("=ROWS('Tariff sheet'!$A$3:$F$12)");
    const headless = { ...pathway, headers: false };
    expect(f("=SUM(Pathway[Step])", headless)).toBe("=SUM('Tariff sheet'!$A$4:$A$11)");
    expect(() => f("=Pathway[#Headers]", headless)).toThrow("Header Row is turned off");
  });

  it("resolves a calculated column's own row, as the file stores it and as Excel shows it", () => {
    const at = { sheet: "Tariff sheet", row: 5 }; // row 6 of the sheet: the table's third data row
    expect(resolveStructuredReferences("=Pathway[[#This Row],[Unit price £]]*2", [pathway], at)).toBe("='Tariff sheet'!$C$6*2");
    expect(resolveStructuredReferences("=Pathway[@[Cost (£/unit)]]", [pathway], at)).toBe("='Tariff sheet'!$D$6");
    expect(resolveStructuredReferences("=Pathway[@Setting]", [pathway], at)).toBe("='Tariff sheet'!$B$6");
    expect(resolveStructuredReferences("=SUM(Pathway[@])", [pathway], at)).toBe("=SUM('Tariff sheet'!$A$6:$F$6)");
  });

  it("knows the table's range and which cells fall in it", () => {
    expect(tableAddress(pathway)).toBe("'Tariff sheet'!A3:F11");
    expect(tableAt([pathway], "tariff sheet", 10, 5)?.name).toBe("Pathway");
    expect(tableAt([pathway], "Tariff sheet", 11, 0)).toBeUndefined();
  });
});
