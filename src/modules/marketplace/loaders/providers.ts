import { asFunction, asValue, Lifetime } from "@medusajs/framework/awilix"
import { moduleProviderLoader } from "@medusajs/framework/modules-sdk"
import type { LoaderOptions, Logger, ModuleProvider as ProviderDeclaration } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AbstractMarketplaceProvider } from "../../../lib/provider"
import {
  MarketplaceModuleOptions,
  PROVIDER_IDS_KEY,
  providerRegistrationKey,
} from "../types"

type ProviderClass = {
  identifier: string
  displayName?: string
  prototype: AbstractMarketplaceProvider
  new (cradle: Record<string, unknown>, options: Record<string, unknown>): AbstractMarketplaceProvider
}

/**
 * Registers every provider of the module's `providers` option in the module container (the
 * framework's loader calls each class's `validateOptions` first, so bad options stop the boot),
 * then mirrors them in the `mkt_provider` table and disables rows of providers no longer configured.
 */
export default async function providersLoader({
  container,
  options,
}: LoaderOptions<MarketplaceModuleOptions>): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const registrations = options?.providers ?? []
  assertUniqueIds(registrations)
  container.register(PROVIDER_IDS_KEY, asValue(registrations.map((provider) => provider.id)))

  const registered: { id: string; klass: ProviderClass; options: Record<string, unknown> }[] = []
  await moduleProviderLoader({
    container,
    providers: registrations as unknown as ProviderDeclaration[],
    registerServiceFn: async (klass, moduleContainer, declaration) => {
      const provider = klass as unknown as ProviderClass
      if (!(provider.prototype instanceof AbstractMarketplaceProvider) || !provider.identifier) {
        throw new Error(
          `Marketplace provider "${declaration.id}" must extend AbstractMarketplaceProvider and set a static identifier`
        )
      }
      const providerOptions = (declaration.options ?? {}) as Record<string, unknown>
      moduleContainer.register({
        [providerRegistrationKey(declaration.id)]: asFunction(
          (cradle) => new provider(cradle as Record<string, unknown>, providerOptions),
          { lifetime: Lifetime.SINGLETON }
        ),
      })
      registered.push({ id: declaration.id, klass: provider, options: providerOptions })
    },
  })

  await mirrorProviders(container, registered, logger)
}

function assertUniqueIds(registrations: MarketplaceModuleOptions["providers"] = []): void {
  const seen = new Set<string>()
  for (const [index, provider] of registrations.entries()) {
    if (!provider || typeof provider.id !== "string" || !provider.id) {
      throw new Error(`marketplace option providers[${index}].id is required`)
    }
    if (typeof provider.resolve !== "string" || !provider.resolve) {
      throw new Error(`marketplace option providers[${index}].resolve is required`)
    }
    if (seen.has(provider.id)) {
      throw new Error(`marketplace option providers: id "${provider.id}" is registered twice`)
    }
    seen.add(provider.id)
  }
}

type ProviderRowService = {
  list(filters: Record<string, unknown>): Promise<{ id: string }[]>
  upsert(data: Record<string, unknown>[]): Promise<unknown>
  update(data: Record<string, unknown>[]): Promise<unknown>
}

async function mirrorProviders(
  container: LoaderOptions["container"],
  registered: { id: string; klass: ProviderClass; options: Record<string, unknown> }[],
  logger: Logger
): Promise<void> {
  try {
    const rows = container.resolve<ProviderRowService>("mktProviderService")
    const current = registered.map(({ id, klass }) => {
      const instance = container.resolve<AbstractMarketplaceProvider>(providerRegistrationKey(id))
      return {
        id,
        identifier: klass.identifier,
        display_name: klass.displayName ?? klass.identifier,
        capabilities: instance.capabilities,
        credential_fields: instance.credentialFields(),
        is_enabled: true,
      }
    })
    const existing = await rows.list({})
    const orphans = existing.filter((row) => !current.some((provider) => provider.id === row.id))
    if (current.length) {
      await rows.upsert(current)
    }
    if (orphans.length) {
      await rows.update(orphans.map((row) => ({ id: row.id, is_enabled: false })))
    }
  } catch (error) {
    // The table does not exist yet while migrations run for the first time.
    logger.warn(`marketplace: could not mirror providers in the database: ${(error as Error).message}`)
  }
}
