import { asValue } from "@medusajs/framework/awilix"
import type { LoaderOptions, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createHash } from "node:crypto"
import { MarketplaceModuleOptions } from "../types"
import { CredentialsCipher } from "../utils/credentials-cipher"

export const CIPHER_KEY = "mkt_credentials_cipher"

/**
 * Builds the credentials cipher from `encryption_key` or MARKETPLACE_ENCRYPTION_KEY. Production
 * refuses to start without a key; elsewhere a fixed development key is used, with a warning,
 * so that a fresh checkout runs.
 */
export default async function encryptionLoader({
  container,
  options,
}: LoaderOptions<MarketplaceModuleOptions>): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const configured = options?.encryption_key || process.env.MARKETPLACE_ENCRYPTION_KEY
  let key = configured
  if (!key) {
    if (process.env.NODE_ENV === "production") {
      throw new Error(
        "MARKETPLACE_ENCRYPTION_KEY is not set: refusing to start in production without a key to encrypt channel credentials (generate one with `openssl rand -base64 32`)"
      )
    }
    logger.warn(
      "marketplace: MARKETPLACE_ENCRYPTION_KEY is not set; using an insecure development key for channel credentials"
    )
    key = createHash("sha256").update("medusa-marketplace-sync insecure development key").digest("base64")
  }
  container.register(CIPHER_KEY, asValue(new CredentialsCipher(key)))
}
