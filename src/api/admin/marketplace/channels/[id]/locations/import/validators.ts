import { z } from "@medusajs/framework/zod"

export const ImportChannelLocationsSchema = z.strictObject({
  locations: z
    .array(
      z.strictObject({
        /** The channel's id of the location (`id` of GET …/remote-locations). */
        id: z.string().min(1),
        code: z.string().min(1).max(64).optional(),
        name: z.string().nullish(),
        // Required: a location fed by no stock location would be pushed 0 everywhere.
        stock_location_ids: z.array(z.string().min(1)).min(1),
      })
    )
    .min(1),
})
export type ImportChannelLocationsBody = z.infer<typeof ImportChannelLocationsSchema>
