import { isDrift } from "../compare"

const now = Date.parse("2026-12-02T12:00:00Z")
const window = 120_000
const pushedAgo = (ms: number, quantity = 4) => ({ last_pushed_quantity: quantity, last_pushed_at: new Date(now - ms), pending: false })

describe("drift and the echo window", () => {
  it("takes a different channel value inside the echo window after our write for our echo, not drift", () => {
    expect(isDrift(7, pushedAgo(window - 1_000), now, window)).toBe(false)
  })

  it("calls the same difference drift once the window after our write has passed", () => {
    expect(isDrift(7, pushedAgo(window + 1_000), now, window)).toBe(true)
  })

  it("never calls drift while a push of ours is on its way, or where the channel shows what we told it", () => {
    expect(isDrift(7, { ...pushedAgo(window * 10), pending: true }, now, window)).toBe(false)
    expect(isDrift(4, pushedAgo(window * 10), now, window)).toBe(false)
  })

  it("has no drift without a write of ours or a channel value to compare", () => {
    expect(isDrift(7, { last_pushed_quantity: null, last_pushed_at: null, pending: false }, now, window)).toBe(false)
    expect(isDrift(undefined, pushedAgo(window * 10), now, window)).toBe(false)
    expect(isDrift(7, undefined, now, window)).toBe(false)
  })
})
