export * from "./provider-kit"
