import type { StockChange } from "../../../workflows/marketplace/steps/mark-stock-changed"
import { MarkBatcher } from "../mark-batcher"

/** A mark that records what it was given and finishes when the test says so. */
function recorder() {
  const marks: StockChange[] = []
  const finish: (() => void)[] = []
  const fail: ((e: Error) => void)[] = []
  const mark = (change: StockChange) =>
    new Promise<void>((resolve, reject) => {
      marks.push(JSON.parse(JSON.stringify(change)))
      finish.push(resolve)
      fail.push(reject)
    })
  return { marks, finish, fail, mark }
}
const tick = () => new Promise((resolve) => setImmediate(resolve))
const level = (id: string): StockChange => ({ trigger: { event: "inventory-level.updated", id }, inventory_level_ids: [id], stock_moved: true })

describe("MarkBatcher", () => {
  it("marks a burst's changes together, and what arrives during a mark in the next one", async () => {
    const r = recorder()
    const batcher = new MarkBatcher(r.mark)
    const settled: string[] = []
    const first = ["l1", "l2", "l3"].map((id) => batcher.add(level(id)).then(() => settled.push(id)))
    await tick()
    expect(r.marks).toEqual([{ trigger: { event: "inventory-level.updated", id: null }, inventory_level_ids: ["l1", "l2", "l3"], stock_moved: true }])
    // Arrivals while that mark runs wait for a mark of their own, which starts after it.
    const later = ["l4", "l5"].map((id) => batcher.add(level(id)).then(() => settled.push(id)))
    await tick()
    expect(r.marks).toHaveLength(1)
    r.finish[0]()
    await Promise.all(first)
    expect(settled).toEqual(["l1", "l2", "l3"])
    await tick()
    expect(r.marks[1].inventory_level_ids).toEqual(["l4", "l5"])
    r.finish[1]()
    await Promise.all(later)
    expect(settled).toEqual(["l1", "l2", "l3", "l4", "l5"])
  })

  it("keeps the trigger id every merged change shares, and keeps events apart", async () => {
    const r = recorder()
    const batcher = new MarkBatcher(r.mark)
    const order = (id: string): StockChange => ({ trigger: { event: "reservation-item.created", id: "order_1" }, reservation_ids: [id], stock_moved: true })
    const done = [batcher.add(order("r1")), batcher.add(order("r2")), batcher.add(level("l1"))]
    await tick()
    expect(r.marks).toEqual([
      { trigger: { event: "reservation-item.created", id: "order_1" }, reservation_ids: ["r1", "r2"], stock_moved: true },
      { trigger: { event: "inventory-level.updated", id: "l1" }, inventory_level_ids: ["l1"], stock_moved: true },
    ])
    r.finish.forEach((f) => f())
    await Promise.all(done)
  })

  it("rejects every change of a mark that failed, and runs forced marks on their own", async () => {
    const r = recorder()
    const batcher = new MarkBatcher(r.mark)
    const failed = [batcher.add(level("l1")), batcher.add(level("l2"))].map((p) => p.then(() => "ok", (e: Error) => e.message))
    await tick()
    r.fail[0](new Error("database gone"))
    expect(await Promise.all(failed)).toEqual(["database gone", "database gone"])
    const forced = batcher.add({ trigger: { event: "manual" }, channel_ids: ["mch_1"], force: true })
    expect(r.marks.at(-1)).toEqual({ trigger: { event: "manual" }, channel_ids: ["mch_1"], force: true })
    r.finish.at(-1)!()
    await forced
  })
})
