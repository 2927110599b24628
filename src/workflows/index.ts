export * from "./marketplace"
