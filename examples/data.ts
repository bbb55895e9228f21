/** The examples' illustrative figures, shared by the example workbooks and the preview host. */

/** Step, setting, unit price £, unit cost £, volume per patient, take-up. */
export const PATHWAY_STEPS: [string, string, number, number, number, number][] = [
  ["Ambulance conveyance", "other", 300, 280, 1, 1],
  ["ED attendance", "hospital", 250, 230, 1, 1],
  ["Hip fracture spell", "hospital", 9500, 9100, 1, 1],
  ["Orthogeriatric review", "hospital", 180, 170, 2, 0.9],
  ["Community rehab visit", "community", 85, 90, 12, 0.7],
  ["Outpatient follow-up", "hospital", 140, 130, 1, 0.8],
  ["GP review", "primary", 45, 45, 1, 0.6],
];
export const COHORT = 420;
export const MFF = 1.03;
export const SPELLS: [string, number, number, number, number, number][] = [
  ["HT12A", 9500, 14, 19, 310, 2100],
  ["HT12A", 9500, 25, 19, 310, 2100],
  ["HT12B", 7800, 9, 15, 295, 1800],
  ["HT12B", 7800, 1, 15, 295, 1800],
  ["HT12C", 6400, 31, 12, 280, 1500],
  ["HT12C", 6400, 0, 12, 280, 1500],
  ["HT13A", 11200, 40, 24, 330, 2600],
  ["HT13A", 11200, 18, 24, 330, 2600],
  ["HT13B", 8900, 27, 20, 300, 2000],
  ["HT13B", 8900, 20, 20, 300, 2000],
  ["HT14A", 5200, 3, 8, 260, 1200],
  ["HT14A", 5200, 11, 8, 260, 1200],
];

export const CORRIDOR = { thresholds: [0, 0.03, 0.08], shares: [0, 0.5, 0.8], budget: 25_000_000 };
export const OUTTURNS = [22_000_000, 23_500_000, 24_500_000, 25_000_000, 25_600_000, 26_500_000, 28_000_000];
export const PARTNERS: [string, number, number][] = [
  ["Acute trust", 50, 60],
  ["Community trust", 30, 25],
  ["Primary care network", 20, 15],
];


/**
 * An integrated hip-fracture and falls pathway delivered by three organisations (illustrative figures): step,
 * setting, organisation, unit price £, unit cost £, volume per patient, take-up, variable cost share (null:
 * the setting's default in the terms).
 */
export const INTEGRATED_STEPS: [string, string, string, number, number, number, number, number | null][] = [
  ["ED attendance", "hospital", "Acute trust", 250, 230, 1, 1, 0.4],
  ["Hip fracture spell", "hospital", "Acute trust", 9500, 9100, 1, 1, 0.5],
  ["Orthogeriatric review", "hospital", "Acute trust", 180, 170, 2, 0.9, 0.6],
  ["Outpatient follow-up", "hospital", "Acute trust", 140, 130, 1, 0.8, 0.5],
  ["Community rehab visit", "community", "Community trust", 85, 80, 12, 0.7, 0.8],
  ["Falls prevention class", "community", "Community trust", 40, 35, 6, 0.5, 0.7],
  ["GP review", "primary", "PCN", 45, 42, 1, 0.6, null],
  ["Medication review", "primary", "PCN", 60, 55, 1, 0.5, 0.9],
];
export const INTEGRATED_COHORT = 420;
export const INTEGRATED_HEADERS = ["Step", "Setting", "Provider", "Unit price £", "Unit cost £", "Volume per patient", "Take-up", "Variable %"];

/** Year-of-care complexity tiers of the integrated pathway's cohort: patients in each tier and its weight. */
export const INTEGRATED_TIERS: [string, number, number][] = [
  ["Low complexity", 250, 0.8],
  ["Medium complexity", 120, 1.3],
  ["High complexity", 50, 2.2],
];

/**
 * The integrated pathway with how each step is paid today and its own change when care moves (illustrative
 * figures; the payments follow the 2025/26 NHS Payment Scheme: elective activity by unit prices, non-elective
 * and A&E in the aligned payment's fixed element, community services on a block, general practice on core
 * capitation (fixed) with some activity-paid enhanced services): point of delivery, payment today (blank: the
 * scheme's default), change in volume (blank: the setting's rule).
 */
export const TODAY_COLUMNS = ["Point of delivery", "Payment today", "Change in volume"];
export const TODAY_STEPS: [string, string | null, string | number | null][] = [
  ["A&E", null, -0.3],
  ["NEL", null, -0.2],
  ["OPFU", "activity", -0.1],
  ["Outpatient", "activity", null],
  ["Community", "fixed", 0.45],
  ["Community", "20%", 0.2],
  ["Primary care", null, 0.2],
  ["Primary care", "activity", null],
];

/** The integrated pathway's 2026/27 plan and contracts as signed (examples/plans-and-contracts.ts; illustrative). */
export const PLAN_COLUMNS = ["Point of delivery", "Planned activity"];
/** Each integrated step's point of delivery and planned activity (null: none typed). */
export const PLAN_STEPS: [string | null, number | null][] = [
  ["A&E", 450],
  ["NEL", 400],
  [null, null],
  ["OPFU", null],
  ["Community", null],
  ["Community", null],
  ["Primary care", null],
  ["Primary care", null],
];
export const SIGNED_CONTRACTS: [string, string, number][] = [
  ["Community trust", "all", 320_000],
  ["Acute trust", "Outpatient follow-up", 50_000],
];

/** The options a board decides between on that pathway (examples/plans-and-contracts.ts; illustrative). */
export const OPTION_HEADERS = ["Option", "Model", "shiftShare", "setupCost", "setupBearer", "transitionalFunding", "fundingTo", "gainShareRate"];
export const OPTIONS: (string | number | null)[][] = [
  ["Do minimum", "today", 0.1, null, null, null, null, null],
  ["Capitated budget", "capitation", null, 250_000, "commissioner", "150000; 100000; 50000", "Acute trust", null],
  ["Gain share", "gainshare", null, 100_000, "commissioner", null, null, 0.5],
];
/** Each organisation's planned margin a year (£; the 2026/27 planning framework asks for break-even or better). */
export const ORGANISATION_PLANS: [string, number][] = [
  ["Acute trust", 0],
  ["Community trust", 0],
  ["PCN", 0],
];

/** Three scenarios the options are tried under (examples/plans-and-contracts.ts; illustrative). */
export const SCENARIO_HEADERS = ["Scenario", "shiftShare", "demandGrowth"];
export const SCENARIOS: (string | number)[][] = [
  ["Low", 0.1, 0],
  ["Central", 0.2, 0.02],
  ["High", 0.3, 0.04],
];


/**
 * A single holder (examples/single-holder.ts; issue 36's worked example): an integrated care provider holding a
 * £10,000,000 capitated budget for 10,000 people (£1,000 each), its own care costing £3,500,000, and the community
 * trust it subcontracts at cost (£6,000,000), a sixth of whose costs (£1,000,000) are contracted-out services
 * bearing VAT it cannot recover once subcontracted. Illustrative figures.
 */
export const HOLDER_HEADERS = ["Step", "Setting", "Provider", "Unit price £", "Unit cost £", "Volume per patient", "Take-up"];
export const HOLDER_STEPS: [string, string, string, number, number, number, number][] = [
  ["Integrated care", "community", "ICP", 400, 350, 1, 1],
  ["Community care", "community", "Community trust", 560, 600, 1, 1],
];
export const HOLDER_COHORT = 10_000;
export const HOLDER_PARTNER_HEADERS = ["Organisation", "Subcontract basis", "VAT recoverable", "VAT-bearing share"];
export const HOLDER_PARTNERS: [string, string, string, number][] = [
  ["ICP", "", "", 0],
  ["Community trust", "cost", "no", 1 / 6],
];
