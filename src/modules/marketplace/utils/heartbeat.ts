import type { Logger } from "@medusajs/framework/types"
import type MarketplaceModuleService from "../service"

/**
 * Keeps a round's claim alive: renews the lease of the rows still in flight every quarter lease,
 * and remembers rows that another flusher took over meanwhile (they are not sent).
 */
export class Heartbeat {
  private readonly inFlight: Set<string>
  private readonly lost = new Set<string>()
  private readonly timer: NodeJS.Timeout
  /** When the lease was last known to be renewed (the claim itself counts). */
  private renewedAt = Date.now()

  constructor(
    private readonly service: MarketplaceModuleService,
    private readonly token: string,
    ids: string[],
    private readonly leaseMs: number,
    private readonly logger: Logger
  ) {
    this.inFlight = new Set(ids)
    this.timer = setInterval(() => void this.beat(), Math.max(50, Math.floor(leaseMs / 4)))
    this.timer.unref?.()
  }

  /**
   * Whether the claim still holds the row: not taken over, and the lease surely not run out (a
   * renewal that failed or came late leaves at most three quarters of the lease since the last
   * one that succeeded).
   */
  holds(id: string): boolean {
    return !this.lost.has(id) && Date.now() < this.renewedAt + this.leaseMs * 0.75
  }

  /** Something else renewed the lease (opening the push did) no earlier than `at`. */
  renewedSince(at: number): void {
    this.renewedAt = Math.max(this.renewedAt, at)
  }

  keepOnly(ids: string[]): void {
    const keep = new Set(ids)
    for (const id of this.inFlight) {
      if (!keep.has(id)) {
        this.inFlight.delete(id)
      }
    }
  }

  release(ids: string[]): void {
    ids.forEach((id) => this.inFlight.delete(id))
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private async beat(): Promise<void> {
    const ids = [...this.inFlight]
    if (!ids.length) {
      return
    }
    try {
      const started = Date.now()
      const held = await this.service.renewClaims(this.token, ids, this.leaseMs)
      this.renewedAt = started
      for (const id of ids) {
        if (!held.has(id) && this.inFlight.has(id)) {
          this.lost.add(id)
        }
      }
    } catch (error) {
      this.logger.warn(`marketplace: renewing push leases failed: ${(error as Error).message}`)
    }
  }
}
