import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { ListChannelOrdersQuerySchema } from "./validators"

export const channelOrderMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/channel-orders",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(ListChannelOrdersQuerySchema, { isList: true })],
  },
]
