/**
 * SQL of the sync outbox (mkt_listing_target). Bulk inputs travel as one JSON parameter expanded
 * with jsonb_to_recordset, so every statement has a fixed shape whatever the batch size.
 */

/** The change may alter what the channel must be told (see MARK_TARGETS). */
const DIRTY = `(:force OR t.claim_token IS NOT NULL OR t.due_at IS NOT NULL
  OR EXCLUDED.desired_quantity IS DISTINCT FROM t.last_pushed_quantity)`

/**
 * Whether a listing may push at all: matched, its "Disable Stock Update" off, its channel's too.
 * Rows that cannot push never become due, so they never sit at the head of the claim index.
 */
const PUSHABLE = (listingId: string) => `EXISTS (
  SELECT 1 FROM mkt_listing l JOIN mkt_channel c ON c.id = l.channel_id AND c.deleted_at IS NULL
  WHERE l.id = ${listingId} AND l.deleted_at IS NULL AND l.sync_enabled AND l.variant_id IS NOT NULL AND c.sync_enabled)`

/**
 * Upserts the computed quantity of every target and marks it dirty. Parameters: rows JSON,
 * trigger event, trigger id, stock moved (boolean), force (boolean). Zero-outs get priority 0,
 * decreases 1, the rest 2.
 *
 * A mark only ever adds dirtiness: it makes a row due when its quantity differs from what the
 * channel was told, when forced, or when a push of it is on the wire (that push's number may
 * predate this change); it never clears a due mark, because this computation may be older than
 * another mark's. The push recomputes every claimed row from current stock and settles without a
 * call where nothing changed, so the number sent is never older than the newest mark.
 * EXCLUDED.due_at carries "pushable" into the conflict branch (null for rows that cannot push).
 */
export const MARK_TARGETS = `
INSERT INTO mkt_listing_target AS t (
  id, listing_id, channel_id, channel_location_id, target_key, location_code, location_external_id,
  variant_sku, desired_quantity, breakdown, computed_at, due_at, marked_at, forced, priority,
  trigger_event, trigger_id, stock_moved_at, created_at, updated_at)
SELECT x.id, x.listing_id, x.channel_id, x.channel_location_id, x.target_key, x.location_code,
  x.location_external_id, x.variant_sku, x.desired, x.breakdown, now(),
  CASE WHEN ${PUSHABLE("x.listing_id")} THEN now() END, now(), :force,
  CASE WHEN x.desired = 0 THEN 0 ELSE 2 END, :event, :trigger_id,
  CASE WHEN :stock_moved THEN now() END, now(), now()
FROM jsonb_to_recordset(:rows::jsonb) AS x(
  id text, listing_id text, channel_id text, channel_location_id text, target_key text,
  location_code text, location_external_id text, variant_sku text, desired integer, breakdown jsonb)
-- One lock order for every writer (marks, claims, settles): sorted ids never deadlock each other.
ORDER BY x.listing_id, x.target_key
ON CONFLICT (listing_id, target_key) WHERE deleted_at IS NULL DO UPDATE SET
  channel_id = EXCLUDED.channel_id,
  channel_location_id = EXCLUDED.channel_location_id,
  location_code = EXCLUDED.location_code,
  location_external_id = EXCLUDED.location_external_id,
  variant_sku = EXCLUDED.variant_sku,
  desired_quantity = EXCLUDED.desired_quantity,
  breakdown = EXCLUDED.breakdown,
  computed_at = EXCLUDED.computed_at,
  stock_moved_at = COALESCE(EXCLUDED.stock_moved_at, t.stock_moved_at),
  due_at = CASE
    WHEN EXCLUDED.due_at IS NULL THEN NULL
    WHEN ${DIRTY} THEN COALESCE(t.due_at, now())
    ELSE t.due_at END,
  marked_at = CASE WHEN EXCLUDED.due_at IS NOT NULL AND ${DIRTY} THEN now() ELSE t.marked_at END,
  forced = CASE WHEN EXCLUDED.due_at IS NULL THEN false ELSE t.forced OR :force END,
  priority = CASE
    WHEN EXCLUDED.desired_quantity = 0 THEN 0
    WHEN EXCLUDED.desired_quantity < t.last_pushed_quantity THEN 1
    ELSE 2 END,
  trigger_event = CASE WHEN ${DIRTY} THEN EXCLUDED.trigger_event ELSE t.trigger_event END,
  trigger_id = CASE WHEN ${DIRTY} THEN EXCLUDED.trigger_id ELSE t.trigger_id END,
  updated_at = now()
RETURNING t.id, t.listing_id, t.channel_id, t.due_at`

/** Marks chosen targets due whatever they were told before (force reconcile of some locations or rows). */
export const FORCE_TARGETS = `
UPDATE mkt_listing_target t SET
  due_at = COALESCE(t.due_at, now()),
  marked_at = now(),
  forced = true,
  trigger_event = :event,
  trigger_id = :trigger_id,
  updated_at = now()
WHERE t.deleted_at IS NULL AND ${PUSHABLE("t.listing_id")}
  AND t.listing_id IN (SELECT jsonb_array_elements_text(:listing_ids::jsonb))
  AND (t.channel_location_id IN (SELECT jsonb_array_elements_text(:location_ids::jsonb))
    OR (t.listing_id || '|' || t.target_key) IN (SELECT jsonb_array_elements_text(:keys::jsonb)))
RETURNING t.id`

/** Removes targets of the given listings that the latest computation no longer has (a location unmapped). */
export const DROP_STALE_TARGETS = `
UPDATE mkt_listing_target t SET deleted_at = now(), updated_at = now()
WHERE t.deleted_at IS NULL
  AND t.listing_id IN (SELECT jsonb_array_elements_text(:listing_ids::jsonb))
  AND (t.listing_id || '|' || t.target_key) NOT IN (SELECT jsonb_array_elements_text(:keys::jsonb))`

/** Keeps the listing's summary columns (sum over its targets) in step with the targets. */
export const REFRESH_LISTING_SUMMARY = `
UPDATE mkt_listing l SET
  desired_quantity = s.desired,
  last_pushed_quantity = s.pushed,
  last_pushed_at = s.pushed_at,
  updated_at = now()
FROM (
  SELECT listing_id,
    sum(desired_quantity)::integer AS desired,
    CASE WHEN bool_and(last_pushed_quantity IS NOT NULL) THEN sum(last_pushed_quantity)::integer END AS pushed,
    max(last_pushed_at) AS pushed_at
  FROM mkt_listing_target
  WHERE deleted_at IS NULL AND listing_id IN (SELECT jsonb_array_elements_text(:listing_ids::jsonb))
  GROUP BY listing_id
) s
WHERE l.id = s.listing_id`

/**
 * Claims up to :limit due rows of one channel whose listing and channel may push, skipping rows
 * another flusher holds (row locks with SKIP LOCKED, plus a lease that outlives the transaction
 * while the push is on the wire and is renewed by heartbeat). Zero-outs, then decreases, then
 * oldest first. `forced` stays on the row until a settle: if this claim's process dies, the
 * forced push is still owed by whoever takes the row over.
 */
export const CLAIM_DUE_TARGETS = `
WITH picked AS (
  SELECT t.id, t.forced
  FROM mkt_listing_target t
  WHERE t.deleted_at IS NULL AND t.channel_id = :channel_id
    AND t.due_at IS NOT NULL AND t.due_at <= now()
    AND t.desired_quantity IS NOT NULL
    AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= now())
    AND (t.claim_token IS NULL OR t.claim_expires_at < now())
    -- Scalar subqueries, not joins: the planner then walks the (channel, priority, due_at) index
    -- and stops at the limit (as joins it sorted every due row: 1.4 s per claim with 100k due).
    AND (SELECT l.sync_enabled AND l.variant_id IS NOT NULL FROM mkt_listing l WHERE l.id = t.listing_id AND l.deleted_at IS NULL)
    AND (SELECT c.sync_enabled FROM mkt_channel c WHERE c.id = t.channel_id AND c.deleted_at IS NULL)
  ORDER BY t.priority, t.due_at
  LIMIT :limit
  FOR UPDATE OF t SKIP LOCKED
)
UPDATE mkt_listing_target t SET
  claim_token = :token,
  attempts = t.attempts + 1,
  claim_expires_at = now() + make_interval(secs => :lease_s),
  claimed_at = now(),
  updated_at = now()
FROM picked p, mkt_listing l, mkt_channel c
WHERE t.id = p.id AND l.id = t.listing_id AND c.id = t.channel_id
RETURNING t.id, t.listing_id, t.channel_id, t.channel_location_id, t.target_key, t.location_code,
  t.location_external_id, t.variant_sku, t.desired_quantity, t.breakdown, t.trigger_event, t.trigger_id,
  t.attempts, t.record_id, t.last_pushed_quantity, p.forced,
  CASE WHEN t.last_channel_quantity_at IS NOT NULL AND (t.last_pushed_at IS NULL OR t.last_channel_quantity_at > t.last_pushed_at)
    THEN t.last_channel_quantity ELSE t.last_pushed_quantity END AS known_quantity,
  l.channel_sku, l.channel_product_id, l.variant_id, c.provider_id`

/**
 * Stores the quantities the push recomputed from current stock for the rows this claim holds;
 * returns the rows still held.
 */
export const STORE_RECOMPUTED = `
UPDATE mkt_listing_target t SET
  desired_quantity = x.quantity,
  breakdown = x.breakdown,
  variant_sku = x.variant_sku,
  computed_at = now(),
  priority = CASE
    WHEN x.quantity = 0 THEN 0
    WHEN x.quantity < t.last_pushed_quantity THEN 1
    ELSE 2 END,
  -- Renews the lease too: this transaction holds the rows' locks, so the heartbeat's renewal waits
  -- for it, and opening thousands of records can outlast a lease.
  claim_expires_at = now() + make_interval(secs => :lease_s),
  updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text, quantity integer, breakdown jsonb, variant_sku text) ORDER BY r.id) x
WHERE t.id = x.id AND t.claim_token = :token
RETURNING t.id`

/**
 * Releases claimed rows without a call: the recomputed quantity is what the channel was last
 * told (or the row has no quantity any more). Still due if a mark came after the claim.
 */
export const RELEASE_UNCHANGED = `
UPDATE mkt_listing_target t SET
  claim_token = NULL, claim_expires_at = NULL, claimed_at = NULL, attempts = 0, next_attempt_at = NULL,
  forced = t.forced AND t.marked_at > t.claimed_at,
  due_at = CASE WHEN t.marked_at > t.claimed_at THEN t.due_at END,
  updated_at = now()
WHERE t.id IN (SELECT jsonb_array_elements_text(:ids::jsonb)) AND t.claim_token = :token
RETURNING t.id`

/**
 * Heartbeat: extends the lease of the rows this claim still holds; returns them. A row already
 * settled Submitted keeps the claim token under a day-long hold: a beat that raced its settle
 * must not shorten that hold back to one lease (the row would be claimed and pushed again while
 * the channel still processes it), so only leases within one lease from now are extended. The
 * new lease counts from when the row is written (clock_timestamp), not from when the statement
 * began: a renewal that waited behind another transaction's row locks (a big mark) must not
 * write a lease that has already run out while its push is on the wire.
 */
export const RENEW_CLAIMS = `
UPDATE mkt_listing_target t SET claim_expires_at = clock_timestamp() + make_interval(secs => :lease_s)
WHERE t.id IN (SELECT jsonb_array_elements_text(:ids::jsonb)) AND t.claim_token = :token
  AND t.claim_expires_at <= clock_timestamp() + make_interval(secs => :lease_s)
RETURNING t.id`

/** Links the claimed rows to their sync records. */
export const SET_RECORD_IDS = `
UPDATE mkt_listing_target t SET record_id = x.record_id
FROM jsonb_to_recordset(:rows::jsonb) AS x(id text, record_id text)
WHERE t.id = x.id AND t.claim_token = :token`

/**
 * A mark after the claim, or a desired quantity other than the one sent, keeps the row due, as
 * long as it may still push (its listing or channel may have been disabled meanwhile).
 */
const STILL_DUE = `(t.marked_at > t.claimed_at OR t.desired_quantity IS DISTINCT FROM x.sent) AND ${PUSHABLE("t.listing_id")}`

/** A settled push paid its force; a mark after the claim may have been forced again (kept, to be safe). */
const FORCE_KEPT = `forced = t.forced AND t.marked_at > t.claimed_at`

/**
 * The channel took the quantity. Rows whose lease was lost to another flusher are left alone:
 * a late answer never overwrites what a newer push settled (RETURNING says which were held).
 */
export const SETTLE_SUCCESS = `
UPDATE mkt_listing_target t SET
  last_pushed_quantity = x.quantity,
  last_pushed_at = now(),
  last_channel_quantity = x.quantity,
  last_channel_quantity_at = now(),
  attempts = 0, next_attempt_at = NULL, record_id = NULL, claim_token = NULL, claim_expires_at = NULL, claimed_at = NULL,
  ${FORCE_KEPT},
  due_at = CASE WHEN ${STILL_DUE} THEN COALESCE(t.due_at, now()) END,
  updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text, quantity integer, sent integer) ORDER BY r.id) x
WHERE t.id = x.id AND t.claim_token = :token
RETURNING t.id`

/**
 * The push failed for good: its sync record ends in Error. A rejection (rejected, not found,
 * auth) waits for a fix or a force push. A push that ran out of retries on transient failures
 * (`cooloff_ms` set) stays due and starts over, as a new push with a new record, after the
 * cool-off: a channel that comes back is caught up without anyone pressing Force Push.
 */
export const SETTLE_FAILURE = `
UPDATE mkt_listing_target t SET
  attempts = 0, record_id = NULL, claim_token = NULL, claim_expires_at = NULL, claimed_at = NULL,
  -- Starting over after a cool-off still owes a forced push.
  forced = t.forced AND (x.cooloff_ms IS NOT NULL OR t.marked_at > t.claimed_at),
  next_attempt_at = CASE WHEN x.cooloff_ms IS NOT NULL THEN now() + make_interval(secs => x.cooloff_ms / 1000.0) END,
  due_at = CASE WHEN (x.cooloff_ms IS NOT NULL AND ${PUSHABLE("t.listing_id")}) OR ${STILL_DUE} THEN COALESCE(t.due_at, now()) END,
  updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text, quantity integer, sent integer, cooloff_ms integer) ORDER BY r.id) x
WHERE t.id = x.id AND t.claim_token = :token
RETURNING t.id`

/** A transient failure or throttling: try again later, keeping the same sync record. */
export const SETTLE_RETRY = `
UPDATE mkt_listing_target t SET
  attempts = x.attempts,
  next_attempt_at = x.next_attempt_at,
  claim_token = NULL, claim_expires_at = NULL, claimed_at = NULL,
  updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text, attempts integer, next_attempt_at timestamptz) ORDER BY r.id) x
WHERE t.id = x.id AND t.claim_token = :token
RETURNING t.id`

/** An asynchronous channel took the update for processing: hold the row until its result is read. */
export const SETTLE_SUBMITTED = `
UPDATE mkt_listing_target t SET
  claim_expires_at = now() + interval '1 day',
  attempts = 0, next_attempt_at = NULL,
  updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text) ORDER BY r.id) x
WHERE t.id = x.id AND t.claim_token = :token
RETURNING t.id`

/**
 * The channel does not take this item's quantity (an Amazon FBA listing): released and no longer
 * due; its listing stops pushing (DISABLE_SKIPPED_LISTINGS), so it never comes back as an error.
 */
export const SETTLE_SKIPPED = `
UPDATE mkt_listing_target t SET
  attempts = 0, next_attempt_at = NULL, record_id = NULL, claim_token = NULL, claim_expires_at = NULL, claimed_at = NULL,
  forced = false, due_at = NULL,
  updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text) ORDER BY r.id) x
WHERE t.id = x.id AND t.claim_token = :token
RETURNING t.id`

/** "Disable Stock Update" with reason channel_fulfilled on listings whose push was skipped. */
export const DISABLE_SKIPPED_LISTINGS = `
UPDATE mkt_listing l SET sync_enabled = false, disabled_reason = 'channel_fulfilled', disabled_note = x.note, updated_at = now()
FROM (SELECT * FROM jsonb_to_recordset(:rows::jsonb) AS r(id text, note text) ORDER BY r.id) x
WHERE l.id = x.id AND l.deleted_at IS NULL`

/**
 * Revisions of listings today: pushes the channel took (Success, or Submitted and not judged
 * yet) since the start of its day. Uses the sync log's listing index.
 */
export const COUNT_REVISIONS = `
SELECT r.listing_id, count(*)::int AS n
FROM mkt_sync_record r
WHERE r.deleted_at IS NULL AND r.channel_id = :channel_id
  AND r.listing_id IN (SELECT jsonb_array_elements_text(:listing_ids::jsonb))
  AND r.status IN ('success', 'submitted') AND COALESCE(r.completed_at, r.submitted_at, r.created_at) >= :since
GROUP BY r.listing_id`

/** When the channel's next retry becomes possible, to wake its lane then. */
export const NEXT_RETRY_AT = `
SELECT min(greatest(t.next_attempt_at, t.due_at)) AS at
FROM mkt_listing_target t
WHERE t.deleted_at IS NULL AND t.channel_id = :channel_id AND t.due_at IS NOT NULL AND t.next_attempt_at > now()`

/**
 * Channels with rows a lane could claim now: due, not waiting for a retry, and unclaimed or
 * with a lease that ran out (its flusher died). The backstop job and flushNow() start their lanes.
 */
export const CLAIMABLE_CHANNELS = `
SELECT DISTINCT t.channel_id
FROM mkt_listing_target t
WHERE t.deleted_at IS NULL AND t.due_at IS NOT NULL AND t.due_at <= now()
  AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= now())
  AND (t.claim_token IS NULL OR t.claim_expires_at < now())`

/** Listings with a target whose stock moved since :since, a page at a time (nightly re-push). */
export const RECENTLY_MOVED_LISTINGS = `
SELECT DISTINCT t.listing_id
FROM mkt_listing_target t
WHERE t.deleted_at IS NULL AND t.stock_moved_at >= :since AND t.listing_id > :after
ORDER BY t.listing_id
LIMIT :limit`

/** Moves final sync rows older than :before to the archive. */
export const ARCHIVE_SYNC_RECORDS = `
UPDATE mkt_sync_record SET archived = true, archived_at = now(), updated_at = now()
WHERE deleted_at IS NULL AND archived = false AND status IN ('success', 'error', 'skipped') AND created_at < :before`

/** Deletes archived rows older than :before. */
export const PRUNE_SYNC_RECORDS = `
DELETE FROM mkt_sync_record WHERE archived = true AND created_at < :before`

/**
 * The rows of the :limit oldest submissions still waiting for the channel's verdict, every row of
 * each (a feed of 10,000 is read as one), oldest submission first. Listing whole submissions, not
 * a fixed number of rows, keeps a big feed from being settled a page per job tick and keeps old
 * pending submissions from hiding newer ones.
 */
export const SUBMITTED_TARGETS = `
WITH waiting AS (
  SELECT t.claim_token, r.submission_id, min(r.submitted_at) AS at
  FROM mkt_listing_target t
  JOIN mkt_sync_record r ON r.id = t.record_id AND r.status = 'submitted'
  WHERE t.deleted_at IS NULL AND t.claim_token IS NOT NULL
  GROUP BY t.claim_token, r.submission_id
  ORDER BY at
  LIMIT :limit)
SELECT t.id, t.listing_id, t.channel_id, t.channel_location_id, t.location_code, t.location_external_id,
  t.variant_sku, r.quantity AS desired_quantity, t.breakdown, t.trigger_event, t.trigger_id, t.attempts,
  t.record_id, t.claim_token, r.submission_id, l.channel_sku, l.channel_product_id, l.variant_id, c.provider_id
FROM waiting w
JOIN mkt_listing_target t ON t.claim_token = w.claim_token AND t.deleted_at IS NULL
JOIN mkt_sync_record r ON r.id = t.record_id AND r.status = 'submitted' AND r.submission_id = w.submission_id
JOIN mkt_listing l ON l.id = t.listing_id
JOIN mkt_channel c ON c.id = t.channel_id
ORDER BY w.at, t.id`

/** Channels with at least :threshold failed pushes since their last alert, with the newest failure. */
export const FAILING_CHANNELS = `
SELECT c.id, c.name, c.code, count(r.id)::int AS failures,
  (array_agg(r.error_code ORDER BY r.completed_at DESC))[1] AS last_error_code,
  (array_agg(r.error_message ORDER BY r.completed_at DESC))[1] AS last_error_message,
  max(r.completed_at) AS last_failed_at
FROM mkt_channel c
JOIN mkt_sync_record r ON r.channel_id = c.id AND r.status = 'error' AND r.deleted_at IS NULL
  AND r.completed_at > COALESCE(c.failure_alerted_at, '-infinity'::timestamptz)
WHERE c.deleted_at IS NULL
GROUP BY c.id
HAVING count(r.id) >= :threshold`
