/**
 * The written sheet with a single holder's partners (issue 36; src/excel/sheet/organisations.ts columns N to R and
 * contracts.ts beside settlement.ts's `held`): recomputed in HyperFormula, every model's margins by organisation
 * and state, what the commissioner pays and the summary's costs are the engine's, for each subcontract basis, with
 * VAT lost and without, under a lead provider and an alliance. A basis changed on the sheet moves them as the
 * engine moves them.
 */
import { describe, expect, it } from "vitest";
import { comparePaymentModels, DEFAULT_TERMS, MODEL_IDS, STATE_IDS, type ComparisonInputs } from "../../src/engine/comparison/compare";
import type { PartnerTerms } from "../../src/engine/holder/partners";
import { DEFAULT_TRANSITION, transition, type TransitionTerms } from "../../src/engine/comparison/transition";
import { readPathwayTable } from "../../src/engine/inputs/pathway-table";
import { buildPlan } from "../../src/excel/plan";
import { writeComparisonSheet } from "../../src/excel/workbook";
import { createWorkbookEngine } from "../../src/headless/pay-plugin";
import { installFakeExcel, newFakeWorkbook } from "../../src/preview/fake-excel";
import { HOLDER_COHORT, HOLDER_HEADERS, HOLDER_STEPS, INTEGRATED_COHORT, INTEGRATED_HEADERS, INTEGRATED_STEPS } from "../../examples/data";
import { writtenCell } from "./written";

async function written(rows: unknown[][], address: string, inputs: Omit<ComparisonInputs, "steps">, years?: Partial<TransitionTerms>) {
  const wb = newFakeWorkbook(createWorkbookEngine({ Steps: rows }));
  installFakeExcel(wb);
  const t = readPathwayTable(rows, address);
  const inp: ComparisonInputs = { ...inputs, steps: t.steps };
  const comparison = comparePaymentModels(inp);
  const tr = years ? transition(inp, { ...DEFAULT_TRANSITION, ...years }) : null;
  const plan = buildPlan({
    ...(tr ? { transition: { transition: tr, model: "capitation" } } : {}),
    columns: t.columns,
    rows: t.rows,
    stepRows: t.stepRows,
    tableAddress: address,
    cohortSource: null,
    inputs: inp,
    comparison,
    writtenOn: new Date(Date.UTC(2026, 11, 7)),
  });
  const { name } = await writeComparisonSheet(plan);
  return { wb, name, plan, comparison, inp, tr, at: writtenCell(wb, name) };
}

function agrees(r: Awaited<ReturnType<typeof written>>, comparison = r.comparison): void {
  for (const id of MODEL_IDS) {
    const m = comparison.models.find((x) => x.id === id)!;
    const f = r.plan.organisationFigures[id];
    for (const st of STATE_IDS) {
      expect(r.at(f.commissioner[st]), `${id} ${st} commissioner`).toBeCloseTo(m.states[st].commissioner, 4);
      m.states[st].organisations.forEach((o, k) => expect(r.at(f.organisations[k].margin[st]), `${id} ${st} ${k}`).toBeCloseTo(o.margin, 4));
    }
    expect(r.at(r.plan.figures[id].cost), `${id} summary cost`).toBeCloseTo(m.base.cost, 4);
  }
}

const bases: PartnerTerms["basis"][] = [{ kind: "tariff" }, { kind: "cost", markup: 0 }, { kind: "cost", markup: 0.05 }, { kind: "block" }];

describe("the written sheet with a single holder's partners", () => {
  it("the issue's example: each basis, VAT lost and not, recomputed to the engine's figures", async () => {
    const rows = [HOLDER_HEADERS, ...HOLDER_STEPS];
    for (const basis of bases)
      for (const vatRecoverable of [true, false]) {
        const r = await written(rows, "Steps!A1:G3", {
          ...DEFAULT_TERMS,
          cohort: HOLDER_COHORT,
          capitationRate: 1_000,
          leadProvider: "ICP",
          partners: { "Community trust": { basis, vatRecoverable, vatShare: 1 / 6 } },
        });
        agrees(r);
      }
  });

  it("three organisations under a lead or an alliance, with a bundle and a risk share", async () => {
    const rows = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS];
    for (const holder of ["lead", "alliance"] as const) {
      const r = await written(rows, "Steps!A1:H9", {
        ...DEFAULT_TERMS,
        cohort: INTEGRATED_COHORT,
        holder,
        partners: {
          "Community trust": { basis: { kind: "cost", markup: 0.03 }, vatRecoverable: false, vatShare: 0.2 },
          PCN: { basis: { kind: "block" }, vatRecoverable: false, vatShare: 0.1 },
        },
      });
      agrees(r);
    }
  });

  it("is live: the community trust's basis changed to tariff on the sheet moves every figure as the engine does", async () => {
    const rows = [HOLDER_HEADERS, ...HOLDER_STEPS];
    const terms = { ...DEFAULT_TERMS, cohort: HOLDER_COHORT, capitationRate: 1_000, leadProvider: "ICP" };
    const r = await written(rows, "Steps!A1:G3", { ...terms, partners: { "Community trust": { basis: { kind: "cost", markup: 0 }, vatRecoverable: false, vatShare: 1 / 6 } } });
    const cell = r.plan.cells.find((c) => c.value === "cost" && /^N\d+$/.test(c.address))!;
    r.wb.hf.setCellContents({ sheet: r.wb.hf.getSheetId(r.name)!, row: Number(cell.address.slice(1)) - 1, col: 13 }, [["tariff"]]);
    const engine = comparePaymentModels({ ...r.inp, partners: { "Community trust": { basis: { kind: "tariff" }, vatRecoverable: false, vatShare: 1 / 6 } } });
    agrees(r, engine);
  });

  it("the years: every held model's positions against itself and against today's contracts are the engine's", async () => {
    const rows = [INTEGRATED_HEADERS, ...INTEGRATED_STEPS];
    const partners = {
      "Community trust": { basis: { kind: "cost" as const, markup: 0.03 }, vatRecoverable: false, vatShare: 0.2 },
      PCN: { basis: { kind: "block" as const }, vatRecoverable: false, vatShare: 0.1 },
    };
    const r = await written(rows, "Steps!A1:H9", { ...DEFAULT_TERMS, cohort: INTEGRATED_COHORT, partners }, { years: 3, shiftAchieved: [0.5, 1, 1], demandGrowth: 0.02, rebaseEvery: 2 });
    const tr = r.tr!;
    const rowOf = (label: string, after: number) => Number(/\d+/.exec(r.plan.cells.find((x) => x.value === label && Number(/\d+/.exec(x.address)![0]) > after)!.address)![0]);
    for (const m of tr.models) {
      const title = Number(/\d+/.exec(r.plan.cells.find((x) => x.value === `${m.name}: by year`)!.address)![0]);
      m.organisations.forEach((p, o) => {
        const pos = rowOf(`${p.name}: position`, title);
        const vt = rowOf(`${p.name}: against today's contracts`, title);
        p.byYear.forEach((x, i) => {
          expect(r.at(`${String.fromCharCode(67 + i)}${pos}`), `${m.id} ${p.name} ${i + 1}`).toBeCloseTo(x, 4);
          expect(r.at(`${String.fromCharCode(67 + i)}${vt}`), `${m.id} ${p.name} today ${i + 1}`).toBeCloseTo(m.versusToday.organisations[o].byYear[i], 4);
        });
      });
    }
  });

  it("the holder's section: what it holds and keeps, its fee, reserve and free margin and the VAT lost are the engine's", async () => {
    const rows = [HOLDER_HEADERS, ...HOLDER_STEPS];
    for (const fee of [{ share: 0.02 }, { amount: 250_000 }])
      for (const holder of ["lead", "alliance"] as const) {
        const r = await written(rows, "Steps!A1:G3", {
          ...DEFAULT_TERMS,
          cohort: HOLDER_COHORT,
          capitationRate: 1_000,
          leadProvider: "ICP",
          holder,
          managementFee: fee,
          riskReserve: { share: 0.015 },
          partners: { "Community trust": { basis: { kind: "cost", markup: 0 }, vatRecoverable: false, vatShare: 1 / 6 } },
        });
        const head = r.plan.cells.find((c) => c.value === "Keeps (margin)")!;
        const h0 = Number(/\d+/.exec(head.address)![0]);
        ["bundle", "capitation", "riskshare"].forEach((id, k) => {
          const h = r.comparison.models.find((m) => m.id === id)!.holder!;
          const row = h0 + 1 + k;
          expect(r.at(`B${row}`), id).toBe(h.name);
          expect(r.at(`C${row}`), `${id} budget`).toBeCloseTo(h.budget, 4);
          expect(r.at(`D${row}`), `${id} margin`).toBeCloseTo(h.margin, 4);
          expect(r.at(`E${row}`), `${id} fee`).toBeCloseTo(h.fee, 4);
          expect(r.at(`F${row}`), `${id} reserve`).toBeCloseTo(h.reserve!, 4);
          expect(r.at(`G${row}`), `${id} free`).toBeCloseTo(h.freeMargin!, 4);
          expect(r.at(`H${row}`), `${id} VAT`).toBeCloseTo(h.vat.reduce((a, v) => a + v.irrecoverable, 0), 4);
        });
      }
  });
});
