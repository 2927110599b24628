import { ChannelError } from "../../lib/provider"

/** JSON_LISTINGS_FEED (channels.md §2.3): the document we upload, the ids we hand out, the report we read. */
export const FEED_TYPE = "JSON_LISTINGS_FEED"
/** The document is created with this content type, and the upload must send exactly it (S3 signs it). */
export const FEED_CONTENT_TYPE = "application/json; charset=UTF-8"
/** listings-feed-schema-v2.json: messages maxItems (25,000 since January 2026, 10,000 before). */
export const MAX_FEED_MESSAGES = 25_000
export const QUANTITY_PATH = "/attributes/fulfillment_availability"

export type FeedMessage = { sku: string; productType: string; quantity: number }

/** Code-unit order of SKUs: the order messages are numbered in, rebuilt by checkSubmission. */
export function bySku(a: { sku: string }, b: { sku: string }): number {
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0
}

/** The feed body: messages in SKU order numbered from 1, each a merge of the DEFAULT quantity. */
export function feedDocument(sellerId: string, issueLocale: string, items: FeedMessage[]): string {
  const messages = [...items].sort(bySku).map((item, i) => ({
    messageId: i + 1,
    sku: item.sku,
    operationType: "PATCH",
    productType: item.productType,
    patches: [{ op: "merge", path: QUANTITY_PATH, value: [{ fulfillment_channel_code: "DEFAULT", quantity: item.quantity }] }],
  }))
  return JSON.stringify({ header: { sellerId, version: "2.0", issueLocale }, messages })
}

/**
 * What a submission id carries, so that no state of ours is needed to judge it: a patch names its
 * SKU, marketplaces and quantity; a feed its feed id, how many messages it held and when it was sent.
 */
export type PatchSubmission = { kind: "patch"; sku: string; m: string[]; q: number; t: number }
export type FeedSubmission = { kind: "feed"; f: string; n: number; t: number }

export function patchSubmissionId(value: Omit<PatchSubmission, "kind">): string {
  return Buffer.from(JSON.stringify({ sku: value.sku, m: value.m, q: value.q, t: value.t })).toString("base64url")
}

export function feedSubmissionId(value: Omit<FeedSubmission, "kind">): string {
  return Buffer.from(JSON.stringify({ f: value.f, n: value.n, t: value.t })).toString("base64url")
}

export function decodeSubmission(id: string): PatchSubmission | FeedSubmission {
  try {
    const value = JSON.parse(Buffer.from(id, "base64url").toString("utf8")) as Record<string, unknown>
    if (typeof value.f === "string" && Number.isInteger(value.n) && typeof value.t === "number") {
      return { kind: "feed", f: value.f, n: value.n as number, t: value.t }
    }
    if (typeof value.sku === "string" && Array.isArray(value.m) && typeof value.q === "number" && typeof value.t === "number") {
      return { kind: "patch", sku: value.sku, m: value.m as string[], q: value.q, t: value.t }
    }
  } catch {
    // fall through
  }
  throw ChannelError.notFound(`"${id}" is not an Amazon submission id of this plugin`, "SUBMISSION_NOT_FOUND")
}

export type ReportIssue = { messageId?: number; sku?: string; code?: string; severity?: string; message?: string }
export type ProcessingReport = {
  issues: ReportIssue[]
  summary?: { messagesProcessed?: number; messagesAccepted?: number; messagesInvalid?: number }
}

export function parseReport(bytes: Buffer, feedId: string): ProcessingReport {
  let value: { issues?: unknown; summary?: ProcessingReport["summary"] }
  try {
    value = JSON.parse(bytes.toString("utf8"))
  } catch {
    throw ChannelError.transient(`Amazon's processing report of feed ${feedId} is not JSON`, "MALFORMED_RESPONSE")
  }
  if (!value || typeof value !== "object" || (value.issues !== undefined && !Array.isArray(value.issues))) {
    throw ChannelError.transient(`Amazon's processing report of feed ${feedId} has no issues list`, "MALFORMED_RESPONSE")
  }
  return { issues: (value.issues as ReportIssue[] | undefined) ?? [], summary: value.summary }
}

/** Why a whole feed failed, from its report: the feed-level issues first. */
export function feedReason(report: ProcessingReport | undefined): string | null {
  const issues = report?.issues ?? []
  const general = issues.filter((i) => i.messageId === undefined && i.message)
  const chosen = general.length ? general : issues.filter((i) => i.message).slice(0, 3)
  return chosen.length ? chosen.map((i) => (i.code ? `${i.message} (${i.code})` : i.message)).join("; ") : null
}

export type Verdict = { outcome: "accepted" } | { outcome: "refused"; code?: string; message: string } | { outcome: "unknown" }

/**
 * Each waiting item's verdict from the report of a DONE feed of `n` messages. When the items are
 * all `n`, message ids are their ordinals in SKU order (as sent); otherwise issues are matched on
 * the SKU Amazon names in them. An item is `unknown` (to be read back) when the report cannot
 * speak for it: an error that names no SKU while only some items are given, or a summary that
 * accepted fewer messages than the issues explain.
 */
export function judge(report: ProcessingReport, n: number, items: { sku: string }[]): Map<string, Verdict> {
  const errors = report.issues.filter((i) => i.severity === "ERROR" && i.messageId !== undefined)
  const byId = group(errors, (i) => i.messageId)
  const bySkuName = group(errors.filter((i) => i.sku), (i) => i.sku)
  const sorted = [...items].sort(bySku)
  const ordinal = new Map(sorted.map((item, i) => [item.sku, i + 1]))
  // Ordinals hold only for the whole feed, and only if Amazon's SKUs (when it names them) agree.
  const byOrdinal = items.length === n && errors.every((i) => i.sku === undefined || sorted[(i.messageId as number) - 1]?.sku === i.sku)
  const unnamed = errors.some((i) => !i.sku)
  const accepted = report.summary?.messagesAccepted
  const uncertain = typeof accepted === "number" && accepted < n - byId.size
  const verdicts = new Map<string, Verdict>()
  for (const item of items) {
    const own = byOrdinal ? byId.get(ordinal.get(item.sku)!) : bySkuName.get(item.sku)
    if (own?.length) {
      const message = [...new Set(own.map((i) => i.message ?? "refused"))].join("; ")
      verdicts.set(item.sku, { outcome: "refused", code: own.find((i) => i.code)?.code, message })
    } else if ((!byOrdinal && unnamed) || uncertain) {
      verdicts.set(item.sku, { outcome: "unknown" })
    } else {
      verdicts.set(item.sku, { outcome: "accepted" })
    }
  }
  return verdicts
}

function group<T, K>(list: T[], key: (item: T) => K | undefined): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const item of list) {
    const k = key(item)
    if (k !== undefined) map.set(k, [...(map.get(k) ?? []), item])
  }
  return map
}
