export * from "./errors";
export * from "./cells";
export * from "./normal";
export * from "./formulas";
