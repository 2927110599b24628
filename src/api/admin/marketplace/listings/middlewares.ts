import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  BatchCreateListingsSchema,
  CreateListingSchema,
  ListListingsQuerySchema,
  UpdateListingSchema,
} from "./validators"

export const listingMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/listings",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(ListListingsQuerySchema, { isList: true })],
  },
  { matcher: "/admin/marketplace/listings", methods: ["POST"], middlewares: [validateAndTransformBody(CreateListingSchema)] },
  {
    matcher: "/admin/marketplace/listings/batch",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(BatchCreateListingsSchema)],
  },
  { matcher: "/admin/marketplace/listings/:id", methods: ["POST"], middlewares: [validateAndTransformBody(UpdateListingSchema)] },
]
