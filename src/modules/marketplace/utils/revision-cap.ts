import { type ChannelCapabilities, startOfDay, startOfNextDay } from "../../../lib/provider"

export type RevisionCap = NonNullable<ChannelCapabilities["revision_cap"]>

/** What the cap decides for one row about to be pushed. */
export type RevisionVerdict = { send: true } | { send: false; code: string; message: string; wait_ms: number }

export const DAILY_REVISION_CAP = "DAILY_REVISION_CAP"
const RESERVE_RECHECK_MS = 60_000

/** Milliseconds between `now` and the last midnight in `timeZone`. */
export function sinceStartOfDay(now: Date, timeZone: string): number {
  return now.getTime() - startOfDay(now.getTime(), timeZone)
}

/** Milliseconds from `now` to the next midnight in `timeZone` (daylight-saving days included). */
export function untilNextDay(now: Date, timeZone: string): number {
  return startOfNextDay(now.getTime(), timeZone) - now.getTime()
}

/**
 * Applies a daily revision cap to one row: `used` revisions of its listing today. At the cap
 * nothing is sent until the next day; with fewer than `reserve` left only decreases and
 * zero-outs go (so an oversell is never held back), and increases wait until the next day.
 */
export function judgeRevision(
  cap: RevisionCap,
  used: number,
  row: { quantity: number; known_quantity: number | null | undefined },
  now: Date
): RevisionVerdict {
  const left = cap.per_day - used
  const wait_ms = untilNextDay(now, cap.time_zone)
  if (left <= 0) {
    return {
      send: false,
      code: DAILY_REVISION_CAP,
      message: `deferred: daily revision cap (${used} of ${cap.per_day} revisions today); sent when the channel's day turns (${cap.time_zone})`,
      wait_ms,
    }
  }
  const lowering = row.quantity === 0 || row.known_quantity === null || row.known_quantity === undefined || row.quantity < row.known_quantity
  if (left <= cap.reserve && !lowering) {
    return {
      send: false,
      code: DAILY_REVISION_CAP,
      message: `deferred: daily revision cap nearly reached (${used} of ${cap.per_day} today); only decreases go until the channel's day turns (${cap.time_zone})`,
      // Looked at again every minute: a decrease that arrives meanwhile must not wait for tomorrow.
      wait_ms: Math.min(wait_ms, RESERVE_RECHECK_MS),
    }
  }
  return { send: true }
}
