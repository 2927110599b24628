import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { receiveChannelOrder } from "../../../../lib/orders/receive-order"
import { ChannelError, type ChannelContext } from "../../../../lib/provider"
import type { MarketplaceModuleService } from "../../../../modules/marketplace"
import { MARKETPLACE_MODULE } from "../../../../modules/marketplace/types"

/** Largest webhook body taken in; marketplaces' order payloads are a few kilobytes. */
export const WEBHOOK_SIZE_LIMIT = 256 * 1024

class BodyTooLarge extends Error {}

/**
 * Inbound webhooks of one channel. No admin session: the channel's signature over the raw body
 * is the authentication, checked before a byte of it is parsed. Answers: 404 unknown channel or
 * one without webhooks; 413 over the size limit; 401 missing or wrong signature; 400 a body the
 * channel would not send; 200 taken in (a redelivered event id is acknowledged and skipped);
 * 500 when handling failed, so the channel delivers again.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const marketplace = req.scope.resolve<MarketplaceModuleService>(MARKETPLACE_MODULE)
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const channelId = req.params.channel_id
  const [channel] = await marketplace.listChannels({ id: channelId }, { select: ["id", "provider_id", "order_import_enabled"] })
  let provider
  try {
    provider = channel ? marketplace.getProvider(channel.provider_id) : null
  } catch {
    provider = null
  }
  if (!channel || !provider?.capabilities.webhooks) {
    req.resume()
    return res.status(404).json({ type: "not_found", message: `No channel ${channelId} takes webhooks here` })
  }
  let raw: Buffer
  try {
    raw = await readRaw(req, WEBHOOK_SIZE_LIMIT)
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return res.status(413).json({ type: "payload_too_large", message: `Webhook bodies are limited to ${WEBHOOK_SIZE_LIMIT} bytes` })
    }
    throw error
  }
  const ctx: ChannelContext = await marketplace.getChannelContext(channel.id)
  const request = { headers: req.headers, raw_body: raw }
  if (!provider.verifyWebhook(ctx, request)) {
    return res.status(401).json({ type: "unauthorized", message: "Webhook signature is missing or does not match" })
  }
  let events
  try {
    events = provider.parseWebhook(ctx, request)
  } catch (error) {
    const message = error instanceof ChannelError ? error.message : `Webhook body could not be read: ${(error as Error).message}`
    return res.status(400).json({ type: "invalid_data", message })
  }
  const results: { event_id: string; outcome: string; channel_order_id?: string | null }[] = []
  for (const event of events) {
    if (!(await marketplace.channelOrders.recordEvent(channel.id, event.id, event.type))) {
      results.push({ event_id: event.id, outcome: "replayed" })
      continue
    }
    try {
      if (event.type === "order") {
        if (!channel.order_import_enabled) {
          results.push({ event_id: event.id, outcome: "ignored" })
          continue
        }
        const received = await receiveChannelOrder(req.scope, channel.id, event.order, "webhook")
        results.push({ event_id: event.id, outcome: received.outcome, channel_order_id: received.channel_order_id })
      } else {
        results.push({ event_id: event.id, outcome: "ignored" })
      }
    } catch (error) {
      // Forget the event so the channel's redelivery is handled; the poll is the other backstop.
      await marketplace.channelOrders.forgetEvent(channel.id, event.id)
      logger.error(`marketplace: webhook ${event.id} of channel ${channel.id} failed: ${(error as Error).message}`)
      return res.status(500).json({ type: "unexpected_state", message: "The event could not be handled; deliver it again" })
    }
  }
  res.status(200).json({ received: results })
}

/** The request body as bytes, refusing (and draining) anything over `limit`. */
async function readRaw(req: MedusaRequest, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"])
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    throw new BodyTooLarge()
  }
  const chunks: Buffer[] = []
  let size = 0
  let over = false
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      over = true
      continue
    }
    chunks.push(chunk)
  }
  if (over) {
    throw new BodyTooLarge()
  }
  return Buffer.concat(chunks)
}
