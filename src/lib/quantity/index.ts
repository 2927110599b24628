export * from "./types"
export * from "./resolve-rules"
export * from "./compute-listing-quantity"
