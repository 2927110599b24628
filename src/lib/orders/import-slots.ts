/**
 * How many queued channel-order imports one process runs at once. Each import is a Medusa order
 * workflow (a few hundred milliseconds of database work); letting a burst of webhooks start them
 * all at once starves the process, so its own HTTP answers (the channels' next deliveries, the
 * admin) time out. The rest wait here, in arrival order.
 */
const SLOTS = Math.max(1, Number(process.env.MARKETPLACE_ORDER_IMPORT_CONCURRENCY) || 2)

let running = 0
const waiting: (() => void)[] = []

export async function inImportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SLOTS) {
    await new Promise<void>((resolve) => waiting.push(resolve))
  } else {
    running++
  }
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) {
      next()
    } else {
      running--
    }
  }
}
