import { z } from "@medusajs/framework/zod"

/**
 * Credentials typed in the admin, not saved. Values stay `unknown` here on purpose: the zod error
 * would quote a wrong value back, and these are secrets; the provider's validateCredentials names
 * a missing, unknown or non-string field without its value.
 */
export const TestProviderConnectionSchema = z.strictObject({
  credentials: z.record(z.string(), z.unknown()),
})
export type TestProviderConnectionBody = z.infer<typeof TestProviderConnectionSchema>
