import type { ExecArgs } from "@medusajs/framework/types"
import type { MarketplaceModuleService } from "../src/modules/marketplace"

/** Encrypts BENCH_API_KEY as sandbox credentials with the app's key (bench channels are made in SQL). */
export default async function sealExec({ container }: ExecArgs) {
  const sealed = container.resolve<MarketplaceModuleService>("marketplace").sealCredentials("sandbox", { api_key: process.env.BENCH_API_KEY! })
  process.stdout.write(`BENCH_SEAL ${JSON.stringify({ encrypted: sealed })}\n`)
}
