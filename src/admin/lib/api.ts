import { sdk } from "./sdk"
import type {
  Channel,
  ChannelListResponse,
  ChannelLocation,
  ChannelLocationPayload,
  ConnectionResult,
  CreateChannelPayload,
  CreateListingPayload,
  Listing,
  ListingListQuery,
  ListingListResponse,
  ListingPreview,
  LocationListResponse,
  ProviderListResponse,
  UpdateChannelPayload,
} from "./types"

const BASE = "/admin/marketplace"

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
}
