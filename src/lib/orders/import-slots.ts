/**
 * Per-process limits on the work queued channel orders cause. Each import is a Medusa order
 * workflow (a few hundred milliseconds of database work), and counting a queued order's units
 * ahead of it is a plan and a mark; letting a burst of webhooks start them all at once starves
 * the process, so its own HTTP answers (the channels' next deliveries, the admin) time out. The
 * rest wait, in arrival order.
 */
class Slots {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) {
        next()
      } else {
        this.running--
      }
    }
  }
}

const slots = (variable: string, fallback: number) => new Slots(Math.max(1, Number(process.env[variable]) || fallback))

/** Imports at once (`MARKETPLACE_ORDER_IMPORT_CONCURRENCY`, default 2). */
export const importSlots = slots("MARKETPLACE_ORDER_IMPORT_CONCURRENCY", 2)
/**
 * One run of a piece of work at a time, however many ask for it: a request made while a run is
 * going is served by the next run, which starts when that one ends and serves every request
 * made meanwhile. Each request resolves once a run that started after it has finished.
 */
export class SingleFlight {
  private running: Promise<unknown> | null = null
  private next: Promise<void> | null = null

  constructor(private readonly work: () => Promise<unknown>) {}

  request(): Promise<void> {
    if (!this.running) {
      const run = this.work().finally(() => {
        this.running = null
      })
      this.running = run
      return run.then(() => undefined)
    }
    if (!this.next) {
      this.next = this.running
        .catch(() => undefined)
        .then(() => {
          this.next = null
          return this.request()
        })
    }
    return this.next
  }
}
