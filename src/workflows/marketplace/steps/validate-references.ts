import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type ReferencesInput = {
  stock_location_ids?: string[]
  variant_ids?: string[]
  sales_channel_ids?: string[]
}

const ENTITIES = [
  { key: "stock_location_ids", entity: "stock_location", label: "Stock location" },
  { key: "variant_ids", entity: "product_variant", label: "Product variant" },
  { key: "sales_channel_ids", entity: "sales_channel", label: "Sales channel" },
] as const

/** Refuses ids of Medusa records that do not exist, naming the first missing one. Writes nothing. */
export const validateReferencesStep = createStep(
  "mkt-validate-references",
  async (input: ReferencesInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    for (const { key, entity, label } of ENTITIES) {
      const ids = [...new Set((input[key] ?? []).filter(Boolean))]
      if (!ids.length) {
        continue
      }
      const { data } = await query.graph({ entity, fields: ["id"], filters: { id: ids } })
      const found = new Set(data.map((row: { id: string }) => row.id))
      const missing = ids.find((id) => !found.has(id))
      if (missing) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${label} ${missing} does not exist`)
      }
    }
    return new StepResponse(undefined)
  }
)
