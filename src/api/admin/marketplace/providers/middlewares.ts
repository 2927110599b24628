import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { TestProviderConnectionSchema } from "./validators"

export const providerMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/providers/:id/test-connection",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(TestProviderConnectionSchema)],
  },
]
