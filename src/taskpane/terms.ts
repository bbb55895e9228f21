/**
 * The panel's contract terms: their rules live in the engine (src/engine/inputs/terms.ts, shared with `pay compare`).
 * The Risk view's settings are in risk-settings.ts, loaded with that view.
 */
export {
  COHORT_FIELD,
  DEFAULT_TERMS_TEXT,
  TERM_FIELDS,
  parseNumber,
  readNumberField,
  readTerms,
  variableSharesOf,
  type NumberKind,
  type Terms,
  type TermsText,
} from "../engine/inputs/terms";
