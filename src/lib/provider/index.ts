export * from "./abstract-marketplace-provider"
export * from "./errors"
export * from "./types"
export * from "./retry-after"
