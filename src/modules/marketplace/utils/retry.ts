import type { ChannelErrorShape } from "../../../lib/provider"

/** Failed tries of one push before it lands in Error. */
export const MAX_ATTEMPTS = 6
/** After a push ran out of retries on transient failures, its row starts over this much later. */
export const COOLOFF_MS = 30_000
const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 5 * 60_000

/** Errors worth trying again: the same request may succeed later. */
export const isRetryable = (error: ChannelErrorShape) => error.kind === "transient" || error.kind === "rate_limited"

/**
 * Exponential backoff with full jitter (0.5×–1× of base·2^(attempt−1), capped), and never sooner
 * than the channel's Retry-After.
 */
export function retryDelayMs(attempt: number, error: ChannelErrorShape, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1))
  const jittered = Math.round(exponential * (0.5 + random() / 2))
  return Math.max(jittered, error.retry_after_ms ?? 0)
}
