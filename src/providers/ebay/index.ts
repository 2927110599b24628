import { ModuleProvider } from "@medusajs/framework/utils"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { EbayProvider } from "./service"

export { EbayProvider }

export default ModuleProvider(MARKETPLACE_MODULE, { services: [EbayProvider] })
