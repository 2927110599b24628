import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The repository root run as a Medusa app: the demo, development and the integration tests load
 * the plugin's own sources from ./src. A store installs the package instead and lists it under
 * `plugins` (see README).
 */
const REDIS_URL = process.env.REDIS_URL
const SANDBOX_URL = process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 9911}`

const redisModules = REDIS_URL
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: REDIS_URL } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl: REDIS_URL } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { id: "locking-redis", resolve: "@medusajs/medusa/locking-redis", is_default: true, options: { redisUrl: REDIS_URL } },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/medusa_marketplace_sync",
    redisUrl: REDIS_URL,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") ?? "shared",
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS ?? "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET ?? "supersecret",
      cookieSecret: process.env.COOKIE_SECRET ?? "supersecret",
    },
  },
  admin: {
    disable: process.env.DISABLE_MEDUSA_ADMIN === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL,
  },
  modules: [
    {
      resolve: "./src/modules/marketplace",
      options: {
        reconcile: {
          ...(process.env.MARKETPLACE_AUTO_HEAL_THRESHOLD ? { auto_heal_threshold: Number(process.env.MARKETPLACE_AUTO_HEAL_THRESHOLD) } : {}),
          ...(process.env.MARKETPLACE_ECHO_WINDOW_SECONDS ? { echo_window_seconds: Number(process.env.MARKETPLACE_ECHO_WINDOW_SECONDS) } : {}),
        },
        providers: [
          {
            resolve: "./src/providers/sandbox",
            id: "sandbox",
            options: {
              base_url: SANDBOX_URL,
              ...(process.env.SANDBOX_REQUESTS_PER_SECOND ? { requests_per_second: Number(process.env.SANDBOX_REQUESTS_PER_SECOND) } : {}),
              ...(process.env.SANDBOX_TIMEOUT_MS ? { timeout_ms: Number(process.env.SANDBOX_TIMEOUT_MS) } : {}),
            },
          },
          // The built-in channel adapters. Their api_base_url replaces the channel's origin, so a
          // stand-in or a staging proxy can take the calls (tests, benches, the demo).
          {
            resolve: "./src/providers/shopify",
            id: "shopify",
            options: process.env.MARKETPLACE_SHOPIFY_API_BASE_URL ? { api_base_url: process.env.MARKETPLACE_SHOPIFY_API_BASE_URL } : {},
          },
          {
            resolve: "./src/providers/woocommerce",
            id: "woocommerce",
            options: process.env.MARKETPLACE_WOOCOMMERCE_API_BASE_URL ? { api_base_url: process.env.MARKETPLACE_WOOCOMMERCE_API_BASE_URL } : {},
          },
          {
            resolve: "./src/providers/amazon",
            id: "amazon",
            options: {
              ...(process.env.MARKETPLACE_AMAZON_API_BASE_URL ? { api_base_url: process.env.MARKETPLACE_AMAZON_API_BASE_URL } : {}),
              ...(process.env.MARKETPLACE_AMAZON_AUTH_BASE_URL ? { auth_base_url: process.env.MARKETPLACE_AMAZON_AUTH_BASE_URL } : {}),
            },
          },
          {
            resolve: "./src/providers/ebay",
            id: "ebay",
            options: process.env.MARKETPLACE_EBAY_API_BASE_URL ? { api_base_url: process.env.MARKETPLACE_EBAY_API_BASE_URL } : {},
          },
          // A marketplace that allows only SANDBOX_SLOW_RPS calls a second (bench:lanes).
          ...(process.env.SANDBOX_SLOW_RPS
            ? [{ resolve: "./src/providers/sandbox", id: "sandbox-slow", options: { base_url: SANDBOX_URL, requests_per_second: Number(process.env.SANDBOX_SLOW_RPS) } }]
            : []),
          // A feed-based (asynchronous) marketplace: the cluster and chaos runs use one.
          ...(process.env.SANDBOX_FEEDS_PROVIDER
            ? [{
                resolve: "./src/providers/sandbox",
                id: "sandbox-feeds",
                options: { base_url: SANDBOX_URL, push_mode: "async", ...(process.env.SANDBOX_TIMEOUT_MS ? { timeout_ms: Number(process.env.SANDBOX_TIMEOUT_MS) } : {}) },
              }]
            : []),
          // A marketplace that can neither read quantities back nor take forced updates (tests).
          ...(process.env.SANDBOX_LIMITED_PROVIDER
            ? [{ resolve: "./src/providers/sandbox", id: "sandbox-limited", options: { base_url: SANDBOX_URL, read_back: false, force_reconcile: false } }]
            : []),
        ],
      },
    },
    ...redisModules,
  ],
})
