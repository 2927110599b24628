import { defineMiddlewares } from "@medusajs/framework/http"
import { channelMiddlewares } from "./admin/marketplace/channels/middlewares"
import { exportMiddlewares } from "./admin/marketplace/exports/middlewares"
import { listingMiddlewares } from "./admin/marketplace/listings/middlewares"
import { reconciliationMiddlewares } from "./admin/marketplace/reconciliations/middlewares"
import { syncLogMiddlewares } from "./admin/marketplace/sync-logs/middlewares"
import { channelOrderMiddlewares } from "./admin/marketplace/channel-orders/middlewares"
import { importLocationsMiddlewares } from "./admin/marketplace/channels/[id]/locations/import/middlewares"
import { providerMiddlewares } from "./admin/marketplace/providers/middlewares"

export default defineMiddlewares({
  routes: [
    // The signature is checked on the raw bytes before anything is parsed: the route reads the body itself.
    { matcher: "/hooks/marketplace/:channel_id", methods: ["POST"], bodyParser: false },
    ...channelMiddlewares, ...listingMiddlewares, ...syncLogMiddlewares, ...exportMiddlewares, ...reconciliationMiddlewares,
    ...channelOrderMiddlewares, ...providerMiddlewares, ...importLocationsMiddlewares,
  ],
})
