import { ModuleProvider } from "@medusajs/framework/utils"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { ShopifyProvider } from "./service"

export { ShopifyProvider }

export default ModuleProvider(MARKETPLACE_MODULE, { services: [ShopifyProvider] })
