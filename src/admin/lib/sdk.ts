import Medusa from "@medusajs/js-sdk"

/** The admin's own session authenticates every call; no token is stored by the plugin. */
export const sdk = new Medusa({
  baseUrl: __BACKEND_URL__ || "/",
  debug: import.meta.env.DEV,
  auth: { type: "session" },
})
