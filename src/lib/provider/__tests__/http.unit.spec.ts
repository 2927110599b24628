import http from "node:http"
import type { AddressInfo } from "node:net"
import { ChannelError, itemKey, requestJson, signHmac, statusError, verifyHmac, withBaseUrl, checkBaseUrlOption } from ".."

describe("shared HTTP helpers for adapters", () => {
  it("maps statuses to the closed error set, with Retry-After in seconds or as a date", () => {
    const now = Date.now()
    const headers = (value: string) => new Headers({ "retry-after": value })
    expect(statusError(401, null, { message: "bad token" }).toShape()).toEqual({ kind: "auth", message: "bad token", code: "HTTP_401" })
    expect(statusError(403, null).kind).toBe("auth")
    expect(statusError(429, headers("7")).retryAfterMs).toBe(7_000)
    const dated = statusError(429, headers(new Date(now + 4_000).toUTCString())).retryAfterMs!
    expect(dated).toBeGreaterThan(2_000)
    expect(dated).toBeLessThanOrEqual(4_000)
    expect(statusError(404, null).kind).toBe("not_found")
    expect([408, 500, 502, 503].map((s) => statusError(s, null).kind)).toEqual(["transient", "transient", "transient", "transient"])
    expect(statusError(422, null, { message: "no", code: "X" }).toShape()).toEqual({ kind: "rejected", message: "no", code: "X" })
  })

  it("verifies HMAC signatures over the raw bytes in hex or base64, and refuses anything else", () => {
    const body = Buffer.from('{"a":1}')
    const hex = signHmac("s3cret", body, "hex")
    const b64 = signHmac("s3cret", body, "base64")
    expect(verifyHmac({ secret: "s3cret", raw_body: body, signature: `sha256=${hex}`, encoding: "hex", prefix: "sha256=" })).toBe(true)
    expect(verifyHmac({ secret: "s3cret", raw_body: body, signature: b64, encoding: "base64" })).toBe(true)
    expect(verifyHmac({ secret: "s3cret", raw_body: Buffer.from('{"a":2}'), signature: b64, encoding: "base64" })).toBe(false)
    expect(verifyHmac({ secret: "other", raw_body: body, signature: b64, encoding: "base64" })).toBe(false)
    expect(verifyHmac({ secret: "s3cret", raw_body: body, signature: hex, encoding: "hex", prefix: "sha256=" })).toBe(false)
    expect(verifyHmac({ secret: "s3cret", raw_body: body, signature: [b64, b64], encoding: "base64" })).toBe(false)
    expect(verifyHmac({ secret: "", raw_body: body, signature: b64, encoding: "base64" })).toBe(false)
    expect(verifyHmac({ secret: "s3cret", raw_body: body, signature: b64.slice(0, 10), encoding: "base64" })).toBe(false)
  })

  it("points a URL at another origin, keeping its path and query", () => {
    expect(withBaseUrl("https://shop.myshopify.com/admin/api/2026-04/graphql.json?x=1", "http://127.0.0.1:9000").toString()).toBe(
      "http://127.0.0.1:9000/admin/api/2026-04/graphql.json?x=1"
    )
    expect(withBaseUrl("https://a.test/wp-json/wc/v3/products", "http://proxy.test/woo/").toString()).toBe("http://proxy.test/woo/wp-json/wc/v3/products")
    expect(withBaseUrl("https://a.test/x", undefined).toString()).toBe("https://a.test/x")
    expect(() => checkBaseUrlOption("acme", "ftp://x")).toThrow("acme provider: option api_base_url must be an http(s) URL")
    expect(() => checkBaseUrlOption("acme", "http://127.0.0.1:1")).not.toThrow()
  })

  it("keys items by SKU and location, null and empty alike", () => {
    expect(itemKey({ sku: "A", location: null })).toBe(itemKey({ sku: "A", location: "" }))
    expect(itemKey({ sku: "A", location: "X" })).not.toBe(itemKey({ sku: "A", location: null }))
    expect(itemKey({ sku: "A|B", location: null })).not.toBe(itemKey({ sku: "A", location: "B" }))
  })

  describe("requestJson against a local server", () => {
    let server: http.Server
    let base: string
    const answers: ((res: http.ServerResponse) => void)[] = []
    beforeAll(async () => {
      server = http.createServer((_req, res) => (answers.shift() ?? ((r) => r.writeHead(500).end()))(res))
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise((resolve) => server.close(resolve)))
    const call = () =>
      requestJson<{ ok: boolean }>(`${base}/x`, {
        method: "POST",
        body: { a: 1 },
        timeout_ms: 200,
        label: "Acme push",
        failure: (body) => ({ message: (body as { error?: string })?.error, code: (body as { code?: string })?.code }),
      })
    const refused = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e as ChannelError).toShape())

    it("returns the parsed body, and the channel's own words for a refusal", async () => {
      answers.push((res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'))
      expect((await call()).body).toEqual({ ok: true })
      answers.push((res) => res.writeHead(422).end('{"error":"quantity is locked","code":"LOCKED"}'))
      expect(await refused(call())).toEqual({ kind: "rejected", message: "quantity is locked", code: "LOCKED" })
      answers.push((res) => res.writeHead(429, { "retry-after": "2" }).end("{}"))
      expect(await refused(call())).toMatchObject({ kind: "rate_limited", retry_after_ms: 2_000 })
    })

    it("treats a body that is not JSON and a timeout as transient", async () => {
      answers.push((res) => res.writeHead(200).end("<html>"))
      expect(await refused(call())).toMatchObject({ kind: "transient", code: "MALFORMED_RESPONSE" })
      answers.push(() => undefined)
      expect(await refused(call())).toMatchObject({ kind: "transient", code: "TIMEOUT", message: "Acme push: timed out after 200 ms" })
    })
  })
})
