import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  ChannelLocationSchema,
  CreateChannelSchema,
  ListChannelsQuerySchema,
  UpdateChannelLocationSchema,
  UpdateChannelSchema,
} from "./validators"

export const channelMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/channels",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(ListChannelsQuerySchema, { isList: true })],
  },
  { matcher: "/admin/marketplace/channels", methods: ["POST"], middlewares: [validateAndTransformBody(CreateChannelSchema)] },
  { matcher: "/admin/marketplace/channels/:id", methods: ["POST"], middlewares: [validateAndTransformBody(UpdateChannelSchema)] },
  {
    matcher: "/admin/marketplace/channels/:id/locations",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(ChannelLocationSchema)],
  },
  {
    matcher: "/admin/marketplace/channels/:id/locations/:location_id",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(UpdateChannelLocationSchema)],
  },
]
