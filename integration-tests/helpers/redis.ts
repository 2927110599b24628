import { spawnSync } from "node:child_process"

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"

/** Whether Redis answers a PING, decided synchronously (while a test file loads) in a child process. */
export function redisAnswers(url = TEST_REDIS_URL): boolean {
  const probe = `const R=require("ioredis");const c=new R(process.argv[1],{lazyConnect:true,connectTimeout:2000,maxRetriesPerRequest:0,retryStrategy:()=>null});c.connect().then(()=>c.ping()).then(()=>process.exit(0),()=>process.exit(1))`
  return spawnSync(process.execPath, ["-e", probe, url], { cwd: __dirname, timeout: 10_000 }).status === 0
}
