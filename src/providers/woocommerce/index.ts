import { ModuleProvider } from "@medusajs/framework/utils"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { WooCommerceProvider } from "./service"

export { WooCommerceProvider }

export default ModuleProvider(MARKETPLACE_MODULE, { services: [WooCommerceProvider] })
