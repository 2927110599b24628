import { z } from "@medusajs/framework/zod"

const count = z.number().int().min(0)

/** Quantity rules as the API takes them; absent keys fall through to the next level. */
export const RulesSchema = z.strictObject({
  allocation_percentage: z.number().min(0).max(100).optional(),
  buffer: count.optional(),
  zero_out_threshold: count.optional(),
  max_quantity: count.nullable().optional(),
  backorder_quantity: count.nullable().optional(),
  unmanaged_quantity: count.optional(),
})

export const MetadataSchema = z.record(z.string(), z.unknown())

const booleanQuery = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])

/** Pagination of every list route, in Medusa's shape. */
export const ListQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  order: z.string().optional(),
  fields: z.string().optional(),
})

/** A list in the query string, repeated (`status=a&status=b`) or comma-separated (`status=a,b`). */
export const queryList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))

export { booleanQuery }
