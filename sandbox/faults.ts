/**
 * Faults the tests (and curious humans) can switch on. Queued faults hit the next requests in
 * order, exactly once each; rates apply at random to every API request.
 */
export type QueuedFault =
  | { type: "status"; status: number }
  | { type: "rate_limit"; retry_after_s: number }
  | { type: "timeout" }
  | { type: "malformed" }

export type FaultConfig = {
  latency_ms: number
  error_rate: number
  rate_limit_rate: number
  retry_after_s: number
  timeout_rate: number
  malformed_rate: number
  queue: QueuedFault[]
}

export const NO_FAULTS: FaultConfig = {
  latency_ms: 0,
  error_rate: 0,
  rate_limit_rate: 0,
  retry_after_s: 1,
  timeout_rate: 0,
  malformed_rate: 0,
  queue: [],
}

export function pickFault(config: FaultConfig, random: () => number = Math.random): QueuedFault | null {
  const queued = config.queue.shift()
  if (queued) {
    return queued
  }
  if (random() < config.timeout_rate) {
    return { type: "timeout" }
  }
  if (random() < config.rate_limit_rate) {
    return { type: "rate_limit", retry_after_s: config.retry_after_s }
  }
  if (random() < config.error_rate) {
    return { type: "status", status: 503 }
  }
  if (random() < config.malformed_rate) {
    return { type: "malformed" }
  }
  return null
}

export function parseFaultConfig(body: unknown, current: FaultConfig): FaultConfig {
  const input = (body ?? {}) as Partial<FaultConfig>
  const next = { ...current, queue: [...current.queue] }
  for (const key of ["latency_ms", "error_rate", "rate_limit_rate", "retry_after_s", "timeout_rate", "malformed_rate"] as const) {
    if (input[key] !== undefined) {
      if (typeof input[key] !== "number" || (input[key] as number) < 0) {
        throw new Error(`${key} must be a non-negative number`)
      }
      next[key] = input[key] as number
    }
  }
  if (input.queue !== undefined) {
    if (!Array.isArray(input.queue)) {
      throw new Error("queue must be an array")
    }
    next.queue.push(...input.queue)
  }
  return next
}
