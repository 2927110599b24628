/**
 * The closed set of ways a channel call can fail. Every adapter maps every vendor failure into
 * one of these through a single function, so the pipeline decides retries without knowing the
 * channel:
 * - `auth`: credentials rejected or expired; no retry until someone fixes them.
 * - `rate_limited`: the channel asked us to slow down; retry after `retryAfterMs`.
 * - `transient`: network errors, timeouts, 5xx, malformed answers; retry with backoff.
 * - `rejected`: the channel refused this item or request (its reason is kept); no retry.
 * - `not_found`: the SKU, listing or submission does not exist on the channel; no retry.
 */
export type ChannelErrorKind = "auth" | "rate_limited" | "transient" | "rejected" | "not_found"

export type ChannelErrorShape = {
  kind: ChannelErrorKind
  message: string
  /** The channel's own error code, when it gives one. */
  code?: string
  retry_after_ms?: number
}

export class ChannelError extends Error {
  readonly kind: ChannelErrorKind
  readonly code?: string
  readonly retryAfterMs?: number

  constructor(kind: ChannelErrorKind, message: string, extra: { code?: string; retryAfterMs?: number } = {}) {
    super(message)
    this.name = "ChannelError"
    this.kind = kind
    this.code = extra.code
    this.retryAfterMs = extra.retryAfterMs
  }

  static auth(message: string, code?: string): ChannelError {
    return new ChannelError("auth", message, { code })
  }

  static rateLimited(message: string, retryAfterMs: number, code?: string): ChannelError {
    return new ChannelError("rate_limited", message, { code, retryAfterMs })
  }

  static transient(message: string, code?: string): ChannelError {
    return new ChannelError("transient", message, { code })
  }

  static rejected(message: string, code?: string): ChannelError {
    return new ChannelError("rejected", message, { code })
  }

  static notFound(message: string, code?: string): ChannelError {
    return new ChannelError("not_found", message, { code })
  }

  /** Only throttling and transient failures are worth retrying. */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "transient"
  }

  toShape(): ChannelErrorShape {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.code ? { code: this.code } : {}),
      ...(this.retryAfterMs !== undefined ? { retry_after_ms: this.retryAfterMs } : {}),
    }
  }
}

/** Anything thrown inside an adapter that is not a ChannelError is a bug or a network failure. */
export function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) {
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  return ChannelError.transient(message)
}
