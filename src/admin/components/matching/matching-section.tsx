import { Button, Container, Input, Table, toast } from "@medusajs/ui"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { useChannels } from "../../hooks/use-channels"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { useListings, useMatchListings } from "../../hooks/use-listings"
import { errorMessage } from "../../lib/errors"
import { plural } from "../../lib/format"
import type { Listing } from "../../lib/types"
import { SectionEmpty, SectionError, SectionLoading } from "../common/query-state"
import { SectionHeader } from "../common/section-header"
import { ListingDrawer } from "../listing-drawer/listing-drawer"
import { ChannelMatchActions } from "./channel-match-actions"
import { ChannelPicker } from "./channel-picker"
import { MatchFileDrawer } from "./match-file-drawer"
import { UnmatchedListingsTable } from "./unmatched-listings-table"

const PAGE_SIZE = 50
const CHANNEL_PICKER_LIMIT = 200

/** Unmatched listings of one channel: accept suggestions (one or ticked), match by hand, import, auto-match, file. */
export const MatchingSection = () => {
  const [params, setParams] = useSearchParams()
  const channels = useChannels({ limit: CHANNEL_PICKER_LIMIT, offset: 0 })
  const list = channels.data?.channels ?? []
  // The URL names the channel (links from a channel's page); otherwise the first one.
  const channelId = params.get("channel_id") ?? list[0]?.id ?? null
  const channel = list.find((c) => c.id === channelId)
  const [q, setQ] = useState("")
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [opened, setOpened] = useState<string | null>(null)
  const search = useDebouncedValue(q.trim())
  const match = useMatchListings()

  const listings = useListings({
    channel_id: channelId ?? "",
    matched: false,
    q: search || undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })
  const rows = channelId ? listings.data?.listings ?? [] : []
  const restart = () => {
    setPageIndex(0)
    setSelected(new Set())
  }

  const accept = (chosen: Listing[]) => {
    const matches = chosen.flatMap((l) => (l.match_suggestion ? [{ listing_id: l.id, variant_id: l.match_suggestion.variant_id }] : []))
    if (!matches.length) {
      return
    }
    match.mutate(
      { matches },
      {
        onSuccess: () => {
          toast.success(matches.length === 1 ? `${chosen[0].channel_sku} matched` : `${plural(matches.length, "suggestion")} accepted`)
          setSelected(new Set())
        },
        onError: (error) => toast.error(errorMessage(error, "The suggestions could not be accepted")),
      }
    )
  }
  const ticked = rows.filter((l) => selected.has(l.id))
  const pageCount = Math.max(1, Math.ceil((listings.data?.count ?? 0) / PAGE_SIZE))

  return (
    <Container className="divide-y p-0">
      <SectionHeader
        title="Matching"
        level="h1"
        description="Channel listings without a variant show 0 and take no orders. Match them here."
        actions={
          channelId ? (
            <>
              <Button size="small" data-action="accept-selected" disabled={!ticked.length} isLoading={match.isPending} onClick={() => accept(ticked)}>
                {ticked.length ? `Accept ${plural(ticked.length, "suggestion")}` : "Accept suggestions"}
              </Button>
              <ChannelMatchActions channelId={channelId} channelName={channel?.name ?? "the channel"} />
              <MatchFileDrawer channelId={channelId} />
            </>
          ) : null
        }
      />
      <div className="flex flex-wrap items-center gap-4 px-6 py-4">
        <ChannelPicker
          channels={list}
          value={channelId}
          onChange={(id) => {
            setParams({ channel_id: id }, { replace: true })
            restart()
          }}
        />
        <div className="w-full max-w-[320px]">
          <Input
            type="search"
            size="small"
            name="q"
            aria-label="Search unmatched listings"
            placeholder="Search SKU, product id or title"
            value={q}
            onChange={(event) => {
              setQ(event.target.value)
              restart()
            }}
          />
        </div>
      </div>
      {channels.isPending || (channelId && listings.isPending) ? (
        <SectionLoading rows={4} />
      ) : channels.isError || listings.isError ? (
        <SectionError error={channels.error ?? listings.error} onRetry={() => (channels.isError ? channels.refetch() : listings.refetch())} />
      ) : !channelId ? (
        <SectionEmpty>No channels yet. Create one on the Marketplaces page.</SectionEmpty>
      ) : !rows.length ? (
        <SectionEmpty>{search ? "No unmatched listings match the search." : "Every listing of this channel is matched."}</SectionEmpty>
      ) : (
        <div>
          <UnmatchedListingsTable
            listings={rows}
            selected={selected}
            onSelectedChange={setSelected}
            onAccept={(listing) => accept([listing])}
            accepting={match.isPending}
            onOpen={(listing) => setOpened(listing.id)}
          />
          <Table.Pagination
            count={listings.data!.count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => {
              setPageIndex((index) => Math.max(0, index - 1))
              setSelected(new Set())
            }}
            nextPage={() => {
              setPageIndex((index) => index + 1)
              setSelected(new Set())
            }}
          />
        </div>
      )}
      <ListingDrawer listingId={opened} onClose={() => setOpened(null)} />
    </Container>
  )
}
