import { existsSync, mkdirSync } from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { DEMO_ACCOUNTS } from "../../dev/seed-demo"
import { SandboxServer, startSandbox } from "../../sandbox/server"
import { dropDatabase, recreateDatabase } from "../helpers/database"
import { eventually } from "../helpers/eventually"
import { freePort, runOk, Server, startServer } from "../helpers/process"

/**
 * The admin pages in real Chromium against `medusa develop` on the demo store (the same app and
 * seed the demo runs): log in, create a channel through the form, see it listed, test its
 * connection; see a push in the Sync Log and Force Push an error from the page; export the Sync
 * Log and open the download as a workbook; the variant widget.
 */
jest.setTimeout(600_000)

const ROOT = path.join(__dirname, "..", "..")
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SCREENSHOTS = path.join(ROOT, ".artifacts", "browser")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = "medusa_marketplace_browser"
const ADMIN = { email: "browser@example.com", password: "browser-password-1" }
const API_KEY = "browser-api-key-0042"

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) {
  process.stderr.write(`\n[browser tests] SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)\n\n`)
}

const describeWithChromium = haveChromium ? describe : describe.skip

describeWithChromium("admin: marketplace channels", () => {
  let sandbox: SandboxServer
  let medusa: Server
  let browser: Browser
  let page: Page
  let base: string

  /** Bearer headers for direct admin API calls next to the browser session. */
  const adminApiHeaders = async () => {
    const login = await fetch(`${base}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) })
    return { authorization: `Bearer ${((await login.json()) as { token: string }).token}`, "content-type": "application/json" }
  }
  const adminGet = async (url: string) => (await fetch(base + url, { headers: await adminApiHeaders() })).json() as Promise<any>

  beforeAll(async () => {
    sandbox = await startSandbox()
    sandbox.store.addAccount({ api_key: API_KEY, name: "Browser seller" })
    sandbox.store.addAccount({ api_key: DEMO_ACCOUNTS.eu.api_key, name: DEMO_ACCOUNTS.eu.name, locations: [{ code: "EAST" }, { code: "WEST" }] })
    sandbox.store.addAccount({ api_key: DEMO_ACCOUNTS.outlet.api_key, name: DEMO_ACCOUNTS.outlet.name })
    const env = {
      DATABASE_URL: await recreateDatabase(DB_NAME),
      SANDBOX_URL: sandbox.url,
      NODE_ENV: "development",
      NODE_OPTIONS: "",
      MEDUSA_DISABLE_TELEMETRY: "true",
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
  })

  afterAll(async () => {
    await browser?.close()
    await medusa?.stop()
    await sandbox?.close()
    await dropDatabase(DB_NAME).catch(() => undefined)
  })

  it("logs in, creates a channel through the form and sees it listed", async () => {
    sandbox.requests.splice(0)
    // The first visit makes Vite build the admin, which takes a while on two cores.
    await page.goto(`${base}/app/login`, { timeout: 300_000 })
    await page.fill('input[name="email"]', ADMIN.email, { timeout: 300_000 })
    await page.fill('input[name="password"]', ADMIN.password)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.endsWith("/login"))

    await page.getByRole("link", { name: "Marketplaces" }).click()
    await page.getByRole("heading", { name: "Marketplaces" }).waitFor()
    await page.getByRole("button", { name: "Create" }).click()
    await page.fill('input[name="name"]', "Browser channel")
    await page.fill('input[name="code"]', "browser-channel")
    // Several providers are registered (the first in the list is preselected): pick the sandbox.
    await page.locator("#channel-provider").click()
    await page.getByRole("option", { name: "Sandbox marketplace" }).click()

    // Without an API key the server's 400 names the field and nothing is created.
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await page.getByText("credentials.api_key", { exact: false }).first().waitFor()
    // (The demo channels' own pushes may reach the sandbox meanwhile; only this channel's key counts.)
    const ours = () => sandbox.requests.filter((r) => r.api_key === API_KEY)
    expect(ours()).toEqual([])

    await page.fill('input[name="credentials.api_key"]', API_KEY)
    await page.getByRole("button", { name: "Save", exact: true }).click()
    const row = page.locator('[data-channel-code="browser-channel"]')
    await row.waitFor()
    expect(await row.textContent()).toContain("Browser channel")
    expect(await row.textContent()).toContain("Sandbox marketplace")

    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SCREENSHOTS, "channel-created.png"), fullPage: true })

    await row.click()
    await page.getByRole("heading", { name: "Browser channel" }).waitFor()
    await page.getByText("••••••••0042").waitFor()
    await page.getByRole("button", { name: "Test connection" }).click()
    await page.getByText("Connected to Browser seller").first().waitFor()
    expect(ours().map((r) => `${r.method} ${r.path} ${r.api_key}`)).toEqual([`GET /api/account ${API_KEY}`])
    await page.screenshot({ path: path.join(SCREENSHOTS, "channel-detail.png"), fullPage: true })
  })

  it("shows a push in the Sync Log and Force Pushes an error from the page", async () => {
    const headers = await adminApiHeaders()
    const { inventory_items } = await adminGet("/admin/inventory-items?sku=TSHIRT-M")
    const { stock_locations } = await adminGet("/admin/stock-locations?name=East%20warehouse")
    const account = sandbox.store.accounts.get(DEMO_ACCOUNTS.eu.api_key)!

    // A promotion locks the listing on the marketplace; a stock count then changes the quantity.
    sandbox.store.upsertListing(account, { sku: "EU-TSHIRT-M", status: "locked" })
    await fetch(`${base}/admin/inventory-items/${inventory_items[0].id}/location-levels/${stock_locations[0].id}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ stocked_quantity: 21 }),
    })

    await page.goto(`${base}/app/marketplaces`)
    await page.getByRole("link", { name: "Sync Log" }).click()
    await page.getByRole("heading", { name: "Sync Log" }).waitFor()
    const errored = page.locator('tr[data-status="error"]', { hasText: "EU-TSHIRT-M" }).first()
    await errored.waitFor()
    expect(await errored.textContent()).toContain("LISTING_LOCKED")
    expect(await page.locator('tr[data-status="success"]').count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(SCREENSHOTS, "sync-log-error.png"), fullPage: true })

    // The seller lifts the lock; Force Push re-queues the row with the newest quantity.
    sandbox.store.upsertListing(account, { sku: "EU-TSHIRT-M", status: "active" })
    await errored.locator('[data-action="force-push"]').click()
    await page.getByText(/re-queued/).first().waitFor()
    // The row's quantity, not its text: a time of day such as 15:02:21 also holds "21".
    await page.locator('tr[data-status="success"][data-quantity="21"]', { hasText: "EU-TSHIRT-M" }).first().waitFor()
    await eventually(() => expect(account.listings.get("EU-TSHIRT-M")!.stock.get("EAST")!.quantity).toBe(21))
    expect(await page.locator('tr[data-status="error"]', { hasText: "EU-TSHIRT-M" }).count()).toBe(0)
    await page.screenshot({ path: path.join(SCREENSHOTS, "sync-log-force-pushed.png"), fullPage: true })
  })

  it("exports the filtered Sync Log and downloads it as a workbook", async () => {
    await page.goto(`${base}/app/marketplaces/sync-log`)
    await page.getByRole("heading", { name: "Sync Log" }).waitFor()
    await page.getByLabel("Search SKU or channel SKU").fill("EU-TSHIRT-M")
    await page.locator("tr[data-sync-log-id]").first().waitFor()
    await page.waitForFunction(() =>
      [...document.querySelectorAll("tr[data-sync-log-id]")].every((row) => row.textContent?.includes("EU-TSHIRT-M"))
    )
    await page.locator('[data-action="export"]').click()
    await page.getByText("Export started").first().waitFor()

    await page.getByRole("link", { name: "Export History" }).click()
    await page.getByRole("heading", { name: "Export History" }).waitFor()
    const row = page.locator('tr[data-export-id][data-status="success"]').first()
    await row.waitFor()
    expect(await row.textContent()).toContain(ADMIN.email)
    await page.screenshot({ path: path.join(SCREENSHOTS, "export-history.png"), fullPage: true })

    const [download] = await Promise.all([page.waitForEvent("download"), row.locator('[data-action="download"]').click()])
    expect(download.suggestedFilename()).toMatch(/^sync-log-.*\.xlsx$/)
    const file = await download.path()
    const { default: ExcelJS } = await import("exceljs")
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.getWorksheet("Sync Log")!
    const skus: string[] = []
    sheet.eachRow((r, index) => index > 1 && skus.push(String(r.getCell("E").value)))
    // The page's filter travelled with the export: only that channel SKU, every row of it.
    const { count } = await adminGet("/admin/marketplace/sync-logs?q=EU-TSHIRT-M&limit=1")
    expect(skus.length).toBe(count)
    expect(count).toBeGreaterThan(0)
    expect(new Set(skus)).toEqual(new Set(["EU-TSHIRT-M"]))
  })

  it("reconciles a channel from the page: generate, force reconcile, export", async () => {
    const account = sandbox.store.accounts.get(DEMO_ACCOUNTS.eu.api_key)!
    // A seller edits the quantity by hand on the marketplace.
    sandbox.store.setQuantity(account.listings.get("EU-TSHIRT-M")!, "WEST", 99)

    await page.goto(`${base}/app/marketplaces`)
    await page.getByRole("link", { name: "Reconciliation" }).click()
    await page.getByRole("heading", { name: "Reconciliation" }).waitFor()
    await page.getByLabel("Channel").click()
    await page.getByRole("option", { name: "Sandbox EU", exact: true }).click()
    /** Generate from the page and wait for that new run (not the one shown before) to finish. */
    const generate = async () => {
      const summary = page.locator("[data-reconciliation-id]")
      const before = (await summary.count()) ? await summary.getAttribute("data-reconciliation-id") : null
      await page.locator('[data-action="generate"]').click()
      await page.waitForFunction(
        (previous) => {
          const el = document.querySelector("[data-reconciliation-id]")
          return !!el && el.getAttribute("data-reconciliation-id") !== previous && el.getAttribute("data-reconciliation-status") === "success"
        },
        before,
        { timeout: 60_000 }
      )
    }
    await generate()
    const west = page.locator('tr[data-sku="EU-TSHIRT-M"][data-location="WEST"]')
    await west.waitFor()
    expect(await west.getAttribute("data-status")).toBe("mismatch")
    expect(await west.locator('[data-column="channel-quantity"]').textContent()).toBe("99")
    await page.screenshot({ path: path.join(SCREENSHOTS, "reconciliation-mismatch.png"), fullPage: true })

    await page.locator('[data-action="force-reconcile"]').click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Force Reconcile" }).click()
    await page.getByText(/queued for/).first().waitFor()
    await eventually(() => expect(account.listings.get("EU-TSHIRT-M")!.stock.get("WEST")!.quantity).not.toBe(99))
    // The pushes are in; a new run reads them back.
    await generate()
    expect(await west.getAttribute("data-status")).toBe("match")

    await page.locator('[data-action="reconciliation-menu"]').click()
    await page.getByRole("menuitem", { name: "Export", exact: true }).click()
    await page.getByText("Export started").first().waitFor()
    await page.goto(`${base}/app/marketplaces/exports`)
    const row = page.locator('tr[data-export-id][data-status="success"]', { hasText: "reconciliation-" }).first()
    await row.waitFor()
    const [download] = await Promise.all([page.waitForEvent("download"), row.locator('[data-action="download"]').click()])
    const { default: ExcelJS } = await import("exceljs")
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await download.path())
    const sheet = workbook.getWorksheet("Reconciliation")!
    const skus: string[] = []
    sheet.eachRow((r, index) => index > 1 && skus.push(String(r.getCell("C").value)))
    expect(skus).toContain("EU-TSHIRT-M")
    expect(skus.length).toBe(Number(await row.locator("td").nth(2).textContent()))
  })

  it("shows a variant's marketplace listings on the variant page", async () => {
    const { variants } = await adminGet("/admin/product-variants?sku=TSHIRT-S&fields=id,product_id")
    const variant = variants[0]
    await page.goto(`${base}/app/products/${variant.product_id}/variants/${variant.id}`)
    await page.getByRole("heading", { name: "Marketplace listings" }).waitFor()
    const row = page.locator('tr[data-listing-sku="EU-TSHIRT-S"]')
    await row.waitFor()
    expect(await row.textContent()).toContain("Sandbox EU")
    await page.screenshot({ path: path.join(SCREENSHOTS, "variant-widget.png"), fullPage: true })
  })
})

if (!haveChromium) {
  it.skip(`browser tests need Chromium at ${CHROMIUM}`, () => undefined)
}
