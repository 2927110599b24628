import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** What the admin and the reconciliation show of a matched variant. */
export type VariantSummary = { id: string; sku: string | null; title: string; product_title: string | null }

export async function loadVariantSummaries(scope: MedusaContainer, ids: string[]): Promise<Map<string, VariantSummary>> {
  if (!ids.length) {
    return new Map()
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "title", "product.title"],
    filters: { id: ids },
  })
  return new Map(
    data.map((v: { id: string; sku: string | null; title: string; product?: { title: string } | null }) => [
      v.id,
      { id: v.id, sku: v.sku, title: v.title, product_title: v.product?.title ?? null },
    ])
  )
}
