/** `pay compare --help`: every flag and term with its default (the flags and keys are a public interface: keep them). */
import { DEFAULT_DRIVERS } from "./output";
import { BLENDED_PRESETS } from "../../engine/comparison/presets";
import { isNumberTerm, NUMBER_TERMS, TERM_TABLE, type OtherTerm, type TermRow } from "../../engine/inputs/term-table";

/** The terms given otherwise than as one number, with their lines of help (the table's order). */
const OTHER_TERMS = (TERM_TABLE as readonly TermRow[]).filter((t): t is OtherTerm => !isNumberTerm(t) && t.cli !== null);

export const COMPARE_USAGE = `usage: pay compare <file.xlsx> --table <table | address | name> --cohort <number | address | name> [--term key=value ...] [--preset <id>] [--population <range | table | name>] [--contracts <range | table | name>] [--organisations <ref>] [--options <ref>] [--years N [--start 2026/27]] [--risk N [--seed S] [--shape k]] [--units £|k|m] [--drivers N|all] [--columns "header=field" ...] [--json]
  --table   the pathway's steps: an Excel table by its name (PathwaySteps: its rows as they are now, never its
            Total Row), an address with the header row (Pathway!A3:F10; a table's whole range is read as the
            table), or a defined name. Every column is reported: read as a field, or not read (with the nearest)
  --columns "header=field": read the column so headed as that field (e.g. "Shift %=Change in volume"); repeatable
  --cohort  the cohort size, or the cell (address or defined name) that holds it
  --term    a contract term; the value is a number as typed in the UK (1,200; 20% for shares) or a cell
            (address or defined name) holding one. Keys:
${NUMBER_TERMS.map((t) => `              ${t.key.padEnd(24)} ${t.short} (default ${t.default || "none: see README"})`).join("\n")}
${OTHER_TERMS.map((t) => (t.cli ?? []).map((line, k) => `              ${(k === 0 ? t.key : "").padEnd(24)} ${line}`).join("\n")).join("\n")}
  --preset  a named NHS rule: today's payment for the points of delivery it covered (a payment typed in the
            table wins; every other step stays as it is) and the blended model's rates above and below baseline:
${BLENDED_PRESETS.map((p) => `              ${p.id.padEnd(12)} ${p.rateAbove * 100}% above, ${p.rateBelow * 100}% below (${p.year}, ${p.covers.join(" and ")}): ${p.name}${p.note ? `; ${p.note}` : ""}`).join("\n")}
  --risk    simulate N years of activity (2 to 2,000,000), as the panel's Risk view: each model's chance of a loss
            and bad year (5th percentile) by organisation, against what it can lose (--term riskCapacity, e.g.
            "Acute trust:£2,000,000; PCN:£50,000"; default: each organisation's margin today);
            --seed S (default 12345: the panel's), --shape k for over-dispersed activity (default: Poisson);
            --delivery 15% (or 80%,15%): the year after the care shift, the share achieved drawn around the plan
            (100%, or as given) with that standard deviation (0%: the year after the whole shift, as the panel's
            default; without --delivery, today's activity); --shock 5%: a common shock to every step's volume
  --contracts  the contracts as signed: a table with Organisation, Point of delivery (blank or all: every fixed step
            of the organisation not covered by another row) and Signed value £; each replaces the tariff valuation of
            the organisation's fixed steps there, shared pro rata (JSON baseline.reconciliation: tariff, signed, gap);
            --term glideYears=N closes each gap in equal steps over N years of the transition
  --options  an options appraisal over the years (needs --years): a table of Option, Model (today or a model) and
            any terms as columns (shiftShare, shiftAchieved, setupCost, gainShareRate, doubleRunning,
            doubleRunningBearer, transitionalFunding, fundingTo, …); "Do nothing" is always first. JSON options:
            [{name, model, years: [{label, parties: [{name, income, cost, margin, recurrent, nonRecurrent,
            withoutSupport, plan, withinPlan}]}], npv: [{name, npv, npvAdjusted}]}]; --term optimismBias=24% adds
            to costs and set-up in npvAdjusted; --organisations <ref>: Organisation and Plan (a margin in £ a year);
            switching values (JSON switchingValues: [{option, party, input, value, from, to, reason}]) for
            --switching "shiftAchieved, demandGrowth, gainShareRate, capitationRate, unitPrice:<step>" (default:
            the shift achieved, demand growth and the option's own rate); --scenarios <ref>: Scenario, then terms
            as columns (low, central, high …), each applied before every option (JSON scenarios: [{name, options:
            [{name, npv: [{name, npv, npvAdjusted}]}]}])
  --organisations  the organisations table: Organisation, and for a single holder's partners Subcontract basis
            (tariff, cost, cost+p%, block), VAT recoverable (yes/no) and VAT-bearing share of costs (contracted-out
            services at 20%); Plan (a margin in £ a year) for --options. JSON models[i].holder under a bundle or
            budget: {name, fee, reserve, freeMargin, vat: [{name, irrecoverable}], reserveCoversP5, budget, margin,
            subcontracts, shifted}
  --population  a population table whose need sets the capitated budget: headers for people (People,
            Population, List size, …) and a need weight (Weight, Need, Risk weight, …), a group or practice optional;
            budget = Σ people × weight × rate × MFF, the rate --term capitationRate (£ per weighted person) or, by
            default, calibrated to what the commissioner pays today
  --units   money in the text report in £ (default), k (£ thousands: £1,460k) or m (£ millions: £1.46m); the
            JSON always holds exact pounds
  --years   add a transition over N years (1 to 10); its terms, each one value or one per year (comma-separated):
              shiftAchieved            share of the target care shift achieved by year (default 25%, 50%, 75%, 100%, 100%)
              setupCost                one-off set-up cost, £ (one value: year 1 only)
              setupBearer              who bears it: commissioner (default) or an organisation's name
              releaseYear              the year from which stranded hospital fixed cost is released (default: never)
              backfillShare            share of freed capacity backfilled with other work paid at unit prices (default 0%)
              backfillPayer            who pays for that work: commissioner (default) or another payer's name, which
                                       then has a line of its own; never a saving of the system
              costUplift               yearly uplift of costs (default 0%)
              efficiency               the NHS Payment Scheme's yearly efficiency factor (default 2% under nhsps-2026, else 0%)
              priceUplift              yearly uplift of prices (default: costUplift less efficiency, by priceConvention)
              priceConvention          additive, 1 + uplift − efficiency (default), or multiplicative, (1 + uplift)(1 − efficiency)
              start                    the first year's financial year, e.g. 2026/27 (also --start 2026/27): the years'
                                       labels (JSON transition.labels); default Year 1, Year 2, …
              rebaseEvery              contracts re-based every this many years on last year's activity (default 1: every
                                       year, as in each year's NHS planning round)
              discountRate             for NPV and payback, both counting year 1 at time 0 (default 3.5%, HM Treasury
                                       Green Book)
              demandGrowth             yearly growth of every step's volume, doing nothing and under each proposal
                                       alike (default 0%); the JSON's versusToday measures each model against today's
                                       contracts doing nothing
            A year term given without --years is ignored, with a warning.
  --json    print one JSON object instead of the tables (with "sensitivity": what drives each model's result)
  --drivers the JSON's sensitivity: the N inputs that move each model's system margin most (default ${DEFAULT_DRIVERS}),
            or all of them (all: four per step, large for a big pathway); "sensitivityListed" says which`;
