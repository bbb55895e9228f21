/**
 * A single holder's terms as typed (issue 36; the rules in ../holder/): the management fee and the risk reserve
 * (`2%` of the budget, or `£200,000`; the reserve also `auto`), and each partner's subcontract terms from the
 * organisations table's columns `Subcontract basis` (cost, cost+p%, tariff, block), `VAT recoverable` (yes/no)
 * and `VAT-bearing share`. Every problem names the term or the cell.
 */
import { offsetAddress, parseAddress } from "../rules/address";
import { isBlank } from "../rules/cells";
import { DEFAULT_PARTNER, readSubcontractBasis, type PartnerTerms } from "../holder/partners";
import type { HolderAmount } from "../holder/economics";
import { normaliseHeader, type Problem } from "./pathway-table";
import { parseNumber } from "./terms";

/** A fee or reserve: "2%" (a share of the budget), "£200,000" (an amount), "" (none) or, where allowed, "auto". */
export function parseHolderAmount(text: string, label: string, auto = false): { value: HolderAmount | null } | { problem: string } {
  const t = text.trim();
  if (t === "") return { value: null };
  if (auto && t.toLowerCase() === "auto") return { value: "auto" };
  const expected = `expected a share of the budget (2%) or an amount (£200,000)${auto ? ", or auto" : ""}`;
  if (t.endsWith("%")) {
    const v = parseNumber(t, "share");
    return typeof v === "number" && v >= 0 && v <= 1 ? { value: { share: v } } : { problem: `${label}: ${expected}, got '${t}'` };
  }
  const v = parseNumber(t, "amount");
  return typeof v === "number" && v >= 0 && v <= 1e12 ? { value: { amount: v } } : { problem: `${label}: ${expected}, got '${t}'` };
}

export const PARTNER_HEADERS = {
  basis: ["subcontractbasis", "subcontract", "basis", "paidon", "subcontractterms"],
  vatRecoverable: ["vatrecoverable", "recoversvat", "vatrecovery", "canrecovervat"],
  vatShare: ["vatbearingshare", "vatshare", "vatbearingcosts", "contractedoutshare", "cosshare"],
} as const;

/**
 * Each partner's subcontract terms from an organisations table (null when the table has none of their columns).
 * A blank cell takes the default: tariff, VAT recoverable, no VAT-bearing costs.
 */
export function readPartnerTerms(
  values: unknown[][],
  address: string,
): { partners: Record<string, PartnerTerms> | null; problems: Problem[]; notRead: string[] } {
  const ref = parseAddress(address) ?? { sheet: null, row: 0, col: 0 };
  const heads = values[0]?.map(normaliseHeader) ?? [];
  const find = (names: readonly string[]) => heads.findIndex((h) => names.includes(h));
  const org = find(["organisation", "organization", "provider", "trust", "partner"]);
  const col = { basis: find(PARTNER_HEADERS.basis), vatRecoverable: find(PARTNER_HEADERS.vatRecoverable), vatShare: find(PARTNER_HEADERS.vatShare) };
  const problems: Problem[] = [];
  // Read here or as the organisations' plans (options-table.ts): anything else is said not to be read.
  const plan = find(["plan", "plannedmargin", "planmargin", "controltotal", "financialplan"]);
  const notRead = (values[0] ?? []).flatMap((h, c) => ([org, plan, ...Object.values(col)].includes(c) || isBlank(h) ? [] : [String(h)]));
  if (org < 0 || Object.values(col).every((c) => c < 0)) return { partners: null, problems, notRead };
  const partners: Record<string, PartnerTerms> = {};
  values.slice(1).forEach((row, i) => {
    if (row.every(isBlank) || isBlank(row[org])) return;
    const problem = (c: number, message: string) => problems.push({ input: "organisations", address: offsetAddress(ref, i + 1, c), message });
    const p: PartnerTerms = { ...DEFAULT_PARTNER };
    const cell = (c: number) => (c < 0 || isBlank(row[c]) ? null : String(row[c]).trim());
    const basis = cell(col.basis);
    if (basis !== null) {
      const b = readSubcontractBasis(basis);
      if (b) p.basis = b;
      else problem(col.basis, `expected a subcontract basis: cost, cost+p% (cost+5%), tariff or block, got '${basis}'`);
    }
    const rec = cell(col.vatRecoverable)?.toLowerCase() ?? null;
    if (rec !== null) {
      if (["yes", "y", "true", "1"].includes(rec)) p.vatRecoverable = true;
      else if (["no", "n", "false", "0"].includes(rec)) p.vatRecoverable = false;
      else problem(col.vatRecoverable, `expected yes or no, got '${rec}'`);
    }
    const share = col.vatShare < 0 ? null : row[col.vatShare];
    if (share !== null && !isBlank(share)) {
      const v = typeof share === "number" ? share : parseNumber(String(share), "share");
      if (typeof v === "number" && v >= 0 && v <= 1) p.vatShare = v;
      else problem(col.vatShare, `expected the share of its costs that bears VAT, 0% to 100%, got '${String(share)}'`);
    }
    partners[String(row[org]).replace(/\s+/g, " ").trim()] = p;
  });
  return { partners, problems, notRead };
}
