import { z } from "@medusajs/framework/zod"
import { LISTING_DISABLED_REASONS } from "../../../../modules/marketplace/models/listing"
import { booleanQuery, ListQuerySchema, MetadataSchema, RulesSchema } from "../common-validators"

const ListingFields = {
  channel_sku: z.string().min(1).max(255),
  channel_product_id: z.string().max(255).nullish(),
  gtin: z.string().regex(/^\d{8,14}$/, "a GTIN has 8 to 14 digits").nullish(),
  title: z.string().max(500).nullish(),
  variant_id: z.string().nullish(),
  pack_size: z.number().int().min(1).max(10_000).optional(),
  rules: RulesSchema.nullish(),
  sync_enabled: z.boolean().optional(),
  disabled_reason: z.enum(LISTING_DISABLED_REASONS).nullish(),
  disabled_note: z.string().max(1_000).nullish(),
  metadata: MetadataSchema.nullish(),
}

export const CreateListingSchema = z.strictObject({ channel_id: z.string().min(1), ...ListingFields })
export type CreateListingBody = z.infer<typeof CreateListingSchema>

export const BatchCreateListingsSchema = z.strictObject({
  listings: z.array(CreateListingSchema).min(1).max(1_000),
})
export type BatchCreateListingsBody = z.infer<typeof BatchCreateListingsSchema>

export const UpdateListingSchema = z.strictObject(ListingFields).partial()
export type UpdateListingBody = z.infer<typeof UpdateListingSchema>

export const ListListingsQuerySchema = ListQuerySchema.extend({
  channel_id: z.string().optional(),
  /** Exact channel SKU. */
  channel_sku: z.string().optional(),
  /** Exact SKU of the matched Medusa variant. */
  sku: z.string().optional(),
  /** Free-text search over channel SKU, channel product id and title. */
  q: z.string().optional(),
  matched: booleanQuery.optional(),
  variant_id: z.string().optional(),
  /** Adds each listing's previewed quantity (computed now, not stored). */
  include_quantity: booleanQuery.optional(),
  /** Adds per-location sync state, the newest sync record and the channel's name. */
  include_sync: booleanQuery.optional(),
})
export type ListListingsQuery = z.infer<typeof ListListingsQuerySchema>

export const MatchListingsSchema = z.strictObject({
  matches: z
    .array(z.strictObject({ listing_id: z.string().min(1), variant_id: z.string().min(1).nullable() }))
    .min(1)
    .max(5_000),
})
export type MatchListingsBody = z.infer<typeof MatchListingsSchema>

export const MatchFileSchema = z.strictObject({
  channel_id: z.string().min(1),
  filename: z.string().min(1).max(255),
  /** The file's bytes, base64. */
  content_base64: z.string().min(1),
  /** Apply the good rows; without it the file is only checked. */
  confirm: z.boolean().optional(),
})
export type MatchFileBody = z.infer<typeof MatchFileSchema>
