/**
 * Calendar days in a time zone, for per-day caps (eBay's revisions): when a day starts, as an
 * instant, whatever the zone's daylight-saving rules (Intl does the zone arithmetic).
 */
const formats = new Map<string, Intl.DateTimeFormat>()

function partsAt(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    })
    formats.set(timeZone, format)
  }
  const value = (type: string) => Number(format!.formatToParts(ms).find((p) => p.type === type)?.value)
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour"), minute: value("minute"), second: value("second") }
}

/** How far the zone's wall clock is ahead of UTC at this instant (negative west of Greenwich). */
function offsetMs(ms: number, timeZone: string): number {
  const p = partsAt(ms, timeZone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1_000) * 1_000
}

/** The instant the calendar day after the one holding `nowMs` begins in `timeZone`. */
export function startOfNextDay(nowMs: number, timeZone: string): number {
  return startOfDay(nowMs, timeZone, 1)
}

/** The instant the calendar day holding `nowMs` (or `plusDays` after it) begins in `timeZone`. */
export function startOfDay(nowMs: number, timeZone: string, plusDays = 0): number {
  const today = partsAt(nowMs, timeZone)
  const midnightAsUtc = Date.UTC(today.year, today.month - 1, today.day + plusDays)
  // The offset at midnight itself can differ from now's (a DST change during the day): settle it.
  const first = midnightAsUtc - offsetMs(midnightAsUtc, timeZone)
  return midnightAsUtc - offsetMs(first, timeZone)
}
