import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { ForcePushSchema, ListSyncLogsQuerySchema } from "./validators"

export const syncLogMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/sync-logs",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(ListSyncLogsQuerySchema, { isList: true })],
  },
  {
    matcher: "/admin/marketplace/sync-logs/force-push",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(ForcePushSchema)],
  },
]
