import { SandboxServer, startSandbox, MAX_BATCH_SIZE } from "../server"

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
