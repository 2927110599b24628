import { ChannelError, type PushItemResult, type QuantityUpdate, type SubmissionItemResult, type SubmissionStatus, type SubmittedItem, toChannelError } from "../../lib/provider"
import type { AmazonHttp } from "./client"
import { FEED_CONTENT_TYPE, FEED_TYPE, feedDocument, feedReason, type FeedSubmission, feedSubmissionId, judge, parseReport, type ProcessingReport } from "./feeds"
import { type AmazonCredentials, type AmazonListings, FBA_MESSAGE, ISSUE_LOCALE, type Lookup } from "./listings"

/** A feed still queued or in progress after this long is given up (transient: its rows push again). */
export const FEED_DEADLINE_MS = 2 * 3_600_000
/** Shortest and longest wait between two reads of one feed's status; in between, half its age. */
export const FEED_POLL_MIN_MS = 5_000
const FEED_POLL_MAX_MS = 60_000
/** Finished feeds kept in memory so that the pipeline's pages of one feed cost one report download. */
const FEED_CACHE_SIZE = 50

type FeedAnswer = { feedId?: string; processingStatus?: string; resultFeedDocumentId?: string }
/** What this process knows of a feed: its last status read, and the report once read. */
type FeedState = { status: string; result?: string; report?: ProcessingReport; next_read: number }

/**
 * Quantities as JSON_LISTINGS_FEED (Feeds API 2021-06-30): one feed for a push, productTypes
 * looked up in bulk first, and the verdict read from the feed's processing report.
 */
export class AmazonFeeds {
  private readonly feeds = new Map<string, FeedState>()

  constructor(
    private readonly http: AmazonHttp,
    private readonly listings: AmazonListings,
    /** Shortest wait between two reads of one feed's status. */
    private readonly pollMinMs: number
  ) {}

  /**
   * One JSON_LISTINGS_FEED for every update: productTypes looked up in bulk for SKUs without one,
   * FBA listings skipped, the rest uploaded and submitted under one id. A failure after lookups
   * found productTypes is answered per item, so that the listings keep what was found.
   */
  async push(creds: AmazonCredentials, updates: QuantityUpdate[]): Promise<PushItemResult[]> {
    const wait = this.http.feedWait(creds.seller_id)
    if (wait > 0) {
      // Waiting for a feed slot is no failure: the rows are Deferred and use up no try.
      const message = `waiting for a feed slot: Amazon's 5 JSON_LISTINGS_FEED submissions per 5 minutes are spent; the next is possible in ${Math.ceil(wait / 1_000)} s`
      return updates.map((update) => ({ sku: update.sku, location: null, outcome: "deferred", code: "FEED_QUOTA", message, retry_after_ms: wait }))
    }
    const unknown = updates.filter((update) => !update.channel_product_id?.trim()).map((update) => update.sku)
    const found = unknown.length ? await this.listings.lookUpMany(creds, unknown) : new Map<string, Lookup>()
    const results: PushItemResult[] = []
    const messages: { update: QuantityUpdate; productType: string; resolved?: string }[] = []
    for (const update of updates) {
      const kept = update.channel_product_id?.trim()
      const lookup = kept ? undefined : found.get(update.sku)!
      if (kept) messages.push({ update, productType: kept })
      else if (lookup?.kind === "type") messages.push({ update, productType: lookup.productType, resolved: lookup.productType })
      else if (lookup?.kind === "fba") results.push({ sku: update.sku, location: null, outcome: "skipped", code: "FULFILLED_BY_AMAZON", message: FBA_MESSAGE })
      else if (lookup?.kind === "error") results.push({ sku: update.sku, location: null, outcome: "error", error: lookup.error.toShape() })
    }
    if (!messages.length) return results
    let feedId: string
    try {
      feedId = await this.submitFeed(creds, messages.map((m) => ({ sku: m.update.sku, productType: m.productType, quantity: m.update.quantity })))
    } catch (error) {
      const failure = toChannelError(error)
      // Amazon's own 429 on a feed call, or our count of its feed slots: a wait, not a failure.
      if (failure.kind === "rate_limited") {
        const wait = failure.retryAfterMs ?? 60_000
        return [
          ...results,
          ...messages.map((m): PushItemResult => ({
            sku: m.update.sku, location: null, outcome: "deferred", code: "FEED_QUOTA", message: `waiting for a feed slot: ${failure.message}`, retry_after_ms: wait,
            ...(m.resolved ? { channel_product_id: m.resolved } : {}),
          })),
        ]
      }
      if (!messages.some((m) => m.resolved)) throw error
      const shape = failure.toShape()
      return [...results, ...messages.map((m): PushItemResult => ({ sku: m.update.sku, location: null, outcome: "error", error: shape, ...(m.resolved ? { channel_product_id: m.resolved } : {}) }))]
    }
    const id = feedSubmissionId({ f: feedId, n: messages.length, t: Date.now() })
    return [...results, ...messages.map((m): PushItemResult => ({ sku: m.update.sku, location: null, outcome: "submitted", submission_id: id, ...(m.resolved ? { channel_product_id: m.resolved } : {}) }))]
  }

  private async submitFeed(creds: AmazonCredentials, messages: { sku: string; productType: string; quantity: number }[]): Promise<string> {
    const { body: doc } = await this.http.call<{ feedDocumentId?: string; url?: string }>(creds, {
      operation: "createFeedDocument",
      method: "POST",
      path: "/feeds/2021-06-30/documents",
      body: { contentType: FEED_CONTENT_TYPE },
    })
    if (!doc?.feedDocumentId || !doc.url) throw ChannelError.transient("Amazon createFeedDocument answered without feedDocumentId or url", "MALFORMED_RESPONSE")
    await this.http.upload(doc.url, FEED_CONTENT_TYPE, feedDocument(creds.seller_id, ISSUE_LOCALE, messages))
    const { body: feed } = await this.http.call<{ feedId?: string }>(creds, {
      operation: "createFeed",
      method: "POST",
      path: "/feeds/2021-06-30/feeds",
      body: { feedType: FEED_TYPE, marketplaceIds: creds.marketplace_ids, inputFeedDocumentId: doc.feedDocumentId },
      scope: creds.seller_id,
    })
    if (!feed?.feedId) throw ChannelError.transient("Amazon createFeed answered without feedId", "MALFORMED_RESPONSE")
    return feed.feedId
  }

  /**
   * A feed's verdict. Its status is read at most once per poll interval (half the feed's age,
   * between feed_poll_ms and a minute; "pending" without a call in between), and a finished feed's
   * report is kept in memory, so that the pipeline's second-by-second checks, and its pages of one
   * big feed, cost one getFeed per interval and one report download in all.
   */
  async check(creds: AmazonCredentials, submission: FeedSubmission, items: SubmittedItem[]): Promise<SubmissionStatus> {
    const now = Date.now()
    let state = this.feeds.get(submission.f)
    if (!state || state.status === "IN_QUEUE" || state.status === "IN_PROGRESS") {
      const next = state?.next_read ?? submission.t + this.pollInterval(0)
      if (now < next) return { status: "pending" }
      const { body } = await this.http.call<FeedAnswer>(creds, { operation: "getFeed", method: "GET", path: `/feeds/2021-06-30/feeds/${encodeURIComponent(submission.f)}` })
      const status = body?.processingStatus
      if (!status || !["IN_QUEUE", "IN_PROGRESS", "DONE", "FATAL", "CANCELLED"].includes(status)) {
        throw ChannelError.transient(`Amazon getFeed answered processingStatus ${JSON.stringify(status)} for feed ${submission.f}`, "MALFORMED_RESPONSE")
      }
      state = { status, result: body.resultFeedDocumentId, next_read: Date.now() + this.pollInterval(Date.now() - submission.t) }
      this.remember(submission.f, state)
    }
    if (state.status === "IN_QUEUE" || state.status === "IN_PROGRESS") {
      if (now - submission.t < FEED_DEADLINE_MS) return { status: "pending" }
      return failAll(items, ChannelError.transient(`Amazon has not processed feed ${submission.f} after ${FEED_DEADLINE_MS / 3_600_000} hours (${state.status})`, "FEED_NOT_PROCESSED"))
    }
    if (!state.report && state.result) {
      state.report = await this.readReport(creds, submission.f, state.result)
    }
    if (state.status === "FATAL") {
      const reason = feedReason(state.report) ?? "no processing report"
      return failAll(items, ChannelError.rejected(`Amazon refused feed ${submission.f} as a whole (FATAL): ${reason}`, "FEED_FATAL"))
    }
    if (state.status === "CANCELLED") {
      const reason = feedReason(state.report)
      return failAll(items, ChannelError.transient(`Amazon feed ${submission.f} was cancelled${reason ? `: ${reason}` : ""}`, "FEED_CANCELLED"))
    }
    if (!state.report) throw ChannelError.transient(`Amazon feed ${submission.f} is DONE without a resultFeedDocumentId`, "MALFORMED_RESPONSE")
    return { status: "done", items: await this.settleFeed(creds, submission, state.report, items) }
  }

  private async settleFeed(creds: AmazonCredentials, submission: FeedSubmission, report: ProcessingReport, items: SubmittedItem[]): Promise<SubmissionItemResult[]> {
    const verdicts = judge(report, submission.n, items)
    const unknown = items.filter((item) => verdicts.get(item.sku)?.outcome === "unknown")
    const seen = unknown.length ? await this.listings.readBack(creds, unknown.map((item) => item.sku)) : new Map<string, (number | null)[]>()
    return items.map((item): SubmissionItemResult => {
      const ref = { sku: item.sku, location: item.location }
      const verdict = verdicts.get(item.sku)!
      if (verdict.outcome === "refused") {
        return { ...ref, outcome: "error", error: ChannelError.rejected(`Amazon refused the quantity for ${item.sku}: ${verdict.message}`, verdict.code ?? "FEED_MESSAGE_INVALID").toShape() }
      }
      if (verdict.outcome === "accepted" || seen.get(item.sku)?.every((quantity) => quantity === item.quantity)) {
        return { ...ref, outcome: "success", quantity: item.quantity }
      }
      const shown = seen.get(item.sku)?.map((q) => q ?? "none").join(", ") ?? "nothing"
      return { ...ref, outcome: "error", error: ChannelError.transient(`Amazon's report of feed ${submission.f} does not account for ${item.sku}, which shows ${shown} (pushed ${item.quantity})`, "NOT_CONFIRMED").toShape() }
    })
  }

  private async readReport(creds: AmazonCredentials, feedId: string, documentId: string): Promise<ProcessingReport> {
    const { body } = await this.http.call<{ url?: string; compressionAlgorithm?: string }>(creds, {
      operation: "getFeedDocument",
      method: "GET",
      path: `/feeds/2021-06-30/documents/${encodeURIComponent(documentId)}`,
    })
    if (!body?.url) throw ChannelError.transient(`Amazon getFeedDocument answered without url for feed ${feedId}`, "MALFORMED_RESPONSE")
    return parseReport(await this.http.download(body.url, body.compressionAlgorithm), feedId)
  }

  private pollInterval(ageMs: number): number {
    const min = this.pollMinMs
    return Math.min(Math.max(min, FEED_POLL_MAX_MS), Math.max(min, Math.round(ageMs / 2)))
  }

  private remember(feedId: string, state: FeedState): void {
    this.feeds.delete(feedId)
    this.feeds.set(feedId, state)
    while (this.feeds.size > FEED_CACHE_SIZE) this.feeds.delete(this.feeds.keys().next().value!)
  }
}

function failAll(items: SubmittedItem[], error: ChannelError): SubmissionStatus {
  return { status: "done", items: items.map((item) => ({ sku: item.sku, location: item.location, outcome: "error", error: error.toShape() })) }
}
