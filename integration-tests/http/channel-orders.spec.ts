import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedStore } from "../../dev/seed-demo"
import { pollChannelOrders } from "../../src/lib/orders/poll-orders"
import { countQueuedOrders, importReceived } from "../../src/lib/orders/receive-order"
import type { MarketplaceModuleService } from "../../src/modules/marketplace"
import { signWebhook } from "../../sandbox/server"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/eventually"
import { useSandbox } from "../helpers/sandbox"

jest.setTimeout(240_000)

const sandbox = useSandbox()

const SOURCE = "orders-source-key-0001"
const OTHER = "orders-other-key-0002"
const SECRET = "whsec-orders-test-0123456789"

/** A quantity as query.graph returns it (a number, or a BigNumber's JSON). */
const amount = (value: unknown) => Number(typeof value === "object" && value ? (value as { value?: unknown }).value ?? (value as { numeric?: unknown }).numeric : value)

const stockOf = (key: string, sku: string, location = "default") => sandbox.store.accounts.get(key)?.listings.get(sku)?.stock.get(location)?.quantity

/**
 * Channel orders end to end: the source channel's orders arrive by signed webhook (delivered by
 * the sandbox, with retries and duplicates) and by the poll, become Medusa orders with
 * reservations in the Webshop sales channel, and the other channel's quantity follows.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let sourceId: string
    let hookUrl: string
    let variant: (sku: string) => string

    const medusaOrdersOf = async (externalId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ["id", "metadata"] })
      const ids = data.filter((o: any) => o.metadata?.marketplace_order_id === externalId).map((o: any) => o.id)
      return Promise.all(
        ids.map(async (id: string) => (await api.get(`/admin/orders/${id}?fields=id,status,metadata,*items`, auth)).data.order)
      )
    }
    const channelOrder = async (externalId: string) => {
      const { data } = await api.get(`/admin/marketplace/channel-orders?q=${externalId}`, auth)
      return data.channel_orders.find((o: any) => o.external_id === externalId)
    }
    const reservationsOf = async (filter: Record<string, unknown>) =>
      getContainer().resolve(Modules.INVENTORY).listReservationItems(filter)

    beforeEach(async () => {
      sandbox.store.reset()
      const container = getContainer()
      auth = await adminHeaders(container, api)
      await seedStore(container)
      const source = sandbox.store.addAccount({ api_key: SOURCE, name: "Source" })
      const other = sandbox.store.addAccount({ api_key: OTHER, name: "Other" })
      for (const sku of ["SRC-TSHIRT-M", "SRC-SWEAT-M-2PK", "SRC-MYSTERY"]) sandbox.store.upsertListing(source, { sku })
      sandbox.store.upsertListing(other, { sku: "OTH-TSHIRT-M" })
      sandbox.store.upsertListing(other, { sku: "OTH-SWEAT-M" })
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const [{ data: variants }, { data: channels }] = await Promise.all([
        query.graph({ entity: "product_variant", fields: ["id", "sku"] }),
        query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Webshop" } }),
      ])
      variant = (sku) => variants.find((v: any) => v.sku === sku).id
      const created = await api.post(
        "/admin/marketplace/channels",
        {
          name: "Source", code: "source", provider_id: "sandbox", credentials: { api_key: SOURCE, webhook_secret: SECRET },
          sales_channel_id: channels[0].id, order_import_enabled: true,
        },
        auth
      )
      sourceId = created.data.channel.id
      const otherChannel = await api.post(
        "/admin/marketplace/channels",
        { name: "Other", code: "other", provider_id: "sandbox", credentials: { api_key: OTHER }, sales_channel_id: channels[0].id },
        auth
      )
      await api.post(
        "/admin/marketplace/listings/batch",
        {
          listings: [
            { channel_id: sourceId, channel_sku: "SRC-TSHIRT-M", variant_id: variant("TSHIRT-M") },
            { channel_id: sourceId, channel_sku: "SRC-SWEAT-M-2PK", variant_id: variant("SWEAT-M"), pack_size: 2 },
            { channel_id: otherChannel.data.channel.id, channel_sku: "OTH-TSHIRT-M", variant_id: variant("TSHIRT-M") },
            { channel_id: otherChannel.data.channel.id, channel_sku: "OTH-SWEAT-M", variant_id: variant("SWEAT-M") },
          ],
        },
        auth
      )
      hookUrl = `${api.defaults.baseURL}/hooks/marketplace/${sourceId}`
      // TSHIRT-M: 25 + 8 in the Webshop's two warehouses; SWEAT-M 9 + 9.
      await eventually(() => expect([stockOf(OTHER, "OTH-TSHIRT-M"), stockOf(OTHER, "OTH-SWEAT-M")]).toEqual([33, 18]))
    })

    it("imports an order delivered twice by webhook and once by the poll, all at once, as one Medusa order", async () => {
      sandbox.store.accounts.get(SOURCE)!.webhook = { url: hookUrl, secret: SECRET, duplicate: true }
      // Every quantity the other channel is told: a second import, even one undone later, would show as 27.
      const told: number[] = []
      const stop = sandbox.store.onQuantity((change) => change.sku === "OTH-TSHIRT-M" && told.push(change.quantity))
      const order = sandbox.store.placeOrder(sandbox.store.accounts.get(SOURCE)!, [
        { sku: "SRC-TSHIRT-M", quantity: 3, unit_price: 20 },
        { sku: "SRC-SWEAT-M-2PK", quantity: 1, unit_price: 30 },
      ])
      const polled = await pollChannelOrders(getContainer(), [sourceId])
      await sandbox.webhooksSettled()
      expect(polled[0].error).toBeUndefined()
      const deliveries = sandbox.deliveries.filter((d) => d.api_key === SOURCE)
      expect(deliveries.length).toBeGreaterThanOrEqual(2)
      expect(deliveries.every((d) => d.status === 200)).toBe(true)

      const orders = await eventually(async () => {
        const found = await medusaOrdersOf(order.id)
        expect(found).toHaveLength(1)
        return found
      })
      // The pack of two is two variant units.
      expect(orders[0].items.map((i: any) => [i.variant_id, amount(i.quantity)]).sort()).toEqual(
        [[variant("SWEAT-M"), 2], [variant("TSHIRT-M"), 3]].sort()
      )
      const reservations = await reservationsOf({ line_item_id: orders[0].items.map((i: any) => i.id) })
      expect(reservations.map((r: any) => Number(r.quantity)).sort()).toEqual([2, 3])
      await eventually(() => expect([stockOf(OTHER, "OTH-TSHIRT-M"), stockOf(OTHER, "OTH-SWEAT-M")]).toEqual([30, 16]))
      stop()
      expect(told.length).toBeGreaterThan(0)
      expect(told.every((q) => q === 30)).toBe(true)
      const row = await channelOrder(order.id)
      expect(row).toMatchObject({ status: "imported", order_id: orders[0].id, source: expect.stringMatching(/webhook|poll/) })
      // Redeliveries afterwards change nothing.
      await pollChannelOrders(getContainer(), [sourceId])
      expect(await medusaOrdersOf(order.id)).toHaveLength(1)
    })

    it("lets exactly one of many simultaneous deliveries of an order own its import", async () => {
      const marketplace = getContainer().resolve<MarketplaceModuleService>("marketplace")
      const claim = (external_id: string, source: "webhook" | "poll") => () =>
        marketplace.channelOrders.claim({
          channel_id: sourceId, external_id, channel_status: "open", currency_code: "eur", email: null,
          placed_at: new Date().toISOString(), source, take: source === "webhook" ? "received" : "importing",
          lines: [{ sku: "SRC-TSHIRT-M", quantity: 1, location: null, title: null, unit_price: null, listing_id: null, variant_id: null }],
        })
      // Polls import at once: one of them owns the import.
      const polls = await Promise.all(Array.from({ length: 12 }, claim("RACE-1", "poll")))
      expect(polls.filter((c) => c.owner)).toHaveLength(1)
      expect(new Set(polls.map((c) => c.row.id)).size).toBe(1)
      expect(polls.filter((c) => !c.owner).every((c) => c.previous === "importing")).toBe(true)
      // Webhooks only queue: one of them queues it, the rest see it queued.
      const hooks = await Promise.all(Array.from({ length: 12 }, claim("RACE-2", "webhook")))
      expect(hooks.filter((c) => c.owner)).toHaveLength(1)
      expect(hooks.filter((c) => !c.owner).every((c) => c.previous === "received")).toBe(true)
      // A poll takes a queued order over (the queue's importer then finds it gone); a second poll does not.
      const [taken, again] = [await claim("RACE-2", "poll")(), await claim("RACE-2", "poll")()]
      expect([taken.owner, taken.row.status, again.owner, again.previous]).toEqual([true, "importing", false, "importing"])
    })

    it("lowers the other channel for a queued order before its import runs, and imports it on the poll when its event was lost", async () => {
      const marketplace = getContainer().resolve<MarketplaceModuleService>("marketplace")
      const told: number[] = []
      const stop = sandbox.store.onQuantity((change) => change.sku === "OTH-TSHIRT-M" && told.push(change.quantity))
      // A webhook queued it (the row, its pending units counted) but its event never reached a subscriber.
      const { row } = await marketplace.channelOrders.claim({
        channel_id: sourceId, external_id: "LOST-1", channel_status: "open", currency_code: "eur", email: null,
        placed_at: new Date().toISOString(), source: "webhook", take: "received",
        lines: [{ sku: "SRC-TSHIRT-M", quantity: 2, location: null, title: null, unit_price: null, listing_id: null, variant_id: null }],
      })
      await countQueuedOrders(getContainer())
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(31))
      expect((await channelOrder("LOST-1")).status).toBe("received")
      expect(await medusaOrdersOf("LOST-1")).toHaveLength(0)
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      // Still fresh: the poll leaves it to its event.
      await pollChannelOrders(getContainer(), [sourceId])
      expect((await channelOrder("LOST-1")).status).toBe("received")
      await pg.raw(`update mkt_channel_order set updated_at = now() - interval '2 minutes' where id = ?`, [row.id])
      const [summary] = await pollChannelOrders(getContainer(), [sourceId])
      const { rows: [{ now: importedAt }] } = await pg.raw(`select now()`)
      expect(summary.imported).toBe(1)
      expect((await channelOrder("LOST-1")).status).toBe("imported")
      const [order] = await medusaOrdersOf("LOST-1")
      expect((await reservationsOf({ line_item_id: order.items.map((i: any) => i.id) })).map((r: any) => Number(r.quantity))).toEqual([2])
      // The import's own reservation replaced the pending units: the other channel was never told another number.
      // Wait for the reservation's own recompute of the other channel's listing, and its push if any.
      await eventually(async () => {
        const { rows } = await pg.raw(
          `select t.computed_at > ? as recomputed, t.due_at is null and t.claim_token is null as idle
             from mkt_listing_target t join mkt_listing l on l.id = t.listing_id where l.channel_sku = 'OTH-TSHIRT-M' and t.deleted_at is null`,
          [importedAt]
        )
        expect(rows.map((r: any) => [r.recomputed, r.idle])).toEqual([[true, true]])
      })
      stop()
      expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(31)
      expect(told.every((q) => q === 31)).toBe(true)
    })

    it("gives a queued order's pending units back to every channel when its import is refused", async () => {
      const marketplace = getContainer().resolve<MarketplaceModuleService>("marketplace")
      const { row } = await marketplace.channelOrders.claim({
        channel_id: sourceId, external_id: "SHORT-1", channel_status: "open", currency_code: "eur", email: null,
        placed_at: new Date().toISOString(), source: "webhook", take: "received",
        lines: [{ sku: "SRC-TSHIRT-M", quantity: 20, location: null, title: null, unit_price: null, listing_id: null, variant_id: null }],
      })
      await countQueuedOrders(getContainer())
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(13))
      // Stock counted down in the meantime: the 20 cannot be reserved any more.
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const [link] = (await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { id: variant("TSHIRT-M") },
      })).data[0].inventory_items
      const levels = await inventory.listInventoryLevels({ inventory_item_id: link.inventory_item_id })
      await api.post(`/admin/inventory-items/${link.inventory_item_id}/location-levels/batch`, {
        update: levels.map((l: any) => ({ location_id: l.location_id, stocked_quantity: 5 })),
      }, auth)
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(0))
      expect(await importReceived(getContainer(), row.id)).toMatchObject({ outcome: "failed" })
      // 10 in stock, nothing reserved any more.
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(10))
    })

    it("cancels the Medusa order when the channel cancels, and every channel goes back up", async () => {
      sandbox.store.accounts.get(SOURCE)!.webhook = { url: hookUrl, secret: SECRET, duplicate: false }
      const account = sandbox.store.accounts.get(SOURCE)!
      const order = sandbox.store.placeOrder(account, [{ sku: "SRC-TSHIRT-M", quantity: 5 }])
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(28))
      // The other channel drops as soon as the order is queued (counted ahead); the Medusa order
      // exists only once the import has run.
      const medusaOrder = await eventually(async () => {
        const [found] = await medusaOrdersOf(order.id)
        expect(found).toBeDefined()
        return found
      })
      sandbox.store.setOrderStatus(account, order.id, "cancelled")
      await eventually(async () => expect((await medusaOrdersOf(order.id))[0].status).toBe("canceled"))
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(33))
      expect(await reservationsOf({ line_item_id: (await medusaOrdersOf(order.id))[0].items.map((i: any) => i.id) })).toHaveLength(0)
      expect(await channelOrder(order.id)).toMatchObject({ status: "cancelled", order_id: medusaOrder.id, channel_status: "cancelled" })
    })

    it("answers bad, tampered, malformed, oversized and replayed webhooks with their status and changes nothing", async () => {
      const body = (id: string, orderId: string) =>
        JSON.stringify({
          id, type: "order.created", created_at: new Date().toISOString(),
          data: { id: orderId, created_at: new Date().toISOString(), updated_at: new Date().toISOString(), status: "open", currency: "eur", buyer_email: null, lines: [{ sku: "SRC-TSHIRT-M", quantity: 1, location: "default" }] },
        })
      const post = (raw: string, signature?: string) =>
        fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "x-sandbox-signature": signature } : {}) }, body: raw })

      const good = body("EVT-HOOK-1", "HOOK-ORDER-1")
      expect((await post(good)).status).toBe(401)
      expect((await post(good, signWebhook("not-the-secret-000000", good))).status).toBe(401)
      expect((await post(good.replace('"quantity":1', '"quantity":9'), signWebhook(SECRET, good))).status).toBe(401)
      const malformed = '{"id": "EVT-HOOK-2", "type": "order.created", "data": '
      const bad = await post(malformed, signWebhook(SECRET, malformed))
      expect(bad.status).toBe(400)
      expect((await bad.json()).message).toContain("not valid JSON")
      const noLines = JSON.stringify({ id: "EVT-HOOK-3", type: "order.created", data: { id: "HOOK-ORDER-3", status: "open", lines: [] } })
      expect((await post(noLines, signWebhook(SECRET, noLines))).status).toBe(400)
      const huge = JSON.stringify({ id: "EVT-HOOK-4", type: "order.created", padding: "x".repeat(300 * 1024) })
      expect((await post(huge, signWebhook(SECRET, huge))).status).toBe(413)
      expect((await fetch(`${api.defaults.baseURL}/hooks/marketplace/mch_nope`, { method: "POST", body: good })).status).toBe(404)
      // Nothing above was taken in.
      const { data: none } = await api.get(`/admin/marketplace/channel-orders`, auth)
      expect(none.channel_orders).toHaveLength(0)

      const first = await post(good, signWebhook(SECRET, good))
      expect(first.status).toBe(200)
      expect((await first.json()).received).toEqual([{ event_id: "EVT-HOOK-1", outcome: "queued", channel_order_id: expect.any(String) }])
      const replay = await post(good, signWebhook(SECRET, good))
      expect(replay.status).toBe(200)
      expect((await replay.json()).received).toEqual([{ event_id: "EVT-HOOK-1", outcome: "replayed" }])
      await eventually(async () => expect((await channelOrder("HOOK-ORDER-1")).status).toBe("imported"))
      expect(await medusaOrdersOf("HOOK-ORDER-1")).toHaveLength(1)
    })

    it("stages an order with an unknown SKU holding its matched lines' stock, and releases it when the SKU is matched", async () => {
      sandbox.store.accounts.get(SOURCE)!.webhook = { url: hookUrl, secret: SECRET, duplicate: false }
      const order = sandbox.store.placeOrder(sandbox.store.accounts.get(SOURCE)!, [
        { sku: "SRC-TSHIRT-M", quantity: 2 },
        { sku: "SRC-MYSTERY", quantity: 1 },
      ])
      const staged = await eventually(async () => {
        const row = await channelOrder(order.id)
        expect(row?.status).toBe("staged")
        return row
      })
      expect(await medusaOrdersOf(order.id)).toHaveLength(0)
      // The matched line's two units are held without a line item; the other channel sees them gone.
      const holds = await reservationsOf({ id: staged.held_reservations.map((h: any) => h.id) })
      expect(holds.map((r: any) => [Number(r.quantity), r.line_item_id ?? null])).toEqual([[2, null]])
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(31))
      // The unknown SKU became an unmatched listing with stock updates off, on the Unmatched Orders line.
      const mystery = staged.lines.find((l: any) => l.sku === "SRC-MYSTERY")
      expect(mystery).toMatchObject({ matched: false, listing: { id: expect.any(String), variant_id: null } })
      const { data: listing } = await api.get(`/admin/marketplace/listings/${mystery.listing.id}`, auth)
      expect(listing.listing).toMatchObject({ sync_enabled: false, disabled_reason: "sku_mismatch" })

      await api.post("/admin/marketplace/listings/match", { matches: [{ listing_id: mystery.listing.id, variant_id: variant("SWEAT-L") }] }, auth)
      const released = await eventually(async () => {
        const row = await channelOrder(order.id)
        expect(row.status).toBe("imported")
        return row
      })
      const [medusaOrder] = await medusaOrdersOf(order.id)
      expect(released.order_id).toBe(medusaOrder.id)
      expect(released.held_reservations).toBeNull()
      // The holds moved to the order: gone themselves, the order's own reservations in their place.
      expect(await reservationsOf({ id: staged.held_reservations.map((h: any) => h.id) })).toHaveLength(0)
      const own = await reservationsOf({ line_item_id: medusaOrder.items.map((i: any) => i.id) })
      expect(own.map((r: any) => Number(r.quantity)).sort()).toEqual([1, 2])
      expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(31)
      const { data: matched } = await api.get(`/admin/marketplace/listings/${mystery.listing.id}`, auth)
      expect(matched.listing).toMatchObject({ sync_enabled: true, disabled_reason: null, variant_id: variant("SWEAT-L") })
    })

    it("releases a staged order's hold when the channel cancels it", async () => {
      sandbox.store.accounts.get(SOURCE)!.webhook = { url: hookUrl, secret: SECRET, duplicate: false }
      const account = sandbox.store.accounts.get(SOURCE)!
      const order = sandbox.store.placeOrder(account, [{ sku: "SRC-TSHIRT-M", quantity: 4 }, { sku: "SRC-MYSTERY", quantity: 1 }])
      const staged = await eventually(async () => {
        const row = await channelOrder(order.id)
        expect(row?.status).toBe("staged")
        return row
      })
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(29))
      sandbox.store.setOrderStatus(account, order.id, "cancelled")
      await eventually(async () => expect((await channelOrder(order.id)).status).toBe("cancelled"))
      expect(await reservationsOf({ id: staged.held_reservations.map((h: any) => h.id) })).toHaveLength(0)
      await eventually(() => expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(33))
      expect(await medusaOrdersOf(order.id)).toHaveLength(0)
    })

    it("matches an unmatched listing when an order for it arrives and its SKU now equals a variant's, and turns its stock updates back on", async () => {
      const { data } = await api.post("/admin/marketplace/listings", { channel_id: sourceId, channel_sku: "SWEAT-M" }, auth)
      expect(data.listing).toMatchObject({ variant_id: null, sync_enabled: false, disabled_reason: "sku_mismatch" })
      sandbox.store.upsertListing(sandbox.store.accounts.get(SOURCE)!, { sku: "SWEAT-M" })
      const order = sandbox.store.placeOrder(sandbox.store.accounts.get(SOURCE)!, [{ sku: "SWEAT-M", quantity: 1 }])
      await pollChannelOrders(getContainer(), [sourceId])
      expect((await channelOrder(order.id)).status).toBe("imported")
      const { data: after } = await api.get(`/admin/marketplace/listings/${data.listing.id}`, auth)
      expect(after.listing).toMatchObject({ variant_id: variant("SWEAT-M"), sync_enabled: true, disabled_reason: null })
      await eventually(() => expect(stockOf(OTHER, "OTH-SWEAT-M")).toBe(17))
    })

    it("refuses an order for more than the store holds: no Medusa order, nothing reserved, the reason kept", async () => {
      const order = sandbox.store.placeOrder(sandbox.store.accounts.get(SOURCE)!, [{ sku: "SRC-TSHIRT-M", quantity: 40 }])
      await pollChannelOrders(getContainer(), [sourceId])
      const row = await channelOrder(order.id)
      expect(row.status).toBe("failed")
      expect(row.error_message).toContain("Not enough stock for SKU SRC-TSHIRT-M")
      expect(await medusaOrdersOf(order.id)).toHaveLength(0)
      const { data } = await api.post(`/admin/marketplace/channel-orders/${row.id}/retry`, {}, auth).catch((e) => e.response)
      expect(data.outcome).toBe("failed")
      expect(stockOf(OTHER, "OTH-TSHIRT-M")).toBe(33)
    })
  },
})
