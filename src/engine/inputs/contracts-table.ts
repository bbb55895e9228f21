/**
 * The contracts as signed (issue 34 B; the comparison's rule in comparison/signed.ts): a table with a header row
 * and one row per contract — the organisation, the point of delivery it covers (blank or "all": every fixed
 * step of the organisation not covered by another row) and the value signed for the year in £. Every problem
 * names its cell; every column the table has but PAY does not read is said so.
 */
import { absoluteRange, offsetAddress, parseAddress } from "../rules/address";
import { isBlank } from "../rules/cells";
import type { SignedContract } from "../comparison/signed";
import { POINTS_OF_DELIVERY, readPointOfDelivery } from "../comparison/today";
import { normaliseHeader, type Problem } from "./pathway-table";
import { parseNumber } from "./terms";

const HEADERS = {
  organisation: ["organisation", "organization", "provider", "trust", "org", "providerorganisation"],
  pointOfDelivery: ["pointofdelivery", "pod", "service", "contractline", "activitytype"],
  signed: ["signedvalue", "signed", "contractvalue", "contractedvalue", "value", "annualvalue", "agreedvalue", "signedvalue£"],
} as const;

export interface ContractsTable {
  contracts: SignedContract[];
  problems: Problem[];
  /** Headers that are not read, each said so (never dropped in silence). */
  notRead: string[];
  /** Each contract's signed-value cell, absolute (Contracts!$C$2): the written sheet's formulas point at it. */
  signedCells: string[];
}

/** Read a contracts table whose first row is headers: an organisation and a signed value required, a point of delivery optional. */
export function readContractsTable(values: unknown[][], address: string): ContractsTable {
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const none = (message: string): ContractsTable => ({
    contracts: [],
    notRead: [],
    signedCells: [],
    problems: [{ input: "contracts", address, message }],
  });
  if (values.length < 2) return none("expected a header row (Organisation, Point of delivery, Signed value £) and at least one contract");
  const heads = values[0].map(normaliseHeader);
  const col = {
    organisation: heads.findIndex((h) => (HEADERS.organisation as readonly string[]).includes(h)),
    pointOfDelivery: heads.findIndex((h) => (HEADERS.pointOfDelivery as readonly string[]).includes(h)),
    signed: heads.findIndex((h) => (HEADERS.signed as readonly string[]).includes(h)),
  };
  if (col.organisation < 0 || col.signed < 0)
    return none(`expected headers Organisation and Signed value (or Contract value); got ${values[0].map((h) => `'${String(h ?? "")}'`).join(", ")}`);
  const used = new Set(Object.values(col).filter((i) => i >= 0));
  const notRead = values[0].flatMap((h, i) => (used.has(i) || isBlank(h) ? [] : [String(h)]));
  const out: ContractsTable = { contracts: [], problems: [], notRead, signedCells: [] };
  values.slice(1).forEach((row, r) => {
    if (row.every(isBlank)) return;
    const cell = (c: number) => offsetAddress(ref, r + 1, c);
    const problem = (c: number, message: string) => out.problems.push({ input: "contracts", address: cell(c), message });
    const org = row[col.organisation];
    if (isBlank(org) || typeof org !== "string") return problem(col.organisation, "expected the organisation's name, as in the pathway table");
    const podCell = col.pointOfDelivery < 0 ? null : row[col.pointOfDelivery];
    const podText = isBlank(podCell) ? "all" : String(podCell).trim();
    const pod = podText.toLowerCase() === "all" ? "all" : readPointOfDelivery(podText);
    if (pod === null)
      return problem(
        col.pointOfDelivery,
        `expected all or a point of delivery (${POINTS_OF_DELIVERY.join(", ")}; or NEL, EL, A&E, OPFU …), got '${podText}'`,
      );
    const raw = row[col.signed];
    const signed = typeof raw === "number" ? raw : parseNumber(String(raw ?? ""), "amount");
    if (typeof signed !== "number" || !(signed >= 0) || signed > 1e12)
      return problem(col.signed, `expected the value signed for the year, £0 or more, got ${isBlank(raw) ? "a blank cell" : `'${String(raw)}'`}`);
    out.contracts.push({ organisation: org.replace(/\s+/g, " ").trim(), pointOfDelivery: pod, signed: signed + 0 });
    out.signedCells.push(absoluteRange(ref, r + 1, col.signed, 1, 1));
  });
  return out;
}

/** What is said of a contracts table's columns that are not read (the pane's notes, pay compare's). */
export function contractsNotRead(headers: readonly string[]): string {
  // An MFF column is the one a finance team most expects to count: it says where PAY takes the factor from instead.
  // (One source for each step's MFF: a second, per contract, could disagree with the pathway's and the tariff
  // valuation would then not be the value the models pay on.)
  const mff = headers.some((h) => ["mff", "marketforcesfactor"].includes(normaliseHeader(h)));
  return `The contracts table's ${headers.map((h) => `'${h}'`).join(", ")} ${headers.length === 1 ? "is" : "are"} not read (PAY reads Organisation, Point of delivery and Signed value${mff ? "; each step's MFF comes from the pathway table's MFF column, or the MFF term" : ""}).`;
}
