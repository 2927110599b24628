const { loadEnv } = require("@medusajs/framework/utils")

// .env.test holds the non-secret test settings; DB_* are filled in by the global setup
// (integration-tests/global-setup.ts) before any test file loads @medusajs/test-utils.
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", tsx: true, decorators: true }, target: "es2021" } },
  ],
}

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.smoke/", "<rootDir>/.data/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
  ...extra,
})

module.exports = {
  globalSetup: "<rootDir>/integration-tests/global-setup.ts",
  globalTeardown: "<rootDir>/integration-tests/global-teardown.ts",
  testTimeout: 120_000,
  projects: [
    project("unit", ["<rootDir>/src/**/__tests__/**/*.unit.spec.ts", "<rootDir>/sandbox/__tests__/**/*.spec.ts"]),
    project("modules", ["<rootDir>/src/modules/*/__tests__/**/!(*.unit).spec.ts"]),
    project("http", ["<rootDir>/integration-tests/http/**/*.spec.ts"]),
    project("browser", ["<rootDir>/integration-tests/browser/**/*.spec.ts"]),
    project("smoke", ["<rootDir>/integration-tests/smoke/**/*.spec.ts"]),
    project("cluster", ["<rootDir>/integration-tests/cluster/**/*.spec.ts"]),
  ],
}
