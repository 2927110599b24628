import { MedusaError } from "@medusajs/framework/utils"
import type {
  CatalogueEntry,
  ChannelCapabilities,
  ChannelContext,
  ChannelOrder,
  ChannelQuantity,
  ConnectionResult,
  CredentialField,
  Page,
  PushResult,
  QuantityUpdate,
  RemoteLocation,
  SettingField,
  SettingValue,
  SubmissionStatus,
  SubmittedItem,
  WebhookEvent,
  WebhookRequest,
} from "./types"

/**
 * The base class of every channel adapter. Adding a channel means writing one subclass and
 * registering it in the marketplace module's `providers` option; nothing else in the plugin
 * changes, and no core code names a channel.
 *
 * The contract:
 * - `static identifier` names the adapter kind (`"shopify"`, `"sandbox"` …). The `id` given at
 *   registration names one configured instance; channels point at that id.
 * - `static validateOptions(options)` runs at boot for every registration and throws on bad
 *   options, so a misconfigured store fails at start, not at the first sale.
 * - `capabilities` declares limits and features; the pipeline batches, throttles and gates on
 *   them.
 * - `credentialFields` describes what a channel of this kind needs (the admin renders the form
 *   from it) and `validateCredentials` checks what an admin typed.
 * - Every I/O method receives a {@link ChannelContext} with the channel's decrypted credentials.
 * - Failures are thrown (or returned per item) as {@link ChannelError}: `auth`, `rate_limited`
 *   (with retry-after), `transient`, `rejected` (with the channel's reason) or `not_found`.
 *   `pushQuantities` reports per-item failures in its result and throws only when the whole call
 *   failed.
 * - Optional features (`checkSubmission`, `readQuantities`, `listCatalogue`, `fetchOrders`,
 *   webhooks) default to "not supported"; override the ones your `capabilities` declare.
 *
 * @example
 * ```ts
 * // src/providers/acme/service.ts
 * import { AbstractMarketplaceProvider, ChannelError } from "medusa-marketplace-sync/provider"
 *
 * type AcmeOptions = { base_url: string }
 *
 * export class AcmeProvider extends AbstractMarketplaceProvider<AcmeOptions> {
 *   static identifier = "acme"
 *   static displayName = "Acme Marketplace"
 *
 *   static validateOptions(options: Record<string, unknown>) {
 *     if (typeof options.base_url !== "string") {
 *       throw new Error("acme: option base_url is required")
 *     }
 *   }
 *
 *   capabilities = {
 *     batch_size: 100, // Acme's documented maximum per bulk call
 *     rate_limit: { requests: 5, per_ms: 1_000 },
 *     per_location: false, push_mode: "sync" as const, read_back: false,
 *     catalogue: false, order_import: false, webhooks: false, force_reconcile: true,
 *   }
 *
 *   credentialFields = () => [{ name: "token", label: "API token", secret: true, required: true }]
 *
 *   async testConnection(ctx) {
 *     const res = await fetch(`${this.options.base_url}/me`, { headers: { authorization: ctx.credentials.token } })
 *     return res.ok ? { ok: true, account: null } : { ok: false, error: ChannelError.auth("token refused").toShape() }
 *   }
 *
 *   async pushQuantities(ctx, updates) {
 *     // one HTTP call, one result per update (see the sandbox provider for a full adapter)
 *   }
 * }
 *
 * // src/providers/acme/index.ts
 * import { ModuleProvider } from "@medusajs/framework/utils"
 * export default ModuleProvider("marketplace", { services: [AcmeProvider] })
 *
 * // medusa-config.ts
 * plugins: [{ resolve: "medusa-marketplace-sync", options: {
 *   providers: [{ resolve: "./src/providers/acme", id: "acme", options: { base_url: "https://api.acme.test" } }],
 * } }]
 * ```
 */
export abstract class AbstractMarketplaceProvider<
  TOptions extends Record<string, unknown> = Record<string, unknown>,
> {
  /** Adapter kind; must be set by every subclass. */
  static identifier: string
  /** Human name shown in the admin; defaults to the identifier. */
  static displayName?: string

  /** Called once per registration at boot; throw to refuse bad options. */
  static validateOptions(_options: Record<string, unknown>): void | Promise<void> {}

  protected readonly options: TOptions

  constructor(_cradle: Record<string, unknown>, options: TOptions) {
    this.options = options ?? ({} as TOptions)
  }

  abstract readonly capabilities: ChannelCapabilities

  /** The credentials a channel of this kind needs. */
  abstract credentialFields(): CredentialField[]

  /**
   * Checks credentials an admin entered; returns the normalized values. The default checks the
   * required fields of {@link credentialFields}; throw `MedusaError.Types.INVALID_DATA` naming
   * the field.
   */
  validateCredentials(credentials: Record<string, unknown>): Record<string, string> {
    const result: Record<string, string> = {}
    for (const field of this.credentialFields()) {
      const value = credentials[field.name]
      if (value === undefined || value === null || value === "") {
        if (field.required) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `credentials.${field.name} is required for this provider`
          )
        }
        continue
      }
      if (typeof value !== "string") {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `credentials.${field.name} must be a string`)
      }
      result[field.name] = value
    }
    const unknown = Object.keys(credentials).filter(
      (name) => !this.credentialFields().some((field) => field.name === name)
    )
    if (unknown.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `credentials.${unknown[0]} is not a credential of this provider`
      )
    }
    return result
  }

  /** The channel settings this adapter reads from `ctx.settings` (none by default). */
  settingFields(): SettingField[] {
    return []
  }

  /**
   * Checks settings an admin entered and returns every declared setting (stored values over
   * defaults). Throws `INVALID_DATA` naming `settings.<name>` for a wrong type, a number out of
   * range, or a name this adapter does not declare.
   */
  validateSettings(settings: Record<string, unknown>, current: Record<string, unknown> = {}): Record<string, SettingValue> {
    const fields = this.settingFields()
    const unknown = Object.keys(settings).find((name) => !fields.some((field) => field.name === name))
    if (unknown) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `settings.${unknown} is not a setting of this provider`)
    }
    const result: Record<string, SettingValue> = {}
    for (const field of fields) {
      const value = settings[field.name] ?? current[field.name] ?? field.default
      if (field.type === "boolean" && typeof value !== "boolean") {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `settings.${field.name} must be true or false`)
      }
      if (field.type === "number") {
        if (typeof value !== "number" || !Number.isFinite(value)) {
          throw new MedusaError(MedusaError.Types.INVALID_DATA, `settings.${field.name} must be a number`)
        }
        if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `settings.${field.name} must be between ${field.min ?? "-∞"} and ${field.max ?? "∞"}`
          )
        }
      }
      result[field.name] = value as SettingValue
    }
    return result
  }

  /**
   * The settings a call runs with: each declared field from `stored` when it has the right type,
   * else its default (a stored value the adapter no longer understands never stops a push).
   */
  resolveSettings(stored: Record<string, unknown> | null | undefined): Record<string, SettingValue> {
    const result: Record<string, SettingValue> = {}
    for (const field of this.settingFields()) {
      const value = stored?.[field.name]
      result[field.name] = typeof value === typeof field.default ? (value as SettingValue) : field.default
    }
    return result
  }

  /**
   * What the channel page should warn about for these settings (eBay without Out-of-Stock
   * Control ends listings at 0, say); none by default.
   */
  channelWarnings(_settings: Record<string, SettingValue>): string[] {
    return []
  }

  /** Checks that the credentials work; never throws for a refusal, returns it. */
  abstract testConnection(ctx: ChannelContext): Promise<ConnectionResult>

  /**
   * Sends at most `capabilities.batch_size` quantities in one call and returns one result per
   * update: `success` (with an optional `note` for the merchant), `submitted` (async channels),
   * `skipped` (the channel does not take this item's quantity) or `error` with a
   * {@link ChannelError} shape.
   * Each result names its update by `sku` and `location` exactly as the update did (the pipeline
   * matches on that pair and nothing else; a missing result is retried as `MISSING_RESULT`).
   * Throws a ChannelError only when the call as a whole failed (auth, throttling, network).
   */
  abstract pushQuantities(ctx: ChannelContext, updates: QuantityUpdate[]): Promise<PushResult>

  /**
   * Points one push call of these updates costs against the push budget (1 by default). A
   * cost-based channel prices the call here (for example a base cost plus one point per item),
   * and reports what the channel actually charged or has left in `PushResult.budget`. `ctx`
   * carries the channel's settings when a call's shape depends on them (a feed above a threshold).
   */
  pushCost(_updates: QuantityUpdate[], _ctx?: ChannelContext): number {
    return 1
  }

  /**
   * Reads the outcome of an asynchronous submission. `items` are the updates of it the pipeline
   * still waits on (what was sent, with the sync record as `reference`). Each result names its
   * update by the same `sku` and `location` the update carried (null when it had none).
   */
  async checkSubmission(_ctx: ChannelContext, _submissionId: string, _items: SubmittedItem[]): Promise<SubmissionStatus> {
    throw this.unsupported("checking submissions")
  }

  /** Reads current channel quantities, a page at a time. */
  async readQuantities(
    _ctx: ChannelContext,
    _page: { cursor: string | null; skus?: string[] }
  ): Promise<Page<ChannelQuantity>> {
    throw this.unsupported("reading quantities back")
  }

  /**
   * The channel's stock locations, for mapping onto channel locations (`id` becomes the channel
   * location's external id). Per-location channels override it.
   */
  async listLocations(_ctx: ChannelContext): Promise<RemoteLocation[]> {
    throw this.unsupported("listing locations")
  }

  /** Lists what the account sells on the channel, for matching SKUs to variants. */
  async listCatalogue(_ctx: ChannelContext, _page: { cursor: string | null }): Promise<Page<CatalogueEntry>> {
    throw this.unsupported("listing the catalogue")
  }

  /**
   * Orders created or changed on the channel since `since` (ISO time, inclusive), oldest change
   * first, so a poll can keep the newest `updated_at` it saw as its cursor. Cancellations and
   * shipments come back as the same order with a new status.
   */
  async fetchOrders(
    _ctx: ChannelContext,
    _page: { since: string; cursor: string | null }
  ): Promise<Page<ChannelOrder>> {
    throw this.unsupported("importing orders")
  }

  /**
   * Verifies an inbound webhook's signature on the raw body, before anything in it is parsed;
   * false (never a throw) for a missing or wrong signature. Compare in constant time.
   */
  verifyWebhook(_ctx: ChannelContext, _request: WebhookRequest): boolean {
    throw this.unsupported("webhooks")
  }

  /**
   * Turns a verified webhook into events, each with the channel's event id. Throw a
   * `ChannelError.rejected` naming what is wrong for a body that is not what the channel sends.
   */
  parseWebhook(_ctx: ChannelContext, _request: WebhookRequest): WebhookEvent[] {
    throw this.unsupported("webhooks")
  }

  private unsupported(feature: string): MedusaError {
    const kind = (this.constructor as typeof AbstractMarketplaceProvider).identifier
    return new MedusaError(MedusaError.Types.NOT_ALLOWED, `Provider "${kind}" does not support ${feature}`)
  }
}
