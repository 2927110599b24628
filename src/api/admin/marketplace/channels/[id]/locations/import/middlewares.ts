import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { ImportChannelLocationsSchema } from "./validators"

export const importLocationsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/channels/:id/locations/import",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(ImportChannelLocationsSchema)],
  },
]
