import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  BatchCreateListingsSchema,
  CreateListingSchema,
  ListListingsQuerySchema,
  MatchFileSchema,
  MatchListingsSchema,
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
  { matcher: "/admin/marketplace/listings/match", methods: ["POST"], middlewares: [validateAndTransformBody(MatchListingsSchema)] },
  {
    matcher: "/admin/marketplace/listings/match-file",
    methods: ["POST"],
    // A base64 .xlsx of 50,000 rows is a few megabytes.
    bodyParser: { sizeLimit: "12mb" },
    middlewares: [validateAndTransformBody(MatchFileSchema)],
  },
  { matcher: "/admin/marketplace/listings/:id", methods: ["POST"], middlewares: [validateAndTransformBody(UpdateListingSchema)] },
]
