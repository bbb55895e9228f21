/**
 * Workbooks as other tools write them, for the `pay` package tests. The base is written by exceljs (values,
 * formulas, two array formulas side by side, a plain spilling formula, styles, a defined name, data
 * validation, a second sheet); then the package is changed as openpyxl writes its parts: comments under
 * xl/comments/ with a commentsDrawing VML, and a chart whose drawing part has an unprefixed <wsDr> root — the
 * shape that makes exceljs 4.4 fail with "Cannot read properties of undefined (reading 'anchors')".
 * (Part names and roots as in openpyxl 3.1's writer: openpyxl/comments, openpyxl/drawing/spreadsheet_drawing.py.)
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

const SHEET_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export async function exceljsBase(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.getCell("A1").value = "Weight";
  [50, 30, 20].forEach((w, i) => (ws.getCell(`A${2 + i}`).value = w));
  ws.getCell("A2").font = { bold: true, color: { argb: "FF005EB8" } };
  ws.getCell("A2").numFmt = "0.0";
  // Two spilled functions side by side, each saved as an array formula over its three cells.
  ws.getCell("C2").value = { formula: "PAY.GAIN_SHARE(600,A2:A4)", shareType: "array", ref: "C2:C4", result: 0 } as unknown as ExcelJS.CellValue;
  ws.getCell("D2").value = { formula: "PAY.GAIN_SHARE(900,A2:A4)", shareType: "array", ref: "D2:D4", result: 0 } as unknown as ExcelJS.CellValue;
  // A plain formula whose result spills (not saved as an array), with a formula and a value beside it.
  ws.getCell("F2").value = { formula: "PAY.GAIN_SHARE(100,A2:A4)", result: 0 } as unknown as ExcelJS.CellValue;
  ws.getCell("G3").value = { formula: "1+1", result: 2 } as unknown as ExcelJS.CellValue;
  ws.getCell("G4").value = "keep me";
  ws.getCell("B6").value = { formula: "PAY.PATHWAY_COST(A2:A4,A2:A4)", result: 0 } as unknown as ExcelJS.CellValue;
  ws.getCell("B7").value = { formula: 'IF(B6>0,"positive","not")', result: "" } as unknown as ExcelJS.CellValue;
  ws.getCell("B8").value = { formula: "B6>0", result: false } as unknown as ExcelJS.CellValue;
  ws.getCell("B9").value = { formula: "1/0", result: { error: "#DIV/0!" } } as unknown as ExcelJS.CellValue;
  ws.getCell("A2").note = "A comment that must survive";
  ws.getCell("E2").dataValidation = { type: "whole", operator: "between", allowBlank: true, formulae: [0, 10] };
  wb.definedNames.add("Data!$A$2:$A$4", "Weights");
  const other = wb.addWorksheet("Notes");
  other.getCell("A1").value = "Other sheet";
  other.getCell("B1").value = { formula: "SUM(Data!A2:A4)", result: 100 } as unknown as ExcelJS.CellValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The base, with comments and a chart as openpyxl writes them. */
export async function openpyxlStyle(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await exceljsBase());
  const types = (await zip.file("[Content_Types].xml")!.async("string"))
    .replace(/<Override PartName="\/xl\/comments1\.xml"[^>]*\/>/, "")
    .replace(
      "</Types>",
      '<Override PartName="/xl/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    );
  zip.file("[Content_Types].xml", types);
  // Comments moved where openpyxl puts them, with its VML name.
  zip.file("xl/comments/comment1.xml", await zip.file("xl/comments1.xml")!.async("string"));
  zip.remove("xl/comments1.xml");
  zip.file("xl/drawings/commentsDrawing1.vml", await zip.file("xl/drawings/vmlDrawing1.vml")!.async("string"));
  zip.remove("xl/drawings/vmlDrawing1.vml");
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const rels = (await zip.file(relsPath)!.async("string"))
    .replace("../comments1.xml", "/xl/comments/comment1.xml")
    .replace("../drawings/vmlDrawing1.vml", "/xl/drawings/commentsDrawing1.vml")
    .replace("</Relationships>", `<Relationship Id="rIdChart" Type="${REL}/drawing" Target="/xl/drawings/drawing1.xml"/></Relationships>`);
  zip.file(relsPath, rels);
  const sheet = (await zip.file("xl/worksheets/sheet1.xml")!.async("string")).replace("<legacyDrawing", '<drawing r:id="rIdChart"/><legacyDrawing');
  zip.file("xl/worksheets/sheet1.xml", sheet);
  zip.file(
    "xl/drawings/drawing1.xml",
    `<wsDr xmlns="${SHEET_DRAWING_NS}"><twoCellAnchor><from><col>7</col><colOff>0</colOff><row>1</row><rowOff>0</rowOff></from>` +
      '<to><col>14</col><colOff>0</colOff><row>16</row><rowOff>0</rowOff></to><graphicFrame><nvGraphicFramePr><cNvPr id="1" name="Chart 1"/><cNvGraphicFramePr/></nvGraphicFramePr>' +
      '<xfrm/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic></graphicFrame><clientData/></twoCellAnchor></wsDr>`,
  );
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="/xl/charts/chart1.xml"/></Relationships>`,
  );
  zip.file(
    "xl/charts/chart1.xml",
    '<chartSpace xmlns="http://schemas.openxmlformats.org/drawingml/2006/chart"><chart><plotArea><layout/><barChart><barDir val="col"/><grouping val="clustered"/>' +
      '<ser><idx val="0"/><order val="0"/><val><numRef><f>\'Data\'!$A$2:$A$4</f></numRef></val></ser><axId val="10"/><axId val="100"/></barChart></plotArea></chart></chartSpace>',
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
