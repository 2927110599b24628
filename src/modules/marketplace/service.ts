import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { AbstractMarketplaceProvider, ChannelContext, CredentialField } from "../../lib/provider"
import type { PartialRules } from "../../lib/quantity"
import { CIPHER_KEY } from "./loaders/encryption"
import { Channel, ChannelLocation, Listing, MarketplaceProvider, SyncRecord } from "./models"
import {
  MarketplaceModuleOptions,
  PROVIDER_IDS_KEY,
  providerRegistrationKey,
} from "./types"
import { CredentialsCipher, maskSecret } from "./utils/credentials-cipher"

type Cradle = Record<string, unknown>

/**
 * Owns every table of the plugin. Besides the generated CRUD it keeps the invariants that need
 * module-private state: the provider registry and credential encryption.
 */
class MarketplaceModuleService extends MedusaService({
  Channel,
  ChannelLocation,
  Listing,
  SyncRecord,
  MarketplaceProvider,
}) {
  protected readonly cradle_: Cradle
  protected readonly options_: MarketplaceModuleOptions

  constructor(cradle: Cradle, options?: MarketplaceModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.cradle_ = cradle
    this.options_ = options ?? {}
  }

  getDefaultRules(): PartialRules {
    return this.options_.default_rules ?? {}
  }

  registeredProviderIds(): string[] {
    return (this.cradle_[PROVIDER_IDS_KEY] as string[] | undefined) ?? []
  }

  getProvider(providerId: string): AbstractMarketplaceProvider {
    if (!this.registeredProviderIds().includes(providerId)) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Marketplace provider "${providerId}" is not registered; add it to the plugin's providers option`
      )
    }
    return this.cradle_[providerRegistrationKey(providerId)] as AbstractMarketplaceProvider
  }

  /** Validates credentials against the provider and returns their ciphertext. */
  sealCredentials(providerId: string, credentials: Record<string, unknown>): string {
    const clean = this.getProvider(providerId).validateCredentials(credentials)
    return this.cipher().encrypt(clean)
  }

  /** Masked view of stored credentials: secret fields show only their last characters. */
  maskCredentials(providerId: string, sealed: string | null): Record<string, string> | null {
    if (!sealed) {
      return null
    }
    let fields: CredentialField[] = []
    try {
      fields = this.getProvider(providerId).credentialFields()
    } catch {
      // provider no longer configured: mask everything
    }
    let plain: Record<string, string>
    try {
      plain = this.cipher().decrypt(sealed)
    } catch {
      return { error: "credentials cannot be decrypted with the current key" }
    }
    return Object.fromEntries(
      Object.entries(plain).map(([name, value]) => {
        const field = fields.find((f) => f.name === name)
        return [name, field && !field.secret ? value : maskSecret(value)]
      })
    )
  }

  /** Everything a provider call needs for one channel; credentials decrypted in memory only. */
  async getChannelContext(channelId: string): Promise<ChannelContext> {
    const channel = await this.retrieveChannel(channelId, {
      select: ["id", "code", "credentials_encrypted"],
    })
    return {
      channel_id: channel.id,
      channel_code: channel.code,
      credentials: channel.credentials_encrypted ? this.cipher().decrypt(channel.credentials_encrypted) : {},
    }
  }

  private cipher(): CredentialsCipher {
    return this.cradle_[CIPHER_KEY] as CredentialsCipher
  }
}

export default MarketplaceModuleService
