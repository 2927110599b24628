import type { StockChange } from "../../workflows/marketplace/steps/mark-stock-changed"

type Waiter = { resolve: () => void; reject: (error: unknown) => void }
type Batch = { change: StockChange; waiters: Waiter[] }

const ID_LISTS = ["order_ids", "reservation_ids", "inventory_level_ids", "inventory_item_ids", "variant_ids", "listing_ids", "channel_ids"] as const

/**
 * Merges stock changes that arrive while a mark is running into one mark. Medusa's event bus
 * hands a stock count of 500 levels to 500 concurrent subscriber calls; marked one by one they
 * contend for the database (36 s for 500 on two cores), merged they are a few marks. Changes are
 * merged per trigger event; the merged trigger keeps its id when every change had the same one
 * (the reservations of one order) and has none otherwise. Each `add` resolves once a mark that
 * includes its change has committed, or rejects with that mark's error, so a subscriber still
 * finishes only when its change is marked.
 */
export class MarkBatcher {
  private readonly waiting = new Map<string, Batch>()
  private draining = false

  constructor(private readonly mark: (change: StockChange) => Promise<unknown>) {}

  add(change: StockChange): Promise<void> {
    // Forced and targeted marks keep their own run: their options do not merge.
    if (change.force || change.force_targets) {
      return this.mark(change).then(() => undefined)
    }
    return new Promise<void>((resolve, reject) => {
      const key = `${change.trigger.event}|${change.stock_moved ? 1 : 0}`
      const batch = this.waiting.get(key)
      if (batch) {
        batch.change = merge(batch.change, change)
        batch.waiters.push({ resolve, reject })
      } else {
        this.waiting.set(key, { change: copy(change), waiters: [{ resolve, reject }] })
      }
      if (!this.draining) {
        this.draining = true
        // Changes emitted in the same burst join before the first mark starts.
        setImmediate(() => void this.drain())
      }
    })
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.size) {
        const batches = [...this.waiting.values()]
        this.waiting.clear()
        await Promise.all(
          batches.map(async (batch) => {
            try {
              await this.mark(batch.change)
              batch.waiters.forEach((w) => w.resolve())
            } catch (error) {
              batch.waiters.forEach((w) => w.reject(error))
            }
          })
        )
      }
    } finally {
      this.draining = false
    }
  }
}

function copy(change: StockChange): StockChange {
  const result: StockChange = { ...change, trigger: { ...change.trigger } }
  for (const list of ID_LISTS) {
    if (change[list]) {
      result[list] = [...change[list]!]
    }
  }
  return result
}

function merge(into: StockChange, change: StockChange): StockChange {
  for (const list of ID_LISTS) {
    if (change[list]?.length) {
      into[list] = [...new Set([...(into[list] ?? []), ...change[list]!])]
    }
  }
  if ((into.trigger.id ?? null) !== (change.trigger.id ?? null)) {
    into.trigger = { event: into.trigger.event, id: null }
  }
  return into
}
