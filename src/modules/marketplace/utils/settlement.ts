import { ChannelError, type ChannelErrorShape, type PushItemResult } from "../../../lib/provider"
import type { ClaimedTarget, Settlement } from "./outbox"
import { COOLOFF_MS, isRetryable, MAX_ATTEMPTS, retryDelayMs } from "./retry"

export function toShape(error: unknown): ChannelErrorShape {
  if (error instanceof ChannelError) {
    return error.toShape()
  }
  return { kind: "transient", message: (error as Error)?.message ?? String(error), code: "UNEXPECTED" }
}

/** Turns a provider's item result into what the outbox records, deciding retry or give-up. */
export function settlement(
  target: ClaimedTarget,
  item: Pick<PushItemResult, "outcome"> & {
    quantity?: number
    submission_id?: string
    error?: ChannelErrorShape
    note?: string
    code?: string
    message?: string
    retry_after_ms?: number
  }
): Settlement {
  if (item.outcome === "success") {
    return { target, outcome: "success", quantity: item.quantity ?? target.desired_quantity, note: item.note ?? null }
  }
  if (item.outcome === "deferred") {
    return {
      target,
      outcome: "deferred",
      code: item.code ?? "DEFERRED",
      message: item.message ?? "The channel takes this item later",
      next_attempt_at: new Date(Date.now() + Math.max(1_000, item.retry_after_ms ?? 60_000)),
    }
  }
  if (item.outcome === "skipped") {
    return { target, outcome: "skipped", code: item.code ?? "SKIPPED", message: item.message ?? "The channel does not take this item's quantity" }
  }
  if (item.outcome === "submitted") {
    return { target, outcome: "submitted", submission_id: item.submission_id! }
  }
  const error = item.error!
  const attempts = target.attempts
  if (isRetryable(error) && attempts < MAX_ATTEMPTS) {
    return { target, outcome: "retry", error, attempts, next_attempt_at: new Date(Date.now() + retryDelayMs(attempts, error)) }
  }
  if (isRetryable(error)) {
    const message = `${error.message} (gave up after ${attempts} attempts; starting over in ${COOLOFF_MS / 1_000} s)`
    return { target, outcome: "error", error: { ...error, message }, attempts, cooloff_ms: COOLOFF_MS }
  }
  return { target, outcome: "error", error, attempts }
}
