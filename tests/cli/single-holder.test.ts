/**
 * pay compare on examples/single-holder.xlsx (examples/single-holder.ts; issue 36): a capitated budget of
 * £10,000,000 held by an integrated care provider whose own care costs £3,500,000, subcontracting the community
 * trust at cost (£6,000,000), a sixth of whose costs bear VAT it cannot recover under the holder. Worked by hand:
 * the holder reimburses £6,200,000 and keeps £300,000; a 2% fee (£200,000) and a 1.5% reserve (£150,000) leave
 * −£50,000 free; the system's real cost is £200,000 more than under today's contracts. Recoverable, the margin is
 * £500,000 and £150,000 is free.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./run";

const file = path.join(__dirname, "..", "..", "examples", "single-holder.xlsx");
const args = ["compare", file, "--table", "HolderPathway", "--cohort", "Cohort", "--organisations", "Partners"];
const terms = ["--term", "capitationRate=1000", "--term", "leadProvider=ICP", "--term", "managementFee=2%", "--term", "riskReserve=1.5%"];

interface Holder {
  name: string;
  fee: number;
  reserve: number | null;
  freeMargin: number | null;
  vat: { name: string; irrecoverable: number }[];
  reserveCoversP5: boolean | null;
  margin: number;
  subcontracts: { name: string; basis: string; payment: number }[];
}
type Json = { models: { id: string; holder?: Holder; versusToday: { system: { switch: number } } }[] };

describe("pay compare with a single holder", () => {
  it("the holder's margin, fee, reserve and free margin, and the VAT lost, in the issue's keys", async () => {
    const r = await run(...args, ...terms, "--json");
    expect(r.err).toBe("");
    const cap = (JSON.parse(r.out) as Json).models.find((m) => m.id === "capitation")!;
    const h = cap.holder!;
    expect(Object.keys(h).slice(0, 6)).toEqual(["name", "fee", "reserve", "freeMargin", "vat", "reserveCoversP5"]);
    expect(h.name).toBe("ICP");
    expect(h.subcontracts).toEqual([{ name: "Community trust", basis: "cost", payment: expect.closeTo(6_200_000, 6) as number, margin: expect.closeTo(0, 6) as number }]);
    expect(h.margin).toBeCloseTo(300_000, 6);
    expect(h.fee).toBeCloseTo(200_000, 6);
    expect(h.reserve).toBeCloseTo(150_000, 6);
    expect(h.freeMargin).toBeCloseTo(-50_000, 6);
    expect(h.vat).toEqual([{ name: "Community trust", irrecoverable: expect.closeTo(200_000, 6) as number }]);
    expect(h.reserveCoversP5).toBeNull();
    expect(cap.versusToday.system.switch).toBeCloseTo(-200_000, 6);
    expect((JSON.parse(r.out) as Json).models.find((m) => m.id === "block")!.holder).toBeUndefined();
    const text = await run(...args, ...terms);
    expect(text.out).toContain(
      "Capitated budget: ICP holds £10,000,000 and keeps £300,000; fee £200,000, reserve £150,000: free margin −£50,000; pays Community trust at cost £6,200,000; VAT it cannot recover: Community trust £200,000 (a real cost)",
    );
  });

  it("with --risk, an automatic reserve is the holder's bad year beyond its mean, and says whether it covers it", async () => {
    const r = await run(...args, ...terms.slice(0, 6), "--term", "riskReserve=auto", "--risk", "4096", "--seed", "2", "--json");
    expect(r.err).toBe("");
    const j = JSON.parse(r.out) as Json & { risk: { models: { id: string; organisations: { name: string; p5Margin: number }[] }[] } };
    const h = j.models.find((m) => m.id === "capitation")!.holder!;
    const p5 = j.risk.models.find((m) => m.id === "capitation")!.organisations.find((o) => o.name === "ICP")!.p5Margin;
    expect(h.reserve).toBeGreaterThan(0);
    expect(h.freeMargin).toBeCloseTo(h.margin - h.fee - (h.reserve as number), 6);
    expect(h.reserveCoversP5).toBe((h.reserve as number) >= -p5);
  });

  it("names a bad cell of the organisations table and a bad term", async () => {
    const bad = await run(...args, "--term", "riskReserve=lots");
    expect(bad.err).toContain("--term riskReserve: expected a share of the budget (2%) or an amount (£200,000), or auto, got 'lots'");
  });
});
