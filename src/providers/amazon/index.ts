import { ModuleProvider } from "@medusajs/framework/utils"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { AmazonProvider } from "./service"

export { AmazonProvider }

export default ModuleProvider(MARKETPLACE_MODULE, { services: [AmazonProvider] })
