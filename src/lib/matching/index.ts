export * from "./rules"
export * from "./auto-match"
