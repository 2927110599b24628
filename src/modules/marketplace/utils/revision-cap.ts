import { type ChannelCapabilities, startOfDay, startOfNextDay } from "../../../lib/provider"
import type MarketplaceModuleService from "../service"
import type { ClaimedTarget, Settlement } from "../service"

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

/**
 * Splits a round's rows into what the cap lets go now and what waits (settled as deferred by the
 * caller). Revisions are the listing's pushes the channel took today (Success or Submitted rows
 * of the Sync Log), plus the ones this round sends before it.
 */
export async function holdBackByRevisionCap(
  service: Pick<MarketplaceModuleService, "countRevisions">,
  cap: RevisionCap,
  channelId: string,
  targets: ClaimedTarget[],
  now: Date
): Promise<{ send: ClaimedTarget[]; deferred: Settlement[] }> {
  const since = new Date(Date.now() - sinceStartOfDay(now, cap.time_zone))
  const used = await service.countRevisions(channelId, [...new Set(targets.map((t) => t.listing_id))], since)
  const send: ClaimedTarget[] = []
  const deferred: Settlement[] = []
  for (const target of targets) {
    const verdict = judgeRevision(cap, used.get(target.listing_id) ?? 0, { quantity: target.desired_quantity, known_quantity: target.known_quantity }, now)
    if (verdict.send) {
      used.set(target.listing_id, (used.get(target.listing_id) ?? 0) + 1)
      send.push(target)
    } else {
      deferred.push({ target, outcome: "deferred", code: verdict.code, message: verdict.message, next_attempt_at: new Date(Date.now() + verdict.wait_ms) })
    }
  }
  return { send, deferred }
}
