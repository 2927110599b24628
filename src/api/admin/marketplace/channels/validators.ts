import { z } from "@medusajs/framework/zod"
import { ListQuerySchema, MetadataSchema, RulesSchema } from "../common-validators"

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "code may only hold lowercase letters, digits, - and _")

export const ChannelLocationSchema = z.strictObject({
  external_id: z.string().min(1),
  code: z.string().min(1).max(64),
  name: z.string().nullish(),
  stock_location_ids: z.array(z.string().min(1)).min(1),
})
export type ChannelLocationBody = z.infer<typeof ChannelLocationSchema>

export const UpdateChannelLocationSchema = ChannelLocationSchema.partial()
export type UpdateChannelLocationBody = z.infer<typeof UpdateChannelLocationSchema>

const Credentials = z.record(z.string(), z.string())
/** Checked against the provider's setting fields by the workflow (names and types). */
const Settings = z.record(z.string(), z.union([z.boolean(), z.number()]))

export const CreateChannelSchema = z.strictObject({
  name: z.string().min(1).max(200),
  code,
  provider_id: z.string().min(1),
  credentials: Credentials.optional(),
  settings: Settings.optional(),
  rules: RulesSchema.nullish(),
  sync_enabled: z.boolean().optional(),
  disabled_reason: z.string().max(500).nullish(),
  sales_channel_id: z.string().nullish(),
  force_reconcile_cooldown_minutes: z.number().int().min(0).max(10_080).optional(),
  order_import_enabled: z.boolean().optional(),
  sku_separators: z.string().max(16).regex(/^\S*$/, "sku_separators may not hold spaces (spaces are always ignored)").nullish(),
  metadata: MetadataSchema.nullish(),
  locations: z.array(ChannelLocationSchema).optional(),
})
export type CreateChannelBody = z.infer<typeof CreateChannelSchema>

export const UpdateChannelSchema = CreateChannelSchema.omit({ provider_id: true, locations: true })
  .partial()
  .extend({ credentials: Credentials.nullish(), settings: Settings.nullish() })
  .strict()
export type UpdateChannelBody = z.infer<typeof UpdateChannelSchema>

export const ListChannelsQuerySchema = ListQuerySchema.extend({
  q: z.string().optional(),
  provider_id: z.string().optional(),
})
export type ListChannelsQuery = z.infer<typeof ListChannelsQuerySchema>
