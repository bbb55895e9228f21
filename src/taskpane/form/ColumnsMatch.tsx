/**
 * Under the pathway table's field: what each of its columns was read as, every column not read (with the nearest
 * field), and a choice for each — a field no column matched, or a column not read — so the person maps it. The
 * mapping is the form's (field → column), read again on Compare; the written sheet follows the mapped column.
 */
import type React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, Field, Select, tokens } from "@fluentui/react-components";
import { columnsNotes, FIELD_LABELS, PATHWAY_FIELDS, type ColumnMap, type PathwayField } from "../../engine/inputs/columns";
import type { NeedMapping } from "./read";

/** The mapping with `column` read as `field` (or, with no field, not read): a field and a column are mapped once each. */
function mapColumn(mapping: ColumnMap, column: number, field: PathwayField | ""): ColumnMap {
  const next: ColumnMap = {};
  for (const f of PATHWAY_FIELDS) if (mapping[f] !== undefined && mapping[f] !== column && f !== field) next[f] = mapping[f];
  if (field !== "") next[field] = column;
  return next;
}

export function ColumnsMatch(props: { read: NeedMapping; mapping: ColumnMap; setMapping: (m: ColumnMap) => void }): React.JSX.Element | null {
  const { read, mapping, setMapping } = props;
  if (!read) return null;
  const mapped = (column: number): PathwayField | "" => PATHWAY_FIELDS.find((f) => mapping[f] === column) ?? "";
  // Columns not read, and those the person mapped (so a mapping can be changed or undone).
  const open = read.columns.filter((c) => c.readAs === null || mapped(c.column) !== "");
  const fields = (
    <fieldset style={{ border: `1px solid ${tokens.colorNeutralStroke1}`, padding: 8, minWidth: 0 }}>
      <legend>Match the columns</legend>
      {read.missing.map((f) => (
        <Field key={f} label={FIELD_LABELS[f]}>
          <Select
            id={`map-${f}`}
            value={mapping[f] === undefined ? "" : String(mapping[f])}
            onChange={(_e, d) => setMapping(d.value === "" ? mapColumn(mapping, mapping[f] ?? -1, "") : mapColumn(mapping, Number(d.value), f))}
          >
            <option value="">Choose a column…</option>
            {read.headers.map((h, i) => (
              <option key={i} value={i}>
                {h || `Column ${i + 1}`}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      {open.map((c) => (
        <Field key={`col-${c.column}`} label={`Read '${c.header}' as`} hint={c.nearest ? `Nearest field: ${c.nearest}` : undefined}>
          <Select
            id={`map-col-${c.column}`}
            value={mapped(c.column)}
            onChange={(_e, d) => setMapping(mapColumn(mapping, c.column, d.value as PathwayField | ""))}
          >
            <option value="">Not read</option>
            {PATHWAY_FIELDS.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f]}
              </option>
            ))}
          </Select>
        </Field>
      ))}
    </fieldset>
  );
  return (
    <>
      <Caption1 id="table-columns">{columnsNotes(read.columns).join(" ")}</Caption1>
      {read.missing.length > 0 && fields}
      {read.missing.length === 0 && open.length > 0 && (
        // Nothing required is missing: the choices wait behind one line, so the form stays short.
        <Accordion collapsible>
          <AccordionItem value="columns">
            <AccordionHeader id="match-columns">Match the columns ({open.length} not read or mapped)</AccordionHeader>
            <AccordionPanel>{fields}</AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </>
  );
}
