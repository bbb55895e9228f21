/**
 * Parties (organisations, the commissioner, the system) down and columns (models) across, each cell a sum of
 * money: one table when the pane is wide enough, one short list per party at 320 px. Used by "Who gains" and
 * "Against today's contracts".
 */
import type React from "react";
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";

export interface MatrixColumn {
  key: string;
  /** The column's name in a list (full) and as a table header (short, with the full name as its title). */
  name: string;
  short: string;
}

export interface MatrixRow {
  key: string;
  label: string;
  /** Each column's cell: its attributes (data-*, title, style), what a table shows and what a list shows. */
  cells: { attrs: Record<string, unknown>; short: React.ReactNode; full: React.ReactNode }[];
}

export function PartyMatrix({
  wide,
  columns,
  rows,
  label,
}: {
  wide: boolean;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  label: string;
}): React.JSX.Element {
  if (wide)
    return (
      <div style={{ overflowX: "auto" }}>
        <Table size="extra-small" aria-label={label}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell />
              {columns.map((c) => (
                <TableHeaderCell key={c.key} title={c.name} style={{ textAlign: "right" }}>
                  {c.short}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.key} data-row={r.key}>
                <TableCell style={{ fontWeight: r.key.startsWith("org:") ? 400 : 600 }}>{r.label}</TableCell>
                {r.cells.map((c, k) => (
                  <TableCell key={columns[k].key} {...c.attrs}>
                    {c.short}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    );
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 6 }}>
      {rows.map((r) => (
        <Table key={r.key} data-row={r.key} size="extra-small" aria-label={r.label} style={{ border: `1px solid ${tokens.colorNeutralStroke2}` }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell colSpan={2}>{r.label}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {r.cells.map((c, k) => (
              <TableRow key={columns[k].key}>
                <TableCell>{columns[k].name}</TableCell>
                <TableCell {...c.attrs}>{c.full}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ))}
    </div>
  );
}
