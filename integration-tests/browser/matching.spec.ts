import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { DEMO_ACCOUNTS } from "../../dev/seed-demo"
import { SandboxServer, startSandbox } from "../../sandbox/server"
import { dropDatabase, recreateDatabase } from "../helpers/database"
import { eventually } from "../helpers/eventually"
import { freePort, runOk, Server, startServer } from "../helpers/process"

/**
 * Matching and channel orders in real Chromium against `medusa develop` on the demo store: a
 * channel that imports orders is created through the form; its catalogue is imported and a
 * suggestion accepted on the Matching page, a bulk file checked and confirmed; an order staged
 * for an unknown SKU is matched and released from the Unmatched Orders page and shows on its
 * Medusa order; a listing's pack size is edited in its drawer and its quantity follows.
 */
jest.setTimeout(600_000)

const ROOT = path.join(__dirname, "..", "..")
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SCREENSHOTS = path.join(ROOT, ".artifacts", "browser")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = "medusa_marketplace_browser_matching"
const ADMIN = { email: "matching@example.com", password: "matching-password-1" }
const API_KEY = "matching-api-key-0077"
const WEBHOOK_SECRET = "whsec-matching-browser-0123456789"
const CHANNEL = { name: "Browser orders", code: "browser-orders" }

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) {
  process.stderr.write(`\n[browser tests] SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)\n\n`)
}

const describeWithChromium = haveChromium ? describe : describe.skip

describeWithChromium("admin: matching and unmatched orders", () => {
  let sandbox: SandboxServer
  let medusa: Server
  let browser: Browser
  let page: Page
  let base: string
  let channelId: string

  /** Bearer headers for direct admin API calls next to the browser session. */
  const adminApiHeaders = async () => {
    const login = await fetch(`${base}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) })
    return { authorization: `Bearer ${((await login.json()) as { token: string }).token}`, "content-type": "application/json" }
  }
  const adminGet = async (url: string) => {
    const response = await fetch(base + url, { headers: await adminApiHeaders() })
    if (!response.ok) {
      throw new Error(`GET ${url}: ${response.status} ${await response.text()}`)
    }
    return response.json() as Promise<any>
  }
  const listingBySku = async (sku: string) =>
    (await adminGet(`/admin/marketplace/listings?channel_id=${channelId}&channel_sku=${encodeURIComponent(sku)}&include_quantity=true`)).listings[0]
  const variantId = async (sku: string) => (await adminGet(`/admin/product-variants?sku=${sku}&fields=id`)).variants[0].id as string
  const channelOrder = async (externalId: string) =>
    (await adminGet(`/admin/marketplace/channel-orders?q=${externalId}`)).channel_orders.find((o: any) => o.external_id === externalId)
  const account = () => sandbox.store.accounts.get(API_KEY)!
  /** Clicks a card's Release and answers with the route's status and the start of its body. */
  const release = async (card: ReturnType<Page["locator"]>) => {
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && /\/channel-orders\/[^/]+\/release$/.test(new URL(r.url()).pathname))
    await card.locator('[data-action="release-order"]').click()
    const response = await answer
    return `${response.status()} ${(await response.text()).slice(0, 400)}`
  }
  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })

  beforeAll(async () => {
    sandbox = await startSandbox()
    sandbox.store.addAccount({ api_key: DEMO_ACCOUNTS.eu.api_key, name: DEMO_ACCOUNTS.eu.name, locations: [{ code: "EAST" }, { code: "WEST" }] })
    sandbox.store.addAccount({ api_key: DEMO_ACCOUNTS.outlet.api_key, name: DEMO_ACCOUNTS.outlet.name })
    const seller = sandbox.store.addAccount({ api_key: API_KEY, name: "Matching seller" })
    // The seller's catalogue: an exact SKU, one that differs by case and separator, two the store does not know.
    sandbox.store.upsertListing(seller, { sku: "TSHIRT-S", title: "T-Shirt small" })
    sandbox.store.upsertListing(seller, { sku: "tshirt_l", title: "T-Shirt large" })
    sandbox.store.upsertListing(seller, { sku: "BR-FILE-1", title: "Sweatpants, seller's own code" })
    sandbox.store.upsertListing(seller, { sku: "BR-MYSTERY", title: "Mystery bundle" })
    const env = {
      DATABASE_URL: await recreateDatabase(DB_NAME),
      SANDBOX_URL: sandbox.url,
      NODE_ENV: "development",
      NODE_OPTIONS: "",
      MEDUSA_DISABLE_TELEMETRY: "true",
      // Orders arrive by webhook only: the poll's redelivery of a staged order would release it
      // itself, racing the page's Release button.
      MARKETPLACE_ORDER_POLL_SCHEDULE: "off",
    }
    await runOk({ cmd: MEDUSA, args: ["db:migrate"], cwd: ROOT, env })
    await runOk({ cmd: MEDUSA, args: ["exec", "./dev/seed-demo.ts"], cwd: ROOT, env: { ...env, DEMO_ADMIN_EMAIL: ADMIN.email, DEMO_ADMIN_PASSWORD: ADMIN.password } })
    const port = await freePort()
    base = `http://localhost:${port}`
    medusa = await startServer({ cmd: MEDUSA, args: ["develop"], cwd: ROOT, env: { ...env, PORT: String(port) }, readyUrl: `${base}/health` })

    const { chromium } = await import("playwright-core")
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    page.setDefaultTimeout(60_000)
    mkdirSync(SCREENSHOTS, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    // The app's own log, for reading a failure after the run.
    if (medusa?.output()) writeFileSync(path.join(SCREENSHOTS, "matching-medusa.log"), medusa.output())
    await medusa?.stop()
    await sandbox?.close()
    await dropDatabase(DB_NAME).catch(() => undefined)
  })

  it("creates a channel that imports orders, with its SKU separators, through the form", async () => {
    // The first visit makes Vite build the admin, which takes a while on two cores.
    await page.goto(`${base}/app/login`, { timeout: 300_000 })
    await page.fill('input[name="email"]', ADMIN.email, { timeout: 300_000 })
    await page.fill('input[name="password"]', ADMIN.password)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))

    await page.getByRole("link", { name: "Marketplaces" }).click()
    await page.getByRole("heading", { name: "Marketplaces" }).waitFor()
    await page.getByRole("button", { name: "Create" }).click()
    await page.fill('input[name="name"]', CHANNEL.name)
    await page.fill('input[name="code"]', CHANNEL.code)
    // Several providers are registered (the first in the list is preselected): pick the sandbox.
    await page.locator("#channel-provider").click()
    await page.getByRole("option", { name: "Sandbox marketplace" }).click()
    await page.fill('input[name="credentials.api_key"]', API_KEY)
    await page.fill('input[name="credentials.webhook_secret"]', WEBHOOK_SECRET)
    await page.locator("#channel-sales-channel").click()
    await page.getByRole("option", { name: "Webshop", exact: true }).click()
    await page.locator("#channel-order-import").click()
    await page.fill('input[name="sku_separators"]', "-_")
    await page.getByRole("button", { name: "Save", exact: true }).click()
    const row = page.locator(`[data-channel-code="${CHANNEL.code}"]`)
    await row.waitFor()

    const { channels } = await adminGet(`/admin/marketplace/channels?q=${CHANNEL.code}`)
    const created = channels.find((c: any) => c.code === CHANNEL.code)
    expect(created).toMatchObject({ order_import_enabled: true, sku_separators: "-_", has_credentials: true })
    expect(created.sales_channel_id).toBeTruthy()
    channelId = created.id
    // Orders placed on the seller's account reach the app by signed webhook.
    account().webhook = { url: `${base}/hooks/marketplace/${channelId}`, secret: WEBHOOK_SECRET, duplicate: false }

    await row.click()
    await page.getByRole("heading", { name: CHANNEL.name }).waitFor()
    expect(await page.getByText("-_", { exact: true }).count()).toBe(1)
  })

  it("imports the catalogue on the Matching page and accepts a suggestion", async () => {
    await page.goto(`${base}/app/marketplaces`)
    await page.getByRole("link", { name: "Matching" }).click()
    await page.getByRole("heading", { name: "Matching" }).waitFor()
    await page.getByLabel("Channel").click()
    await page.getByRole("option", { name: CHANNEL.name, exact: true }).click()
    await page.locator('[data-action="import-catalogue"]').click()
    await page.getByText(`Catalogue of ${CHANNEL.name} imported`).first().waitFor()

    // The exact SKU was matched by the import; the other three wait here, one with a suggestion.
    const suggested = page.locator('tr[data-unmatched-sku="tshirt_l"]')
    await suggested.waitFor()
    await page.locator('tr[data-unmatched-sku="BR-MYSTERY"]').waitFor()
    expect(await page.locator('tr[data-unmatched-sku="TSHIRT-S"]').count()).toBe(0)
    await suggested.getByText("TSHIRT-L").first().waitFor()
    expect(await suggested.locator('[data-testid="suggestion-confidence"]').textContent()).toBe("90%")
    expect(await suggested.textContent()).toContain("ignoring case")
    expect(await listingBySku("tshirt_l")).toMatchObject({ variant_id: null, sync_enabled: false })
    await screenshot("matching-suggestions")

    await suggested.getByRole("checkbox", { name: "Select tshirt_l" }).click()
    await page.locator('[data-action="accept-selected"]').click()
    await suggested.waitFor({ state: "detached" })

    const listing = await listingBySku("tshirt_l")
    expect(listing).toMatchObject({ variant_id: await variantId("TSHIRT-L"), sync_enabled: true, disabled_reason: null, match_suggestion: null })
    // The channel is told the variant's quantity now: TSHIRT-L has 4 in the Webshop's warehouses.
    await eventually(() => expect(account().listings.get("tshirt_l")!.stock.get("default")?.quantity).toBe(4), 30_000)
  })

  it("checks a bulk match file, offers its bad rows for download, and applies the good rows on confirm", async () => {
    await page.locator('[data-action="open-match-file"]').click()
    const csv = "channel_sku,variant_sku\r\nBR-FILE-1,SWEAT-M\r\nNOPE-SKU,TSHIRT-S\r\n"
    await page.setInputFiles('input[name="match_file"]', { name: "matches.csv", mimeType: "text/csv", buffer: Buffer.from(csv) })
    const report = page.locator('[data-section="match-file-report"]')
    await report.waitFor()
    expect(await report.locator('[data-testid="match-file-ok"]').textContent()).toBe("1 good")
    expect(await report.locator('[data-testid="match-file-bad"]').textContent()).toBe("1 bad")
    expect(await report.locator('tr[data-status="unknown_sku"]').textContent()).toContain("No listing with channel SKU NOPE-SKU")
    // Checking applied nothing.
    expect((await listingBySku("BR-FILE-1")).variant_id).toBeNull()

    const [download] = await Promise.all([page.waitForEvent("download"), report.locator('[data-action="download-bad-rows"]').click()])
    expect(download.suggestedFilename()).toBe("matches-bad-rows.csv")
    const lines = readFileSync(await download.path(), "utf8").trim().split(/\r?\n/)
    expect(lines).toEqual(["row,channel_sku,variant_sku,status,message", "3,NOPE-SKU,TSHIRT-S,unknown_sku,No listing with channel SKU NOPE-SKU on this channel"])
    await screenshot("matching-file-report")

    await page.locator('[data-action="confirm-match-file"]').click()
    await page.getByText("1 listing matched from matches.csv").first().waitFor()
    await page.locator('tr[data-unmatched-sku="BR-FILE-1"]').waitFor({ state: "detached" })
    expect(await listingBySku("BR-FILE-1")).toMatchObject({ variant_id: await variantId("SWEAT-M"), sync_enabled: true })
  })

  it("releases a staged order from the Unmatched Orders page once its line is matched, saying why until then", async () => {
    // One known line and one the store has no variant for; 30 units is more than TSHIRT-L has.
    const order = sandbox.store.placeOrder(account(), [
      { sku: "TSHIRT-S", quantity: 1, unit_price: 20 },
      { sku: "BR-MYSTERY", quantity: 30, unit_price: 9 },
    ])
    await eventually(async () => expect((await channelOrder(order.id))?.status).toBe("staged"), 60_000)

    await page.goto(`${base}/app/marketplaces`)
    await page.getByRole("link", { name: "Unmatched Orders" }).click()
    await page.getByRole("heading", { name: "Unmatched Orders" }).waitFor()
    const card = page.locator(`[data-channel-order="${order.id}"]`)
    await card.waitFor()
    expect(await card.getAttribute("data-status")).toBe("staged")
    expect(await card.locator('tr[data-line-sku="TSHIRT-S"]').getAttribute("data-matched")).toBe("true")
    const mystery = card.locator('tr[data-line-sku="BR-MYSTERY"]')
    expect(await mystery.getAttribute("data-matched")).toBe("false")
    expect(await mystery.textContent()).toContain("30")

    // Released too early: the 409 names the line still unmatched.
    expect(await release(card)).toMatch(/^409 /)
    await card.locator('[data-testid="channel-order-notice"]', { hasText: "Still unmatched: BR-MYSTERY" }).waitFor()
    expect((await channelOrder(order.id)).status).toBe("staged")
    await screenshot("unmatched-order-409")

    // Matched in place. Its 30 units are more than the store has, so the order stays staged with the reason.
    await mystery.locator('[data-action="match-line"]').click()
    const picker = card.locator('tr[data-line-match="BR-MYSTERY"]')
    await picker.locator('input[type="search"]').fill("TSHIRT-L")
    await picker.locator('button[data-variant-sku="TSHIRT-L"]').click()
    await picker.locator('[data-action="save-manual-match"]').click()
    await card.locator('tr[data-line-sku="BR-MYSTERY"][data-matched="true"]').waitFor()
    await card.locator('[data-testid="channel-order-error"]', { hasText: "Not enough stock for SKU BR-MYSTERY" }).waitFor()
    expect(await card.locator('[data-testid="channel-order-notice"]').count()).toBe(0)
    expect((await channelOrder(order.id)).status).toBe("staged")

    // Released again while still short: the 422 carries the import's refusal.
    expect(await release(card)).toMatch(/^422 /)
    await card.locator('[data-testid="channel-order-notice"]', { hasText: "the import was refused" }).waitFor()
    expect(await card.locator('[data-testid="channel-order-notice"]').textContent()).toContain("Not enough stock for SKU BR-MYSTERY")

    // Stock arrives; Release now makes the Medusa order.
    const { inventory_items } = await adminGet("/admin/inventory-items?sku=TSHIRT-L")
    const { stock_locations } = await adminGet("/admin/stock-locations?name=East%20warehouse")
    const restock = await fetch(`${base}/admin/inventory-items/${inventory_items[0].id}/location-levels/${stock_locations[0].id}`, {
      method: "POST",
      headers: await adminApiHeaders(),
      body: JSON.stringify({ stocked_quantity: 50 }),
    })
    expect(restock.status).toBe(200)
    expect(await release(card)).toMatch(/^200 /)
    await page.getByText(`Order ${order.id} released`).first().waitFor()
    await card.waitFor({ state: "detached" })
    const released = await channelOrder(order.id)
    expect(released).toMatchObject({ status: "imported", order_id: expect.stringMatching(/^order_/) })
    const medusaOrder = (await adminGet(`/admin/orders/${released.order_id}?fields=id,metadata,*items`)).order
    expect(medusaOrder.metadata.marketplace_order_id).toBe(order.id)
    expect(medusaOrder.items.map((i: any) => [i.variant_sku ?? null, Number(i.quantity)]).sort()).toEqual([["TSHIRT-L", 30], ["TSHIRT-S", 1]])

    // The imported order is one filter away, with a link to its Medusa order and the widget there.
    await page.locator('[data-status-filter="imported"]').click()
    const imported = page.locator(`[data-channel-order="${order.id}"][data-status="imported"]`)
    await imported.waitFor()
    await imported.locator('[data-testid="channel-order-medusa-order"]').click()
    await page.waitForURL((url) => url.pathname.endsWith(`/orders/${released.order_id}`))
    const widget = page.locator(`[data-order-source="${released.id}"]`)
    await widget.waitFor()
    expect(await widget.textContent()).toContain(CHANNEL.name)
    expect(await widget.textContent()).toContain(order.id)
    expect(await widget.textContent()).toContain("Imported")
    await screenshot("order-marketplace-source")
  })

  it("edits a listing's pack size in its drawer and the quantity on the page follows", async () => {
    const listing = await listingBySku("TSHIRT-S")
    // TSHIRT-S: 12 + 3 in the Webshop's warehouses, one unit reserved by the imported order.
    expect(listing.preview_quantity).toBe(14)
    await page.goto(`${base}/app/marketplaces/${channelId}`)
    await page.getByRole("heading", { name: CHANNEL.name }).waitFor()
    const row = page.locator('tr[data-listing-sku="TSHIRT-S"]')
    const quantity = (value: number) => row.locator('[data-testid="listing-quantity"]', { hasText: new RegExp(`^${value}$`) })
    await quantity(14).waitFor()

    await row.locator("td").first().click()
    const drawer = page.locator(`[data-listing-drawer="${listing.id}"]`)
    const preview = (value: number) => drawer.locator('[data-testid="listing-preview-quantity"]', { hasText: new RegExp(`^${value}$`) })
    await preview(14).waitFor()
    await drawer.locator("#listing-pack-size").fill("4")
    await drawer.locator('[data-action="save-listing-settings"]').click()

    // Cases of four: floor(14 / 4) = 3, in the drawer's preview and in the table behind it.
    await preview(3).waitFor()
    await quantity(3).waitFor()
    expect(await drawer.locator("#listing-pack-size").inputValue()).toBe("4")
    expect(await listingBySku("TSHIRT-S")).toMatchObject({ pack_size: 4, preview_quantity: 3 })
    await screenshot("listing-drawer-pack-size")
    await eventually(() => expect(account().listings.get("TSHIRT-S")!.stock.get("default")?.quantity).toBe(3), 30_000)

    // The same drawer opens from the variant page's widget.
    const { variants } = await adminGet("/admin/product-variants?sku=TSHIRT-S&fields=id,product_id")
    await page.goto(`${base}/app/products/${variants[0].product_id}/variants/${variants[0].id}`)
    const widgetRow = page.locator(`tr[data-listing-id="${listing.id}"]`)
    await widgetRow.locator('[data-action="edit-listing"]').click()
    await preview(3).waitFor()
    expect(await drawer.locator("#listing-pack-size").inputValue()).toBe("4")
  })
})

if (!haveChromium) {
  it.skip(`browser tests need Chromium at ${CHROMIUM}`, () => undefined)
}
