import { plural } from "./format"
import type { MatchSummary } from "./types"

/** "9 new of 10 read; 4 matched, 3 suggested, 2 without a match; 1 staged order released." */
export function describeMatchSummary(summary: MatchSummary, imported: boolean): string {
  const parts = [
    ...(imported ? [`${summary.created} new of ${summary.entries} read`] : []),
    `${summary.matched} matched, ${summary.suggested} suggested, ${summary.unmatched} without a match`,
    ...(summary.released_orders ? [`${plural(summary.released_orders, "staged order")} released`] : []),
  ]
  return parts.join("; ")
}
