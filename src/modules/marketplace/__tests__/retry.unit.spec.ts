import { ChannelError, retryAfterMs } from "../../../lib/provider"
import { isRetryable, MAX_ATTEMPTS, retryDelayMs } from "../utils/retry"

const transient = ChannelError.transient("Service unavailable", "HTTP_503").toShape()
const lowest = () => 0
const highest = () => 0.999999

describe("retry backoff", () => {
  it("doubles the delay with every attempt, jittered between half and all of it", () => {
    const floors = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, transient, lowest))
    const ceilings = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, transient, highest))
    expect(floors).toEqual([250, 500, 1_000, 2_000, 4_000])
    expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 8_000])
  })

  it("stops growing at five minutes", () => {
    expect(retryDelayMs(30, transient, highest)).toBe(300_000)
  })

  it("never retries sooner than Retry-After given in seconds", () => {
    const throttled = ChannelError.rateLimited("Slow down", retryAfterMs("30"), "RATE_LIMITED").toShape()
    expect(retryDelayMs(1, throttled, highest)).toBe(30_000)
    // Past the point where the backoff exceeds it, the backoff wins.
    expect(retryDelayMs(8, throttled, lowest)).toBe(32_000)
  })

  it("never retries sooner than Retry-After given as an HTTP date", () => {
    const now = Date.parse("2026-12-02T10:00:00Z")
    const wait = retryAfterMs("Wed, 02 Dec 2026 10:00:45 GMT", now)
    expect(wait).toBe(45_000)
    const throttled = ChannelError.rateLimited("Slow down", wait).toShape()
    expect(retryDelayMs(2, throttled, highest)).toBe(45_000)
  })

  it("reads past dates as no wait and unreadable values as the default wait", () => {
    const now = Date.parse("2026-12-02T10:00:00Z")
    expect(retryAfterMs("Wed, 02 Dec 2026 09:00:00 GMT", now)).toBe(0)
    expect(retryAfterMs("soon", now)).toBe(1_000)
    expect(retryAfterMs(null, now)).toBe(1_000)
    expect(retryAfterMs("1.5", now)).toBe(1_500)
  })

  it("retries only transient failures and throttling, six tries in all", () => {
    expect(isRetryable(transient)).toBe(true)
    expect(isRetryable(ChannelError.rateLimited("x", 1).toShape())).toBe(true)
    expect(isRetryable(ChannelError.rejected("bad quantity").toShape())).toBe(false)
    expect(isRetryable(ChannelError.auth("bad key").toShape())).toBe(false)
    expect(isRetryable(ChannelError.notFound("no such SKU").toShape())).toBe(false)
    expect(MAX_ATTEMPTS).toBe(6)
  })
})
