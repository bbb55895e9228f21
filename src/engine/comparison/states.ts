/** The four states every model is settled in, and the figures each organisation has in one (shapes only: compare.ts fills them). */
export const STATE_IDS = ["base", "lower", "higher", "shifted"] as const;
export type StateId = (typeof STATE_IDS)[number];
export const STATE_NAMES: Record<StateId, string> = {
  base: "Today's activity",
  lower: "Activity −10%",
  higher: "Activity +10%",
  shifted: "After care shift",
};

/** One organisation's figures in one state. */
export interface OrgFigures {
  /** Everything it is paid, the quality payment included. */
  income: number;
  cost: number;
  margin: number;
  /** The quality payment it earned (part of income; 0 without a quality element). */
  quality: number;
}

export interface StateFigures {
  commissioner: number;
  organisations: OrgFigures[];
}
