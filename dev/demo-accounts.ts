/** The demo's two sandbox sellers (the sandbox marketplace keeps them in memory; the seed makes their channels). */
export const DEMO_ACCOUNTS = {
  eu: { api_key: process.env.DEMO_SANDBOX_EU_KEY ?? "demo-eu-api-key-0001", name: "Sandbox EU seller", locations: ["EAST", "WEST"] },
  outlet: {
    api_key: process.env.DEMO_SANDBOX_OUTLET_KEY ?? "demo-outlet-api-key-0002",
    name: "Sandbox Outlet seller",
    locations: ["default"],
    /** The Outlet's orders come in by signed webhook (and the poll): the secret both sides share. */
    webhook_secret: process.env.DEMO_SANDBOX_OUTLET_WEBHOOK_SECRET ?? "demo-outlet-webhook-secret-0001",
  },
}
