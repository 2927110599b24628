import { ChannelError, itemKey, type SubmissionStatus } from "../../../lib/provider"
import type MarketplaceModuleService from "../service"
import type { Settlement } from "../service"
import { SUBMISSIONS_PER_CHECK } from "./outbox"
import { isRetryable } from "./retry"
import { settlement, toShape } from "./settlement"

/**
 * Reads the verdict on every submitted push, one call per submission (its rows grouped by
 * channel, submission id and claim), and settles the finished ones through `settle`: success,
 * error, or retry when the channel failed it transiently. A submission the channel could not be
 * asked about now stays pending. Returns how many rows are still pending and which channels had
 * a submission finish (their lanes run again).
 */
export async function readSubmissions(
  service: MarketplaceModuleService,
  settle: (token: string, settlements: Settlement[]) => Promise<void>
): Promise<{ pending: number; finished: string[] }> {
  const rows = await service.listSubmittedTargets(SUBMISSIONS_PER_CHECK)
  const bySubmission = new Map<string, typeof rows>()
  for (const row of rows) {
    const group = `${row.channel_id}|${row.submission_id}|${row.claim_token}`
    const members = bySubmission.get(group)
    if (members) {
      members.push(row)
    } else {
      bySubmission.set(group, [row])
    }
  }
  // More submissions than one check reads: count them as pending so the next check comes soon.
  let pending = bySubmission.size >= SUBMISSIONS_PER_CHECK ? 1 : 0
  const finished = new Set<string>()
  for (const targets of bySubmission.values()) {
    const { channel_id, provider_id, submission_id, claim_token } = targets[0]
    let status: SubmissionStatus
    try {
      const provider = service.getProvider(provider_id)
      status = await provider.checkSubmission(
        await service.getChannelContext(channel_id),
        submission_id,
        targets.map((t) => ({ sku: t.channel_sku, location: t.location_external_id ?? null, quantity: t.desired_quantity, reference: t.record_id }))
      )
    } catch (error) {
      const shape = toShape(error)
      if (isRetryable(shape)) {
        pending += targets.length
        continue
      }
      await settle(claim_token, targets.map((target) => settlement(target, { outcome: "error", error: shape })))
      finished.add(channel_id)
      continue
    }
    if (status.status === "pending") {
      pending += targets.length
      continue
    }
    const byKey = new Map(status.items.map((item) => [itemKey(item), item]))
    await settle(
      claim_token,
      targets.map((target) =>
        settlement(
          target,
          byKey.get(itemKey({ sku: target.channel_sku, location: target.location_external_id })) ?? {
            outcome: "error",
            error: ChannelError.transient("The channel's report has no result for this item", "MISSING_RESULT").toShape(),
          }
        )
      )
    )
    finished.add(channel_id)
  }
  return { pending, finished: [...finished] }
}
