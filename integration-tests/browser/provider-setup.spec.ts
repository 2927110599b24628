import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { DEMO_ACCOUNTS } from "../../dev/seed-demo"
import { SandboxServer, startSandbox } from "../../sandbox/server"
import { dropDatabase, recreateDatabase } from "../helpers/database"
import { eventually } from "../helpers/eventually"
import { freePort, runOk, Server, startServer } from "../helpers/process"

/**
 * Setting a channel up in real Chromium against `medusa develop` on the demo store: the create
 * form tests the typed credentials before anything is saved (the refusal, then the account's
 * name, inline), the channel is saved, and one of the marketplace's own locations is imported
 * from the channel page, tied to a Medusa stock location. An eBay channel without Out-of-Stock
 * Control carries its warning until the setting is turned on in the edit drawer.
 */
jest.setTimeout(600_000)

const ROOT = path.join(__dirname, "..", "..")
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SCREENSHOTS = path.join(ROOT, ".artifacts", "browser")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = "medusa_marketplace_browser_setup"
const ADMIN = { email: "setup@example.com", password: "setup-password-1" }
const API_KEY = "setup-api-key-0099"
const WRONG_KEY = "setup-wrong-key-0000"
const CHANNEL = { name: "Setup channel", code: "setup-channel" }

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) {
  process.stderr.write(`\n[browser tests] SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)\n\n`)
}

const describeWithChromium = haveChromium ? describe : describe.skip

describeWithChromium("admin: channel setup", () => {
  let sandbox: SandboxServer
  let medusa: Server
  let browser: Browser
  let page: Page
  let base: string
  let channelId: string

  const adminCall = async (method: "GET" | "POST", url: string, body?: unknown) => {
    const login = await fetch(`${base}/auth/user/emailpass`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) })
    const { token } = (await login.json()) as { token: string }
    const response = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!response.ok) {
      throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
    }
    return response.json() as Promise<any>
  }
  const adminGet = (url: string) => adminCall("GET", url)
  /**
   * `medusa develop` restarts whenever a file of the repository changes (other work in the same
   * tree does that), refusing connections meanwhile: retry the navigation until it answers.
   */
  const goto = (url: string) => eventually(() => page.goto(url, { timeout: 300_000 }), 180_000)
  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
  /** What this test's keys asked the marketplace (the demo channels push with their own keys meanwhile). */
  const ours = () => sandbox.requests.filter((r) => r.api_key === API_KEY || r.api_key === WRONG_KEY).map((r) => `${r.method} ${r.path} ${r.api_key} ${r.status}`)

  beforeAll(async () => {
    sandbox = await startSandbox()
    sandbox.store.addAccount({
      api_key: API_KEY,
      name: "Setup seller GmbH",
      locations: [
        { code: "BER-1", name: "Berlin fulfilment" },
        { code: "AMS-1", name: "Amsterdam fulfilment" },
      ],
    })
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
    mkdirSync(SCREENSHOTS, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    if (medusa?.output()) writeFileSync(path.join(SCREENSHOTS, "provider-setup-medusa.log"), medusa.output())
    await medusa?.stop()
    await sandbox?.close()
    await dropDatabase(DB_NAME).catch(() => undefined)
  })

  it("tests the typed credentials in the create form, shows the account's name, then saves the channel", async () => {
    // The first visit makes Vite build the admin, which takes a while on two cores.
    await goto(`${base}/app/login`)
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

    // The provider's credential form: the key is secret (masked) and required, the webhook secret optional.
    const apiKey = page.locator('input[name="credentials.api_key"]')
    expect(await apiKey.getAttribute("type")).toBe("password")
    expect(await page.locator('label[for="credentials-api_key"]').textContent()).toBe("API key")
    expect(await page.locator('label[for="credentials-webhook_secret"]').textContent()).toContain("(optional)")
    await page.getByText("Seller API key (X-Api-Key)").waitFor()

    const result = page.locator('[data-testid="connection-result"]')
    const test = page.getByRole("button", { name: "Test connection" })
    // Nothing typed: the server names the field it needs.
    await test.click()
    await result.filter({ hasText: "credentials.api_key" }).waitFor()
    expect(await result.getAttribute("data-ok")).toBe("false")

    await apiKey.fill(WRONG_KEY)
    // A changed value clears the old answer.
    await result.waitFor({ state: "detached" })
    await test.click()
    await result.filter({ hasText: "Unknown API key (auth, UNAUTHORIZED)" }).waitFor()

    await apiKey.fill(API_KEY)
    await test.click()
    await result.filter({ hasText: "Connected to Setup seller GmbH" }).waitFor()
    expect(await result.getAttribute("data-ok")).toBe("true")
    await screenshot("setup-connection-tested")
    // Tested, not saved: the marketplace was asked twice and no channel exists yet.
    expect(ours()).toEqual([`GET /api/account ${WRONG_KEY} 401`, `GET /api/account ${API_KEY} 200`])
    expect((await adminGet(`/admin/marketplace/channels?q=${CHANNEL.code}`)).count).toBe(0)

    await page.getByRole("button", { name: "Save", exact: true }).click()
    const row = page.locator(`[data-channel-code="${CHANNEL.code}"]`)
    await row.waitFor()
    const { channels } = await adminGet(`/admin/marketplace/channels?q=${CHANNEL.code}`)
    const created = channels.find((c: any) => c.code === CHANNEL.code)
    expect(created).toMatchObject({ has_credentials: true, locations: [] })
    channelId = created.id
  })

  it("imports one of the marketplace's locations from the channel page, tied to a stock location", async () => {
    await goto(`${base}/app/marketplaces`)
    await page.locator(`[data-channel-code="${CHANNEL.code}"]`).click()
    await page.getByRole("heading", { name: CHANNEL.name }).waitFor()
    await page.locator('[data-action="import-remote-locations"]').click()
    const berlin = page.locator('tr[data-remote-location-id="BER-1"]')
    await berlin.waitFor()
    expect(await berlin.textContent()).toContain("Berlin fulfilment")
    expect(await berlin.textContent()).toContain("Active")
    expect(await page.locator('tr[data-remote-location-id="AMS-1"]').textContent()).toContain("Amsterdam fulfilment")

    await berlin.getByRole("checkbox", { name: "Import Berlin fulfilment" }).click()
    const fields = page.locator('[data-import-location="BER-1"]')
    expect(await fields.getByLabel("Code").inputValue()).toBe("BER-1")
    await fields.getByLabel("Code").fill("BERLIN")
    await fields.getByText("East warehouse", { exact: true }).click()
    await screenshot("setup-import-locations")
    await page.getByRole("button", { name: "Import 1 location" }).click()
    await page.getByText("1 location imported").first().waitFor()

    // The new channel location shows in the section, and the API holds the channel's id for it.
    await page.locator('tr[data-location-external-id="BER-1"]').filter({ hasText: "BERLIN" }).filter({ hasText: "East warehouse" }).waitFor()
    const { stock_locations } = await adminGet("/admin/stock-locations?name=East%20warehouse")
    const locations = await eventually(async () => {
      const { locations } = await adminGet(`/admin/marketplace/channels/${channelId}/locations`)
      expect(locations).toHaveLength(1)
      return locations
    })
    expect(locations[0]).toMatchObject({ external_id: "BER-1", code: "BERLIN", name: "Berlin fulfilment", stock_location_ids: [stock_locations[0].id] })

    // Opened again, the imported location is marked as mapped and cannot be ticked twice.
    await page.locator('[data-action="import-remote-locations"]').click()
    const mapped = page.locator('tr[data-remote-location-id="BER-1"][data-mapped="true"]')
    await mapped.waitFor()
    expect(await mapped.textContent()).toContain("BERLIN")
    expect(await mapped.getByRole("checkbox").isDisabled()).toBe(true)
    await screenshot("setup-location-imported")
  })

  it("warns on an eBay channel without Out-of-Stock Control until the setting is turned on", async () => {
    // No listings: this channel never calls eBay.
    const { channel } = await adminCall("POST", "/admin/marketplace/channels", {
      name: "eBay US", code: "ebay-us", provider_id: "ebay",
      credentials: { client_id: "app-id", client_secret: "cert-id", refresh_token: "v^1.1#refresh", marketplace_id: "EBAY_US" },
    })
    await goto(`${base}/app/marketplaces/${channel.id}`)
    await page.getByRole("heading", { name: "eBay US" }).waitFor()
    const warnings = page.locator('[data-testid="channel-warnings"]')
    await warnings.filter({ hasText: "Out-of-Stock Control" }).waitFor()
    await screenshot("setup-ebay-warning")

    await page.getByRole("button", { name: "Edit", exact: true }).click()
    const toggle = page.locator("#edit-channel-setting-out_of_stock_control")
    expect(await toggle.getAttribute("aria-checked")).toBe("false")
    await toggle.click()
    expect(await toggle.getAttribute("aria-checked")).toBe("true")
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await page.getByText("Channel updated").first().waitFor()
    await warnings.waitFor({ state: "detached" })
    expect((await adminGet(`/admin/marketplace/channels/${channel.id}`)).channel).toMatchObject({ settings: { out_of_stock_control: true }, warnings: [] })
  })
})

if (!haveChromium) {
  it.skip(`browser tests need Chromium at ${CHROMIUM}`, () => undefined)
}
