/**
 * Parties (organisations, the commissioner, the system) down and columns (models, or states of activity) across,
 * each cell a sum of money: one table when the pane is wide enough, a short block per party at 320 px (columns two
 * to a line). Used by "Against today's contracts", "Who gains" and "By model".
 *
 * Every figure is shortened as a board paper shows it (£1.46m); its exact figure (the cell's `title`, given in its
 * attributes) shows in a tooltip on hover and on keyboard focus. The figures are one tab stop: the arrow keys
 * move between them (Fluent's arrow navigation group), so the matrix never costs a keyboard user 40 tabs.
 */
import type React from "react";
import {
  Caption1,
  Caption1Strong,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tooltip,
  tokens,
  useArrowNavigationGroup,
} from "@fluentui/react-components";
import { ScrollBox } from "./ScrollBox";

export interface MatrixColumn {
  key: string;
  /** The column's name in a list (full) and as a table header (short, with the full name as its title). */
  name: string;
  short: string;
}

export interface MatrixRow {
  key: string;
  label: string;
  /** The row's own data attributes (e.g. data-org), beside data-row = key. */
  attrs?: Record<string, string>;
  /**
   * Each column's cell: its attributes (data-*, title, style), what a table shows and what a list shows, and a
   * detail shown under the figure (switch and shift), if any: its parts on one line in a list, one under
   * another in a table's narrow column.
   */
  cells: { attrs: Record<string, unknown>; short: React.ReactNode; full: React.ReactNode; detail?: string[] }[];
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
  const arrows = useArrowNavigationGroup({ axis: "grid-linear", memorizeCurrent: true });
  const detailed = rows.some((r) => r.cells.some((c) => c.detail !== undefined));
  if (wide)
    return (
      <ScrollBox label={`${label}, scrolls sideways`} {...arrows}>
        <Table
          size="extra-small"
          aria-label={label}
          // With details, each column as wide as its figures need (never one running into the next); the box scrolls.
          style={detailed ? { tableLayout: "auto", width: "max-content", minWidth: "100%" } : undefined}
        >
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
              <TableRow key={r.key} data-row={r.key} {...r.attrs}>
                <TableCell style={{ fontWeight: r.key.startsWith("org:") ? 400 : 600 }}>{r.label}</TableCell>
                {r.cells.map((c, k) => (
                  <TableCell key={columns[k].key} {...without(c.attrs)}>
                    <Exact title={c.attrs.title}>{c.short}</Exact>
                    <Detail parts={c.detail} stacked />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollBox>
    );
  // 320 px: each party a short block, its models two to a line (short name, short figure; the exact figure on
  // hover and focus), so the whole matrix fits about a screen without breaking a word. With a detail line under
  // each figure, one model to a line, so names and figures stay whole.
  return (
    <div role="list" aria-label={label} style={{ display: "flex", flexDirection: "column", gap: 6 }} {...arrows}>
      {rows.map((r) => (
        <div
          role="listitem"
          key={r.key}
          data-row={r.key}
          {...r.attrs}
          aria-label={r.label}
          style={{ border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "2px 6px" }}
        >
          <Caption1Strong style={{ display: "block" }}>{r.label}</Caption1Strong>
          <div style={{ display: "grid", gridTemplateColumns: detailed ? "1fr" : "1fr 1fr", columnGap: 8 }}>
            {r.cells.map((c, k) => (
              <div key={columns[k].key} style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", columnGap: 4, minWidth: 0 }}>
                <Caption1 title={columns[k].name} style={{ whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>
                  {detailed ? columns[k].name : columns[k].short}
                </Caption1>
                <span {...without(c.attrs)}>
                  <Exact title={c.attrs.title}>{c.short}</Exact>
                </span>
                {c.detail !== undefined && (
                  <span style={{ flexBasis: "100%", textAlign: "right", marginBottom: 4 }}>
                    <Detail parts={c.detail} />
                  </span>
                )}
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** A figure's detail (switch and shift), smaller and quieter than the figure: its parts on a line, or stacked. */
function Detail({ parts, stacked = false }: { parts: string[] | undefined; stacked?: boolean }): React.JSX.Element | null {
  if (parts === undefined) return null;
  const quiet = { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" as const, textAlign: "right" as const };
  if (!stacked) return <Caption1 style={{ display: "block", ...quiet }}>{parts.join(" · ")}</Caption1>;
  return (
    <>
      {parts.map((p) => (
        <Caption1 key={p} style={{ display: "block", ...quiet }}>
          {p}
        </Caption1>
      ))}
    </>
  );
}

/** A cell's attributes without its title (the exact figure goes in a tooltip instead of the browser's own). */
function without(attrs: Record<string, unknown>): Record<string, unknown> {
  const { title: _title, ...rest } = attrs;
  return rest;
}

/**
 * A figure focusable in the matrix, its exact figure in a tooltip on hover and focus. The tooltip wraps a span
 * inside the cell, never the cell: its description sits beside the element it wraps, which a table row cannot hold.
 */
function Exact({ title, children }: { title: unknown; children: React.ReactNode }): React.JSX.Element {
  const figure = (
    <span tabIndex={0} data-exact={typeof title === "string" ? title : undefined}>
      {children}
    </span>
  );
  return typeof title === "string" ? (
    <Tooltip content={title} relationship="description" withArrow>
      {figure}
    </Tooltip>
  ) : (
    figure
  );
}
