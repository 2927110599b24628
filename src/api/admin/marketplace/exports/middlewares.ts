import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { CreateExportSchema, ListExportsQuerySchema } from "./validators"

export const exportMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/exports",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(ListExportsQuerySchema, { isList: true })],
  },
  { matcher: "/admin/marketplace/exports", methods: ["POST"], middlewares: [validateAndTransformBody(CreateExportSchema)] },
]
