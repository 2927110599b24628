import { providerTestKit, type ProviderKitHarness } from "../../../testing"
import { SandboxServer, signWebhook, startSandbox, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER } from "../../../../sandbox/server"
import type { SandboxAccount } from "../../../../sandbox/store"
import { SandboxProvider } from "../service"

/** The sandbox marketplace as the provider test kit drives it, synchronous or feed-based. */
function sandboxHarness(pushMode: "sync" | "async"): ProviderKitHarness {
  let sandbox: SandboxServer
  let account: SandboxAccount
  const key = `kit-${pushMode}-key-0001`
  const secret = "kit-sandbox-secret"
  return {
    async start() {
      sandbox = await startSandbox()
      sandbox.store.feedDelayMs = 50
    },
    stop: () => sandbox.close(),
    async reset() {
      sandbox.store.reset()
      sandbox.store.feedDelayMs = 50
      sandbox.requests.splice(0)
      sandbox.setFaults({})
      account = sandbox.store.addAccount({ api_key: key, name: "Kit seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
      return {
        provider: new SandboxProvider({}, { base_url: sandbox.url, timeout_ms: 3_000, push_mode: pushMode }),
        ctx: { channel_id: "mch_kit", channel_code: "kit", credentials: { api_key: key, webhook_secret: secret } },
      }
    },
    providerAt: (url) => new SandboxProvider({}, { base_url: url, timeout_ms: 2_000, push_mode: pushMode }),
    refusedCredentials: () => ({ api_key: "refused-key" }),
    seed(skus, quantity = 0) {
      for (const sku of skus) {
        const listing = sandbox.store.upsertListing(account, { sku })
        account.locations.forEach((_, code) => sandbox.store.setQuantity(listing, code, quantity))
      }
    },
    locations: () => [...account.locations.keys()],
    quantity: (sku, location) => account.listings.get(sku)?.stock.get(location!)?.quantity,
    writes() {
      const writes = sandbox.requests.filter((r) => r.method === "POST" && /^\/api\/stock\/(batch|feeds)$/.test(r.path) && r.status === 200)
      return { calls: writes.length, largest: Math.max(0, ...writes.map((r) => ((r.body as { updates?: unknown[] })?.updates ?? []).length)) }
    },
    throttleNext: (seconds) => sandbox.setFaults({ queue: [{ type: "rate_limit", retry_after_s: seconds }] }),
    failNext: (status) => sandbox.setFaults({ queue: [{ type: "status", status }] }),
    // The sandbox answers routes it does not know with 404 and bodies it cannot read with 400.
    unexpected: () => sandbox.requests.filter((r) => r.status === 404 || r.status === 400 || r.status === 405).map((r) => `${r.method} ${r.path} ${r.status}`),
    readPageSize: 500,
    cataloguePageSize: 500,
    async placeOrder(lines) {
      const order = sandbox.store.placeOrder(account, lines)
      return { external_id: order.id }
    },
    async orderWebhook(order) {
      const data = account.orders.find((o) => o.id === order.external_id)
      const raw = JSON.stringify({ id: `EVT-${order.external_id}`, type: "order.created", created_at: new Date().toISOString(), data })
      return { headers: { [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, raw), [WEBHOOK_EVENT_HEADER]: `EVT-${order.external_id}` }, raw_body: Buffer.from(raw) }
    },
    signatureHeaders: [WEBHOOK_SIGNATURE_HEADER],
  }
}

providerTestKit("Sandbox (batch API)", sandboxHarness("sync"))
providerTestKit("Sandbox (feeds, asynchronous)", sandboxHarness("async"))
