import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  CreateReconciliationSchema,
  ForceReconcileSchema,
  ListReconciliationsQuerySchema,
  RetrieveReconciliationQuerySchema,
} from "./validators"

export const reconciliationMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/marketplace/reconciliations",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(ListReconciliationsQuerySchema, { isList: true })],
  },
  {
    matcher: "/admin/marketplace/reconciliations",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(CreateReconciliationSchema)],
  },
  {
    matcher: "/admin/marketplace/reconciliations/force",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(ForceReconcileSchema)],
  },
  {
    matcher: "/admin/marketplace/reconciliations/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(RetrieveReconciliationQuerySchema, { isList: true })],
  },
]
