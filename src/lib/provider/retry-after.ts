/** Without a usable Retry-After, wait this long before retrying a throttled call. */
export const DEFAULT_RETRY_AFTER_MS = 1_000

/**
 * Milliseconds to wait from a Retry-After header, which is either delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Missing or unreadable values give `fallbackMs`; a date in the past gives 0.
 */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now(), fallbackMs = DEFAULT_RETRY_AFTER_MS): number {
  if (!value?.trim()) {
    return fallbackMs
  }
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.max(0, Number(text) * 1_000)
  }
  const date = Date.parse(text)
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now)
}
