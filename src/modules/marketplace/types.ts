import type { PartialRules } from "../../lib/quantity"
import type { FlushOptions } from "./utils/flusher"

export const MARKETPLACE_MODULE = "marketplace"

/** Container key under which each registered provider instance lives. */
export const providerRegistrationKey = (id: string) => `mkt_provider_${id}`
export const PROVIDER_IDS_KEY = "mkt_provider_ids"

export type ProviderRegistration = {
  /** Module path of the provider (`medusa-marketplace-sync/providers/sandbox`, `./src/providers/acme`). */
  resolve: string
  /** Id channels refer to; unique per registration. */
  id: string
  options?: Record<string, unknown>
}

/** Options of the plugin, given under `plugins: [{ resolve: "medusa-marketplace-sync", options }]`. */
export type MarketplaceModuleOptions = {
  providers?: ProviderRegistration[]
  /**
   * 32-byte key (base64 or 64 hex characters) for AES-256-GCM encryption of channel credentials.
   * Defaults to the MARKETPLACE_ENCRYPTION_KEY environment variable; required in production.
   */
  encryption_key?: string
  /** Plugin-wide default quantity rules (the last level of listing > channel > default). */
  default_rules?: PartialRules
  /** Tuning of the push pipeline (see Flusher); the defaults suit most stores. */
  flush?: Partial<FlushOptions>
  sync_log?: {
    /** Final rows (success, error) older than this many days move to the Archive view. Default 7. */
    archive_after_days?: number
    /** Archived rows older than this many days are deleted. Default 90. */
    retention_days?: number
  }
  /** A channel with at least this many failed pushes since its last alert gets one admin notification. Default 3. */
  failure_alert_threshold?: number
  exports?: {
    /** A pending export not finished after this many minutes is marked failed. Default 30. */
    stale_after_minutes?: number
  }
  reconcile?: {
    /**
     * After a scheduled run, drifted mismatches with |delta| at least this are pushed again with
     * our quantity. Unset (default): drift is recorded, never healed automatically.
     */
    auto_heal_threshold?: number | null
    /** A channel value within this many seconds of our last write is taken for its echo. Default 120. */
    echo_window_seconds?: number
    /** A run with no progress for this many minutes (its process died) is marked failed. Default 15. */
    stale_after_minutes?: number
  }
  /** The nightly re-push covers listings whose stock moved within this many hours. Default 48. */
  resync_window_hours?: number
}
