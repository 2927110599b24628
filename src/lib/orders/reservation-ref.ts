/**
 * The `external_id` of every reservation made for a channel order (a staged order's holds and an
 * imported order's line reservations): how the quantity formula tells an import that has
 * reserved from one still queued.
 */
export const channelOrderReservationRef = (channelOrderId: string) => `marketplace:${channelOrderId}`
