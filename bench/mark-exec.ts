import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { markStockChangedWorkflow } from "../src/workflows/marketplace/mark-stock-changed"

/**
 * Run by bench/mark.ts with `medusa exec`: times marking one stock change (TSHIRT-M's level moves,
 * then the mark workflow finds its listings, recomputes and marks them due). Prints JSON.
 */
export default async function markExec({ container }: ExecArgs) {
  const runs = Number(process.env.BENCH_MARK_RUNS || 40)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const inventory = container.resolve(Modules.INVENTORY)
  const { data: [variant] } = await query.graph({ entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { sku: "TSHIRT-M" } })
  const itemId = variant.inventory_items[0].inventory_item_id as string
  const { data: [east] } = await query.graph({ entity: "stock_location", fields: ["id"], filters: { name: "East warehouse" } })
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    await inventory.updateInventoryLevels([{ inventory_item_id: itemId, location_id: east.id, stocked_quantity: 100 + i }])
    const started = process.hrtime.bigint()
    const { result } = await markStockChangedWorkflow(container).run({ input: { trigger: { event: "bench" }, inventory_item_ids: [itemId] } })
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
    if (result.due < 1) {
      throw new Error(`run ${i}: the change marked nothing due`)
    }
  }
  const sorted = times.slice(2).sort((a, b) => a - b)
  process.stdout.write(`BENCH_MARK ${JSON.stringify({ runs: sorted.length, median_ms: sorted[Math.floor(sorted.length / 2)], p95_ms: sorted[Math.floor(sorted.length * 0.95)] })}\n`)
}
