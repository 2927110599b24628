import { Module } from "@medusajs/framework/utils"
import encryptionLoader from "./loaders/encryption"
import providersLoader from "./loaders/providers"
import MarketplaceModuleService from "./service"
import { MARKETPLACE_MODULE } from "./types"

export { MARKETPLACE_MODULE } from "./types"
export type { MarketplaceModuleOptions, ProviderRegistration } from "./types"
export { MarketplaceModuleService }
export type { ChannelOrderRow, StoredOrderLine, HeldReservation, ClaimInput, PendingUnits } from "./utils/channel-order-store"

export default Module(MARKETPLACE_MODULE, {
  service: MarketplaceModuleService,
  loaders: [encryptionLoader, providersLoader],
})
