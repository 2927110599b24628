import { ModuleProvider } from "@medusajs/framework/utils"
import { MARKETPLACE_MODULE } from "../../modules/marketplace/types"
import { SandboxProvider } from "./service"

export { SandboxProvider }

export default ModuleProvider(MARKETPLACE_MODULE, { services: [SandboxProvider] })
