import { SandboxServer, signWebhook, startSandbox, MAX_BATCH_SIZE } from "../server"

const KEY = "server-test-key-0001"
let sandbox: SandboxServer

beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())
beforeEach(async () => {
  await call("POST", "/_control/reset")
  await call("POST", "/_control/accounts", { api_key: KEY, name: "Seller", locations: [{ code: "EAST" }, { code: "WEST" }] })
  await call("POST", "/api/listings", { items: [{ sku: "A", title: "Shirt" }, { sku: "B" }] }, KEY)
})

async function call(method: string, path: string, body?: unknown, apiKey?: string) {
  const response = await fetch(sandbox.url + path, {
    method,
    headers: { "content-type": "application/json", ...(apiKey ? { "x-api-key": apiKey } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: (() => { try { return JSON.parse(text) } catch { return undefined } })() }
}

describe("sandbox marketplace", () => {
  it("requires an API key on every /api route", async () => {
    expect((await call("GET", "/api/stock")).json).toEqual({ error: { code: "UNAUTHORIZED", message: "Missing X-Api-Key header" } })
    expect((await call("GET", "/api/stock", undefined, "nope")).status).toBe(401)
  })

  it("applies a batch per SKU and location and answers per item", async () => {
    const { status, json } = await call("POST", "/api/stock/batch", {
      updates: [
        { sku: "A", location: "EAST", quantity: 4 },
        { sku: "A", quantity: 2 },
        { sku: "B", location: "EAST", quantity: -1 },
        { sku: "Z", quantity: 1 },
      ],
    }, KEY)
    expect(status).toBe(200)
    expect(json.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(["ok", "ok", "INVALID_QUANTITY", "SKU_NOT_FOUND"])
    const stock = await call("GET", "/api/stock", undefined, KEY)
    expect(stock.json).toEqual({
      items: [
        // Without a location the first one (EAST) is meant, so the second update overwrote the first.
        { sku: "A", location: "EAST", quantity: 2, updated_at: expect.any(String) },
      ],
      next_cursor: null,
    })
  })

  it(`answers 413 above ${MAX_BATCH_SIZE} updates and changes nothing`, async () => {
    const updates = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => ({ sku: "A", quantity: 9 }))
    const { status, json } = await call("POST", "/api/stock/batch", { updates }, KEY)
    expect(status).toBe(413)
    expect(json.error.code).toBe("BATCH_TOO_LARGE")
    expect((await call("GET", "/api/stock", undefined, KEY)).json.items).toEqual([])
  })

  it("takes a seller's manual edit and refuses bad ones with a reason", async () => {
    expect((await call("PUT", "/api/stock/A", { quantity: 11, location: "WEST" }, KEY)).json).toMatchObject({ sku: "A", location: "WEST", quantity: 11 })
    expect((await call("PUT", "/api/stock/A", { quantity: 1.5 }, KEY)).status).toBe(400)
    expect((await call("PUT", "/api/stock/A", { quantity: 1, location: "MARS" }, KEY)).json.error.code).toBe("LOCATION_NOT_FOUND")
    expect((await call("PUT", "/api/stock/NOPE", { quantity: 1 }, KEY)).status).toBe(404)
    expect((await call("GET", "/api/stock?sku=A&location=WEST", undefined, KEY)).json.items).toEqual([
      { sku: "A", location: "WEST", quantity: 11, updated_at: expect.any(String) },
    ])
  })

  it("feeds simulated orders that lower the marketplace's stock", async () => {
    await call("PUT", "/api/stock/A", { quantity: 5 }, KEY)
    const placed = await call("POST", "/_control/orders", { api_key: KEY, lines: [{ sku: "A", quantity: 2 }] })
    expect(placed.json).toMatchObject({ id: expect.stringMatching(/^SBX-ORDER-/), lines: [{ sku: "A", quantity: 2, location: "EAST" }] })
    const feed = await call("GET", "/api/orders?since=2000-01-01T00:00:00.000Z", undefined, KEY)
    expect(feed.json.items).toHaveLength(1)
    expect((await call("GET", "/api/stock?sku=A", undefined, KEY)).json.items[0].quantity).toBe(3)
  })

  it("injects configured faults and validates the fault settings", async () => {
    expect((await call("POST", "/_control/faults", { error_rate: -1 })).json).toEqual({
      error: { code: "INVALID_BODY", message: "error_rate must be a non-negative number" },
    })
    await call("POST", "/_control/faults", { queue: [{ type: "rate_limit", retry_after_s: 3 }, { type: "status", status: 502 }, { type: "malformed" }] })
    const limited = await call("GET", "/api/stock", undefined, KEY)
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"])
    expect((await call("GET", "/api/stock", undefined, KEY)).status).toBe(502)
    const malformed = await call("GET", "/api/stock", undefined, KEY)
    expect([malformed.status, malformed.json]).toEqual([200, undefined])
    expect((await call("GET", "/api/stock", undefined, KEY)).status).toBe(200)
  })

  it("records API requests for tests to check", async () => {
    await call("GET", "/api/locations", undefined, KEY)
    const { json } = await call("GET", "/_control/requests")
    expect(json.requests.map((r: { method: string; path: string; status: number }) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /api/listings 200",
      "GET /api/locations 200",
    ])
  })

  it("shows its current stock on an HTML page", async () => {
    await call("PUT", "/api/stock/A", { quantity: 42, location: "WEST" }, KEY)
    const page = await call("GET", "/")
    expect(page.headers.get("content-type")).toContain("text/html")
    expect(page.text).toContain("Seller")
    expect(page.text).toMatch(/A[\s\S]*WEST[\s\S]*42/)
  })
})

describe("sandbox webhooks", () => {
  it("signs each event and delivers it again after a failure, like a marketplace with retries", async () => {
    const received: { signature: string; eventId: string; body: string }[] = []
    let fail = 1
    const { createServer } = await import("node:http")
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (c) => chunks.push(c))
      req.on("end", () => {
        received.push({ signature: String(req.headers["x-sandbox-signature"]), eventId: String(req.headers["x-sandbox-event-id"]), body: Buffer.concat(chunks).toString() })
        res.writeHead(fail-- > 0 ? 500 : 200).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`
    try {
      const secret = "sandbox-test-secret-0001"
      await call("POST", "/_control/webhook-retries", { delays_ms: [20, 20] })
      expect((await call("POST", `/_control/accounts/${KEY}/webhook`, { url, secret })).status).toBe(200)
      const placed = await call("POST", "/_control/orders", { api_key: KEY, id: "O-1", lines: [{ sku: "A", quantity: 1 }] })
      expect(placed.json).toMatchObject({ id: "O-1", status: "open", lines: [{ sku: "A", quantity: 1, location: "EAST" }] })
      await sandbox.webhooksSettled()
      expect(received).toHaveLength(2)
      expect(received[0].body).toBe(received[1].body)
      expect(received[0].signature).toBe(signWebhook(secret, received[0].body))
      const event = JSON.parse(received[0].body)
      expect(event).toMatchObject({ id: received[0].eventId, type: "order.created", data: { id: "O-1" } })
      expect(sandbox.deliveries.map((d) => [d.event_id, d.attempt, d.status])).toEqual([[event.id, 1, 500], [event.id, 2, 200]])

      // A cancellation is a second event; with duplicates on, each event arrives twice.
      await call("POST", `/_control/accounts/${KEY}/webhook`, { url, secret, duplicate: true })
      await call("POST", "/_control/orders/O-1/cancel", { api_key: KEY })
      await sandbox.webhooksSettled()
      const cancels = received.slice(2).map((r) => JSON.parse(r.body))
      expect(cancels.map((e) => [e.type, e.data.status])).toEqual([["order.updated", "cancelled"], ["order.updated", "cancelled"]])
      expect(cancels[0].id).toBe(cancels[1].id)
      expect((await call("GET", "/api/orders?since=nope", undefined, KEY)).status).toBe(400)
    } finally {
      await new Promise((resolve) => receiver.close(resolve))
    }
  })
})
