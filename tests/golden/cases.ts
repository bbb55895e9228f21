/**
 * The outputs held byte for byte across a change that must not change behaviour (issue 38): `pay`'s text and
 * JSON on the committed examples, and the sheets the pane writes (every cell as written, its format, tables,
 * charts, widths and page set-up). `saved/` holds them as they were before the change; tests/golden/outputs.test.ts
 * compares. `PAY_SAVE_GOLDEN=1 npx vitest run tests/golden` writes them anew, for a change that is meant to
 * move an output: review the diff of `saved/` as the change's own.
 */
export interface CliCase {
  name: string;
  argv: string[];
}

const integrated = ["examples/integrated-care.xlsx", "--table", "IntegratedPathway", "--cohort", "Cohort", "--term", "mff=MFF"];
const plans = [
  "examples/plans-and-contracts-2026.xlsx",
  "--table",
  "Pathway2026",
  "--cohort",
  "Cohort",
  "--term",
  "mff=MFF",
  "--preset",
  "nhsps-2026",
  "--contracts",
  "Contracts",
  "--years",
  "3",
  "--start",
  "2026/27",
];
const holder = [
  "examples/single-holder.xlsx",
  "--table",
  "HolderPathway",
  "--cohort",
  "Cohort",
  "--organisations",
  "Partners",
  "--term",
  "capitationRate=1000",
  "--term",
  "leadProvider=ICP",
  "--term",
  "managementFee=2%",
  "--term",
  "riskReserve=1.5%",
];

/** Each case is run for its text and, with --json, for its JSON. */
export const CLI_CASES: CliCase[] = [
  { name: "integrated", argv: integrated },
  { name: "integrated-years", argv: [...integrated, "--years", "5", "--term", "demandGrowth=2%", "--units", "k"] },
  { name: "integrated-risk", argv: [...integrated, "--risk", "400", "--seed", "7", "--delivery", "0%", "--drivers", "all"] },
  { name: "integrated-preset", argv: [...integrated, "--preset", "nhsps-2026", "--term", "leadProvider=PCN", "--units", "m"] },
  { name: "todays-contracts", argv: ["examples/todays-contracts.xlsx", "--table", "TodaysContracts", "--cohort", "Cohort", "--term", "mff=MFF"] },
  { name: "plans", argv: [...plans, "--options", "Options", "--organisations", "Organisations", "--scenarios", "Scenarios"] },
  { name: "plans-risk", argv: [...plans, "--options", "Options", "--organisations", "Organisations", "--risk", "300", "--shape", "4"] },
  { name: "holder", argv: holder },
  { name: "holder-risk", argv: [...holder.slice(0, -2), "--term", "riskReserve=auto", "--risk", "300"] },
];

/** Commands whose text alone is the output. */
export const TEXT_CASES: CliCase[] = [
  { name: "help", argv: ["--help"] },
  { name: "compare-help", argv: ["compare", "--help"] },
  ...["hip-fracture-pathway", "icb-capitation", "risk-and-gain-share", "selection-gain"].map((x) => ({
    name: `recalc-${x}`,
    argv: ["recalc", `examples/${x}.xlsx`],
  })),
  { name: "check-integrated", argv: ["check", "examples/integrated-care.xlsx"] },
  { name: "eval", argv: ["eval", "=ROUND(PAY.RISK_SHARE(11000000,10000000,{0;0.03;0.08},{0;0.5;0.8}),0)"] },
];
