import { sdk } from "./sdk"
import type {
  Channel,
  ChannelListResponse,
  ChannelOrder,
  ChannelOrderListQuery,
  ChannelOrderListResponse,
  ChannelLocation,
  ChannelLocationPayload,
  ConnectionResult,
  CreateChannelPayload,
  CreateExportPayload,
  ExportJob,
  ExportListResponse,
  ForceReconcilePayload,
  ForceReconcileResult,
  Reconciliation,
  ReconciliationDetail,
  CreateListingPayload,
  ForcePushPayload,
  ImportLocationChoice,
  ImportLocationsResponse,
  ForcePushResult,
  Listing,
  ListingListQuery,
  ListingListResponse,
  ListingPreview,
  LocationListResponse,
  MatchFilePayload,
  MatchFileReport,
  MatchPayload,
  MatchSummary,
  SyncCause,
  UpdateListingPayload,
  ProviderListResponse,
  RemoteLocationListResponse,
  SyncLogListQuery,
  SyncLogListResponse,
  SyncNowResult,
  UpdateChannelPayload,
  VariantListingListResponse,
} from "./types"

const BASE = "/admin/marketplace"

// A variant is listed on a handful of channels; the widget shows them all on one page.
const VARIANT_LISTINGS_LIMIT = 100

type DeleteResponse = { id: string; object: string; deleted: boolean }

export const marketplaceApi = {
  listProviders: () => sdk.client.fetch<ProviderListResponse>(`${BASE}/providers`),

  listChannels: (query: { limit: number; offset: number; q?: string }) =>
    sdk.client.fetch<ChannelListResponse>(`${BASE}/channels`, { query }),

  retrieveChannel: (id: string) => sdk.client.fetch<{ channel: Channel }>(`${BASE}/channels/${id}`),

  createChannel: (body: CreateChannelPayload) =>
    sdk.client.fetch<{ channel: Channel }>(`${BASE}/channels`, { method: "POST", body }),

  updateChannel: (id: string, body: UpdateChannelPayload) =>
    sdk.client.fetch<{ channel: Channel }>(`${BASE}/channels/${id}`, { method: "POST", body }),

  deleteChannel: (id: string) =>
    sdk.client.fetch<DeleteResponse>(`${BASE}/channels/${id}`, { method: "DELETE" }),

  testConnection: (id: string) =>
    sdk.client.fetch<{ connection: ConnectionResult }>(`${BASE}/channels/${id}/test-connection`, {
      method: "POST",
      body: {},
    }),

  /** Credentials not saved yet, tested with the provider; the answer is 200 either way. */
  testProviderConnection: (providerId: string, credentials: Record<string, string>) =>
    sdk.client.fetch<ConnectionResult>(`${BASE}/providers/${providerId}/test-connection`, {
      method: "POST",
      body: { credentials },
    }),

  listRemoteLocations: (channelId: string) =>
    sdk.client.fetch<RemoteLocationListResponse>(`${BASE}/channels/${channelId}/remote-locations`),

  importLocations: (channelId: string, locations: ImportLocationChoice[]) =>
    sdk.client.fetch<ImportLocationsResponse>(`${BASE}/channels/${channelId}/locations/import`, {
      method: "POST",
      body: { locations },
    }),

  listLocations: (channelId: string) =>
    sdk.client.fetch<LocationListResponse>(`${BASE}/channels/${channelId}/locations`),

  createLocation: (channelId: string, body: ChannelLocationPayload) =>
    sdk.client.fetch<{ location: ChannelLocation }>(`${BASE}/channels/${channelId}/locations`, {
      method: "POST",
      body,
    }),

  updateLocation: (channelId: string, locationId: string, body: Partial<ChannelLocationPayload>) =>
    sdk.client.fetch<{ location: ChannelLocation }>(`${BASE}/channels/${channelId}/locations/${locationId}`, {
      method: "POST",
      body,
    }),

  deleteLocation: (channelId: string, locationId: string) =>
    sdk.client.fetch<DeleteResponse>(`${BASE}/channels/${channelId}/locations/${locationId}`, {
      method: "DELETE",
    }),

  listListings: ({ matched, ...rest }: ListingListQuery) =>
    sdk.client.fetch<ListingListResponse>(`${BASE}/listings`, {
      query: { ...rest, include_quantity: true, ...(matched === undefined ? {} : { matched }) },
    }),

  createListing: (body: CreateListingPayload) =>
    sdk.client.fetch<{ listing: Listing }>(`${BASE}/listings`, { method: "POST", body }),

  previewListing: (id: string) => sdk.client.fetch<ListingPreview>(`${BASE}/listings/${id}/preview`),

  retrieveListing: (id: string) => sdk.client.fetch<{ listing: Listing }>(`${BASE}/listings/${id}`),

  updateListing: (id: string, body: UpdateListingPayload) =>
    sdk.client.fetch<{ listing: Listing }>(`${BASE}/listings/${id}`, { method: "POST", body }),

  deleteListing: (id: string) => sdk.client.fetch<DeleteResponse>(`${BASE}/listings/${id}`, { method: "DELETE" }),

  explainListing: (id: string) => sdk.client.fetch<{ causes: SyncCause[] }>(`${BASE}/listings/${id}/why`),

  matchListings: (body: MatchPayload) =>
    sdk.client.fetch<{ listings: Listing[] }>(`${BASE}/listings/match`, { method: "POST", body }),

  matchFile: (body: MatchFilePayload) =>
    sdk.client.fetch<MatchFileReport>(`${BASE}/listings/match-file`, { method: "POST", body }),

  importCatalogue: (channelId: string) =>
    sdk.client.fetch<{ summary: MatchSummary }>(`${BASE}/channels/${channelId}/catalogue-import`, { method: "POST", body: {} }),

  autoMatch: (channelId: string) =>
    sdk.client.fetch<{ summary: MatchSummary }>(`${BASE}/channels/${channelId}/auto-match`, { method: "POST", body: {} }),

  listVariantListings: (variantId: string) =>
    sdk.client.fetch<VariantListingListResponse>(`${BASE}/listings`, {
      query: { variant_id: variantId, include_quantity: true, include_sync: true, limit: VARIANT_LISTINGS_LIMIT },
    }),

  syncListing: (id: string) =>
    sdk.client.fetch<SyncNowResult>(`${BASE}/listings/${id}/sync`, { method: "POST", body: {} }),

  syncChannel: (id: string) =>
    sdk.client.fetch<SyncNowResult>(`${BASE}/channels/${id}/sync`, { method: "POST", body: {} }),

  // Statuses go comma-separated: the route accepts that and it keeps the URL readable.
  listSyncLogs: ({ status, ...rest }: SyncLogListQuery) =>
    sdk.client.fetch<SyncLogListResponse>(`${BASE}/sync-logs`, {
      query: { ...rest, ...(status?.length ? { status: status.join(",") } : {}) },
    }),

  forcePush: (body: ForcePushPayload) =>
    sdk.client.fetch<ForcePushResult>(`${BASE}/sync-logs/force-push`, { method: "POST", body }),

  createExport: (body: CreateExportPayload) =>
    sdk.client.fetch<{ export: ExportJob }>(`${BASE}/exports`, { method: "POST", body }),

  listExports: (query: { limit: number; offset: number }) =>
    sdk.client.fetch<ExportListResponse>(`${BASE}/exports`, { query }),

  latestReconciliation: async (channelId: string) =>
    (
      await sdk.client.fetch<{ reconciliations: Reconciliation[] }>(`${BASE}/reconciliations`, {
        query: { channel_id: channelId, limit: 1 },
      })
    ).reconciliations[0] ?? null,

  createReconciliation: (body: { channel_id: string; location_ids?: string[] }) =>
    sdk.client.fetch<{ reconciliation: Reconciliation }>(`${BASE}/reconciliations`, { method: "POST", body }),

  // Statuses go comma-separated, as for the Sync Log.
  retrieveReconciliation: (id: string, { status, ...rest }: { status?: string[]; limit: number; offset: number }) =>
    sdk.client.fetch<ReconciliationDetail>(`${BASE}/reconciliations/${id}`, {
      query: { ...rest, ...(status?.length ? { status: status.join(",") } : {}) },
    }),

  forceReconcile: (body: ForceReconcilePayload) =>
    sdk.client.fetch<ForceReconcileResult>(`${BASE}/reconciliations/force`, { method: "POST", body }),

  // Statuses go comma-separated, as for the Sync Log.
  listChannelOrders: ({ status, ...rest }: ChannelOrderListQuery) =>
    sdk.client.fetch<ChannelOrderListResponse>(`${BASE}/channel-orders`, {
      query: { ...rest, ...(status?.length ? { status: status.join(",") } : {}) },
    }),

  releaseChannelOrder: (id: string) =>
    sdk.client.fetch<{ channel_order: ChannelOrder }>(`${BASE}/channel-orders/${id}/release`, { method: "POST", body: {} }),

  retryChannelOrder: (id: string) =>
    sdk.client.fetch<{ outcome: string; channel_order: ChannelOrder }>(`${BASE}/channel-orders/${id}/retry`, {
      method: "POST",
      body: {},
    }),
}

/**
 * Where the browser fetches a finished export: the admin API path on the backend, sent with the
 * admin's session cookie like any other admin call.
 */
export function downloadHref(path: string): string {
  const base = __BACKEND_URL__ || "/"
  return base === "/" ? path : new URL(path, base).toString()
}
